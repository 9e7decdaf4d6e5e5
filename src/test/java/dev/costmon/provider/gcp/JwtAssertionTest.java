package dev.costmon.provider.gcp;

import static dev.costmon.provider.gcp.GcpServer.gcp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.costmon.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The JWT against a vector made outside Java: {@code jwt_vector.txt} is the same header and claims
 * signed by {@code openssl dgst -sha256 -sign} with the committed test key (RS256 is deterministic).
 */
class JwtAssertionTest {
  private static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");
  private static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

  private static ServiceAccountKey key(String json) {
    return ServiceAccountKey.parse(new Secret("file:/etc/costmon/gcp-sa.json", json));
  }

  @Test
  void signsExactlyAsOpensslDoesForTheSameHeaderAndClaims() throws Exception {
    String jwt = JwtAssertion.sign(key(gcp("service_account_key.json")), GOOGLE_TOKEN_URI, NOW);

    assertThat(jwt).isEqualTo(gcp("jwt_vector.txt").strip());
    assertThat(GcpProviderTest.verifies(jwt)).isTrue();
  }

  @Test
  void aTamperedClaimNoLongerVerifies() throws Exception {
    String jwt = JwtAssertion.sign(key(gcp("service_account_key.json")), GOOGLE_TOKEN_URI, NOW);
    String[] parts = jwt.split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("bigquery.readonly", "cloud-platform");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

    assertThat(GcpProviderTest.verifies(forged)).isFalse();
  }

  @Test
  void aKeyWithoutPrivateKeyIdSignsWithoutKid() throws Exception {
    var json = (com.fasterxml.jackson.databind.node.ObjectNode)
        JsonMapper.builder().build().readTree(gcp("service_account_key.json"));
    json.remove("private_key_id");

    String jwt = JwtAssertion.sign(key(json.toString()), GOOGLE_TOKEN_URI, NOW);

    String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
    assertThat(header).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    assertThat(GcpProviderTest.verifies(jwt)).isTrue();
  }

  @Test
  void theKeyPrintsOnlyItsAccount() {
    ServiceAccountKey key = key(gcp("service_account_key.json"));

    assertThat(key.toString()).isEqualTo("ServiceAccountKey[costmon-reader@costmon-test.iam.gserviceaccount.com]");
    assertThat(key.tokenUri()).isEqualTo(GOOGLE_TOKEN_URI);
    assertThat(key.secrets()).extracting(Secret::reference).containsExactly(
        "file:/etc/costmon/gcp-sa.json", "file:/etc/costmon/gcp-sa.json#private_key",
        "file:/etc/costmon/gcp-sa.json#private_key_body");
  }
}
