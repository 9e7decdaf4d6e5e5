package dev.costmon.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The command that starts this costmon, as a user would type it again: {@code costmon} from the
 * package's launcher on the PATH, {@code java -jar target/costmon.jar} from a build. Hints such as the
 * demo's "Explore: ..." print it, so that they work when pasted.
 */
public final class SelfCommand {
  private static final String PACKAGED = "/usr/bin/costmon";

  private SelfCommand() {}

  /**
   * @param launcher how the packaged launcher was called ({@code $0}), when it was
   * @param jar the jar costmon runs from, when it runs from one
   * @param workingDir where a relative path in the command is relative to
   */
  public static String of(Optional<String> launcher, Optional<Path> jar, Path workingDir) {
    if (launcher.isPresent()) {
      String called = launcher.get();
      // No slash: the shell found it on the PATH; the package's own path is on everybody's PATH.
      return !called.contains("/") || called.equals(PACKAGED) ? "costmon" : quoted(called);
    }
    return jar.map(j -> "java -jar " + quoted((j.startsWith(workingDir) ? workingDir.relativize(j) : j).toString()))
        .orElse("costmon");
  }

  private static String quoted(String word) {
    return word.matches("[A-Za-z0-9_./@%+=:,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
