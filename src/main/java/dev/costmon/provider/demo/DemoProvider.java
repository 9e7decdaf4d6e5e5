package dev.costmon.provider.demo;

import dev.costmon.config.Account;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.model.Quantity;
import dev.costmon.model.Tags;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code provider: demo}: deterministic synthetic figures, the same for the same account and day, so
 * that {@code costmon demo} shows every feature without credentials. Provenance is {@code estimate}
 * (or {@code fixed} for a plan fee): demo data never poses as a provider's figure.
 */
public final class DemoProvider implements ProviderType<DemoSettings> {
  static final String INVOCATIONS = "function_invocations";
  static final String DATABASE_SIZE = "database_size";
  static final String API_REQUESTS = "api_requests";
  static final String CREDITS_REMAINING = "credits_remaining";
  private static final BigDecimal DATABASE_QUOTA = new BigDecimal("8000000000");

  @Override
  public String name() {
    return "demo";
  }

  /** Days are the config's: the collect window's, in its timezone. */
  @Override
  public ZoneId billingZone(ZoneId configured) {
    return configured;
  }

  @Override
  public Class<DemoSettings> settingsType() {
    return DemoSettings.class;
  }

  @Override
  public Optional<Set<String>> usageMetrics(DemoSettings settings) {
    return Optional.of(Set.of(INVOCATIONS, DATABASE_SIZE, API_REQUESTS));
  }

  @Override
  public Backfill backfill(DemoSettings settings) {
    return Backfill.computed();
  }

  @Override
  public Set<Currency> currencies(DemoSettings settings) {
    return Set.of(settings.amount().currency());
  }

  @Override
  public Map<String, Quantity> defaultQuotas(DemoSettings settings) {
    return switch (settings.scenario()) {
      case GROWING_USAGE -> Map.of(INVOCATIONS, new Quantity(new BigDecimal("1000000"), Quantity.COUNT));
      case QUOTA -> Map.of(DATABASE_SIZE, new Quantity(DATABASE_QUOTA, "bytes"));
      default -> Map.of();
    };
  }

  @Override
  public List<Observation> collect(
      Account account, DemoSettings settings, CollectWindow window, ProviderContext context) {
    List<Observation> result = new ArrayList<>();
    for (LocalDate day = window.from(); !day.isAfter(window.to()); day = day.plusDays(1)) {
      SplittableRandom random = new SplittableRandom(account.id().hashCode() * 31L + day.toEpochDay());
      switch (settings.scenario()) {
        case STEADY -> result.add(spend(day, "compute", scale(settings.amount(), noise(random, 0.1))));
        case SPIKE -> spike(result, day, settings.amount(), random);
        case GROWING_USAGE -> growing(result, day, settings.amount(), random);
        case QUOTA -> quota(result, day, settings.amount(), random);
        case CREDITS -> credits(result, day, settings.amount(), random);
      }
    }
    return result;
  }

  private static void spike(List<Observation> out, LocalDate day, Money daily, SplittableRandom random) {
    BigDecimal factor = noise(random, 0.25);
    if (day.getDayOfMonth() == 15) {
      factor = factor.multiply(BigDecimal.valueOf(12));
    }
    Money total = scale(daily, factor);
    Money main = scale(total, new BigDecimal("0.7"));
    // Tagged with their model as the AI providers tag theirs, so the demo shows report --by model.
    out.add(spend(day, "gpt-4.1", main).withTags(Map.of(Tags.MODEL, "gpt-4.1")));
    out.add(spend(day, "text-embedding-3-small", total.minus(main))
        .withTags(Map.of(Tags.MODEL, "text-embedding-3-small")));
  }

  private static void growing(List<Observation> out, LocalDate day, Money daily, SplittableRandom random) {
    out.add(spend(day, "functions", Money.zero(daily.currency())));
    long invocations = 18_000L + 900L * day.getDayOfMonth() + random.nextLong(2_000);
    out.add(Observation.usage(day, INVOCATIONS, "", BigDecimal.valueOf(invocations), Quantity.COUNT,
        Aggregation.SUM, Provenance.ESTIMATE));
  }

  private static void quota(List<Observation> out, LocalDate day, Money planFee, SplittableRandom random) {
    Money fee = day.getDayOfMonth() == 1 ? planFee : Money.zero(planFee.currency());
    out.add(Observation.spend(day, "plan", fee, Provenance.FIXED));
    if (day.getDayOfMonth() == 1) {
      out.add(Observation.forecast(day, planFee, Provenance.FIXED));
    }
    // Fills to 85% of the 8 GB quota and stays there, growing by a few megabytes a day.
    BigDecimal bytes = DATABASE_QUOTA.multiply(new BigDecimal("0.85"))
        .add(BigDecimal.valueOf(day.getDayOfMonth() * 1_000_000L))
        .setScale(0, RoundingMode.HALF_EVEN);
    out.add(Observation.usage(day, DATABASE_SIZE, "", bytes, "bytes", Aggregation.LAST, Provenance.ESTIMATE));
    out.add(Observation.usage(day, API_REQUESTS, "", BigDecimal.valueOf(40_000 + random.nextLong(10_000)),
        Quantity.COUNT, Aggregation.SUM, Provenance.ESTIMATE));
  }

  /**
   * A prepaid balance, in the account's currency, drawn down by about {@code daily} a day from
   * 40 x {@code daily} on the 1st (the top-up, paid before the month, so no spend here), as
   * OpenRouter's {@code credits_remaining} is: what a {@code floors:} threshold watches.
   */
  private static void credits(List<Observation> out, LocalDate day, Money daily, SplittableRandom random) {
    out.add(spend(day, "credits", Money.zero(daily.currency())));
    BigDecimal used = daily.amount().multiply(BigDecimal.valueOf(day.getDayOfMonth())).multiply(noise(random, 0.05));
    BigDecimal left = daily.amount().multiply(BigDecimal.valueOf(40)).subtract(used).setScale(2, RoundingMode.HALF_EVEN);
    out.add(Observation.usage(day, CREDITS_REMAINING, "", left, daily.currency().getCurrencyCode(), Aggregation.LAST,
        Provenance.ESTIMATE));
  }

  private static Observation spend(LocalDate day, String service, Money amount) {
    return Observation.spend(day, service, amount, Provenance.ESTIMATE);
  }

  private static Money scale(Money m, BigDecimal factor) {
    return new Money(m.amount().multiply(factor).setScale(4, RoundingMode.HALF_EVEN), m.currency());
  }

  /** A factor in [1 - spread, 1 + spread] with two decimals. */
  private static BigDecimal noise(SplittableRandom random, double spread) {
    double f = 1 + (random.nextDouble() * 2 - 1) * spread;
    return BigDecimal.valueOf(Math.round(f * 100), 2);
  }
}
