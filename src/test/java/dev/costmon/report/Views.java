package dev.costmon.report;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.DailySpend;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.ServiceSpend;
import dev.costmon.budget.UsageView;
import dev.costmon.config.Account;
import dev.costmon.config.Thresholds;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import dev.costmon.provider.ProviderType;
import dev.costmon.provider.fixed.Accrual;
import dev.costmon.provider.fixed.FixedProvider;
import dev.costmon.provider.fixed.FixedSettings;
import dev.costmon.store.CollectionState;
import dev.costmon.store.SnapshotStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Month views built by hand for the report tests: 23 November 2026, reporting in USD, 1 EUR = 1.08 USD. */
final class Views {
  static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  static final YearMonth MONTH = YearMonth.of(2026, 11);
  static final Currency USD = Currency.getInstance("USD");
  static final Currency EUR = Currency.getInstance("EUR");
  static final BigDecimal EUR_RATE = new BigDecimal("1.08");

  private Views() {}

  static ReportOptions options(ReportFormat format) {
    return ReportOptions.defaults(USD, ZoneOffset.UTC).withFormat(format);
  }

  static Account account(String id, ProviderType<?> provider, Map<String, String> labels, Currency currency,
      Optional<Money> cap) {
    return new Account(id, provider, labels, currency, cap, Thresholds.DEFAULT, Map.of(), Map.of(), List.of(), Duration.ofHours(36),
        Optional.empty(), new FixedSettings(Money.parse("6 EUR"), Accrual.DAILY, 1, null, null));
  }

  /** An account's month, its ratios derived from the figures the way the analyzer does. */
  static final class Builder {
    private final Account account;
    private Money spend;
    private final Set<Provenance> provenance = EnumSet.noneOf(Provenance.class);
    private final List<ServiceSpend> services = new ArrayList<>();
    private Money forecast;
    private Provenance forecastProvenance = Provenance.ESTIMATE;
    private final List<UsageView> usage = new ArrayList<>();
    private List<DailySpend> trend = List.of();
    private Optional<CollectionState> collection = Optional.empty();
    private boolean stale = true;
    private Optional<String> condition = Optional.empty();

    Builder(Account account) {
      this.account = account;
      this.spend = Money.zero(account.currency());
      this.forecast = Money.zero(account.currency());
    }

    Builder spend(String amount, Provenance... from) {
      spend = new Money(new BigDecimal(amount), account.currency());
      provenance.addAll(Arrays.asList(from));
      return this;
    }

    Builder service(String name, String amount, Provenance from) {
      services.add(new ServiceSpend(name, new Money(new BigDecimal(amount), account.currency()), from));
      return this;
    }

    /** A service made of parts with provider tags: tags, amount, tags, amount... */
    Builder tagged(String name, Provenance from, Object... tagsAndAmounts) {
      List<ServiceSpend.Part> parts = new ArrayList<>();
      Money sum = Money.zero(account.currency());
      for (int i = 0; i < tagsAndAmounts.length; i += 2) {
        @SuppressWarnings("unchecked")
        Map<String, String> tags = (Map<String, String>) tagsAndAmounts[i];
        Money amount = new Money(new BigDecimal((String) tagsAndAmounts[i + 1]), account.currency());
        parts.add(new ServiceSpend.Part(tags, amount));
        sum = sum.plus(amount);
      }
      services.add(new ServiceSpend(name, sum, from, parts));
      return this;
    }

    Builder forecast(String amount, Provenance from) {
      forecast = new Money(new BigDecimal(amount), account.currency());
      forecastProvenance = from;
      return this;
    }

    Builder usage(String metric, String value, String unit, Optional<Quantity> quota) {
      BigDecimal v = new BigDecimal(value);
      usage.add(new UsageView(metric, unit, v, Aggregation.SUM, quota,
          quota.map(q -> v.divide(q.value(), MathContext.DECIMAL64))));
      return this;
    }

