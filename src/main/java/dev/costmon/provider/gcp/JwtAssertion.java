package dev.costmon.provider.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The RS256-signed JWT a service account trades for an access token (RFC 7523 JWT bearer grant),
 * made with the JDK's own RSA: Google's auth library would pull a dozen jars in for one signature.
 */
final class JwtAssertion {
  /** Read-only BigQuery: enough to run a query job and read the export, nothing else. */
  static final String SCOPE = "https://www.googleapis.com/auth/bigquery.readonly";

  /** Google accepts assertions valid for at most an hour. */
  static final Duration LIFETIME = Duration.ofHours(1);

  /** Built once and never reconfigured, so sharing it is not shared mutable state. */
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private JwtAssertion() {}

  /** {@code header.claims.signature}, each base64url without padding. */
  static String sign(ServiceAccountKey key, URI audience, Instant now) {
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    key.privateKeyId().ifPresent(id -> header.put("kid", id));
    long iat = now.getEpochSecond();
    ObjectNode claims = JSON.createObjectNode()
        .put("iss", key.clientEmail())
        .put("scope", SCOPE)
        .put("aud", audience.toString())
        .put("iat", iat)
        .put("exp", iat + LIFETIME.toSeconds());
    String signingInput = encode(header) + "." + encode(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      // Every JDK has SHA256withRSA and the key was checked when the config loaded.
      throw new IllegalStateException("cannot sign the token request with the service account key", e);
    }
  }

  private static String encode(ObjectNode node) {
    try {
      return BASE64URL.encodeToString(JSON.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JWT JSON", e);
    }
  }
}
