package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.costmon.config.Environment;
import dev.costmon.provider.ProviderRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command whose output could not be written does not end as if it had worked. */
class StandardOutputTest {
  @TempDir Path dir;

  @Test
  void aFullDiskUnderARedirectionIsAnErrorWithItsOwnExitCode() throws Exception {
    Path devFull = Path.of("/dev/full");
    assumeTrue(Files.isWritable(devFull), "needs /dev/full");
    Process p = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.costmon.Main", "--help"))
        .directory(dir.toFile()).redirectOutput(devFull.toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(ExitCodes.IO);
    assertThat(Files.readAllLines(dir.resolve("err.txt")))
        .containsExactly("costmon: could not write the output: no space left on device; what was written is incomplete");
  }

  @Test
  void aCheckThatCannotAnswerIsUnknown() {
    Run r = runWritingTo(failing("No space left on device"), "check", "-c", "missing.yaml");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("costmon: could not write the output: no space left on device");
  }

  @Test
  void aReaderThatWentAwayIsNoError() {
    Run r = runWritingTo(failing("Broken pipe"), "--help");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void outputThatWasWrittenChangesNothing() {
    Run r = runWritingTo(OutputStream.nullOutputStream(), "--help");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
  }

  private record Run(int code, String err) {}

  private Run runWritingTo(OutputStream stdout, String... args) {
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(StandardOutput.over(stdout), new PrintWriter(err, true),
        new Environment(Map.of("HOME", dir.toString()), dir, dir, false, () -> 0), Clock.systemUTC(),
        ProviderRegistry.builtIn(), "costmon");
    return new Run(Cli.run(context, args), err.toString());
  }

  private static OutputStream failing(String message) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException(message);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException(message);
      }
    };
  }
}
