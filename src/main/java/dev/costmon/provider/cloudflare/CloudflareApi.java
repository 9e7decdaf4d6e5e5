package dev.costmon.provider.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Redactor;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Requests to the Cloudflare v4 API for one account and the reading of its envelope {@code
 * {success, errors[], messages[], result}}, plus the field checks shared by the response mappings.
 */
final class CloudflareApi {
  static final String DEFAULT_BASE = "https://api.cloudflare.com/client/v4";

  /** Cloudflare's code for "not authenticated / not allowed", also sent where pay-as-you-go is off. */
  static final int NOT_ALLOWED_CODE = 10000;

  private final ProviderContext context;
  private final CloudflareSettings settings;
  private final Redactor redactor;

  CloudflareApi(ProviderContext context, CloudflareSettings settings) {
    this.context = context;
    this.settings = settings;
    this.redactor = Redactor.of(List.of(settings.token()));
  }

  /** Text quoted from a response, with the token masked: an error message may echo the request. */
  String redact(String text) {
    return redactor.text(text);
  }

  /** A GET of {@code /accounts/{id}/<more>} with the token. */
  ApiRequest.Builder accountGet(String more) {
    return ApiRequest.get(context.baseUri(DEFAULT_BASE))
        .path("accounts")
        .pathSegment(settings.accountId())
        .path(more)
        .bearer(settings.token());
  }

  /** A POST of a JSON body to {@code /graphql} with the token. */
  ApiRequest.Builder graphql(String json) {
    return ApiRequest.post(context.baseUri(DEFAULT_BASE)).path("graphql").bearer(settings.token()).jsonBody(json);
  }

  ApiResponse send(ApiRequest request) throws ProviderException {
    return context.http().send(request);
  }

  /** The envelope's {@code result}; {@code success: false} fails naming the first error. */
  JsonNode result(JsonNode body, String what) throws ProviderException {
    JsonNode success = body.get("success");
    if (success == null || !success.isBoolean()) {
      throw missing(what, "success");
    }
    if (!success.booleanValue()) {
      throw new ProviderException(Kind.OTHER, what + ": " + firstError(body));
    }
    JsonNode result = body.get("result");
    if (result == null || result.isNull()) {
      throw missing(what, "result");
    }
    return result;
  }

  /** {@code Cloudflare error 10000: Authentication error}, from the envelope's first error. */
  String firstError(JsonNode body) {
    JsonNode first = body.path("errors").path(0);
    if (first.isMissingNode() || !first.isObject()) {
      return "Cloudflare reported a failure without details";
    }
    String message = shorten(redact(first.path("message").asText("")));
    OptionalInt code = errorCode(body);
    return "Cloudflare error" + (code.isPresent() ? " " + code.getAsInt() : "")
        + (message.isEmpty() ? "" : ": " + message);
  }

  /** The code of the envelope's first error, if any. */
  static OptionalInt errorCode(JsonNode body) {
    JsonNode code = body.path("errors").path(0).path("code");
    return code.canConvertToInt() ? OptionalInt.of(code.intValue()) : OptionalInt.empty();
  }

  static ProviderException missing(String what, String field) {
    return new ProviderException(Kind.BAD_RESPONSE, what + " has no '" + field + "' field");
  }

  static String text(JsonNode node, String field, String what) throws ProviderException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      throw missing(what, field);
    }
    return value.asText();
  }

  static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()
        ? Optional.empty()
        : Optional.of(value.asText());
  }

  /** An exact number from a JSON number (read as BigDecimal by the engine) or a numeric string. */
  static Optional<BigDecimal> optionalNumber(JsonNode node, String field, String what) throws ProviderException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      return Optional.of(value.decimalValue());
    }
    if (value.isTextual()) {
      try {
        return Optional.of(new BigDecimal(value.asText().strip()));
      } catch (NumberFormatException e) {
        // Reported below with the field's name.
      }
    }
    throw new ProviderException(Kind.BAD_RESPONSE, what + ": '" + field + "' is not a number");
  }

  static BigDecimal number(JsonNode node, String field, String what) throws ProviderException {
    Optional<BigDecimal> value = optionalNumber(node, field, what);
    if (value.isEmpty()) {
      throw missing(what, field);
    }
    return value.get();
  }

  /** The UTC day of an ISO timestamp ({@code 2026-11-01T00:00:00Z}) or an ISO date. */
  static LocalDate utcDay(String text, String field, String what) throws ProviderException {
    try {
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e2) {
        throw new ProviderException(Kind.BAD_RESPONSE, what + ": '" + field + "' is not a date: " + shorten(text));
      }
    }
  }

  static String shorten(String text) {
    String clean = text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    return clean.length() > 120 ? clean.substring(0, 117) + "..." : clean;
  }
}
