package dev.costmon.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenMetricsTextTest {

  @Test
  void escapesBackslashQuoteAndLineFeedOnly() {
    assertThat(OpenMetricsText.escape("a\\b\"c\nd\te é")).isEqualTo("a\\\\b\\\"c\\nd\te é");
    assertThat(OpenMetricsText.escape("")).isEmpty();
  }

  @Test
  void labelsAreWrittenInOrderWithEscapedValues() {
    TreeMap<String, String> labels = new TreeMap<>();
    labels.put("provider", "x");
    labels.put("account", "a\"b");

    assertThat(OpenMetricsText.labels(labels)).isEqualTo("{account=\"a\\\"b\",provider=\"x\"}");
  }

  @ParameterizedTest
  @CsvSource({
      "1.2300, 1.23",
      "0.000, 0",
      "1E+3, 1000",
      "-0.50, -0.5",
      "12345678901234567890.123, 12345678901234570000",
      "0.1234567890123456789, 0.1234567890123457"})
  void numbersArePlainDecimals(String value, String expected) {
    assertThat(OpenMetricsText.number(new BigDecimal(value))).isEqualTo(expected);
  }
}
