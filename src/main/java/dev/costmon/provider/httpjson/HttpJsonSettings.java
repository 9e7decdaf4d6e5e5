package dev.costmon.provider.httpjson;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;
import java.net.URI;
import java.util.Map;

/**
 * {@code provider: http-json}: any JSON endpoint (an internal chargeback API, a provider costmon has
 * no package for) and JSON Pointers that pick the figures.
 *
 * @param url the full URL; an account's {@code endpoint:} replaces its scheme, host and port
 * @param bearer a token sent as {@code Authorization: Bearer}
 * @param secretHeaders headers whose whole value is a secret reference
 * @param amount JSON Pointer to the spend, e.g. {@code /data/total}
 * @param currencyPointer where the response names the amount's currency; without it the amount is in
 *     the account's {@code currency:} (default: its cap's, else the reporting currency)
 * @param period {@code month} (the amount is month to date, the default) or {@code day} (today's spend)
 */
public record HttpJsonSettings(
    String url,
    String method,
    String body,
    Map<String, String> headers,
    Secret bearer,
    Map<String, Secret> secretHeaders,
    String amount,
    String currencyPointer,
    String period,
    Map<String, UsageValue> usage) implements ProviderSettings {

  public HttpJsonSettings {
    if (url == null) {
      throw new IllegalArgumentException("url: is required, e.g. url: https://chargeback.internal/api/costs");
    }
    URI parsed = URI.create(url);
    if (parsed.getScheme() == null || parsed.getHost() == null) {
      throw new IllegalArgumentException("url '" + url + "' must be an absolute http(s) URL");
    }
    method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
    if (!method.equals("GET") && !method.equals("POST")) {
      throw new IllegalArgumentException("method must be GET or POST");
    }
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    secretHeaders = secretHeaders == null ? Map.of() : Map.copyOf(secretHeaders);
    usage = usage == null ? Map.of() : Map.copyOf(usage);
    if (amount == null && usage.isEmpty()) {
      throw new IllegalArgumentException("amount: (a JSON Pointer) or usage: is required");
    }
    if (amount != null && !amount.startsWith("/")) {
      throw new IllegalArgumentException("amount must be a JSON Pointer such as /data/total");
    }
    period = period == null ? "month" : period;
    if (!period.equals("month") && !period.equals("day")) {
      throw new IllegalArgumentException("period must be month (month to date) or day (today)");
    }
  }
}
