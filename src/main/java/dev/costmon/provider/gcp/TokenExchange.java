package dev.costmon.provider.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Secret;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Redactor;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Trades a signed JWT for a short-lived OAuth2 access token at the key's token endpoint. The
 * exchange is kept out of the raw archive (its answer is a credential) and the assertion and key
 * are redacted from everything printed about it.
 */
final class TokenExchange {
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  /** How the engine and the archive know the access token, so they redact it. */
  static final String TOKEN_REFERENCE = "oauth:access_token";

  /** Stands in for the token when archived answers are replayed, which need none. */
  static final Secret REPLAY_TOKEN = new Secret(TOKEN_REFERENCE, "replayed-from-archive-no-token");

  private TokenExchange() {}

  /** A Bearer token for BigQuery, as a {@link Secret}. */
  static Secret accessToken(ServiceAccountKey key, URI tokenUri, ProviderContext context)
      throws ProviderException {
    String assertion = JwtAssertion.sign(key, tokenUri, context.clock().instant());
    List<Secret> secrets = new ArrayList<>(key.secrets());
    secrets.add(new Secret("oauth:assertion", assertion));
    String form = "grant_type=" + URLEncoder.encode(GRANT_TYPE, StandardCharsets.UTF_8)
        + "&assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
    ApiRequest.Builder request = ApiRequest.post(tokenUri)
        .header("Accept", "application/json")
        .body("application/x-www-form-urlencoded", form.getBytes(StandardCharsets.US_ASCII))
        .notArchived()
        // Google answers a bad or revoked key with 400 invalid_grant; read it to say so.
        .allowStatus(400, 401, 403);
    secrets.forEach(request::redact);
    ApiResponse response = context.http().send(request.build());
    Redactor redactor = Redactor.of(secrets);
    String where = redactor.where(tokenUri);
    if (!response.isSuccess()) {
      throw new ProviderException(Kind.AUTH, redactor.text(refusal(response, where, key)));
    }
    JsonNode body;
    try {
      body = response.json();
    } catch (ProviderException e) {
      // The engine quotes the start of a body that is not JSON; a truncated token answer starts
      // with the token itself, which it does not know to redact.
      throw new ProviderException(Kind.BAD_RESPONSE, "the token answer from " + where + " is not JSON");
    }
    JsonNode token = body.get("access_token");
    if (token == null || !token.isTextual() || token.textValue().isBlank()) {
      throw new ProviderException(
          Kind.BAD_RESPONSE, "response field access_token is missing in the token answer from " + where);
    }
    JsonNode type = body.get("token_type");
    if (type != null && type.isTextual() && !type.textValue().equalsIgnoreCase("Bearer")) {
      throw new ProviderException(
          Kind.BAD_RESPONSE, "the token answer from " + where + " has token_type " + excerpt(type.textValue())
              + ", expected Bearer");
    }
    return new Secret(TOKEN_REFERENCE, token.textValue());
  }

  /** {@code error} and {@code error_description} say why: a deleted key, a skewed clock. */
  private static String refusal(ApiResponse response, String where, ServiceAccountKey key) {
    String detail = "";
    try {
      JsonNode body = response.json();
      String error = body.path("error").isTextual() ? body.path("error").textValue() : "";
      String description = body.path("error_description").isTextual()
          ? body.path("error_description").textValue() : "";
      detail = (error + (description.isEmpty() ? "" : ": " + description)).strip();
    } catch (ProviderException notJson) {
      // The status says enough.
    }
    return "the token endpoint " + where + " refused service account " + key.clientEmail()
        + " (HTTP " + response.status() + (detail.isEmpty() ? "" : " " + excerpt(detail)) + ")"
        + "; check that the key is not deleted or disabled and that this machine's clock is right";
  }

  private static String excerpt(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > 160 ? clean.substring(0, 157) + "..." : clean;
  }
}
