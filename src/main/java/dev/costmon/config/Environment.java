package dev.costmon.config;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What costmon reads from the process it runs in, passed explicitly so tests control all of it:
 * environment variables, the working directory, the home directory, whether stdout is a terminal and
 * how wide that terminal is.
 *
 * @param terminalColumns the terminal's width in columns, 0 when unknown; asked only when needed
 */
public record Environment(
    Map<String, String> variables, Path workingDir, Path home, boolean terminal, IntSupplier terminalColumns) {

  public Environment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(terminalColumns, "terminalColumns");
  }

  /** An environment whose terminal width, if any, is unknown (COLUMNS still counts). */
  public Environment(Map<String, String> variables, Path workingDir, Path home, boolean terminal) {
    this(variables, workingDir, home, terminal, () -> 0);
  }

  public static Environment ofProcess() {
    return new Environment(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("user.home")),
        System.console() != null,
        Environment::ttyColumns);
  }

  public String get(String name) {
    return variables.get(name);
  }

  /** Resolves a path against the working directory, expanding a leading {@code ~/}. */
  public Path resolve(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return home.resolve(path.substring(Math.min(2, path.length())));
    }
    return workingDir.resolve(path);
  }

  /**
   * The controlling terminal's width from {@code stty size}: the JDK cannot ask the terminal itself,
   * and shells do not export COLUMNS. 0 when there is no terminal or stty fails.
   */
  private static int ttyColumns() {
    try {
      Process stty = new ProcessBuilder("stty", "size")
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/tty")))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
        stty.destroy();
        return 0;
      }
      String[] rowsColumns = out.split("\\s+");
      return rowsColumns.length == 2 ? Integer.parseInt(rowsColumns[1]) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
