package dev.costmon.budget;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One evaluated threshold: a cap, a forecast, a quota, the global cap or an account's freshness.
 *
 * @param account the account id, or empty for the global cap
 * @param name what is measured: {@code cap}, {@code forecast}, {@code quota:<metric>}, {@code freshness}
 * @param ratio the measured fraction of the limit, when there is one (for perfdata)
 */
public record ThresholdResult(
    Status status,
    Optional<String> account,
    String name,
    String message,
    Optional<BigDecimal> ratio,
    Optional<BigDecimal> warnAt,
    Optional<BigDecimal> criticalAt) {

  public boolean breached() {
    return status != Status.OK;
  }

  /** The perfdata label, e.g. {@code ionos_cap}. */
  public String label() {
    return account.map(a -> a + "_").orElse("total_") + name.replace(':', '_');
  }
}
