package dev.costmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.provider.ProviderRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code attribution:} is read as strictly as the rest of the file. */
class AttributionConfigTest {
  @TempDir Path dir;

  private static final String ACCOUNTS = """
      currency: EUR
      fx: {USD: 0.92}
      accounts:
        - id: openai-prod
          provider: demo
          scenario: steady
          amount: 1 USD
          labels: {team: platform}
      """;

  private CostmonConfig load(String yaml) {
    return new ConfigLoader(ProviderRegistry.builtIn(), new Environment(Map.of(), dir, dir, false))
        .parse(dir.resolve("costmon.yaml"), yaml);
  }

  private String file() {
    return dir.resolve("costmon.yaml").toString();
  }

  @Test
  void readsRulesInOrderWithTheirPatternsAndLabels() {
    CostmonConfig config = load(ACCOUNTS + """
        attribution:
          top: 5
          rules:
            - account: "openai-*"
              service: "web app / *"
              labels: {team: web, app: shop}
            - provider: demo
              labels: {env: prod}
        """);

    AttributionRules rules = config.attribution();
    assertThat(rules.top()).isEqualTo(5);
    assertThat(rules.rules()).containsExactly(
        new AttributionRule(Optional.of(Glob.parse("openai-*")), Optional.empty(), Optional.of(Glob.parse("web app / *")),
            Map.of("team", "web", "app", "shop")),
        new AttributionRule(Optional.empty(), Optional.of(Glob.parse("demo")), Optional.empty(), Map.of("env", "prod")));
    assertThat(rules.keys()).containsExactly("team", "app", "env");
    Account account = config.accounts().get(0);
    assertThat(rules.labels(account, "web app / gpt-4o")).isEqualTo(Map.of("team", "web", "app", "shop", "env", "prod"));
    // The account's own label fills what no rule set.
    assertThat(rules.labels(account, "batch / whisper")).isEqualTo(Map.of("team", "platform", "env", "prod"));
  }

  @Test
  void aRuleOnProviderTagsMatchesOnlyLinesWhoseTagsAllMatch() {
    CostmonConfig config = load(ACCOUNTS + """
        attribution:
          rules:
            - tags: {project: "shop-*", cost-center: "42?"}
              labels: {team: web}
        """);

    AttributionRules rules = config.attribution();
    Account account = config.accounts().get(0);
    // project is a label name, so the tag is also the line's project label.
    assertThat(rules.labels(account, "x", Map.of("project", "shop-prod", "cost-center", "421")))
        .isEqualTo(Map.of("team", "web", "project", "shop-prod"));
    // A tag that does not match, or is missing, leaves the line to its own tags and the account's labels.
    assertThat(rules.labels(account, "x", Map.of("project", "shop-prod", "cost-center", "4210")))
        .isEqualTo(Map.of("team", "platform", "project", "shop-prod"));
    assertThat(rules.labels(account, "x", Map.of("cost-center", "421"))).isEqualTo(Map.of("team", "platform"));
    // A tag whose key is a label name labels the line; one that is not (cost-center) only feeds rules.
    assertThat(rules.labels(account, "x", Map.of("team", "data", "cost-center", "9"))).isEqualTo(Map.of("team", "data"));
  }

