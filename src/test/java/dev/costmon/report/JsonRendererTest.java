package dev.costmon.report;

import static dev.costmon.report.Views.USD;
import static dev.costmon.report.Views.account;
import static dev.costmon.report.Views.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.costmon.budget.AccountView;
import dev.costmon.budget.MonthView;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
  private final JsonMapper mapper = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  @Test
  void keepsAmountsAndRatiosExact() throws Exception {
    AccountView tiny = of(account("openrouter", new NamedProvider("openrouter"), Map.of(), USD,
        Optional.of(Money.parse("0.3 USD"))))
        .spend("0.1234567890123", Provenance.API).forecast("0.1234567890123", Provenance.API)
        .collected(Duration.ofHours(1)).build();
    String text = Render.render(Views.month(Optional.empty(), tiny), Views.options(ReportFormat.JSON));

    assertThat(text).contains("\"amount\" : \"0.1234567890123\"");
    JsonNode account = mapper.readTree(text).get("accounts").get(0);
    assertThat(account.get("spend").get("amount").asText()).isEqualTo("0.1234567890123");
    assertThat(account.get("cap_ratio").decimalValue()).isEqualByComparingTo("0.4115226300410");
    assertThat(mapper.readTree(text).get("totals").get("spend").get("amount").asText()).isEqualTo("0.1234567890123");
  }

  @Test
  void namesCurrencyAndProvenanceOfEveryFigure() throws Exception {
    JsonNode root = mapper.readTree(Render.render(Views.sample(), Views.options(ReportFormat.JSON)));
    JsonNode ionos = root.get("accounts").get(0);

    assertThat(ionos.get("spend").toString())
        .isEqualTo("{\"amount\":\"4.6\",\"currency\":\"EUR\",\"provenance\":[\"fixed\"]}");
    assertThat(ionos.get("spend_reporting").toString())
        .isEqualTo("{\"amount\":\"4.968\",\"currency\":\"USD\",\"provenance\":[\"fixed\"]}");
    assertThat(ionos.get("fx_rate").decimalValue()).isEqualByComparingTo("1.08");
    assertThat(ionos.get("forecast_reporting").toString())
        .isEqualTo("{\"amount\":\"6.4800\",\"currency\":\"USD\",\"provenance\":[\"fixed\"]}");
    JsonNode openai = root.get("accounts").get(1);
    assertThat(openai.get("spend").get("provenance").toString()).isEqualTo("[\"api\",\"estimate\"]");
    assertThat(openai.get("services").get(1).toString()).isEqualTo("{\"service\":\"embeddings\","
        + "\"spend\":{\"amount\":\"4.623456\",\"currency\":\"USD\",\"provenance\":[\"estimate\"]},"
        + "\"spend_reporting\":{\"amount\":\"4.623456\",\"currency\":\"USD\",\"provenance\":[\"estimate\"]}}");
    assertThat(openai.get("usage").get(1).toString()).isEqualTo("{\"metric\":\"storage\",\"unit\":\"bytes\","
        + "\"value\":850000000,\"aggregation\":\"sum\",\"quota\":{\"value\":1000000000,\"unit\":\"bytes\"},"
        + "\"ratio\":0.85}");
    assertThat(openai.get("trend")).hasSize(8);
    assertThat(openai.get("trend").get(7).toString())
        .isEqualTo("{\"day\":\"2026-11-23\",\"spend\":{\"amount\":\"0.05\",\"currency\":\"USD\"}}");
  }

  @Test
  void fieldsComeInAStableOrder() throws Exception {
    JsonNode root = mapper.readTree(Render.render(Views.sample(), Views.options(ReportFormat.JSON)));

    assertThat(names(root)).containsExactly("demo", "month", "generated_at", "days_elapsed", "days_in_month",
        "closed", "currency", "grouping", "accounts", "groups", "totals");
    assertThat(names(root.get("accounts").get(0))).containsExactly("id", "provider", "labels", "currency", "spend",
        "spend_reporting", "fx_rate", "fx_date", "fx_source", "cap", "cap_ratio", "forecast", "forecast_reporting", "forecast_ratio",
        "data", "thresholds", "services", "estimate_vs_actual", "usage", "trend", "stale", "last_success", "condition");
    assertThat(names(root.get("totals"))).containsExactly("spend", "forecast", "cap", "cap_ratio");
    assertThat(root.get("month").asText()).isEqualTo("2026-11");
    assertThat(root.get("generated_at").asText()).isEqualTo("2026-11-23T10:00:00Z");
  }

  @Test
  void showsStaleAccountAndItsCondition() throws Exception {
    JsonNode anthropic = mapper.readTree(Render.render(Views.sample(), Views.options(ReportFormat.JSON)))
        .get("accounts").get(2);

    assertThat(anthropic.get("stale").asBoolean()).isTrue();
    assertThat(anthropic.get("last_success").asText()).isEqualTo("2026-11-20T10:00:00Z");
    assertThat(anthropic.get("condition").asText()).isEqualTo("no admin access");
    assertThat(anthropic.get("cap").isNull()).isTrue();
  }

  @Test
  void saysWhenItIsDemoData() throws Exception {
    assertThat(mapper.readTree(Render.render(Views.sample(), Views.options(ReportFormat.JSON).withDemo(true)))
        .get("demo").asBoolean()).isTrue();
    assertThat(mapper.readTree(Render.render(Views.sample(), Views.options(ReportFormat.JSON)))
        .get("demo").asBoolean()).isFalse();
  }

  @Test
  void groupSubtotalsSumExactlyToTheTotal() throws Exception {
    MonthView view = Views.sample();
    for (Grouping grouping : List.of(Grouping.PROVIDER, Grouping.label("team"))) {
      JsonNode root = mapper.readTree(Render.render(view, Views.options(ReportFormat.JSON).withGrouping(grouping)));
      BigDecimal sum = BigDecimal.ZERO;
      for (JsonNode group : root.get("groups")) {
        if (!group.get("spend").isNull()) { // a group without any figure this month has none
          sum = sum.add(new BigDecimal(group.get("spend").get("amount").asText()));
        }
      }
      assertThat(root.get("groups")).hasSize(3);
      assertThat(sum.toPlainString()).isEqualTo(root.get("totals").get("spend").get("amount").asText())
          .isEqualTo(view.total().amount().toPlainString());
      assertThat(root.get("accounts").get(0).get("group").asText()).isNotEmpty();
    }
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
