package dev.costmon.provider.digitalocean;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import dev.costmon.provider.CollectWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns the balance, the invoice list and the invoices' items into figures (UTC calendar months),
 * from exactly one source per month: a closed month's invoice, per product and resource spread over
 * the days each resource ran ({@code invoice}), or as its total on the month's first day when its
 * items are not available; else the invoice preview per product and resource, spread the same way
 * as {@code estimate}s; else, for the current month only, the balance's month-to-date usage as one
 * row. Each adds up exactly to its invoice's or preview's total (the unitemized rest an {@code
 * adjustments} row). Every other day the month's figures cover gets an explicit zero, so a newer
 * snapshot replaces all of an older one's days and the month-end forecast extrapolates from the
 * days covered.
 */
final class MonthlySpend {
  static final Currency USD = Currency.getInstance("USD");
  static final String INVOICE = "invoice";
  static final String MONTH_TO_DATE = "month to date";
  /** The preview's total less its items: taxes, credits and adjustments not itemized. */
  static final String ADJUSTMENTS = "adjustments";
  static final String ACCOUNT_BALANCE = "account_balance";

  private final CollectWindow window;
  private final YearMonth current;
  private final YearMonth oldest;
  /**
   * The last month collected: the current one for a nightly window, the window's own for a
   * backfill's past window, which so never asks for the current month's preview items.
   */
  private final YearMonth last;
  private final Consumer<String> log;

  MonthlySpend(CollectWindow window, Consumer<String> log) {
    this.window = window;
    this.current = currentMonth(window);
    this.oldest = oldestMonth(window);
    // A nightly window ends today in the config's zone, a day either side of UTC's today.
    boolean past = window.to().isBefore(utcDay(window.now()).minusDays(1));
    this.last = past && YearMonth.from(window.to()).isBefore(current) ? YearMonth.from(window.to()) : current;
    this.log = log;
  }

  /** Whether the window reaches the current month, the only one the balance says anything about. */
  boolean needsBalance() {
    return last.equals(current);
  }

  /** DigitalOcean bills calendar months in UTC; the collection's instant decides which is current. */
  static YearMonth currentMonth(CollectWindow window) {
    return YearMonth.from(window.now().atZone(ZoneOffset.UTC));
  }

  /**
   * The first month collected: the window's, and at least the previous month, so its invoice total
   * replaces the preview figures stored while it was open.
   */
  static YearMonth oldestMonth(CollectWindow window) {
    YearMonth previous = currentMonth(window).minusMonths(1);
    YearMonth first = YearMonth.from(window.from());
    return first.isBefore(previous) ? first : previous;
  }

  /** Whether the preview's items are needed: it covers a collected month that has no invoice yet. */
  boolean needsItems(InvoiceList invoices) {
    return invoices.preview()
        .filter(p -> !p.period().isBefore(oldest) && !p.period().isAfter(last))
        .filter(p -> !invoices.invoiced(p.period()))
        .isPresent();
  }

  /** The closed invoices of the months collected whose items are asked for, to spread them per resource. */
  List<Invoice> itemized(InvoiceList invoices) {
    return invoices.invoices().stream()
        .filter(i -> !i.period().isBefore(oldest) && !i.period().isAfter(last) && i.period().isBefore(current))
        .filter(i -> i.uuid().isPresent())
        .toList();
  }

