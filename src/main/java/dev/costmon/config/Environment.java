package dev.costmon.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What costmon reads from the process it runs in, passed explicitly so tests control all of it:
 * environment variables, the working directory, the home directory and whether stdout is a terminal.
 */
public record Environment(Map<String, String> variables, Path workingDir, Path home, boolean terminal) {

  public Environment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(workingDir, "workingDir");
    Objects.requireNonNull(home, "home");
  }

  public static Environment ofProcess() {
    return new Environment(
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("user.home")),
        System.console() != null);
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
}
