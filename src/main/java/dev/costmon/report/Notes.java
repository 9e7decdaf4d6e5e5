package dev.costmon.report;

import dev.costmon.budget.AccountView;
import dev.costmon.fx.Ages;
import dev.costmon.fx.DatedRate;
import dev.costmon.fx.RateHistory;
import dev.costmon.store.CollectionState;
import dev.costmon.store.SnapshotStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** What a reader must know besides the figures: conditions, stale data, failures, the fx rates used. */
final class Notes {

  /** One note; a warning is a figure that must not be trusted as it stands. */
  record Note(boolean warning, String text) {}

  private Notes() {}

  static List<Note> of(Report report) {
    List<Note> notes = new ArrayList<>();
    for (AccountView account : report.view().accounts()) {
      account.condition().ifPresent(c -> notes.add(new Note(true, account.id() + ": " + c + " (UNKNOWN)")));
      if (!account.hasData()) {
        notes.add(new Note(true, account.id() + ": never collected successfully, no data (UNKNOWN)"));
      } else {
        if (!account.hasFigures()) {
          YearMonth month = report.view().month();
          notes.add(new Note(false, account.id() + ": no data for "
              + month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear()
              + " (no figure of that month is stored; - is no data, not zero)"));
        }
        if (account.stale()) {
          notes.add(new Note(true, account.id() + ": stale, last successful collection "
              + Display.ago(account.collection().flatMap(CollectionState::lastSuccess).orElseThrow(), report.view().now())
              + ", max age " + Display.compact(account.account().maxAge()) + " (UNKNOWN)"));
        }
      }
      account.collection()
          .filter(s -> s.lastStatus() == SnapshotStatus.FAILED)
          .ifPresent(s -> notes.add(new Note(true, account.id() + ": last collection failed "
              + Display.ago(s.lastAttempt(), report.view().now()) + s.lastError().map(e -> ": " + e).orElse(""))));
    }
    Set<String> split = new LinkedHashSet<>();
    for (SpendGroup group : report.groups()) {
      group.members().stream().filter(m -> !m.whole()).forEach(m -> split.add(m.account().id()));
    }
    if (!split.isEmpty()) {
      notes.add(new Note(false, "attribution splits " + String.join(", ", split) + " across "
          + report.grouping().labelKey() + " values: each row shows that value's share of the spend, with the"
          + " whole account's cap and forecast"));
    }
    if (report.grouping().kind() != Grouping.Kind.SERVICE) {
      List<String> replaced = report.view().accounts().stream()
          .filter(a -> !a.reconciliation().isEmpty()).map(AccountView::id).toList();
      if (!replaced.isEmpty()) {
        notes.add(new Note(false, String.join(", ", replaced) + ": estimates from rates: not added where the provider"
            + " reported spend for the same days; --by service shows estimate vs actual"));
      }
    }
    Map<String, BigDecimal> rates = new TreeMap<>();
    Map<String, String> dated = new TreeMap<>();
    Map<String, Boolean> published = new TreeMap<>();
    Optional<LocalDate> today = rateAgeDay(report.progress());
    for (AccountView account : report.view().accounts()) {
      Currency from = account.account().currency();
      if (!from.equals(report.currency())) {
        rates.put(from.getCurrencyCode(), account.fxRate());
        DatedRate rate = report.view().rates().get(from);
        if (rate != null) {
          boolean fetched = !rate.source().startsWith(RateHistory.CONFIG);
          published.put(from.getCurrencyCode(), fetched);
          // A fetched rate of the current month says how old it is: a source that stopped answering
          // shows here (a rate of the config says since when it is written there).
          String age = today.filter(t -> fetched).map(t -> ", " + Ages.days(rate.day(), t)).orElse("");
          dated.put(from.getCurrencyCode(), " (" + rate.source() + (rate.recorded()
              ? (published.get(from.getCurrencyCode()) ? " of " : ", since ") + rate.day() + age
              : ", new, stored by the next collect") + ")");
        }
      }
    }
    if (!rates.isEmpty()) {
      List<String> used = new ArrayList<>();
      // The config's rates are shown as written there; a cross rate through the euro has 34 digits,
      // of which six say enough (the figures are converted with all of them).
      rates.forEach((from, rate) -> used.add("1 " + from + " = " + (published.getOrDefault(from, false)
          ? rate.round(new MathContext(6)) : rate).stripTrailingZeros().toPlainString() + " "
          + report.currency().getCurrencyCode() + dated.getOrDefault(from, "")));
      notes.add(new Note(false, "fx: " + String.join(", ", used)));
    }
    return notes;
  }

  /** Today, when the month reported is the current one: a closed month's rate is its last day's, not old. */
  static Optional<LocalDate> rateAgeDay(MonthProgress progress) {
    return progress.closed() || progress.daysElapsed() == 0 ? Optional.empty()
        : Optional.of(progress.month().atDay(progress.daysElapsed()));
  }
}
