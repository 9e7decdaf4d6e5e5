package dev.costmon.http;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: 0.5 s, 1 s, 2 s... capped at 30 s, each drawn between half and
 * all of that, so collectors started by the same timer do not retry in lockstep.
 */
final class Backoff {
  static final Duration BASE = Duration.ofMillis(500);
  static final Duration CAP = Duration.ofSeconds(30);

  private Backoff() {}

  /** The wait after failed attempt number {@code attempt} (1-based). */
  static Duration after(int attempt, RandomGenerator random) {
    long ceiling = BASE.toMillis() << Math.min(attempt - 1, 16);
    ceiling = Math.min(ceiling, CAP.toMillis());
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half)));
  }
}
