package dev.costmon.report;

import static dev.costmon.report.Views.EUR;
import static dev.costmon.report.Views.USD;
import static dev.costmon.report.Views.account;
import static dev.costmon.report.Views.of;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.budget.AccountView;
import dev.costmon.budget.Attribution;
import dev.costmon.budget.MonthView;
import dev.costmon.config.AttributionRule;
import dev.costmon.config.AttributionRules;
import dev.costmon.config.Glob;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Attribution of spend whose provider figures carry tags (FOCUS Tags, Google Cloud labels): a rule
 * first, then the line's tags, then the account's labels, else unattributed, and every format adds
 * up exactly.
 */
class TaggedAttributionTest {
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * gcp (EUR, team platform) has a service split by tags four ways and an untagged one; focus (USD,
   * no labels) has a service whose two tagged parts share a team and an untagged part.
   */
  static MonthView view() {
    AccountView gcp = of(account("gcp", new NamedProvider("gcp"), Map.of("team", "platform"), EUR, Optional.empty()))
        .spend("11.1666", Provenance.API)
        .tagged("p1 / Compute Engine", Provenance.API,
            Map.of("team", "web"), "3.3333",
            Map.of("team", "data", "env", "prod"), "2.2222",
            Map.of(), "1.1111",
            Map.of("cost-center", "4242"), "0.5")
        .service("p2 / BigQuery", "4", Provenance.API)
        .collected(Duration.ofHours(1))
        .build();
    AccountView focus = of(account("focus", new NamedProvider("focus"), Map.of(), USD, Optional.empty()))
        .spend("3.25", Provenance.API)
        .tagged("Amazon S3", Provenance.API,
            Map.of("team", "web", "env", "dev"), "1",
            Map.of("team", "web"), "0.25",
            Map.of(), "2")
        .collected(Duration.ofHours(1))
        .build();
    MonthView plain = Views.month(Optional.empty(), gcp, focus);
    AttributionRules rules = new AttributionRules(List.of(
        rule(Optional.empty(), Map.of("cost-center", "42*"), "finance"),
        rule(Optional.of("p1 / *"), Map.of("env", "prod"), "ops"),
        rule(Optional.of("p2 / *"), Map.of(), "data")), 10);
    return new MonthView(plain.month(), plain.now(), plain.accounts(), plain.total(), plain.totalForecast(),
        plain.cap(), plain.capRatio(), Attribution.of(plain.accounts(), rules, USD));
  }

  private static AttributionRule rule(Optional<String> service, Map<String, String> tags, String team) {
    Map<String, Glob> globs = new LinkedHashMap<>();
    tags.forEach((k, v) -> globs.put(k, Glob.parse(v)));
    return new AttributionRule(Optional.empty(), Optional.empty(), service.map(Glob::parse), globs,
        Map.of("team", team));
  }

  @Test
  void aRuleWinsThenTheLinesTagsThenTheAccountsLabelsElseUnattributed() {
    Attribution attribution = view().attribution();

    // 1 EUR = 1.08 USD. web: 3.3333 EUR by its tag and 1.25 USD of two parts; ops: the rule on env=prod
    // beats the tag team=data; platform: gcp's untagged part by its account label; finance: a rule on a
    // tag that is no label name; focus's untagged part has nowhere to go.
    assertThat(attribution.totals("team")).containsExactly(
        Map.entry("web", Money.of("4.849964", "USD")),
        Map.entry("data", Money.of("4.32", "USD")),
        Map.entry("ops", Money.of("2.399976", "USD")),
        Map.entry("unattributed", Money.of("2", "USD")),
        Map.entry("platform", Money.of("1.199988", "USD")),
        Map.entry("finance", Money.of("0.540", "USD")));
    assertThat(attribution.keys()).containsExactly("env", "team");
    assertThat(attribution.totals("env")).containsExactly(
        Map.entry("unattributed", Money.of("11.909952", "USD")),
        Map.entry("prod", Money.of("2.399976", "USD")),
        Map.entry("dev", Money.of("1", "USD")));
    assertThat(attribution.total()).isEqualTo(view().total());
    assertThat(view().total().amount()).isEqualByComparingTo("15.309928");
  }

  @Test
  void jsonGroupsAndSharesAddUpAndPartsOfOneServiceWithOneValueAreOneLine() throws Exception {
    MonthView view = view();
    JsonNode root = mapper.readTree(Render.render(view, byTeam(ReportFormat.JSON)));

    BigDecimal groups = BigDecimal.ZERO;
    for (JsonNode group : root.get("groups")) {
      BigDecimal shares = BigDecimal.ZERO;
      for (JsonNode share : group.get("shares")) {
        shares = shares.add(new BigDecimal(share.get("spend_reporting").get("amount").asText()));
      }
      assertThat(shares).as(group.get("key").asText())
          .isEqualByComparingTo(group.get("spend").get("amount").asText());
      groups = groups.add(new BigDecimal(group.get("spend").get("amount").asText()));
    }
    assertThat(groups).isEqualByComparingTo(view.total().amount());
    assertThat(root.get("totals").get("spend").get("amount").asText()).isEqualTo("15.309928");
    JsonNode web = root.get("groups").findValues("key").stream().map(JsonNode::asText).toList().indexOf("web") < 0
        ? null : root.get("groups").get(root.get("groups").findValues("key").stream().map(JsonNode::asText).toList()
            .indexOf("web"));
    assertThat(web).isNotNull();
    JsonNode focusShare = web.get("shares").get(1);
    assertThat(focusShare.get("account").asText()).isEqualTo("focus");
    assertThat(focusShare.get("services")).singleElement().satisfies(s -> {
      assertThat(s.get("service").asText()).isEqualTo("Amazon S3");
      assertThat(s.get("spend").get("amount").asText()).isEqualTo("1.25");
    });
  }

  @Test
  void csvSubtotalsAndAccountRowsAddUpToTheTotal() {
    MonthView view = view();
    List<List<String>> rows = Arrays.stream(Render.render(view, byTeam(ReportFormat.CSV)).split("\r\n"))
        .map(line -> Arrays.asList(line.split(",", -1))).toList();
    int spend = CsvRenderer.HEADER.indexOf("spend_reporting");

    for (String type : List.of("subtotal", "account")) {
      assertThat(rows.stream().filter(r -> r.get(0).equals(type)).map(r -> new BigDecimal(r.get(spend)))
          .reduce(BigDecimal.ZERO, BigDecimal::add)).as(type).isEqualByComparingTo(view.total().amount());
    }
    assertThat(rows.stream().filter(r -> r.get(0).equals("subtotal")).map(r -> r.get(2) + "=" + r.get(spend)))
        .containsExactly("data=4.32", "finance=0.540", "ops=2.399976", "platform=1.199988", "web=4.849964",
            "unattributed=2");
  }

  @ParameterizedTest
  @EnumSource(value = ReportFormat.class, names = {"TABLE", "MARKDOWN"})
  void readableFormatsShowEachValuesSumAndTheTotal(ReportFormat format) {
    MonthView view = view();
    String text = Render.render(view, byTeam(format));

    for (Map.Entry<String, Money> e : view.attribution().totals("team").entrySet()) {
      assertThat(text).containsPattern(
          "subtotal team=" + e.getKey() + "[ |]+" + e.getValue().displayAmount().replace(".", "\\.") + " ");
    }
    assertThat(text).containsPattern("TOTAL[ |]+15\\.31 ");
  }

  private static ReportOptions byTeam(ReportFormat format) {
    return Views.options(format).withGrouping(Grouping.label("team"));
  }
}
