package dev.costmon.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.config.Secret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
  private final Redactor redactor =
      Redactor.of(List.of(new Secret("${A}", "abc/def+g h"), new Secret("${B}", "abc")));

  @Test
  void replacesEveryFormOfEverySecret() {
    assertThat(
            redactor.text("x abc/def+g h y abc z abc%2Fdef%2Bg+h abc%2Fdef%2Bg%20h abc\\/def+g h"))
        .isEqualTo("x *** y *** z *** *** ***");
  }

  @Test
  void replacesSecretsInBytes() {
    byte[] body = "{\"t\":\"abc/def+g h\",\"u\":\"abcabc\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(new String(redactor.bytes(body), StandardCharsets.UTF_8))
        .isEqualTo("{\"t\":\"***\",\"u\":\"******\"}");
  }

  @Test
  void bytesWithoutSecretsAreACopy() {
    byte[] body = "nothing".getBytes(StandardCharsets.UTF_8);

    assertThat(redactor.bytes(body)).isEqualTo(body).isNotSameAs(body);
  }

  @Test
  void masksCredentialQueryParametersAndUserInfo() {
    URI uri =
        URI.create(
            "https://user:pw@api.example.com:8443/v1/x?api_key=1&page=2&X-Amz-Signature=3"
                + "&group_by%5B%5D=model&pageToken=next&access_token=4&key=5#frag");

    assertThat(Redactor.none().url(uri))
        .isEqualTo(
            "https://***@api.example.com:8443/v1/x?api_key=***&page=2"
                + "&X-Amz-Signature=***&group_by%5B%5D=model&pageToken=next&access_token=***&key=***");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "key",
        "token",
        "secret",
        "signature",
        "password",
        "apikey",
        "api_key",
        "access_token",
        "API-KEY",
        "client_secret",
        "X-Amz-Credential",
        "sig",
        "refresh_token"
      })
  void recognisesCredentialNames(String name) {
    assertThat(Redactor.isCredentialName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "page",
        "group_by[]",
        "starting_at",
        "page_token",
        "nextPageToken",
        "limit",
        "bucket"
      })
  void leavesOrdinaryNames(String name) {
    assertThat(Redactor.isCredentialName(name)).isFalse();
  }

  @Test
  void whereIsHostAndPathWithoutQuery() {
    assertThat(Redactor.none().where(URI.create("https://api.example.com/v1/costs?token=x")))
        .isEqualTo("api.example.com/v1/costs");
    assertThat(Redactor.none().where(URI.create("http://127.0.0.1:8080")))
        .isEqualTo("127.0.0.1:8080/");
  }

  @Test
  void toStringShowsNoSecret() {
    assertThat(redactor.toString()).doesNotContain("abc");
  }
}
