package dev.costmon.provider.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.costmon.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Google service account's JSON key: who it is, its RSA signing key and where its tokens come
 * from. Error messages name the key file's reference and the field, never any of its content.
 */
final class ServiceAccountKey {
  private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PEM_END = "-----END PRIVATE KEY-----";

  private final String clientEmail;
  private final Optional<String> privateKeyId;
  private final PrivateKey privateKey;
  private final URI tokenUri;
  private final List<Secret> secrets;

  private ServiceAccountKey(
      String clientEmail,
      Optional<String> privateKeyId,
      PrivateKey privateKey,
      URI tokenUri,
      List<Secret> secrets) {
    this.clientEmail = clientEmail;
    this.privateKeyId = privateKeyId;
    this.privateKey = privateKey;
    this.tokenUri = tokenUri;
    this.secrets = secrets;
  }

  /**
   * Reads the key file's content.
   *
   * @throws IllegalArgumentException naming {@code service_account_key:} and the problem
   */
  static ServiceAccountKey parse(Secret key) {
    String where = "service_account_key: " + key.reference();
    JsonNode json;
    try {
      json = JsonMapper.builder().build().readTree(key.reveal());
    } catch (IOException e) {
      // Jackson's message quotes the offending text, which is part of the key: leave it out.
      throw new IllegalArgumentException(
          where + " is not a JSON key file (download one under IAM > Service accounts > Keys)");
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(where + " is not a JSON key file (expected a JSON object)");
    }
    String type = text(json, "type", where);
    if (!type.equals("service_account")) {
      String shown = type.matches("[a-z_]{1,40}") ? "an '" + type + "'" : "not a service account";
      throw new IllegalArgumentException(
          where + " is " + shown + " credential; costmon needs a service account key (type service_account)");
    }
    String email = text(json, "client_email", where);
    String pem = text(json, "private_key", where);
    String tokenUri = text(json, "token_uri", where);
    URI uri;
    try {
      uri = URI.create(tokenUri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": token_uri is not a URL");
    }
    if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
        || uri.getHost() == null) {
      throw new IllegalArgumentException(where + ": token_uri is not an http(s) URL");
    }
    Optional<String> keyId = Optional.ofNullable(json.get("private_key_id"))
        .filter(JsonNode::isTextual).map(JsonNode::textValue).filter(s -> !s.isBlank());
    PrivateKey privateKey = rsaKey(pem, where);
    List<Secret> secrets = List.of(key, new Secret(key.reference() + "#private_key", pem),
        new Secret(key.reference() + "#private_key_body", body(pem)));
    return new ServiceAccountKey(email, keyId, privateKey, uri, secrets);
  }

  String clientEmail() {
    return clientEmail;
  }

  /** The {@code kid} of the JWT header, so Google picks the right public key at once. */
  Optional<String> privateKeyId() {
    return privateKeyId;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  URI tokenUri() {
    return tokenUri;
  }

  /** The key file, its PEM and the PEM's base64 body: redacted wherever the key is in use. */
  List<Secret> secrets() {
    return secrets;
  }

  /** Never the key: a key object's own toString is the JDK's business. */
  @Override
  public String toString() {
    return "ServiceAccountKey[" + clientEmail + "]";
  }

  private static String text(JsonNode json, String field, String where) {
    JsonNode node = json.get(field);
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      throw new IllegalArgumentException(where + " has no " + field + " (is it a service account JSON key?)");
    }
    return node.textValue();
  }

  private static String body(String pem) {
    return pem.replace(PEM_BEGIN, "").replace(PEM_END, "").replaceAll("\\s", "");
  }

  /** Google's keys are PKCS#8 PEM ({@code BEGIN PRIVATE KEY}) RSA keys. */
  private static PrivateKey rsaKey(String pem, String where) {
    String text = pem.strip();
    if (!text.startsWith(PEM_BEGIN) || !text.endsWith(PEM_END)) {
      throw new IllegalArgumentException(
          where + ": private_key is not a PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----)");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": private_key is not valid base64 PEM");
    }
    try {
      PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
      if (!(key instanceof RSAPrivateKey rsa) || rsa.getModulus().bitLength() < 2048) {
        throw new IllegalArgumentException(where + ": private_key is not an RSA key of at least 2048 bits");
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(where + ": private_key is not a readable RSA key");
    }
  }
}
