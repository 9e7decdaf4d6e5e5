package dev.costmon.provider.httpjson;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Account;
import dev.costmon.http.ApiRequest;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.MonthToDate;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code provider: http-json}: one request, figures picked by JSON Pointer. A month-to-date amount
 * is recorded on the month's first day, so each run's figure replaces the previous one and the
 * month total stays exact without a daily split the endpoint does not give.
 */
public final class HttpJsonProvider implements ProviderType<HttpJsonSettings> {
  static final String MONTH_TO_DATE = "month to date";

  @Override
  public String name() {
    return "http-json";
  }

  /** Days are the config's: the collect window's, in its timezone. */
  @Override
  public ZoneId billingZone(ZoneId configured) {
    return configured;
  }

  @Override
  public Class<HttpJsonSettings> settingsType() {
    return HttpJsonSettings.class;
  }

  /** The metrics the account's usage: names, and no other. */
  @Override
  public Optional<Set<String>> usageMetrics(HttpJsonSettings settings) {
    return Optional.of(settings.usage().keySet());
  }

  @Override
  public List<Observation> collect(
      Account account, HttpJsonSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    JsonNode root = context.http().send(request(settings, context)).json();
    LocalDate today = window.today();
    List<Observation> result = new ArrayList<>();
    if (settings.amount() != null) {
      BigDecimal amount = number(root, settings.amount(), "amount");
      Currency currency = settings.currencyPointer() == null
          ? account.currency()
          : currency(text(root, settings.currencyPointer(), "currency_pointer"));
      boolean monthToDate = settings.period().equals("month");
      Money money = new Money(amount, currency);
      result.add(Observation.spend(monthToDate ? today.withDayOfMonth(1) : today,
          monthToDate ? MONTH_TO_DATE : "", money, Provenance.API));
      if (monthToDate) {
        result.add(Observation.forecast(today.withDayOfMonth(1),
            MonthToDate.forecast(money, today.withDayOfMonth(1), window.now(), window.zone()), Provenance.ESTIMATE));
      }
    }
    for (Map.Entry<String, UsageValue> u : settings.usage().entrySet()) {
      UsageValue v = u.getValue();
      result.add(Observation.usage(today, u.getKey(), "", number(root, v.pointer(), "usage " + u.getKey()), v.unit(),
          v.aggregation().equals("sum") ? Aggregation.SUM : Aggregation.LAST, Provenance.API));
    }
    return result;
  }

  private static ApiRequest request(HttpJsonSettings s, ProviderContext context) throws ProviderException {
    URI url = URI.create(s.url());
    if (context.account().endpoint().isPresent()) {
      URI e = context.account().endpoint().get();
      try {
        url = new URI(e.getScheme(), url.getRawUserInfo(), e.getHost(), e.getPort(), url.getPath(), url.getQuery(),
            null);
      } catch (URISyntaxException ex) {
        throw new ProviderException(ProviderException.Kind.OTHER, "cannot apply endpoint to url: " + ex.getMessage());
      }
    }
    ApiRequest.Builder b = s.method().equals("POST") ? ApiRequest.post(url) : ApiRequest.get(url);
    s.headers().forEach(b::header);
    s.secretHeaders().forEach(b::secretHeader);
    if (s.bearer() != null) {
      b.bearer(s.bearer());
    }
    if (s.body() != null) {
      b.body("application/json", s.body().getBytes(StandardCharsets.UTF_8));
    }
    return b.build();
  }

  private static BigDecimal number(JsonNode root, String pointer, String what) throws ProviderException {
    JsonNode node = root.at(pointer);
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.textValue().trim());
      } catch (NumberFormatException e) {
        throw bad(what + " at " + pointer + " is '" + node.textValue() + "', not a number");
      }
    }
    throw bad(node.isMissingNode() ? "the response has nothing at " + pointer + " (" + what + ")"
        : what + " at " + pointer + " is " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
            + ", not a number");
  }

  private static String text(JsonNode root, String pointer, String what) throws ProviderException {
    JsonNode node = root.at(pointer);
    if (!node.isTextual()) {
      throw bad("the response has no text at " + pointer + " (" + what + ")");
    }
    return node.textValue();
  }

  private static Currency currency(String code) throws ProviderException {
    try {
      return Money.currency(code.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }

  private static ProviderException bad(String message) {
    return new ProviderException(ProviderException.Kind.BAD_RESPONSE, message);
  }
}
