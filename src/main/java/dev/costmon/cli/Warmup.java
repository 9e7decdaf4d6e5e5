package dev.costmon.cli;

import dev.costmon.config.ConfigLoader;
import dev.costmon.http.HttpEngine;
import dev.costmon.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Start-up work moved off the critical path: on a daemon thread, the one-time initialisations the
 * invoked command will need (the YAML parser, sqlite's native library, the TLS defaults, for some
 * the HTTP client's classes) run while
 * the main thread builds the command line and reads the config. A JVM has a second core idle at
 * start-up, so this shortens every command; the work is done once either way, and nothing here
 * changes behaviour: should the main thread get there first, it simply does the work itself.
 */
public final class Warmup {
  private static final Set<String> WITHOUT_DATABASE = Set.of("config", "notify");
  private static final Set<String> NETWORK = Set.of("collect", "doctor", "notify");
  /**
   * Commands whose warm-up also sends one loopback request. The demo sends none, but it is the
   * class-data archive's training run (prepare-startup): the exchange puts the HTTP client's classes
   * in the archive. Not collect: its second client, threads and garbage, beside up to 64 accounts'
   * own, cost it 6-7 MB of peak memory (bench/README.md, issue 22), and the archive holds the classes.
   */
  private static final Set<String> EXCHANGE = Set.of("doctor", "notify", "demo");

  private Warmup() {}

  /** Starts the warm-up for the command {@code args} name; returns at once. */
  public static void start(String... args) {
    List<Runnable> steps = steps(Invocation.subcommand(args, CostmonCommand.SUBCOMMANDS.keySet()));
    if (steps.isEmpty()) {
      return;
    }
    Thread thread = new Thread(() -> steps.forEach(Warmup::quietly), "costmon-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  static List<Runnable> steps(Optional<String> command) {
    List<Runnable> steps = new ArrayList<>();
    if (command.isEmpty()) {
      return steps;
    }
    String name = command.get();
    steps.add(ConfigLoader::warmUp);
    if (NETWORK.contains(name)) {
      steps.add(HttpEngine::warmUp);
    }
    if (EXCHANGE.contains(name)) {
      steps.add(HttpEngine::warmUpExchange);
    }
    if (!WITHOUT_DATABASE.contains(name)) {
      steps.add(Database::warmUp);
    }
    return steps;
  }

  private static void quietly(Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | LinkageError e) {
      // The main thread meets the same failure where it needs the part, and reports it there.
    }
  }
}
