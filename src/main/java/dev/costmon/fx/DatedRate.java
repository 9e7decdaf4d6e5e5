package dev.costmon.fx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * The rate a month's figures in {@code currency} were converted with: one unit is {@code rate} of the
 * reporting currency, valid from {@code day}, from {@code source} ({@code config}).
 *
 * @param recorded false for a rate of the config not stored yet (no collect since it was written)
 */
public record DatedRate(Currency currency, BigDecimal rate, LocalDate day, String source, boolean recorded) {
  public DatedRate {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(source, "source");
  }
}
