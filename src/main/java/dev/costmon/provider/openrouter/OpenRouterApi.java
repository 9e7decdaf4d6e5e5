package dev.costmon.provider.openrouter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Redactor;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The OpenRouter endpoints of one account. Paths are relative to the base, which already ends in
 * {@code /api/v1}, so an {@code endpoint:} override replaces the whole base.
 */
final class OpenRouterApi {
  static final String DEFAULT_BASE = "https://openrouter.ai/api/v1";
  static final String NOT_MANAGEMENT_KEY =
      "not a management key: /activity and /credits need an OpenRouter management key"
          + " (or set key_type: inference to track only this key's month-to-date usage)";

  private final OpenRouterSettings settings;
  private final ProviderContext context;

  OpenRouterApi(OpenRouterSettings settings, ProviderContext context) {
    this.settings = settings;
    this.context = context;
  }

  /** GET of an endpoint any key may read ({@code /key}); the engine maps every failure. */
  JsonNode get(String path) throws ProviderException {
    return context.http().send(request(path).build()).json();
  }

  /**
   * GET of a management-key endpoint. OpenRouter answers other keys with 403 "Only management keys
   * can perform this operation": a condition of the account's setup, not a rejected key.
   */
  JsonNode getManagement(String path) throws ProviderException {
    ApiResponse response = context.http().send(request(path).allowStatus(403).build());
    if (response.status() == 403) {
      String message = errorMessage(response);
      String detail = message.isEmpty() ? "" : ": " + message;
      if (message.toLowerCase(Locale.ROOT).contains("management key")) {
        throw new ProviderException(Kind.CONDITION, NOT_MANAGEMENT_KEY + " (HTTP 403 from " + path + detail + ")");
      }
      throw new ProviderException(Kind.AUTH, "HTTP 403 Forbidden from " + path + detail);
    }
    return response.json();
  }

  private ApiRequest.Builder request(String path) {
    return ApiRequest.get(context.baseUri(DEFAULT_BASE)).path(path).bearer(settings.apiKey());
  }

  /** OpenRouter's error envelope: {@code {"error":{"code":403,"message":"..."}}}. */
  private String errorMessage(ApiResponse response) {
    Optional<String> message;
    try {
      JsonNode error = response.json().get("error");
      message = error == null ? Optional.empty() : Fields.optionalText(error, "message");
    } catch (ProviderException notJson) {
      message = Optional.empty();
    }
    String clean = Redactor.of(List.of(settings.apiKey())).text(message.orElse(""))
        .replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > 120 ? clean.substring(0, 117) + "..." : clean;
  }
}