    /** One amount per day, the last on 23 November. */
    Builder trend(String... amounts) {
      List<DailySpend> days = new ArrayList<>();
      LocalDate day = LocalDate.of(2026, 11, 23).minusDays(amounts.length - 1);
      for (String amount : amounts) {
        days.add(new DailySpend(day, new Money(new BigDecimal(amount), account.currency())));
        day = day.plusDays(1);
      }
      trend = days;
      return this;
    }

    /** Last successful collection {@code age} before {@link #NOW}; stale beyond the 36 h max age. */
    Builder collected(Duration age) {
      Instant at = NOW.minus(age);
      collection = Optional.of(new CollectionState(account.id(), Optional.of(at), at, SnapshotStatus.OK,
          Optional.empty(), Duration.ofSeconds(2)));
      stale = age.compareTo(account.maxAge()) > 0;
      return this;
    }

    Builder condition(String text, Duration lastSuccessAge) {
      Instant at = NOW.minus(lastSuccessAge);
      collection = Optional.of(new CollectionState(account.id(), Optional.of(at), NOW.minus(Duration.ofHours(1)),
          SnapshotStatus.CONDITION, Optional.of(text), Duration.ofSeconds(1)));
      stale = lastSuccessAge.compareTo(account.maxAge()) > 0;
      condition = Optional.of(text);
      return this;
    }

    AccountView build() {
      BigDecimal rate = account.currency().equals(USD) ? BigDecimal.ONE : EUR_RATE;
      return new AccountView(account, spend, spend.convert(USD, rate), rate, provenance, services, account.cap(),
          account.cap().map(cap -> spend.amount().divide(cap.amount(), MathContext.DECIMAL64)), forecast,
          forecastProvenance, account.cap().map(cap -> forecast.amount().divide(cap.amount(), MathContext.DECIMAL64)),
          usage, trend, collection, stale, condition);
    }
  }

  static Builder of(Account account) {
    return new Builder(account);
  }

  /** The month of these accounts, totals summed exactly as the analyzer does. */
  static MonthView month(Optional<Money> cap, AccountView... accounts) {
    Money total = Money.zero(USD);
    Money forecast = Money.zero(USD);
    for (AccountView a : accounts) {
      total = total.plus(a.spendReporting());
      forecast = forecast.plus(a.forecast().convert(USD, a.fxRate()));
    }
    Money t = total;
    return new MonthView(MONTH, NOW, List.of(accounts), total, forecast, cap,
        cap.map(c -> t.amount().divide(c.amount(), MathContext.DECIMAL64)));
  }

  /** A fixed EUR fee, an API account in USD with usage and a stale one with a condition. */
  static MonthView sample() {
    AccountView ionos = of(account("ionos", new FixedProvider(), Map.of("team", "infra"), EUR,
        Optional.of(Money.parse("10 EUR"))))
        .spend("4.6", Provenance.FIXED)
        .service("monthly fee", "4.6", Provenance.FIXED)
        .forecast("6.00", Provenance.FIXED)
        .trend(repeat("0.2", 30))
        .collected(Duration.ofHours(2))
        .build();
    AccountView openai = of(account("openai-prod", new NamedProvider("openai"), Map.of("team", "ml"), USD,
        Optional.of(Money.parse("20 USD"))))
        .spend("17.123456", Provenance.API, Provenance.ESTIMATE)
        .service("gpt-4o", "12.5", Provenance.API)
        .service("embeddings", "4.623456", Provenance.ESTIMATE)
        .forecast("23.3", Provenance.ESTIMATE)
        .usage("input_tokens", "1234567", "tokens", Optional.empty())
        .usage("storage", "850000000", "bytes", Optional.of(Quantity.parse("1GB")))
        .trend("0", "0", "0.1", "0.2", "0.4", "0.8", "1.6", "0.05")
        .collected(Duration.ofMinutes(45))
        .build();
    AccountView anthropic = of(account("anthropic", new NamedProvider("anthropic"), Map.of(), USD, Optional.empty()))
        .condition("no admin access", Duration.ofDays(3))
        .trend("0", "0")
        .build();
    return month(Optional.of(Money.parse("50 USD")), ionos, openai, anthropic);
  }

  static String[] repeat(String amount, int times) {
    String[] out = new String[times];
    Arrays.fill(out, amount);
    return out;
  }
}
