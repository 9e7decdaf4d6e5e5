package dev.costmon.provider.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.http.Pages;
import dev.costmon.http.Pages.Page;
import dev.costmon.model.Money;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plan fees from {@code /accounts/{id}/subscriptions}: each billed subscription's price as a monthly
 * amount. Pay-as-you-go usage never includes them, so they are added as {@code fixed} figures.
 */
final class PlanFees {
  /** A subscription's fee per month. */
  record Fee(String name, Money monthly) {}

  /** Subscriptions in these states are not charged. */
  private static final Set<String> NOT_BILLED = Set.of("trial", "cancelled", "failed", "expired");

  private static final int MAX_PAGES = 20;

  /** Digits kept for a monthly share of a yearly or weekly price; far below a cent. */
  private static final int SCALE = 10;

  private final CloudflareApi api;
  private final Consumer<String> log;

  PlanFees(CloudflareApi api, Consumer<String> log) {
    this.api = api;
    this.log = log;
  }

  /**
   * The fees of the billed subscriptions. A refusal (403, 404) is a CONDITION: the token cannot
   * see the plans, which is not the same as the account having none.
   */
  List<Fee> collect() throws ProviderException {
    List<JsonNode> subscriptions = Pages.collect(1, this::page, MAX_PAGES);
    List<Fee> fees = new ArrayList<>();
    int index = 0;
    for (JsonNode subscription : subscriptions) {
      String what = "subscription " + index++;
      Optional<Fee> fee = fee(subscription, what);
      fee.ifPresent(fees::add);
    }
    return List.copyOf(fees);
  }

  private Page<Integer, JsonNode> page(Integer page) throws ProviderException {
    var request = api.accountGet("subscriptions")
        .mapStatus(403, Kind.CONDITION)
        .mapStatus(404, Kind.CONDITION);
    if (page > 1) {
      request.query("page", page);
    }
    JsonNode body = api.send(request.build()).json();
    JsonNode result = api.result(body, "subscriptions");
    if (!result.isArray()) {
      throw new ProviderException(Kind.BAD_RESPONSE, "subscriptions: 'result' is not a list");
    }
    List<JsonNode> items = new ArrayList<>();
    result.forEach(items::add);
    // Most accounts fit one page; follow result_info when Cloudflare says there are more.
    JsonNode totalPages = body.path("result_info").path("total_pages");
    boolean more = totalPages.canConvertToInt() && page < totalPages.intValue() && !items.isEmpty();
    return Page.of(items, more ? page + 1 : null);
  }

  private Optional<Fee> fee(JsonNode subscription, String what) throws ProviderException {
    JsonNode plan = subscription.path("rate_plan");
    String name = CloudflareApi.optionalText(plan, "public_name")
        .or(() -> CloudflareApi.optionalText(plan, "id"))
        .or(() -> CloudflareApi.optionalText(subscription, "id"))
        .orElse("subscription");
    Optional<String> zone = CloudflareApi.optionalText(subscription.path("zone"), "name");
    if (zone.isPresent()) {
      name = name + " (" + zone.get() + ")";
    }
    String state = CloudflareApi.optionalText(subscription, "state").orElse("");
    if (NOT_BILLED.contains(state.toLowerCase(Locale.ROOT))) {
      log.accept("subscription '" + name + "' is " + state + ": no fee counted");
      return Optional.empty();
    }
    BigDecimal price = CloudflareApi.number(subscription, "price", what + " '" + name + "'");
    if (price.signum() == 0) {
      return Optional.empty();
    }
    // The docs describe price as US dollars; currency says otherwise where the account is billed in another.
    String code = CloudflareApi.optionalText(subscription, "currency")
        .or(() -> CloudflareApi.optionalText(plan, "currency"))
        .orElse("USD").toUpperCase(Locale.ROOT);
    Currency currency;
    try {
      currency = Money.currency(code);
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, what + " '" + name + "': " + e.getMessage());
    }
    String frequency = CloudflareApi.optionalText(subscription, "frequency").orElse("monthly")
        .toLowerCase(Locale.ROOT);
    Optional<BigDecimal> monthly = monthly(price, frequency);
    if (monthly.isEmpty()) {
      log.accept("subscription '" + name + "' renews '" + frequency + "': no monthly fee counted");
      return Optional.empty();
    }
    return Optional.of(new Fee(name, new Money(monthly.get(), currency)));
  }

  /** The monthly share of a price renewed at {@code frequency}; empty for an unknown frequency. */
  static Optional<BigDecimal> monthly(BigDecimal price, String frequency) {
    return switch (frequency) {
      case "monthly" -> Optional.of(price);
      case "quarterly" -> Optional.of(share(price, BigDecimal.ONE, BigDecimal.valueOf(3)));
      case "yearly" -> Optional.of(share(price, BigDecimal.ONE, BigDecimal.valueOf(12)));
      case "weekly" -> Optional.of(share(price, BigDecimal.valueOf(52), BigDecimal.valueOf(12)));
      default -> Optional.empty();
    };
  }

  private static BigDecimal share(BigDecimal price, BigDecimal times, BigDecimal per) {
    BigDecimal exact = price.multiply(times).divide(per, MathContext.DECIMAL128)
        .setScale(Math.max(SCALE, price.scale()), RoundingMode.HALF_EVEN).stripTrailingZeros();
    return exact.scale() < 0 ? exact.setScale(0) : exact;
  }
}
