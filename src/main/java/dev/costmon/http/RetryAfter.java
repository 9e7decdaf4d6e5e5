package dev.costmon.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a Retry-After header: delta-seconds or an HTTP-date (RFC 9110 section 10.2.3). */
final class RetryAfter {
  /** Beyond any sane bound; keeps absurd values from overflowing Duration arithmetic. */
  private static final Duration FOREVER = Duration.ofDays(365);

  private RetryAfter() {}

  /** The wait the server asks for, never negative; empty when absent or unreadable. */
  static Optional<Duration> parse(Optional<String> header, Clock clock) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().strip();
    if (value.matches("\\d+")) {
      // A long digit string is still "wait", just far too long: treat it as forever, not as absent.
      if (value.length() > 9) {
        return Optional.of(FOREVER);
      }
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), when.toInstant());
      if (wait.isNegative()) {
        return Optional.of(Duration.ZERO);
      }
      return Optional.of(wait.compareTo(FOREVER) > 0 ? FOREVER : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
