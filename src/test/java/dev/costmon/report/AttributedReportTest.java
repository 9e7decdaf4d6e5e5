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
import dev.costmon.provider.fixed.FixedProvider;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code report --by label:team} with attribution rules that split accounts across teams. */
class AttributedReportTest {
  private final ObjectMapper mapper = new ObjectMapper();

  private static AttributionRule service(String pattern, String team) {
    return new AttributionRule(Optional.empty(), Optional.empty(), Optional.of(Glob.parse(pattern)),
        Map.of("team", team));
  }

  /**
   * openai-prod (team ml) splits into web, shop and ml by project; anthropic (EUR, no labels) into web
   * and unattributed by workspace; ionos stays whole in infra; vercel has no spend and no team.
   */
  static MonthView view() {
    AccountView openai = of(account("openai-prod", new NamedProvider("openai"), Map.of("team", "ml"), USD,
        Optional.of(Money.parse("20 USD"))))
        .spend("17.123456", Provenance.API)
        .service("web app / gpt-4o", "8.5", Provenance.API)
        .service("shop / gpt-4o", "6.123456", Provenance.API)
        .service("batch / whisper", "2.5", Provenance.API)
        .forecast("23.3", Provenance.ESTIMATE)
        .collected(Duration.ofMinutes(45))
        .build();
    AccountView anthropic = of(account("anthropic", new NamedProvider("anthropic"), Map.of(), EUR, Optional.empty()))
        .spend("4.433", Provenance.API)
        .service("wrkspc_web/Claude Sonnet 4", "3.333", Provenance.API)
        .service("wrkspc_misc/Claude Haiku", "1.1", Provenance.API)
        .forecast("6", Provenance.ESTIMATE)
        .collected(Duration.ofHours(3))
        .build();
    AccountView ionos = of(account("ionos", new FixedProvider(), Map.of("team", "infra"), EUR,
        Optional.of(Money.parse("10 EUR"))))
        .spend("4.6", Provenance.FIXED)
        .service("monthly fee", "4.6", Provenance.FIXED)
        .forecast("6.00", Provenance.FIXED)
        .collected(Duration.ofHours(2))
        .build();
    AccountView vercel = of(account("vercel", new NamedProvider("vercel"), Map.of(), USD,
        Optional.of(Money.parse("20 USD"))))
        .collected(Duration.ofHours(1))
        .build();
    MonthView plain = Views.month(Optional.empty(), openai, anthropic, ionos, vercel);
    AttributionRules rules = new AttributionRules(List.of(
        service("web*", "web"), service("wrkspc_web/*", "web"), service("shop*", "shop")), 10);
    return new MonthView(plain.month(), plain.now(), plain.accounts(), plain.total(), plain.totalForecast(),
        plain.cap(), plain.capRatio(), Attribution.of(plain.accounts(), rules, USD));
  }

  private static ReportOptions byTeam(ReportFormat format) {
    return Views.options(format).withGrouping(Grouping.label("team"));
  }

  @Test
  void tableShowsEachTeamsShareWithTheLinesThatMakeItUp() {
    String text = Render.render(view(), byTeam(ReportFormat.TABLE));

    assertThat(text).contains("""
        ACCOUNT                         PROVIDER      SPEND  IN USD        CAP  % OF CAP   FORECAST  TREND  SOURCE                   COLLECTED
        ionos                           fixed      4.60 EUR    4.97  10.00 EUR       46%   6.00 EUR         fixed                    2h ago
        subtotal team=infra                                    4.97                        6.48 USD         fixed
        openai-prod                     openai     2.50 USD    2.50  20.00 USD       85%  23.30 USD         api / forecast estimate  45m ago
          · batch / whisper                        2.50 USD    2.50                                         api
        subtotal team=ml                                       2.50                               -         api
        openai-prod                     openai     6.12 USD    6.12  20.00 USD       85%  23.30 USD         api / forecast estimate  45m ago
          · shop / gpt-4o                          6.12 USD    6.12                                         api
        subtotal team=shop                                     6.12                               -         api
        openai-prod                     openai     8.50 USD    8.50  20.00 USD       85%  23.30 USD         api / forecast estimate  45m ago
          · web app / gpt-4o                       8.50 USD    8.50                                         api
        anthropic                       anthropic  3.33 EUR    3.60          -         -   6.00 EUR         api / forecast estimate  3h ago
          · wrkspc_web/Claude Sonnet 4             3.33 EUR    3.60                                         api
        subtotal team=web                                     12.10                               -         api
        anthropic                       anthropic  1.10 EUR    1.19          -         -   6.00 EUR         api / forecast estimate  3h ago
          · wrkspc_misc/Claude Haiku               1.10 EUR    1.19                                         api
        vercel                          vercel            -       -  20.00 USD         -          -         -                        1h ago
        subtotal team=unattributed                             1.19                               -         api
        TOTAL                                                 26.88          -         -  36.26 USD
        """)
        .contains("attribution splits openai-prod, anthropic across team values: each row shows that value's share"
            + " of the spend, with the whole account's cap and forecast\n");
  }

