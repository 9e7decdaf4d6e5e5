package dev.costmon.backfill;

import dev.costmon.config.Account;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderSettings;
import dev.costmon.provider.ProviderType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The windows a {@code collect --from} asks each account: the days from {@code from} through
 * {@code to} (in the config's time zone) that the account's provider can answer for, cut at month
 * ends and at the provider's longest window, oldest first.
 */
public record BackfillPlan(LocalDate from, LocalDate to, Instant now, ZoneId zone, List<AccountPlan> accounts) {

  public BackfillPlan {
    accounts = List.copyOf(accounts);
  }

  /**
   * Plans a backfill of {@code from}..{@code to}, {@code to} at most today.
   *
   * @param lookbackDays the nightly window's lookback, which is how far a current-state provider reaches
   * @param maxRequests {@code --max-requests}, replacing the paid providers' own {@code max_requests}
   */
  public static BackfillPlan of(List<Account> accounts, LocalDate from, LocalDate to, Instant now, ZoneId zone,
      int lookbackDays, OptionalInt maxRequests) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate last = to.isAfter(today) ? today : to;
    LocalDate nightlyFrom = CollectWindow.of(now, zone, lookbackDays).from();
    List<AccountPlan> plans = new ArrayList<>();
    for (Account account : accounts) {
      Backfill backfill = declared(account.provider(), account);
      Optional<LocalDate> earliest = backfill.earliest(today, nightlyFrom);
      LocalDate first = earliest.filter(from::isBefore).orElse(from);
      List<Window> windows = windows(first, last, backfill.daysPerWindow());
      int requests = windows.size() * backfill.requestsPerWindow()
          + (windows.isEmpty() || windows.get(windows.size() - 1).to().isBefore(today) ? 0 : backfill.todayAsks());
      int budget = backfill.pricePerRequest().isPresent() ? maxRequests.orElse(backfill.maxRequests())
          : Integer.MAX_VALUE;
      plans.add(new AccountPlan(account, backfill, windows, from, first.equals(from) ? Optional.empty()
          : Optional.of(first), requests, budget));
    }
    return new BackfillPlan(from, last, now, zone, plans);
  }

  /** The days first..last cut at each month's end and every {@code most} days. */
  static List<Window> windows(LocalDate first, LocalDate last, int most) {
    List<Window> out = new ArrayList<>();
    LocalDate start = first;
    while (!start.isAfter(last)) {
      LocalDate monthEnd = YearMonth.from(start).atEndOfMonth();
      LocalDate end = start.plusDays(Math.min(most, 31) - 1L);
      end = end.isAfter(monthEnd) ? monthEnd : end;
      end = end.isAfter(last) ? last : end;
      out.add(new Window(start, end));
      start = end.plusDays(1);
    }
    return out;
  }

  /** Every window of every account. */
  public int windowCount() {
    return accounts.stream().mapToInt(a -> a.windows().size()).sum();
  }

  private static <S extends ProviderSettings> Backfill declared(ProviderType<S> type, Account account) {
    return type.backfill(type.settingsType().cast(account.settings()));
  }
}
