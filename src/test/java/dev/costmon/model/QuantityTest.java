package dev.costmon.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityTest {
  @ParameterizedTest
  @CsvSource({
      "8GB, 8000000000, bytes",
      "0.5GB, 500000000, bytes",
      "10GiB, 10737418240, bytes",
      "1M, 1000000, count",
      "100k, 100000, count",
      "1000000, 1000000, count",
      "4h, 14400, seconds",
      "360GB-h, 360, gb_hours"})
  void parsesShortForms(String text, String value, String unit) {
    Quantity q = Quantity.parse(text);
    assertThat(q.value()).isEqualByComparingTo(new BigDecimal(value));
    assertThat(q.unit()).isEqualTo(unit);
  }

  @ParameterizedTest
  @CsvSource({"count, requests, true", "count, bytes, false", "bytes, bytes, true", "seconds, bytes, false"})
  void aCountQuotaFitsAnyCountedMetric(String quotaUnit, String metricUnit, boolean fits) {
    assertThat(new Quantity(BigDecimal.ONE, quotaUnit).fits(metricUnit)).isEqualTo(fits);
  }
}
