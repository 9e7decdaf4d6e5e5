package dev.costmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
  @Test
  void joinsPathsWithOneSlash() {
    assertThat(ApiRequest.get("https://h/v1/").path("/costs").build().uri())
        .hasToString("https://h/v1/costs");
    assertThat(ApiRequest.get("https://h/v1").path("costs").path("/daily").build().uri())
        .hasToString("https://h/v1/costs/daily");
    assertThat(ApiRequest.get("https://h").path("/v1").build().uri()).hasToString("https://h/v1");
    assertThat(ApiRequest.get("https://h/v1/").build().uri()).hasToString("https://h/v1/");
  }

  @Test
  void encodesSegmentsAndQueryParameters() {
    ApiRequest request =
        ApiRequest.get("https://h:8443/v2?per_page=200")
            .pathSegment("my bucket/1")
            .query("group_by[]", "a")
            .query("group_by[]", "b")
            .query("q", "café~*")
            .build();

    assertThat(request.uri())
        .hasToString(
            "https://h:8443/v2/my%20bucket%2F1?per_page=200&group_by%5B%5D=a&group_by%5B%5D=b&q=caf%C3%A9~%2A");
  }

  @Test
  void keepsAServerSentNextLinkAsItIs() {
    assertThat(
            ApiRequest.get("https://api.digitalocean.com/v2/invoices?page=2&per_page=20")
                .build()
                .uri())
        .hasToString("https://api.digitalocean.com/v2/invoices?page=2&per_page=20");
  }

  @Test
  void basicAuthRedactsPasswordAndEncoding() {
    Secret password = new Secret("${PW}", "hunter2");
    ApiRequest request = ApiRequest.get("https://h/").basicAuth("me", password).build();

    String encoded =
        Base64.getEncoder().encodeToString("me:hunter2".getBytes(StandardCharsets.UTF_8));
    assertThat(request.secretHeaders())
        .singleElement()
        .satisfies(h -> assertThat(h.reveal()).isEqualTo("Basic " + encoded));
    assertThat(Redactor.of(request.secrets()).text("hunter2 " + encoded)).isEqualTo("*** ***");
    assertThat(request.toString())
        .doesNotContain("hunter2", encoded)
        .contains("Authorization: Basic ${PW}");
  }

  @Test
  void carriesStatusHandling() {
    ApiRequest request =
        ApiRequest.get("https://h/").allowStatus(404, 409).mapStatus(403, Kind.CONDITION).build();

    assertThat(request.allowedStatuses()).containsExactlyInAnyOrder(404, 409);
    assertThat(request.statusKinds()).containsEntry(403, Kind.CONDITION);
    assertThat(request.archived()).isTrue();
  }

  @Test
  void rejectsWhatWouldBreakTheRequest() {
    assertThatThrownBy(() -> ApiRequest.get("ftp://h/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiRequest.get("/relative"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiRequest.get("https://h/").path("/x?y=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiRequest.get("https://h/").header("User-Agent", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ApiRequest.get("https://h/").header("X-A", "a\r\nX-B: b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ApiRequest.get("https://h/").secretHeader("X-Key", new Secret("${K}", "abc\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret ${K} contains a control character (a trailing newline?)");
    assertThatThrownBy(() -> ApiRequest.get("https://h/").allowStatus(42))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    HttpSettings d = HttpSettings.defaults();
    assertThat(d.connectTimeout()).hasSeconds(10);
    assertThat(d.requestTimeout()).hasSeconds(60);
    assertThat(d.maxAttempts()).isEqualTo(4);
    assertThat(d.maxRetryAfter()).hasSeconds(120);
    assertThat(d.maxResponseBytes()).isEqualTo(32L * 1024 * 1024);
  }
}
