package dev.costmon.provider.wasabi;

import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What Wasabi will charge, estimated from the account's daily records the way its pay-go invoice
 * computes it: storage is charged per day at {@code price_per_tb_month / 30} per TB, with TB =
 * 1024^4 bytes ($6.99 gives Wasabi's $0.00022754 per GB-day), "timed active storage" (padded +
 * metadata) and "timed deleted storage" (deleted objects still inside the minimum storage duration)
 * alike, and a "minimum charge" for storage below the account's minimum.
 *
 * <p>The minimum comes from the records themselves when every record of the month carries {@code
 * MinStorageChargeBytes}: each day is charged for the bytes Wasabi says it adds to reach the minimum
 * that day (0 for an account outside the minimum, such as a trial).
 *
 * <p>Otherwise it comes from the settings: the minimum accrues evenly over the month's days from the
 * first day with a record (an account opened mid-month owes nothing for the days before), and each
 * day's "minimum charge" row is the change of the shortfall {@code max(0, minimum accrued so far -
 * active charged so far)}. So the month-to-date total is {@code max(minimum accrued, active) +
 * deleted} on every day. A day's minimum row is negative when growing storage overtakes the minimum
 * already accrued: the true-up of an earlier share that will not be charged after all.
 */
final class StorageEstimate {
  static final String ACTIVE = "timed active storage";
  static final String DELETED = "timed deleted storage";
  static final String MINIMUM = "minimum charge";

  /** Digits kept of a computed amount: far below a cent, and sums stay exact at this scale. */
  private static final int SCALE = 10;
  private static final BigDecimal BYTES_PER_TB = BigDecimal.valueOf(1L << 40);
  private static final BigDecimal DAYS_PER_PRICE = BigDecimal.valueOf(30);

  private final WasabiSettings settings;
  private final BigDecimal bytesDaysPerPrice;
  private final Map<LocalDate, List<Utilization>> buckets;

  StorageEstimate(WasabiSettings settings) {
    this(settings, Map.of());
  }

  /**
   * With each day's bucket records: a day's timed active and deleted storage is split into the
   * share of each bucket that has a record that day (tagged {@code bucket}, for {@code report --by
   * bucket}) and the rest the buckets do not explain (untagged), the same services and totals.
   */
  StorageEstimate(WasabiSettings settings, Map<LocalDate, List<Utilization>> buckets) {
    this.settings = settings;
    this.buckets = buckets;
    this.bytesDaysPerPrice = BYTES_PER_TB.multiply(DAYS_PER_PRICE);
  }

  /** The charge of storing {@code bytes} for one day. */
  Money daily(BigDecimal bytes) {
    return money(bytes.multiply(settings.pricePerTbMonth().amount())
        .divide(bytesDaysPerPrice, SCALE, RoundingMode.HALF_EVEN));
  }

  /** The minimum charge of a whole month, see {@link Billing}. */
  Money minimum(YearMonth month) {
    BigDecimal perCycle = settings.minimumTb().multiply(settings.pricePerTbMonth().amount());
    if (settings.billing() == Billing.THIRTY_DAY) {
      return money(perCycle);
    }
    return money(perCycle.multiply(BigDecimal.valueOf(month.lengthOfMonth()))
        .divide(DAYS_PER_PRICE, SCALE, RoundingMode.HALF_EVEN));
  }

  /** The minimum accrued through {@code day} of a month with records from its first day. */
  Money minimumThrough(LocalDate day) {
    return minimumBetween(day.withDayOfMonth(1), day);
  }

  /**
   * The minimum accrued from {@code first} through {@code day} (one month): its even share of the
   * days, exactly the whole minimum for the whole month.
   */
  Money minimumBetween(LocalDate first, LocalDate day) {
    Money whole = minimum(YearMonth.from(day));
    int length = day.lengthOfMonth();
    int days = day.getDayOfMonth() - first.getDayOfMonth() + 1;
    if (days == length) {
      return whole;
    }
    return money(whole.amount().multiply(BigDecimal.valueOf(days))
        .divide(BigDecimal.valueOf(length), SCALE, RoundingMode.HALF_EVEN));
  }

  /**
   * Spend rows for each day of {@code days} (account records, each month read from its first day)
   * and a forecast for each month they touch.
   */
  List<Observation> observations(List<Utilization> days) {
    Map<YearMonth, List<Utilization>> byMonth = new TreeMap<>();
    for (Utilization u : days) {
      byMonth.computeIfAbsent(YearMonth.from(u.day()), m -> new ArrayList<>()).add(u);
    }
    List<Observation> out = new ArrayList<>();
    byMonth.forEach((month, records) -> {
      if (records.stream().allMatch(u -> u.minimumCharge().isPresent())) {
        monthWithRecordedMinimum(month, records, out);
      } else {
        month(month, records, out);
      }
    });
    return out;
  }

