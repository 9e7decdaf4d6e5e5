package dev.costmon.config;

import java.net.URI;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the rates of {@code fx:} come from besides its own numbers ({@code fx: {source: ecb}}), and
 * how old the rate a month is converted with may grow before {@code check} warns.
 *
 * @param name {@code config} (only the numbers written under {@code fx:}) or {@code ecb}
 * @param endpoint where the ECB's {@code eurofxref} files are read (proxies, tests)
 * @param maxAge the age of the current month's rate past which {@code check} warns; none for the
 *     config's own numbers unless set, 7 days for the ECB's (it publishes on working days only)
 */
public record FxSource(String name, URI endpoint, Optional<Duration> maxAge) {
  public static final String CONFIG = "config";
  public static final String ECB = "ecb";
  /** The directory of the ECB's euro foreign exchange reference rates. */
  public static final URI ECB_ENDPOINT = URI.create("https://www.ecb.europa.eu/stats/eurofxref/");
  /** A long weekend or the Easter holidays leave the ECB's newest rate up to five days old. */
  public static final Duration ECB_MAX_AGE = Duration.ofDays(7);
  /** Only the numbers written under {@code fx:}. */
  public static final FxSource NONE = new FxSource(CONFIG, ECB_ENDPOINT, Optional.empty());

  /**
   * The currencies the ECB publishes a daily euro reference rate for (HRK ended with Croatia's euro
   * in 2023, RUB was suspended in 2022; BGN is listed while the ECB still publishes it). The euro is
   * the base of every rate.
   */
  private static final Set<String> ECB_CURRENCIES = Set.of("EUR", "USD", "JPY", "BGN", "CZK", "DKK", "GBP", "HUF",
      "PLN", "RON", "SEK", "CHF", "ISK", "NOK", "TRY", "AUD", "BRL", "CAD", "CNY", "HKD", "IDR", "ILS", "INR",
      "KRW", "MXN", "MYR", "NZD", "PHP", "SGD", "THB", "ZAR");

  public FxSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(maxAge, "maxAge");
    if (!name.equals(CONFIG) && !name.equals(ECB)) {
      throw new IllegalArgumentException("source: '" + name + "' is not a rate source; use config or ecb");
    }
  }

  public boolean ecb() {
    return name.equals(ECB);
  }

  /** Whether this source supplies a rate for {@code currency} (the config's numbers are not counted). */
  public boolean publishes(Currency currency) {
    return ecb() && ECB_CURRENCIES.contains(currency.getCurrencyCode());
  }

  /** The ECB's currencies, for messages. */
  public static String ecbCurrencies() {
    return new TreeSet<>(ECB_CURRENCIES).stream().collect(Collectors.joining(", "));
  }
}
