package dev.costmon.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits between retries; injected so tests neither sleep nor depend on timing. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  /** Really sleeps the current thread. */
  static Sleeper system() {
    return d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
  }
}
