package dev.costmon.budget;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One evaluated threshold: a cap, a forecast, a quota, the global cap or an account's freshness.
 *
 * @param account the account id, or empty for the global cap
 * @param name what is measured: {@code cap}, {@code forecast}, {@code quota:<metric>}, {@code freshness}
 * @param ratio the measured fraction of the limit, when there is one (for perfdata); for a floor, the
 *     level over the floor (1 = at the floor, 0 = nothing left)
 */
public record ThresholdResult(
    Status status,
    Optional<String> account,
    String name,
    String message,
    Optional<BigDecimal> ratio,
    Optional<BigDecimal> warnAt,
    Optional<BigDecimal> criticalAt) {

  /** The name of the global cap's subject wherever an account id would stand: text, JSON, perfdata, messages. */
  public static final String TOTAL = "total";

  public boolean breached() {
    return status != Status.OK;
  }

  /** The account id, or {@link #TOTAL} for the global cap. */
  public String subject() {
    return account.orElse(TOTAL);
  }

  /** A floor (prepaid credits) is breached below its limits; every other threshold at or above them. */
  public boolean lowerLimit() {
    return name.startsWith("floor:");
  }

  /** The perfdata label, e.g. {@code ionos_cap}. */
  public String label() {
    return subject() + "_" + name.replace(':', '_');
  }
}
