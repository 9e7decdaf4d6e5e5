package dev.costmon.fx;

import dev.costmon.config.FxRates;
import dev.costmon.config.FxSource;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Http;
import dev.costmon.provider.ProviderException;
import dev.costmon.store.ExchangeRates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Fetches the ECB's reference rates during a collect and stores each day's rates into the reporting
 * currency (source {@code ecb}): the 90-day history when costmon has none of the last days (first use,
 * a collect missed for a while), else the day's file. A failed fetch never fails the collect: the
 * stored rates go on converting, and the result says how old they are; only when a currency that is
 * needed has no stored rate at all is the fetch a failure.
 */
public final class EcbFeed {
  static final String DAILY = "eurofxref-daily.xml";
  static final String HISTORY = "eurofxref-hist-90d.xml";
  /** A Friday's rate on Monday is normal; older than this, days are missing and the history fills them. */
  private static final int GAP_DAYS = 4;

  private final Http http;
  private final ExchangeRates store;

  public EcbFeed(Http http, ExchangeRates store) {
    this.http = http;
    this.store = store;
  }

  /**
   * What one fetch did.
   *
   * @param stored rates stored by this fetch
   * @param newest the newest day the ECB has a stored rate for, after the fetch
   * @param problem why the fetch failed, in one line; empty when it worked
   * @param missing currencies that are needed and have no stored ECB rate (a failure when not empty)
   */
  public record Outcome(int stored, Optional<LocalDate> newest, Optional<String> problem, Set<String> missing) {
    public Outcome {
      missing = Set.copyOf(missing);
    }

    /** The one line for the user: a note when stored rates carry on, the failure when none does. */
    public Optional<String> message(LocalDate today) {
      if (problem.isEmpty()) {
        return Optional.empty();
      }
      if (!missing.isEmpty()) {
        return Optional.of("fx: " + problem.get() + ", and no ECB rate for " + String.join(", ", new TreeSet<>(missing))
            + " is stored yet, so those figures cannot be converted; collect again when the ECB answers, or write"
            + " your own rates under fx: without source: ecb");
      }
      return Optional.of("fx: " + problem.get() + newest.map(day -> "; the stored rates of " + day + " ("
          + Ages.days(day, today) + ") go on converting").orElse(""));
    }
  }

  /**
   * Fetches and stores the ECB's rates into {@code config}'s reporting currency.
   *
   * @param needed currencies the accounts and caps use, for which a stored rate must exist
   */
  public Outcome update(FxRates config, Set<Currency> needed, LocalDate today, Instant now) {
    FxSource source = config.source();
    String reporting = config.reporting().getCurrencyCode();
    Optional<LocalDate> before = newest(store.all(), reporting);
    String file = before.filter(day -> ChronoUnit.DAYS.between(day, today) <= GAP_DAYS).isPresent() ? DAILY : HISTORY;
    ApiRequest request = ApiRequest.get(source.endpoint()).path(file).build();
    try {
      ApiResponse answer = http.send(request);
      List<ExchangeRates.Row> rows = EcbRates.parse(answer.body()).into(reporting);
      store.record(rows, now);
      return new Outcome(rows.size(), newest(store.all(), reporting), Optional.empty(), Set.of());
    } catch (ProviderException e) {
      return failed(config, needed, "the ECB's rates could not be fetched (" + e.getMessage() + ")");
    } catch (IllegalArgumentException e) {
      return failed(config, needed, "the answer from " + request.uri().getHost() + " is not the ECB's rates: "
          + e.getMessage());
    }
  }

  private Outcome failed(FxRates config, Set<Currency> needed, String problem) {
    String reporting = config.reporting().getCurrencyCode();
    List<ExchangeRates.Row> all = store.all();
    Set<String> have = all.stream().filter(r -> r.reporting().equals(reporting))
        .map(ExchangeRates.Row::currency).collect(Collectors.toSet());
    Set<String> missing = needed.stream().filter(c -> !config.canConvert(c)).map(Currency::getCurrencyCode)
        .filter(c -> !c.equals(reporting) && !have.contains(c)).collect(Collectors.toSet());
    return new Outcome(0, newest(all, reporting), Optional.of(problem), missing);
  }

  private static Optional<LocalDate> newest(List<ExchangeRates.Row> rows, String reporting) {
    return rows.stream().filter(r -> r.source().equals(FxSource.ECB) && r.reporting().equals(reporting))
        .map(ExchangeRates.Row::day).max(Comparator.naturalOrder());
  }
}
