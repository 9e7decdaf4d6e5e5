package dev.costmon.notify;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When a breach already told is told again.
 *
 * @param repeat empty: each level of a breach is sent once per billing period (the default);
 *     otherwise an ongoing breach is sent again after this long
 * @param minInterval no breach message about a threshold reaches a channel within this time of the
 *     previous message about it (a new outage right after one resolved, a repeat); escalations
 *     (WARNING to CRITICAL) and resolutions are sent at once. Default 24h.
 */
public record Debounce(Optional<Duration> repeat, Duration minInterval) {
  public static final Debounce DEFAULT = new Debounce(Optional.empty(), Duration.ofHours(24));

  public Debounce {
    Objects.requireNonNull(repeat, "repeat");
    Objects.requireNonNull(minInterval, "minInterval");
  }
}
