package dev.costmon.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a channel can subscribe to with {@code events:}. A channel named in {@code on_hard_cap} gets
 * none of these unless it lists them: a receiver that revokes keys must not hear of a soft warning.
 */
public enum Event {
  /** A threshold entered WARNING. */
  WARNING,
  /** A threshold entered CRITICAL. */
  CRITICAL,
  /** An account's data is stale, or its provider named a condition. */
  UNKNOWN,
  /** A threshold told before is OK again. */
  RESOLVED,
  /** A hard cap was reached (the message to the channels, beside any on_hard_cap action). */
  HARD_CAP,
  /** The scheduled summary of {@code costmon digest --notify}. */
  DIGEST;

  /** The name as written under {@code events:}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Event> of(String key) {
    return Arrays.stream(values()).filter(e -> e.key().equals(key)).findFirst();
  }
}
