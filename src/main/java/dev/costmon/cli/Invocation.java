package dev.costmon.cli;

import java.util.Optional;
import java.util.Set;

/**
 * Which subcommand the arguments name, found before picocli parses them, so that start-up work can
 * be limited to that command. Only the global options come before a subcommand, and of those only
 * {@code -c}/{@code --config} takes a separate value.
 */
final class Invocation {
  private Invocation() {}

  /**
   * The subcommand named by the first argument that is neither a global option nor its value; empty
   * when that argument is no known subcommand (a typo, {@code --help}, nothing at all).
   */
  static Optional<String> subcommand(String[] args, Set<String> names) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-c") || arg.equals("--config")) {
        i++;
      } else if (!arg.startsWith("-")) {
        return names.contains(arg) ? Optional.of(arg) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
