package dev.costmon.provider.vercel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VercelMetricTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "Function Invocations              | function_invocations",
      "Serverless Function Invocations   | function_invocations",
      "Vercel Functions - Invocations    | function_invocations",
      "Fluid Active CPU                  | active_cpu",
      "Function Active CPU               | active_cpu",
      "Fluid Provisioned Memory          | provisioned_memory",
      "FAST DATA TRANSFER                | fast_data_transfer",
      "Edge Requests                     | edge_requests",
      "edge_request                      | edge_requests",
      "Edge Request CPU Duration         | -",
      "Fast Origin Transfer              | -",
      "Edge Middleware Invocations       | -",
      "Serverless Function Execution     | -",
      "Build Minutes                     | -"})
  void servicesAreRecognisedByKeywords(String service, String metric) {
    assertThat(VercelMetric.forService(service).map(VercelMetric::metric)).isEqualTo(Optional.ofNullable(metric));
  }

  @ParameterizedTest(name = "{1} {2} -> {3}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "ACTIVE_CPU           | 1500       | ms           | 1.500",
      "ACTIVE_CPU           | 90         | Seconds      | 90",
      "ACTIVE_CPU           | 1.5        | CPU-Hours    | 5400.0",
      "ACTIVE_CPU           | 2          | minutes      | 120",
      "ACTIVE_CPU           | 2          | GB           | -",
      "PROVISIONED_MEMORY   | 648000     | GB-Seconds   | 180",
      "PROVISIONED_MEMORY   | 1          | GB-Seconds   | 0.0002777777777777777777777777777777778",
      "PROVISIONED_MEMORY   | 12.5       | GB-Hrs       | 12.5",
      "PROVISIONED_MEMORY   | 12.5       | GB-Hours     | 12.5",
      "PROVISIONED_MEMORY   | 12.5       | Hours        | -",
      "FAST_DATA_TRANSFER   | 1.5        | GB           | 1500000000",
      "FAST_DATA_TRANSFER   | 1          | GiB          | 1073741824",
      "FAST_DATA_TRANSFER   | 250        | MB           | 250000000",
      "FAST_DATA_TRANSFER   | 42         | bytes        | 42",
      "FAST_DATA_TRANSFER   | 3          | MIUs         | -",
      "FUNCTION_INVOCATIONS | 1000       | Invocations  | 1000",
      "FUNCTION_INVOCATIONS | 1000       | -            | 1000",
      "FUNCTION_INVOCATIONS | 0.25       | 1M Invocations | 250000.00",
      "EDGE_REQUESTS        | 7          | Requests     | 7",
      "EDGE_REQUESTS        | 7          | count        | 7",
      "EDGE_REQUESTS        | 7          | GB           | -"})
  void quantitiesAreConvertedToTheBaseUnit(VercelMetric metric, String quantity, String unit, String expected) {
    Optional<BigDecimal> value = metric.toBaseUnit(new BigDecimal(quantity), unit);
    assertThat(value.map(BigDecimal::toPlainString)).isEqualTo(Optional.ofNullable(expected));
  }
}
