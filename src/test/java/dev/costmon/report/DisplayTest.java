package dev.costmon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DisplayTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void percentReachesAHundredOnlyAtTheCap() {
    assertThat(Display.percent(new BigDecimal("0.9999"))).isEqualTo("99%");
    assertThat(Display.percent(BigDecimal.ONE)).isEqualTo("100%");
    assertThat(Display.percent(new BigDecimal("0.0049"))).isEqualTo("0%");
    assertThat(Display.percent(new BigDecimal("12.345"))).isEqualTo("1234%");
    assertThat(Display.percent(BigDecimal.valueOf(Long.MAX_VALUE))).isEqualTo(">99999%");
  }

  @Test
  void bytesInDecimalGigabytes() {
    assertThat(Display.usage(new BigDecimal("8000000000"), "bytes")).isEqualTo("8.00 GB");
    assertThat(Display.usage(new BigDecimal("1234567890"), "bytes")).isEqualTo("1.23 GB");
    assertThat(Display.usage(new BigDecimal("15000000"), "bytes")).isEqualTo("0.02 GB");
  }

  @Test
  void secondsInHoursAndGigabyteHours() {
    assertThat(Display.usage(new BigDecimal("14400"), "seconds")).isEqualTo("4.0 h");
    assertThat(Display.usage(new BigDecimal("5400"), "seconds")).isEqualTo("1.5 h");
    assertThat(Display.usage(new BigDecimal("360"), "gb_hours")).isEqualTo("360.00 GB-h");
  }

  @Test
  void countsWithSuffixes() {
    assertThat(Display.usage(new BigDecimal("950"), "count")).isEqualTo("950");
    assertThat(Display.usage(new BigDecimal("12345"), "count")).isEqualTo("12.3k");
    assertThat(Display.usage(new BigDecimal("1000000"), "count")).isEqualTo("1M");
    assertThat(Display.usage(new BigDecimal("999960"), "count")).isEqualTo("1M");
    assertThat(Display.usage(new BigDecimal("2500000000"), "count")).isEqualTo("2.5G");
    assertThat(Display.usage(new BigDecimal("1234567"), "tokens")).isEqualTo("1.2M tokens");
  }

  @Test
  void agesInTheLargestUsefulUnit() {
    assertThat(Display.ago(NOW.minusSeconds(20), NOW)).isEqualTo("just now");
    assertThat(Display.ago(NOW.plusSeconds(600), NOW)).isEqualTo("just now");
    assertThat(Display.ago(NOW.minus(Duration.ofMinutes(45)), NOW)).isEqualTo("45m ago");
    assertThat(Display.ago(NOW.minus(Duration.ofHours(37)), NOW)).isEqualTo("37h ago");
    assertThat(Display.ago(NOW.minus(Duration.ofDays(3)), NOW)).isEqualTo("3d ago");
  }
}
