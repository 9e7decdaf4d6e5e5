package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelfCommandTest {
  private static final Path HOME = Path.of("/home/ana/costmon");

  @Test
  void aBuiltJarBelowTheWorkingDirectoryIsNamedRelativeToIt() {
    assertThat(SelfCommand.of(Optional.empty(), Optional.of(HOME.resolve("target/costmon.jar")), HOME))
        .isEqualTo("java -jar target/costmon.jar");
    assertThat(SelfCommand.of(Optional.empty(), Optional.of(Path.of("/opt/my tools/costmon.jar")), HOME))
        .isEqualTo("java -jar '/opt/my tools/costmon.jar'");
  }

  @Test
  void thePackagedLauncherIsCostmonUnlessRunFromElsewhere() {
    Optional<Path> jar = Optional.of(Path.of("/usr/share/costmon/costmon.jar"));
    assertThat(SelfCommand.of(Optional.of("costmon"), jar, HOME)).isEqualTo("costmon");
    assertThat(SelfCommand.of(Optional.of("/usr/bin/costmon"), jar, HOME)).isEqualTo("costmon");
    assertThat(SelfCommand.of(Optional.of("/tmp/root/usr/bin/costmon"), jar, HOME)).isEqualTo("/tmp/root/usr/bin/costmon");
  }

  @Test
  void classesOutsideAJarAreCostmon() {
    assertThat(SelfCommand.of(Optional.empty(), Optional.empty(), HOME)).isEqualTo("costmon");
  }
}