  /**
   * @param items the preview's items
   * @param invoiced the items of the closed invoices {@link #itemized} named, by month
   */
  List<Observation> observations(Optional<Balance> balance, InvoiceList invoices, List<InvoiceItem> items,
      Map<YearMonth, List<InvoiceItem>> invoiced) {
    List<Observation> result = new ArrayList<>();
    Map<YearMonth, BigDecimal> totals = invoices.totals();
    Optional<InvoicePreview> preview = invoices.preview();
    for (YearMonth month = oldest; !month.isAfter(last); month = month.plusMonths(1)) {
      LocalDate coveredThrough;
      List<Observation> rows;
      if (totals.containsKey(month) && month.isBefore(current)) {
        List<InvoiceItem> billed = invoiced.getOrDefault(month, List.of());
        rows = billed.isEmpty()
            ? List.of(spend(month.atDay(1), INVOICE, totals.get(month), Provenance.INVOICE))
            : breakdown(month, totals.get(month), billed, month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant(), Provenance.INVOICE, Provenance.INVOICE);
        coveredThrough = month.atEndOfMonth();
      } else if (preview.isPresent() && preview.get().period().equals(month)) {
        Instant through = month.equals(current)
            ? preview.get().updatedAt().orElse(window.now())
            : month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        rows = breakdown(month, preview.get().amount(), items, through, Provenance.ESTIMATE, Provenance.API);
        coveredThrough = month.equals(current) ? utcDay(through) : month.atEndOfMonth();
        if (balance.isPresent()) {
          crossCheck(month, preview.get(), balance.get());
        }
      } else if (month.equals(current) && balance.isPresent()
          && YearMonth.from(utcDay(balance.get().generatedAt())).equals(month)) {
        // The first hours of a month, before the preview moves on: the balance already has it.
        rows = List.of(spend(month.atDay(1), MONTH_TO_DATE, balance.get().monthToDateUsage(), Provenance.API));
        coveredThrough = utcDay(balance.get().generatedAt());
      } else {
        log.accept("digitalocean: no invoice, preview or balance for " + month + " yet");
        continue;
      }
      result.addAll(rows);
      // Every day the figures cover gets a row, the whole month once it is invoiced: the latest
      // snapshot of a day wins, so this replaces the daily estimates stored while the month was open
      // (also the days before the window) and the forecast extrapolates from the days covered.
      Set<LocalDate> withRows = new HashSet<>();
      rows.forEach(o -> withRows.add(o.day()));
      for (LocalDate day = month.atDay(1); !day.isAfter(coveredThrough); day = day.plusDays(1)) {
        if (!withRows.contains(day)) {
          result.add(Observation.spend(day, "", Money.zero(USD), Provenance.API));
        }
      }
    }
    if (preview.isPresent() && preview.get().period().isAfter(current)) {
      log.accept("digitalocean: ignoring the invoice preview of " + preview.get().period()
          + ", after the current month " + current);
    }
    balance.ifPresent(b -> result.add(Observation.usage(utcDay(b.generatedAt()), ACCOUNT_BALANCE, "",
        b.accountBalance(), USD.getCurrencyCode(), Aggregation.LAST, Provenance.API)));
    return result;
  }

  /**
   * Spend per product and resource ({@code Droplets / ml-test}) per day the resource ran, as its
   * amount accrued ({@link DailyAccrual}); what the items do not explain (taxes, credits) is an
   * {@code adjustments} row on the month's first day. The rows add up exactly to {@code total}.
   *
   * @param resources the provenance of the resources' days: {@code estimate} for the preview, whose
   *     amounts are still moving; {@code invoice} for a closed invoice, whose amounts are billed (the
   *     days are where they accrued)
   */
  private List<Observation> breakdown(YearMonth month, BigDecimal total, List<InvoiceItem> items, Instant through,
      Provenance resources, Provenance rest) {
    Map<LocalDate, Map<String, BigDecimal>> byDay = new TreeMap<>();
    BigDecimal itemized = BigDecimal.ZERO;
    for (InvoiceItem item : items) {
      DailyAccrual.spread(item, month, through).forEach((day, amount) ->
          byDay.computeIfAbsent(day, d -> new TreeMap<>()).merge(item.dimension(), amount, BigDecimal::add));
      itemized = itemized.add(item.amount());
    }
    List<Observation> rows = new ArrayList<>();
    BigDecimal unitemized = total.subtract(itemized);
    if (unitemized.signum() != 0) {
      rows.add(spend(month.atDay(1), ADJUSTMENTS, unitemized, rest));
    }
    byDay.forEach((day, ofDay) -> ofDay.forEach((resource, amount) -> {
      if (amount.signum() != 0) {
        rows.add(spend(day, resource, amount, resources).withTags(Map.of(Tags.RESOURCE, Tags.clip(resource))));
      }
    }));
    return rows;
  }

  /** The two month-to-date figures should agree; a difference is worth a verbose line, not a failure. */
  private void crossCheck(YearMonth month, InvoicePreview preview, Balance balance) {
    if (YearMonth.from(utcDay(balance.generatedAt())).equals(month)
        && preview.amount().compareTo(balance.monthToDateUsage()) != 0) {
      log.accept("digitalocean: invoice preview total " + preview.amount().toPlainString()
          + " USD differs from the balance's month-to-date usage " + balance.monthToDateUsage().toPlainString()
          + " USD (preview updated " + preview.updatedAt().map(Instant::toString).orElse("at an unknown time")
          + ", balance generated " + balance.generatedAt() + "); spend follows the preview");
    }
  }

  private static Observation spend(LocalDate day, String dimension, BigDecimal amount, Provenance provenance) {
    return Observation.spend(day, dimension, new Money(amount, USD), provenance);
  }

  private static LocalDate utcDay(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