  private void monthWithRecordedMinimum(YearMonth month, List<Utilization> records, List<Observation> out) {
    Money total = Money.zero(settings.pricePerTbMonth().currency());
    Money lastDay = total;
    LocalDate last = month.atDay(1);
    for (Utilization u : records) {
      Money active = daily(u.active());
      Money deleted = daily(u.deleted());
      Money minimum = daily(u.minimumCharge().orElseThrow());
      byBucket(u.day(), ACTIVE, active, Utilization::active, out);
      byBucket(u.day(), DELETED, deleted, Utilization::deleted, out);
      out.add(Observation.spend(u.day(), MINIMUM, minimum, Provenance.ESTIMATE));
      lastDay = active.plus(deleted).plus(minimum);
      total = total.plus(lastDay);
      last = u.day();
    }
    // The rest of the month is assumed to look like its newest day.
    BigDecimal remaining = BigDecimal.valueOf(month.lengthOfMonth() - last.getDayOfMonth());
    out.add(Observation.forecast(month.atDay(1), normal(total.plus(lastDay.times(remaining))),
        Provenance.ESTIMATE));
  }

  private void month(YearMonth month, List<Utilization> records, List<Observation> out) {
    Money zero = Money.zero(settings.pricePerTbMonth().currency());
    Money active = zero;
    Money deleted = zero;
    Money shortfall = zero;
    Money lastActive = zero;
    Money lastDeleted = zero;
    LocalDate first = records.get(0).day();
    LocalDate last = month.atDay(1);
    for (Utilization u : records) {
      lastActive = daily(u.active());
      lastDeleted = daily(u.deleted());
      active = active.plus(lastActive);
      deleted = deleted.plus(lastDeleted);
      Money owed = minimumBetween(first, u.day()).minus(active);
      Money newShortfall = owed.isNegative() ? zero : owed;
      byBucket(u.day(), ACTIVE, lastActive, Utilization::active, out);
      byBucket(u.day(), DELETED, lastDeleted, Utilization::deleted, out);
      Money trueUp = normal(newShortfall.minus(shortfall));
      out.add(Observation.spend(u.day(), MINIMUM, trueUp, Provenance.ESTIMATE));
      shortfall = newShortfall;
      last = u.day();
    }
    // The rest of the month is assumed to look like its newest day.
    BigDecimal remaining = BigDecimal.valueOf(month.lengthOfMonth() - last.getDayOfMonth());
    Money projectedActive = active.plus(lastActive.times(remaining));
    Money projectedDeleted = deleted.plus(lastDeleted.times(remaining));
    Money minimum = minimumBetween(first, month.atEndOfMonth());
    Money atLeastMinimum = projectedActive.compareTo(minimum) < 0 ? minimum : projectedActive;
    Money forecast = atLeastMinimum.plus(projectedDeleted);
    out.add(Observation.forecast(month.atDay(1), normal(forecast), Provenance.ESTIMATE));
  }

  /**
   * A day's charge of one kind of storage: each bucket's own bytes at the daily price, tagged with
   * the bucket, and the rest of the account's charge untagged (also when it is zero and no bucket
   * has a record, so the day keeps its row).
   */
  private void byBucket(LocalDate day, String service, Money charge, Function<Utilization, BigDecimal> bytes,
      List<Observation> out) {
    Money rest = charge;
    boolean split = false;
    for (Utilization b : buckets.getOrDefault(day, List.of())) {
      Money share = daily(bytes.apply(b));
      if (!share.isZero()) {
        out.add(Observation.spend(day, service, share, Provenance.ESTIMATE)
            .withTags(Map.of(Tags.BUCKET, Tags.clip(b.bucket()))));
        rest = rest.minus(share);
        split = true;
      }
    }
    if (!split || !rest.isZero()) {
      out.add(Observation.spend(day, service, normal(rest), Provenance.ESTIMATE));
    }
  }

  private Money money(BigDecimal amount) {
    return normal(new Money(amount, settings.pricePerTbMonth().currency()));
  }

  /** Without trailing zeros, so {@code 0.2330000000} reads {@code 0.233}. */
  private static Money normal(Money m) {
    BigDecimal a = m.amount().stripTrailingZeros();
    return new Money(a.scale() < 0 ? a.setScale(0) : a, m.currency());
  }
}