  @Test
  void withoutTheSectionThereAreNoRulesAndTheDefaultTop() {
    assertThat(load(ACCOUNTS).attribution()).isEqualTo(AttributionRules.NONE);
    assertThat(AttributionRules.NONE.top()).isEqualTo(10);
    assertThat(load(ACCOUNTS + "attribution: {rules: []}\n").attribution().rules()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown key in a rule   | - {servce: 'x*', labels: {team: a}}     | 11:8: attribution rule 1: unknown key 'servce' (did you mean 'service'?) (known keys: account, labels, provider, service, tags)
      rule without labels     | - {service: 'x*'}                       | 11:7: attribution rule 1: labels: is required, e.g. labels: {team: web}
      character class         | - {service: 'gpt-[45]*', labels: {a: b}} | 11:8: attribution rule 1: 'gpt-[45]*' is not a valid pattern: only * and ? are wildcards, '[' is not supported (use ? for a literal '[')
      alternation             | - {account: '{a,b}', labels: {a: b}}    | 11:8: attribution rule 1: '{a,b}' is not a valid pattern: only * and ? are wildcards, '{' is not supported (use ? for a literal '{')
      empty pattern           | - {provider: '', labels: {a: b}}        | 11:8: attribution rule 1: a pattern must not be empty; use * to match anything
      reserved label          | - {labels: {account: x}}                | 11:17: attribution rule 1: label 'account' is not allowed: use [a-zA-Z_][a-zA-Z0-9_]*, not one of [account, currency, le, metric, provider, quantile, service, unit, version]
      invalid label name      | - {labels: {my-team: x}}                | 11:17: attribution rule 1: label 'my-team' is not allowed: use [a-zA-Z_][a-zA-Z0-9_]*, not one of [account, currency, le, metric, provider, quantile, service, unit, version]
      label without value     | - {labels: {team: ''}}                  | 11:17: attribution rule 1: label 'team' has no value
      account that is not one | - {account: openai-prd, labels: {a: b}} | 11:8: attribution rule 1: no account 'openai-prd' (did you mean 'openai-prod'?) (accounts: openai-prod)
      unknown provider        | - {provider: opnai, labels: {a: b}}     | 11:8: attribution rule 1: unknown provider 'opnai' (did you mean 'openai'?)
      rule not a mapping      | - service                               | 11:7: attribution: rules: wrong type: expected a mapping of key: value
      tag without pattern     | - {tags: {team: null}, labels: {a: b}}  | 11:15: attribution rule 1: tag 'team' has no pattern, e.g. tags: {cost-center: "42*"}
      bad tag pattern         | - {tags: {team: 'a[b'}, labels: {a: b}} | 11:15: attribution rule 1: 'a[b' is not a valid pattern: only * and ? are wildcards, '[' is not supported (use ? for a literal '[')
      """)
  void rejectsMistakesAtTheirLine(String name, String rule, String expected) {
    assertThatThrownBy(() -> load(ACCOUNTS + "attribution:\n  rules:\n    " + rule + "\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file() + ":" + expected);
  }

  @Test
  void rejectsAnUnknownKeyAndTopOutOfRange() {
    assertThatThrownBy(() -> load(ACCOUNTS + "attribution:\n  rule: []\n"))
        .hasMessage(file() + ":10:3: attribution: unknown key 'rule' (did you mean 'rules'?) (known keys: rules, top)");
    assertThatThrownBy(() -> load(ACCOUNTS + "attribution:\n  top: 0\n"))
        .hasMessage(file() + ":10:3: attribution: top must be between 1 and 100");
    assertThatThrownBy(() -> load(ACCOUNTS + "attribution:\n  top: 101\n"))
        .hasMessage(file() + ":10:3: attribution: top must be between 1 and 100");
  }

  @Test
  void globsMatchWholeNamesWithStarAndQuestionMark() {
    Glob web = Glob.parse("web*");
    assertThat(web.matches("web app / gpt-4o")).isTrue();
    assertThat(web.matches("web")).isTrue();
    assertThat(web.matches("my web app")).isFalse();
    Glob workspace = Glob.parse("wrkspc_?/Claude *");
    assertThat(workspace.matches("wrkspc_x/Claude Sonnet 4")).isTrue();
    assertThat(workspace.matches("wrkspc_xy/Claude Sonnet 4")).isFalse();
    assertThat(Glob.parse("a.b (c)+").matches("a.b (c)+")).isTrue();
    assertThat(Glob.parse("a.b").matches("axb")).isFalse();
    assertThat(Glob.parse("Web*").matches("web")).isFalse();
    assertThat(Glob.parse("*").matches("(account)")).isTrue();
    assertThat(List.of(web.hasWildcard(), Glob.parse("ionos").hasWildcard())).containsExactly(true, false);
  }
}
