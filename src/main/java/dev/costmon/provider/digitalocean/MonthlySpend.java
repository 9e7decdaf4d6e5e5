package dev.costmon.provider.digitalocean;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns the balance, the invoice list and the preview items into figures. DigitalOcean reports
 * months, not days, so each month's spend sits on its first day (UTC calendar months), from exactly
 * one source per month: a closed month's invoice total ({@code invoice}); else the invoice preview
 * per product ({@code api}), adding up to the preview's total; else, for the current month only,
 * the balance's month-to-date usage as one row. The other days of such a month that are in the
 * window get explicit zeros, so the month-end forecast extrapolates from the days the figure covers
 * rather than from the first day alone.
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
  private final Consumer<String> log;

  MonthlySpend(CollectWindow window, Consumer<String> log) {
    this.window = window;
    this.current = currentMonth(window);
    this.oldest = oldestMonth(window);
    this.log = log;
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
        .filter(p -> !p.period().isBefore(oldest) && !p.period().isAfter(current))
        .filter(p -> !invoices.invoiced(p.period()))
        .isPresent();
  }

  List<Observation> observations(Balance balance, InvoiceList invoices, List<InvoiceItem> items) {
    List<Observation> result = new ArrayList<>();
    Map<YearMonth, BigDecimal> invoiced = invoices.totals();
    Optional<InvoicePreview> preview = invoices.preview();
    for (YearMonth month = oldest; !month.isAfter(current); month = month.plusMonths(1)) {
      LocalDate coveredThrough;
      if (invoiced.containsKey(month) && month.isBefore(current)) {
        result.add(spend(month.atDay(1), INVOICE, invoiced.get(month), Provenance.INVOICE));
        coveredThrough = month.atEndOfMonth();
      } else if (preview.isPresent() && preview.get().period().equals(month)) {
        result.addAll(breakdown(month, preview.get(), items));
        coveredThrough = month.equals(current)
            ? utcDay(preview.get().updatedAt().orElse(window.now()))
            : month.atEndOfMonth();
        crossCheck(month, preview.get(), balance);
      } else if (month.equals(current) && YearMonth.from(utcDay(balance.generatedAt())).equals(month)) {
        // The first hours of a month, before the preview moves on: the balance already has it.
        result.add(spend(month.atDay(1), MONTH_TO_DATE, balance.monthToDateUsage(), Provenance.API));
        coveredThrough = utcDay(balance.generatedAt());
      } else {
        log.accept("digitalocean: no invoice, preview or balance for " + month + " yet");
        continue;
      }
      for (LocalDate day = month.atDay(2); !day.isAfter(coveredThrough); day = day.plusDays(1)) {
        if (!day.isBefore(window.from()) && !day.isAfter(window.to())) {
          result.add(Observation.spend(day, "", Money.zero(USD), Provenance.API));
        }
      }
    }
    if (preview.isPresent() && preview.get().period().isAfter(current)) {
      log.accept("digitalocean: ignoring the invoice preview of " + preview.get().period()
          + ", after the current month " + current);
    }
    result.add(Observation.usage(utcDay(balance.generatedAt()), ACCOUNT_BALANCE, "",
        balance.accountBalance(), USD.getCurrencyCode(), Aggregation.LAST, Provenance.API));
    return result;
  }

  /** Spend per product on the month's first day; the rows add up to the preview's total. */
  private List<Observation> breakdown(YearMonth month, InvoicePreview preview, List<InvoiceItem> items) {
    Map<String, BigDecimal> byProduct = new TreeMap<>();
    BigDecimal itemized = BigDecimal.ZERO;
    for (InvoiceItem item : items) {
      byProduct.merge(item.product(), item.amount(), BigDecimal::add);
      itemized = itemized.add(item.amount());
    }
    BigDecimal rest = preview.amount().subtract(itemized);
    if (rest.signum() != 0) {
      byProduct.merge(ADJUSTMENTS, rest, BigDecimal::add);
    }
    if (byProduct.isEmpty()) {
      // An empty preview is DigitalOcean saying "nothing so far": a zero replaces older figures.
      return List.of(spend(month.atDay(1), "", BigDecimal.ZERO, Provenance.API));
    }
    List<Observation> rows = new ArrayList<>();
    byProduct.forEach((product, amount) -> rows.add(spend(month.atDay(1), product, amount, Provenance.API)));
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
