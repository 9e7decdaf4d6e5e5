package dev.costmon.provider;

import dev.costmon.model.Money;
import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;

/**
 * How far back a provider can answer and how much one window of {@code collect --from} may ask:
 * what a backfill plans with. A window is at most a calendar month (one transaction each, so an
 * interrupted backfill resumes by month), shorter where one request cannot cover a month.
 *
 * @param reach whether past days can be asked at all, and how far
 * @param horizon how far before today the oldest day the provider keeps is, for {@link Reach#HORIZON}; how
 *     many whole months before the current one it keeps, for {@link Reach#MONTHS}
 * @param daysPerWindow the most days one window may span (at most a month is used)
 * @param requestsPerWindow the requests one window takes when nothing pages, for the plan's count
 * @param todayAsks the requests the window that ends today takes beyond those (AWS's forecast)
 * @param parallelWindows how many windows of one account may be asked at the same time
 * @param limit the provider's limit in the user's words, for the line saying how far a backfill went
 * @param pricePerRequest what each request costs, for paid APIs (AWS Cost Explorer)
 * @param maxRequests the most requests one backfill of the account may make unless raised, for paid APIs
 */
public record Backfill(
    Reach reach, Period horizon, int daysPerWindow, int requestsPerWindow, int todayAsks, int parallelWindows,
    String limit, Optional<Money> pricePerRequest, int maxRequests) {

  /** How far back a provider can answer. */
  public enum Reach {
    /** Whatever the API (or the configured figures) holds: ask from the first day asked for. */
    ANY,
    /** A fixed number of days or months before today. */
    HORIZON,
    /** The current month and a fixed number of whole calendar months before it. */
    MONTHS,
    /** Only the current state: a backfill collects the nightly window and nothing before it. */
    CURRENT_ONLY
  }

  public Backfill {
    Objects.requireNonNull(reach, "reach");
    Objects.requireNonNull(horizon, "horizon");
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(pricePerRequest, "pricePerRequest");
    if (daysPerWindow < 1 || requestsPerWindow < 0 || todayAsks < 0 || parallelWindows < 1 || maxRequests < 1) {
      throw new IllegalArgumentException("days, requests and parallel windows must be positive");
    }
  }

  /** Any past day the API holds, one request per window. */
  public static Backfill anyPast(int requestsPerWindow) {
    return new Backfill(Reach.ANY, Period.ZERO, 31, requestsPerWindow, 0, 1, "", Optional.empty(),
        Integer.MAX_VALUE);
  }

  /** Figures costmon computes from the config itself ({@code fixed}), for any past day, asking nothing. */
  public static Backfill computed() {
    return new Backfill(Reach.ANY, Period.ZERO, 31, 0, 0, 4, "", Optional.empty(), Integer.MAX_VALUE);
  }

  /** Days up to {@code horizon} before today; {@code limit} says so in the user's words. */
  public static Backfill lastOnly(Period horizon, int requestsPerWindow, String limit) {
    return new Backfill(Reach.HORIZON, horizon, 31, requestsPerWindow, 0, 1, limit, Optional.empty(),
        Integer.MAX_VALUE);
  }

  /**
   * The current month and the {@code months} whole months before it (AWS Cost Explorer: "13 months
   * of historical data and the current month"), so the oldest day is a month's first day.
   */
  public static Backfill lastMonths(int months, int requestsPerWindow, String limit) {
    return new Backfill(Reach.MONTHS, Period.ofMonths(months), 31, requestsPerWindow, 0, 1, limit, Optional.empty(),
        Integer.MAX_VALUE);
  }

  /** Current state only (Wasabi's stats, an estimate from today's servers): {@code limit} says why. */
  public static Backfill currentOnly(String limit) {
    return new Backfill(Reach.CURRENT_ONLY, Period.ZERO, 31, 1, 0, 1, limit, Optional.empty(), Integer.MAX_VALUE);
  }

  /** The same, with windows of at most {@code days} days. */
  public Backfill daysPerWindow(int days) {
    return new Backfill(reach, horizon, days, requestsPerWindow, todayAsks, parallelWindows, limit,
        pricePerRequest, maxRequests);
  }

  /** The same, the window that ends today taking {@code more} requests (a forecast). */
  public Backfill todayAsks(int more) {
    return new Backfill(reach, horizon, daysPerWindow, requestsPerWindow, more, parallelWindows, limit,
        pricePerRequest, maxRequests);
  }

  /** The same, asking up to {@code windows} windows of one account at a time. */
  public Backfill parallelWindows(int windows) {
    return new Backfill(reach, horizon, daysPerWindow, requestsPerWindow, todayAsks, windows, limit,
        pricePerRequest, maxRequests);
  }

  /** The same, each request costing {@code price}, at most {@code most} requests per backfill unless raised. */
  public Backfill paid(Money price, int most) {
    return new Backfill(reach, horizon, daysPerWindow, requestsPerWindow, todayAsks, parallelWindows, limit,
        Optional.of(price),
        most);
  }

  /**
   * The first day the provider can answer for, given today and the first day of the nightly window;
   * empty when it has no such limit.
   */
  public Optional<LocalDate> earliest(LocalDate today, LocalDate nightlyFrom) {
    return switch (reach) {
      case ANY -> Optional.empty();
      case HORIZON -> Optional.of(today.minus(horizon));
      case MONTHS -> Optional.of(today.withDayOfMonth(1).minus(horizon));
      case CURRENT_ONLY -> Optional.of(nightlyFrom);
    };
  }
}
