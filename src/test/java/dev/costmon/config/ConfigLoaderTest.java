package dev.costmon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.model.Money;
import dev.costmon.model.Quantity;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.provider.fixed.Accrual;
import dev.costmon.provider.fixed.FixedSettings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  @TempDir Path dir;

  private CostmonConfig load(String yaml) {
    return load(yaml, Map.of());
  }

  private CostmonConfig load(String yaml, Map<String, String> env) {
    Environment environment = new Environment(env, dir, dir.resolve("home"), false);
    return new ConfigLoader(ProviderRegistry.builtIn(), environment).parse(dir.resolve("costmon.yaml"), yaml);
  }

  private static final String MINIMAL = """
      currency: EUR
      fx: {USD: 0.92}
      accounts:
        - id: ionos
          provider: fixed
          amount: 6.00 EUR
          cap: 10 EUR
      """;

  @Test
  void readsAccountsWithDefaults() {
    CostmonConfig config = load(MINIMAL);

    assertThat(config.currency().getCurrencyCode()).isEqualTo("EUR");
    assertThat(config.timezone().getId()).isEqualTo("UTC");
    assertThat(config.lookbackDays()).isEqualTo(3);
    assertThat(config.rawRetention()).isEqualTo(Duration.ofDays(90));
    assertThat(config.database()).isEqualTo(dir.resolve("home/.local/share/costmon/history.db"));
    Account ionos = config.accounts().get(0);
    assertThat(ionos.cap()).contains(Money.parse("10 EUR"));
    assertThat(ionos.maxAge()).isEqualTo(Duration.ofHours(36));
    assertThat(ionos.thresholds()).isEqualTo(Thresholds.DEFAULT);
    assertThat(ionos.settings()).isEqualTo(new FixedSettings(Money.parse("6.00 EUR"), Accrual.DAILY, 1, null, null));
  }

  @Test
  void readsEveryAccountKey() {
    CostmonConfig config = load("""
        currency: USD
        timezone: Europe/Berlin
        database: data/h.db
        textfile: out/costmon.prom
        fx: {EUR: 1.0842}
        cap: 500 USD
        warn_at: 0.7
        critical_at: 0.95
        accounts:
          - id: ovh-bms
            provider: fixed
            labels: {team: platform}
            amount: 250 EUR
            accrual: upfront
            billing_day: 15
            from: 2026-01-01
            until: 2026-12-31
            cap: 300 EUR
            warn_at: 0.5
            quotas: {database_size: 8GB, requests: 1M, cpu: 4h}
            max_age: 48h
            endpoint: https://example.test/api
        """);

    assertThat(config.database()).isEqualTo(dir.resolve("data/h.db"));
    assertThat(config.textfile()).contains(dir.resolve("out/costmon.prom"));
    assertThat(config.fx().rate(java.util.Currency.getInstance("EUR"))).contains(new BigDecimal("1.0842"));
    Account a = config.accounts().get(0);
    assertThat(a.labels()).containsEntry("team", "platform");
    assertThat(a.thresholds()).isEqualTo(new Thresholds(new BigDecimal("0.5"), new BigDecimal("0.95")));
    assertThat(a.quotas()).containsEntry("database_size", new Quantity(new BigDecimal("8E+9"), "bytes"))
        .containsEntry("cpu", new Quantity(new BigDecimal("14400"), "seconds"));
    assertThat(a.settings()).isEqualTo(new FixedSettings(Money.parse("250 EUR"), Accrual.UPFRONT, 15,
        LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
    assertThat(a.endpoint().orElseThrow().getHost()).isEqualTo("example.test");
  }

  @Test
  void movedTakesAnAmountAndAPercentage() {
    CostmonConfig config = load("""
        currency: EUR
        fx: {USD: 0.9}
        accounts:
          - {id: a, provider: fixed, amount: 6 EUR, moved: {over: 20 USD, by: 12.5%}}
          - {id: b, provider: fixed, amount: 6 EUR}
        """);

    assertThat(config.accounts().get(0).moved()).contains(new MovedThreshold(Money.parse("20 USD"),
        new BigDecimal("0.125")));
    assertThat(config.accounts().get(0).moved().orElseThrow().describe()).isEqualTo("over 20 USD and 12.5%");
    assertThat(config.accounts().get(1).moved()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      misspelt account key   | amout: 6 EUR                 | costmon.yaml:6:5: account 'x': unknown key 'amout' (did you mean 'amount'?) (known keys: accrual, amount, billing_day, cap, critical_at, currency, endpoint, floors, from, hard_cap, id, labels, max_age, moved, on_hard_cap, provider, quotas, rates, until, warn_at)
      bad amount             | amount: six EUR              | costmon.yaml:6:5: account 'x': amount: 'six' in 'six EUR' is not a decimal number
      bad currency           | amount: 6 EURO               | costmon.yaml:6:5: account 'x': amount: 'EURO' is not an ISO 4217 currency code like USD or EUR
      missing fx rate        | amount: 6 GBP                | costmon.yaml:3:5: account 'x': no conversion rate for GBP into EUR; add it under fx:, e.g. fx: {GBP: 1.08}
      wrong type             | amount: [1, 2]               | costmon.yaml:6:5: account 'x': amount: expected an amount such as '20 USD'
      bad quota unit         | quotas: {a: 8XB}             | costmon.yaml:6:14: account 'x': unknown unit 'XB' in '8XB'; use k, M, G, KB..TB, KiB..TiB, s, min, h or GB-h
      bad enum               | accrual: weekly              | costmon.yaml:6:5: account 'x': accrual: 'weekly' is not one of upfront, daily
      rate of unknown metric | rates: {requests: 1 EUR per 1M} | costmon.yaml:6:13: account 'x': rates: names the metric 'requests', which fixed never reports (it reports no usage)
      negative price         | rates: [{metric: a, price: -1 EUR per 1M}] | costmon.yaml:6:25: account 'x': the price '-1 EUR per 1M' must not be negative
      negative free          | rates: [{metric: a, price: 1 EUR per 1M, free: -1M}] | costmon.yaml:6:46: account 'x': the free allowance of a must not be negative
      free in another unit   | rates: [{metric: a, price: 1 EUR per 1M, free: 1GB}] | costmon.yaml:6:46: account 'x': the free allowance 1GB is in bytes but the price is per count
      per-model key          | rates: {gpt-4o/input_tokens: 2 EUR per 1M} | costmon.yaml:6:5: account 'x': 'gpt-4o/input_tokens' is not a usage metric name; price one model or bucket with a list entry such as {metric: input_tokens, dimension: "gpt-4o*", price: 2.50 USD per 1M}
      unknown rate key       | rates: [{metric: a, prize: 1 EUR per 1M}] | costmon.yaml:6:25: account 'x': unknown key 'prize' (did you mean 'price'?) (known keys: dimension, free, metric, price, service)
      bad dimension          | rates: [{metric: a, dimension: "{a,b}", price: 1 EUR per 1M}] | costmon.yaml:6:25: account 'x': '{a,b}' is not a valid pattern: only * and ? are wildcards, '{' is not supported (use ? for a literal '{')
      moved not a mapping    | moved: 20 EUR                | costmon.yaml:6:5: account 'x': moved: is a mapping of an amount and a percentage, e.g. moved: {over: 20 USD, by: 50%}
      moved without by       | moved: {over: 20 EUR}        | costmon.yaml:6:5: account 'x': moved: needs by:, the rise in percent a service must exceed too, e.g. moved: {over: 20 USD, by: 50%}
      moved without over     | moved: {by: 50%}             | costmon.yaml:6:5: account 'x': moved: needs over:, the rise in money a service must exceed, e.g. moved: {over: 20 USD, by: 50%}
      moved over no currency | moved: {over: 20, by: 50%}   | costmon.yaml:6:13: account 'x': moved: over: '20' is not an amount; write it as a number and an ISO currency, e.g. '20 USD'
      moved by a fraction    | moved: {over: 20 EUR, by: 0.5} | costmon.yaml:6:27: account 'x': moved: by: '0.5' is not a percentage; write it with %, e.g. by: 50%
      moved by zero          | moved: {over: 20 EUR, by: 0%} | costmon.yaml:6:27: account 'x': moved: by: 0% must be above 0%, e.g. by: 50%
      moved over zero        | moved: {over: 0 EUR, by: 50%} | costmon.yaml:6:13: account 'x': moved: over: 0 EUR must be above 0: it keeps small rises quiet
      moved over no rate     | moved: {over: 20 GBP, by: 50%} | costmon.yaml:6:13: account 'x': moved: over: no conversion rate for GBP into EUR; add it under fx:, e.g. fx: {GBP: 1.08}
      moved unknown key      | moved: {over: 20 EUR, by: 50%, on: day} | costmon.yaml:6:36: account 'x': moved: unknown key 'on' (did you mean 'by'?) (known keys: by, over)
      """)
  void pointsAtTheLineOfABadAccountKey(String name, String line, String expected) {
    String yaml = "currency: EUR\n"
        + "accounts:\n"
        + "  - id: x\n"
        + "    provider: fixed\n"
        + "    cap: 10 EUR\n"
        + "    " + line + "\n"
        + (line.startsWith("amount") ? "" : "    amount: 6 EUR\n");

    assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class)
        .hasMessage(dir.resolve("costmon.yaml").toString().replace("costmon.yaml", "") + expected);
  }

  /** Every provider whose usage metrics are known before a collect refuses a rate for another one. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      aws          | access_key_id: ${K}; secret_access_key: ${S}                    | it reports no usage
      gcp          | service_account_key: ${K}; table: p.billing.gcp_billing_export_v1_0 | it reports no usage
      ovh          | application_key: k; application_secret: ${S}; consumer_key: ${C} | it reports no usage
      supabase     | token: ${T}; organization: acme; plan: pro; projects: [abcdefghijklmnopqrst] | it reports api_requests, database_size_*, disk_used_*
      wasabi       | access_key: ${K}; secret_key: ${S}; price_per_tb_month: 7.99 USD | it reports active_storage, api_calls, deleted_storage
      digitalocean | token: ${T}                                                      | it reports account_balance
      http-json    | url: https://cb.example/costs; usage: {seats: {pointer: /seats}}  | it reports seats
      focus        | path: exports/*.csv; usage_units: [GB-Hours]                      | it reports consumed_gb_hours
      demo         | scenario: steady; amount: 1 USD                                   | it reports api_requests, database_size, function_invocations
      """)
  void aRateForAMetricTheProviderNeverReportsIsAConfigError(String provider, String keys, String reports) {
    String yaml = "currency: USD\naccounts:\n  - id: x\n    provider: " + provider + "\n    "
        + String.join("\n    ", keys.split("; ")) + "\n    rates: {nosuch_metric: 1 USD per 1M}\n";

    assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("account 'x': rates: names the metric 'nosuch_metric', which " + provider
            + " never reports (" + reports);
  }

  @Test
  void aRateForADeclaredMetricOrPatternLoads() {
    String yaml = """
        currency: USD
        accounts:
          - id: w
            provider: wasabi
            access_key: ${K}
            secret_key: ${S}
            price_per_tb_month: 7.99 USD
            rates: {api_calls: 0.01 USD per 1k}
          - id: s
            provider: supabase
            token: ${T}
            organization: acme
            plan: pro
            projects: [abcdefghijklmnopqrst]
            rates: {disk_used_abcdefghijklmnopqrst: 0.125 USD per 1GB}
          - id: h
            provider: http-json
            url: https://cb.example/costs
            usage: {seats: {pointer: /seats}}
            rates: {seats: 10 USD per 1}
        """;

    assertThat(load(yaml).accounts()).extracting(a -> a.rates().size()).containsExactly(1, 1, 1);
  }

  @Test
  void unknownTopLevelKeySuggestsTheRightOne() {
    assertThatThrownBy(() -> load("currency: EUR\ntimezon: UTC\n"))
        .hasMessageEndingWith("costmon.yaml:2:1: unknown key 'timezon' (did you mean 'timezone'?)"
            + " (known keys: accounts, attribution, breakdown_series, cap, concurrency, critical_at, currency, database, debounce,"
            + " demo, fx, hard_cap, lookback_days, notify, on_hard_cap, raw_retention, textfile, timeout, timezone, warn_at)");
  }

  @Test
  void duplicateAccountIdIsAnError() {
    assertThatThrownBy(() -> load(MINIMAL + """
          - id: ionos
            provider: fixed
            amount: 5 EUR
        """)).hasMessageEndingWith("costmon.yaml:8:5: duplicate account id 'ionos'");
  }

  @Test
  void anAccountCannotTakeTheGlobalCapsName() {
    assertThatThrownBy(() -> load("currency: EUR\naccounts:\n  - id: total\n    provider: fixed\n    amount: 5 EUR\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("costmon.yaml:3:5: account id 'total' is reserved for the global cap; choose another id");
  }

  @Test
  void duplicateYamlKeyIsAnError() {
    assertThatThrownBy(() -> load("currency: EUR\ncurrency: USD\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("costmon.yaml:2:").hasMessageContaining("currency");
  }

  @Test
  void yamlSyntaxErrorNamesTheLine() {
    assertThatThrownBy(() -> load("currency: EUR\naccounts:\n  - id: [unclosed\n"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("costmon.yaml:");
  }

  @Test
  void unknownProviderListsTheKnownOnes() {
    assertThatThrownBy(() -> load("currency: EUR\naccounts:\n  - id: a\n    provider: fixd\n"))
        .hasMessageContaining("costmon.yaml:4:5: account 'a': unknown provider 'fixd' (did you mean 'fixed'?)"
            + " (known: fixed, demo, http-json");
  }

  @Test
  void missingReportingCurrency() {
    assertThatThrownBy(() -> load("accounts: []\n"))
        .hasMessageEndingWith("costmon.yaml:1:1: currency is required (the reporting currency, e.g. currency: USD)");
  }

  @Test
  void emptyFileIsAnError() {
    assertThatThrownBy(() -> load("")).hasMessageEndingWith("the config file is empty; see config.example.yaml");
  }

  @Test
  void warnAboveCriticalIsAnError() {
    assertThatThrownBy(() -> load("currency: EUR\nwarn_at: 1.2\n"))
        .hasMessageEndingWith("costmon.yaml:2:1: warn_at 1.2 is above critical_at 1");
  }

  @Test
  void textfileMustEndInProm() {
    assertThatThrownBy(() -> load("currency: EUR\ntextfile: /tmp/costmon.txt\n"))
        .hasMessageEndingWith("textfile must end in .prom, or node_exporter ignores it: /tmp/costmon.txt");
  }

  @Test
  void systemdStateDirectoryIsTheDefaultDatabaseLocation() {
    CostmonConfig config = load("currency: EUR\n", Map.of("STATE_DIRECTORY", "/var/lib/costmon"));
    assertThat(config.database()).isEqualTo(Path.of("/var/lib/costmon/history.db"));
  }

  @Test
  void labelNamesMustNotClashWithCostmonsOwn() {
    assertThatThrownBy(() -> load(MINIMAL + "    labels: {provider: x}\n"))
        .hasMessageContaining("account 'ionos': label 'provider' is not allowed");
  }

  @Test
  void endpointMustNotCarryCredentials() {
    assertThatThrownBy(() -> load(MINIMAL + "    endpoint: https://user:pw@example.test/\n"))
        .hasMessageContaining("account 'ionos': endpoint must not carry credentials");
  }

  @Test
  void theExampleConfigIsValid() {
    // Maven runs tests in the project directory, where config.example.yaml documents every key.
    CostmonConfig config = new ConfigLoader(ProviderRegistry.builtIn(), new Environment(Map.of(), dir, dir, false))
        .load(Path.of("config.example.yaml").toAbsolutePath());
    assertThat(config.accounts()).extracting(Account::id)
        .containsExactly("ionos", "hostinger", "ovh-bms", "claude-max", "supabase-plan");
  }

  @Test
  void readsTheFileFromDisk() throws IOException {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, MINIMAL);
    CostmonConfig config = new ConfigLoader(ProviderRegistry.builtIn(),
        new Environment(Map.of(), dir, dir, false)).load(file);
    assertThat(config.source()).isEqualTo(file);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      negative cap        | cap: -5 USD                  | costmon.yaml:5:5: account 'x': cap -5 USD is negative; write a positive amount, or 0 USD for an account that must not spend anything
      negative hard cap   | hard_cap: -1 EUR             | costmon.yaml:5:5: account 'x': hard_cap -1 EUR is negative; write a positive amount, or 0 EUR for an account that must not spend anything
      negative quota      | quotas: {requests: -1M}      | costmon.yaml:5:14: account 'x': quota -1M is negative; usage is never below 0
      negative floor      | floors: {credits: -5}        | costmon.yaml:5:14: account 'x': floor -5 is negative; usage is never below 0
      warn above critical | {warn_at: 0.9, critical_at: 0.5} | costmon.yaml:5:5: account 'x': warn_at 0.9 is above critical_at 0.5
      """)
  void refusesANegativeLimitAtItsLine(String name, String line, String expected) {
    String yaml = "currency: EUR\nfx: {USD: 0.9}\naccounts:\n  - {id: x, provider: fixed, amount: 6 EUR}\n";
    String account = line.startsWith("{") ? line.substring(1, line.length() - 1) : line;
    String text = yaml.replace("amount: 6 EUR}\n", "amount: 6 EUR,\n    " + account + "}\n");

    assertThatThrownBy(() -> load(text)).isInstanceOf(ConfigException.class)
        .hasMessage(dir.resolve("costmon.yaml").toString().replace("costmon.yaml", "") + expected);
  }

  @Test
  void aNegativeGlobalCapIsRefusedAndAZeroCapIsALimit() {
    assertThatThrownBy(() -> load("currency: EUR\ncap: -700 EUR\n"))
        .hasMessageEndingWith("costmon.yaml:2:1: cap -700 EUR is negative; write a positive amount, or 0 EUR for an"
            + " account that must not spend anything");
    assertThat(load("currency: EUR\ncap: 0 EUR\n").cap()).contains(Money.parse("0 EUR"));
  }

  @Test
  void yamlAliasesAreRefusedNotReadAsTheirName() {
    String aliasOnScalar = "currency: EUR\nx: &t web\naccounts:\n  - {id: a, provider: fixed, amount: 1 EUR,"
        + " labels: {team: *t}}\n";
    assertThatThrownBy(() -> load(aliasOnScalar)).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("costmon.yaml:4:60: YAML alias *t is not supported in a costmon config; write the"
            + " value out where it is used");
    String aliasOnMapping = "currency: EUR\naccounts:\n  - &acct {id: a, provider: fixed, amount: 1 EUR}\n"
        + "  - *acct\n";
    assertThatThrownBy(() -> load(aliasOnMapping)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("YAML anchor &acct is not supported").hasMessageNotContaining("java.");
  }

  @Test
  void anAliasBombIsRefusedAtOnce() {
    StringBuilder yaml = new StringBuilder("currency: EUR\nlol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      String prev = "*l" + (i - 1);
      yaml.append("lol").append(i).append(": &l").append(i).append(" [").append(String.join(", ",
          java.util.Collections.nCopies(9, prev))).append("]\n");
    }
    long started = System.nanoTime();
    assertThatThrownBy(() -> load(yaml.toString())).isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("Exception");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
  }

  @Test
  void configMessagesCarryNoJavaInternals() throws IOException {
    ConfigLoader loader = new ConfigLoader(ProviderRegistry.builtIn(), new Environment(Map.of(), dir, dir, false));
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, "currency: EUR\n# caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> loader.load(latin1)).hasMessage(latin1 + ":2:6: byte 0xE9 is not UTF-8 text; save the"
        + " file as UTF-8 (for example: iconv -f latin1 -t utf-8)");
    assertThatThrownBy(() -> loader.load(dir.resolve("missing.yaml"))).hasMessage(dir.resolve("missing.yaml")
        + ": no such file; pass -c FILE or create it from config.example.yaml");

    assertThatThrownBy(() -> load("currency: EUR\nconcurrency: many\n")).hasMessageNotContaining("Coercion")
        .hasMessageNotContaining("java").hasMessageEndingWith("costmon.yaml:2:1: concurrency: wrong type: expected a number");
    assertThatThrownBy(() -> load("currency: EUR\nx: " + "[".repeat(2000) + "]".repeat(2000) + "\n"))
        .hasMessageNotContaining("Exception").hasMessageNotContaining("StreamConstraints")
        .hasMessageEndingWith("costmon.yaml: lists or mappings are nested more than 1000 levels deep; a costmon"
            + " config needs a few levels: look for a long run of [ or {");
  }
}
