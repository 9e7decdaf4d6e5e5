package dev.costmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  private Optional<Duration> parse(String header) {
    return RetryAfter.parse(Optional.ofNullable(header), clock);
  }

  @Test
  void readsDeltaSeconds() {
    assertThat(parse("120")).contains(Duration.ofSeconds(120));
    assertThat(parse(" 0 ")).contains(Duration.ZERO);
  }

  @Test
  void readsHttpDates() {
    assertThat(parse("Sun, 22 Nov 2026 10:01:30 GMT")).contains(Duration.ofSeconds(90));
    assertThat(parse("Sun, 22 Nov 2026 09:00:00 GMT")).contains(Duration.ZERO);
  }

  @Test
  void treatsHugeValuesAsForever() {
    assertThat(parse("99999999999999999999"))
        .hasValueSatisfying(d -> assertThat(d).isGreaterThan(Duration.ofDays(300)));
  }

  @Test
  void ignoresAbsentAndUnreadableValues() {
    assertThat(parse(null)).isEmpty();
    assertThat(parse("soon")).isEmpty();
    assertThat(parse("-5")).isEmpty();
    assertThat(parse("1.5")).isEmpty();
  }
}