  @Test
  void jsonGroupsListEachAccountsShareAndAddUpToTheTotal() throws Exception {
    MonthView view = view();
    JsonNode root = mapper.readTree(Render.render(view, byTeam(ReportFormat.JSON)));

    List<String> keys = new ArrayList<>();
    BigDecimal groups = BigDecimal.ZERO;
    BigDecimal shares = BigDecimal.ZERO;
    for (JsonNode group : root.get("groups")) {
      keys.add(group.get("key").asText());
      BigDecimal spend = amount(group.get("spend"));
      BigDecimal sum = BigDecimal.ZERO;
      for (JsonNode share : group.get("shares")) {
        sum = sum.add(amount(share.get("spend_reporting")));
      }
      assertThat(sum).as(group.get("key").asText()).isEqualByComparingTo(spend);
      groups = groups.add(spend);
      shares = shares.add(sum);
    }
    assertThat(keys).containsExactly("infra", "ml", "shop", "web", "unattributed");
    assertThat(groups.toPlainString()).isEqualTo(root.get("totals").get("spend").get("amount").asText())
        .isEqualTo(view.total().amount().toPlainString()).isEqualTo("26.879096");
    assertThat(shares).isEqualByComparingTo(view.total().amount());

    JsonNode web = root.get("groups").get(3);
    assertThat(web.get("accounts").toString()).isEqualTo("[\"openai-prod\",\"anthropic\"]");
    assertThat(web.get("forecast").isNull()).isTrue();
    JsonNode anthropic = web.get("shares").get(1);
    assertThat(anthropic.get("whole").asBoolean()).isFalse();
    assertThat(anthropic.get("spend").toString()).isEqualTo("{\"amount\":\"3.333\",\"currency\":\"EUR\"}");
    assertThat(anthropic.get("spend_reporting").get("amount").asText()).isEqualTo("3.59964");
    assertThat(anthropic.get("services")).extracting(s -> s.get("service").asText())
        .containsExactly("wrkspc_web/Claude Sonnet 4");
    assertThat(root.get("groups").get(0).get("forecast").get("amount").asText()).isEqualTo("6.4800");
    // Each account is listed once, whole; a split one has no single group.
    assertThat(root.get("accounts")).extracting(a -> a.get("id").asText() + "=" + a.get("group").asText())
        .containsExactly("ionos=infra", "openai-prod=null", "anthropic=null", "vercel=unattributed");
    assertThat(root.get("accounts").get(1).get("spend").get("amount").asText()).isEqualTo("17.123456");
  }

  @Test
  void csvSubtotalsAndAccountRowsEachAddUpToTheTotal() {
    MonthView view = view();
    List<List<String>> rows = csv(Render.render(view, byTeam(ReportFormat.CSV)));

    assertThat(sum(rows, "subtotal")).isEqualByComparingTo(view.total().amount());
    assertThat(sum(rows, "account")).isEqualByComparingTo(view.total().amount());
    assertThat(rows.stream().filter(r -> r.get(0).equals("total")).findFirst().orElseThrow()
        .get(CsvRenderer.HEADER.indexOf("spend_reporting"))).isEqualTo("26.879096");
    assertThat(rows.stream().filter(r -> r.get(0).equals("subtotal"))
        .map(r -> r.get(2) + "=" + r.get(CsvRenderer.HEADER.indexOf("spend_reporting"))
            + "/" + r.get(CsvRenderer.HEADER.indexOf("forecast_reporting"))))
        .containsExactly("infra=4.968/6.4800", "ml=2.5/", "shop=6.123456/", "web=12.09964/", "unattributed=1.188/");
    assertThat(String.join("\n", rows.stream().map(r -> String.join(",", r)).toList())).contains(
        "account,2026-11,web,anthropic,anthropic,,EUR,3.333,api,USD,3.59964,1.08,,,,6,estimate,6.48,",
        "service,2026-11,web,anthropic,anthropic,wrkspc_web/Claude Sonnet 4,EUR,3.333,api,USD,3.59964,1.08,");
  }

  @ParameterizedTest
  @EnumSource(value = ReportFormat.class, names = {"TABLE", "MARKDOWN"})
  void readableFormatsShowEachValuesExactSumRoundedOnce(ReportFormat format) {
    MonthView view = view();
    String text = Render.render(view, byTeam(format));

    Map<String, Money> totals = view.attribution().totals("team");
    assertThat(totals.values().stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(view.total().amount());
    for (Map.Entry<String, Money> e : totals.entrySet()) {
      assertThat(text).containsPattern("subtotal team=" + e.getKey() + "[ |]+" + e.getValue().displayAmount().replace(".", "\\.") + " ");
    }
    assertThat(text).containsPattern("TOTAL[ |]+26\\.88 ");
  }

  @Test
  void withoutRulesAccountsStayWholeInTheirLabelsGroupWithForecasts() {
    MonthView plain = Views.month(Optional.empty(), view().accounts().toArray(AccountView[]::new));
    List<List<String>> rows = csv(Render.render(plain, byTeam(ReportFormat.CSV)));

    assertThat(rows.stream().filter(r -> r.get(0).equals("subtotal"))
        .map(r -> r.get(2) + "=" + r.get(CsvRenderer.HEADER.indexOf("spend_reporting"))
            + "/" + r.get(CsvRenderer.HEADER.indexOf("forecast_reporting"))))
        .containsExactly("infra=4.968/6.4800", "ml=17.123456/23.3", "unattributed=4.78764/6.48");
    assertThat(rows.stream().filter(r -> r.get(0).equals("service"))).isEmpty();
    assertThat(Render.render(plain, byTeam(ReportFormat.TABLE))).doesNotContain("attribution splits");
  }

  private static List<List<String>> csv(String text) {
    return Arrays.stream(text.split("\r\n")).map(line -> Arrays.asList(line.split(",", -1))).toList();
  }

  private static BigDecimal sum(List<List<String>> rows, String type) {
    int spend = CsvRenderer.HEADER.indexOf("spend_reporting");
    return rows.stream().filter(r -> r.get(0).equals(type))
        .filter(r -> !r.get(spend).isEmpty()).map(r -> new BigDecimal(r.get(spend))).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** A share of an account without any figure this month is null (no data), and adds nothing. */
  private static BigDecimal amount(JsonNode money) {
    return money.isNull() ? BigDecimal.ZERO : new BigDecimal(money.get("amount").asText());
  }
}
