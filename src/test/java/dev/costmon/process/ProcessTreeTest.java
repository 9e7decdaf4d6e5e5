package dev.costmon.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTest {
  @Test
  void killsTheShellBeforeItCanRunItsNextCommandAndKillsItsChildren(@TempDir Path dir) throws Exception {
    Path marker = dir.resolve("ran-on");
    Process shell = new ProcessBuilder("sh", "-c", "sleep 1; touch '" + marker + "'").start();
    List<ProcessHandle> children = List.of();
    for (int i = 0; i < 100 && children.isEmpty(); i++) {
      Thread.sleep(10);
      children = shell.descendants().toList();
    }
    assertThat(children).as("the shell's sleep").isNotEmpty();

    ProcessTree.kill(shell);

    assertThat(shell.waitFor(5, TimeUnit.SECONDS)).isTrue();
    for (ProcessHandle child : children) {
      child.onExit().get(5, TimeUnit.SECONDS);
      assertThat(child.isAlive()).isFalse();
    }
    Thread.sleep(1500);
    assertThat(marker).doesNotExist();
  }
}
