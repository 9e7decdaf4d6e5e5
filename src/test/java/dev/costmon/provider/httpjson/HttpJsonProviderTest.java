package dev.costmon.provider.httpjson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.config.Account;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpJsonProviderTest {
  private static final String SECRET = "chargeback-s3cr3t-token";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), ZoneOffset.UTC);
  private static final CollectWindow WINDOW = CollectWindow.of(CLOCK.instant(), ZoneOffset.UTC, 3);

  private final ProviderFixture fixture = new ProviderFixture();
  private final HttpJsonProvider provider = new HttpJsonProvider();

  @AfterEach
  void close() {
    fixture.close();
  }

  private Account account(String extra) {
    return fixture.account(provider, """
            url: https://chargeback.example/api/costs?month=current
            bearer: ${TOKEN}
            headers: {X-Team: infra}
            amount: /data/total
            currency: EUR
        """.replace("        ", "    ") + extra, Map.of("TOKEN", SECRET));
  }

  @Test
  void picksAmountAndUsageExactlyAndSendsTheToken() throws ProviderException {
    fixture.route("/api/costs", ProviderFixture.json(
        "{\"data\": {\"total\": 1234.567890123456789, \"requests\": 42000}}"));
    Account account = account("    usage: {requests: {pointer: /data/requests}}\n");

    List<Observation> obs = fixture.collect(provider, account, WINDOW, CLOCK);

    // The month-to-date spend, its forecast (23 days elapsed of 30) and the usage figure.
    assertThat(obs).hasSize(3);
    Observation spend = obs.get(0);
    assertThat(spend.kind()).isEqualTo(ObservationKind.SPEND);
    assertThat(spend.day()).isEqualTo(LocalDate.of(2026, 11, 1));
    assertThat(spend.money()).isEqualTo(Money.of("1234.567890123456789", "EUR"));
    assertThat(obs.get(1).kind()).isEqualTo(ObservationKind.FORECAST);
    assertThat(obs.get(1).provenance()).isEqualTo(dev.costmon.model.Provenance.ESTIMATE);
    assertThat(obs.get(2).value()).isEqualByComparingTo("42000");
    assertThat(fixture.requests).containsExactly("GET /api/costs?month=current");
    assertThat(fixture.requestHeaders.get(0).get("Authorization")).containsExactly("Bearer " + SECRET);
    assertThat(fixture.requestHeaders.get(0).get("X-team")).containsExactly("infra");
    assertThat(fixture.everythingVisible()).doesNotContain(SECRET);
  }

  @Test
  void aMissingFieldNamesThePointer() {
    fixture.route("/api/costs", ProviderFixture.json("{\"data\": {}}"));
    assertThatThrownBy(() -> fixture.collect(provider, account(""), WINDOW, CLOCK))
        .isInstanceOf(ProviderException.class)
        .hasMessage("the response has nothing at /data/total (amount)");
  }

  @Test
  void anHtmlErrorPageIsABadResponseWithoutTheSecret() {
    fixture.route("/api/costs", ProviderFixture.respond(200, "text/html",
        "<html><body>Login required " + SECRET + "</body></html>"));
    assertThatThrownBy(() -> fixture.collect(provider, account(""), WINDOW, CLOCK))
        .isInstanceOf(ProviderException.class)
        .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.BAD_RESPONSE))
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void serverErrorsAreRetriedThenSucceed() throws ProviderException {
    fixture.route("/api/costs", ProviderFixture.sequence(
        ProviderFixture.respond(503, "text/plain", "busy"),
        ProviderFixture.json("{\"data\": {\"total\": \"7.10\"}}")));

    List<Observation> obs = fixture.collect(provider, account(""), WINDOW, CLOCK);

    assertThat(obs.get(0).money()).isEqualTo(Money.of("7.10", "EUR"));
    assertThat(fixture.requests).hasSize(2);
    assertThat(fixture.sleeps).hasSize(1);
  }

  @Test
  void unauthorisedIsAnAuthError() {
    fixture.route("/api/costs", ProviderFixture.respond(401, "application/json", "{\"error\":\"bad token\"}"));
    assertThatThrownBy(() -> fixture.collect(provider, account(""), WINDOW, CLOCK))
        .isInstanceOf(ProviderException.class)
        .satisfies(e -> assertThat(((ProviderException) e).kind()).isEqualTo(ProviderException.Kind.AUTH));
    assertThat(fixture.requests).hasSize(1);
  }
}
