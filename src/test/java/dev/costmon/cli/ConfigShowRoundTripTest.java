package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code costmon config show} prints, in both formats, a config that reads back as the same config:
 * for every example config the repository ships (the Debian package installs config.example.yaml),
 * the demo's, and one account of every provider with every key set.
 */
class ConfigShowRoundTripTest {
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  @TempDir Path dir;

  /** A config of every provider with every key it takes, the values other than the defaults. */
  private static final String EVERY_PROVIDER = """
      currency: EUR
      timezone: Europe/Berlin
      database: state/history.db
      textfile: metrics/costmon.prom
      fx: {USD: 0.92, GBP: 1.17}
      cap: 700 EUR
      warn_at: 0.7
      critical_at: 0.95
      lookback_days: 5
      raw_retention: 30d
      concurrency: 4
      timeout: 90s
      breakdown_series: 7
      attribution:
        top: 5
        rules:
          - {provider: fixed, labels: {env: prod}}
          - {account: "open*", service: "gpt-?", tags: {project: "shop-*"}, labels: {app: shop}}
      notify:
        - {name: ops, type: slack, url: "${SLACK_WEBHOOK}"}
        - name: pager
          type: webhook
          url: ${PAGER_URL}
          headers: {X-Source: costmon}
          secret_headers: {Authorization: "${PAGER_TOKEN}"}
          body: '{"text": "{{text}}"}'
        - {name: mail, type: email, to: [ops@example.com], from: costmon@example.com, sendmail: /usr/sbin/sendmail}
      debounce: {repeat: 7d, min_interval: 12h}
      accounts:
        - id: contract
          provider: fixed
          labels: {team: web}
          currency: EUR
          amount: 25.00 EUR
          accrual: upfront
          billing_day: 12
          from: 2026-01-01
          until: 2027-06-30
          cap: 30 EUR
          warn_at: 0.5
          critical_at: 0.9
          max_age: 48h
        - id: playground
          provider: demo
          scenario: growing_usage
          amount: 3.20 USD
        - id: claude-api
          provider: anthropic
          admin_key: ${ANTHROPIC_ADMIN_KEY}
          cap: 200 USD
          hard_cap: 300 USD
          on_hard_cap: {webhook: pager}
        - id: openai
          provider: openai
          admin_key: ${OPENAI_ADMIN_KEY}
          project_ids: [proj_abc]
          projects: {proj_abc: web app}
          quotas: {input_tokens: 10M}
          rates: {input_tokens: 2.50 USD per 1M}
          hard_cap: 250 USD
          on_hard_cap: {command: [/usr/local/bin/revoke-key, --project, prod], timeout: 30s}
        - id: vercel
          provider: vercel
          token: ${VERCEL_TOKEN}
          team_id: team_abc
          plan: pro
          endpoint: https://vercel.proxy.example/
        - id: openrouter
          provider: openrouter
          api_key: ${OPENROUTER_KEY}
          key_type: inference
          floors: {credits_remaining: 5}
        - id: supabase
          provider: supabase
          token: ${SUPABASE_TOKEN}
          organization: acme-inc
          plan: pro
          projects: [abcdefghijklmnopqrst]
          plan_fee: 30 USD
          database_size: false
        - id: wasabi
          provider: wasabi
          access_key: ${WASABI_ACCESS_KEY}
          secret_key: file:wasabi-secret.txt
          price_per_tb_month: 7.99 USD
          minimum_tb: 2
          billing: thirty_day
        - id: cloudflare
          provider: cloudflare
          token: ${CLOUDFLARE_TOKEN}
          account_id: 023e105f4ecef8ad9ca31a8372d0c353
          workers_plan: paid
          r2: false
        - id: digitalocean
          provider: digitalocean
          token: ${DIGITALOCEAN_TOKEN}
        - id: gcp
          provider: gcp
          currency: USD
          service_account_key: file:gcp-sa.json
          table: my-project.billing.gcp_billing_export_v1_0123
          project: other-project
          token_uri: https://oauth2.example/token
          skus_for: [Vertex AI, Compute Engine]
          location: EU
          max_bytes_billed: 5GB
          label_keys: [team]
        - id: aws
          provider: aws
          profile: billing
          credentials_file: aws/credentials
          region: eu-west-1
          metric: AmortizedCost
          max_requests: 7
        - id: aws-keys
          provider: aws
          access_key_id: ${AWS_ACCESS_KEY_ID}
          secret_access_key: ${AWS_SECRET_ACCESS_KEY}
          session_token: ${AWS_SESSION_TOKEN}
        - id: ovh
          provider: ovh
          currency: EUR
          endpoint_name: ovh-ca
          application_key: 7kbG7Bk7S9Nt7ZSV
          application_secret: ${OVH_APPLICATION_SECRET}
          consumer_key: ${OVH_CONSUMER_KEY}
        - id: hcloud
          provider: hetzner
          token: ${HCLOUD_TOKEN}
        - id: internal
          provider: command
          command: [/usr/local/bin/my-costs, --json]
          timeout: 20s
          environment: {REGION: eu}
          secret_environment: {API_TOKEN: "${MY_COSTS_TOKEN}"}
          working_directory: work
        - id: chargeback
          provider: http-json
          url: https://chargeback.example/api/costs
          method: POST
          body: '{"month": "current"}'
          headers: {Accept: application/json}
          bearer: ${CHARGEBACK_TOKEN}
          secret_headers: {X-Api-Key: "${CHARGEBACK_KEY}"}
          amount: /data/total
          currency_pointer: /data/currency
          period: day
          usage: {requests: {pointer: /data/requests, unit: count, aggregation: sum}}
          currency: GBP
        - id: focus
          provider: focus
          path: exports/*.csv.gz
          account_id: "123456789012"
          provider_name: AWS
          usage_units: [GB-Mo]
          overlap: sum
          tag_keys: [team]
      """;

  static Stream<String> configs() throws IOException {
    List<String> names = new ArrayList<>(List.of("config.example.yaml", "src/main/resources/dev/costmon/demo/costmon.yaml"));
    for (String root : List.of("examples", "packaging")) {
      try (Stream<Path> files = Files.walk(Path.of(root))) {
        files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
            .filter(ConfigShowRoundTripTest::isCostmonConfig)
            .forEach(f -> names.add(f.toString()));
      }
    }
    names.add("every provider and key");
    return names.stream();
  }

  /** A costmon config has a reporting currency; Prometheus rules and the like do not. */
  private static boolean isCostmonConfig(Path file) {
    try {
      JsonNode tree = new YAMLMapper().readTree(file.toFile());
      return tree != null && tree.isObject() && tree.has("currency");
    } catch (IOException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void showPrintsAConfigThatReadsBackTheSame(String name) throws IOException {
    String original = name.equals("every provider and key") ? EVERY_PROVIDER : Files.readString(Path.of(name));
    CliHarness cli = new CliHarness(dir);
    Matcher refs = ENV_REFERENCE.matcher(original);
    while (refs.find()) {
      cli.env.put(refs.group(1),
          "https://value-of-" + refs.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".example/");
    }
    cli.write("wasabi-secret.txt", "wasabi-secret\n");
    try (InputStream key = getClass().getResourceAsStream("/provider/gcp/service_account_key.json")) {
      cli.write("gcp-sa.json", new String(key.readAllBytes(), StandardCharsets.UTF_8));
    }
    cli.write("costmon.yaml", original);

    for (String format : List.of("yaml", "json")) {
      CliHarness.Result shown = cli.run("config", "show", "--format", format);
      assertThat(shown.exitCode()).as(format + ": " + shown.err()).isZero();
      assertThat(shown.out()).as(format).doesNotContain("value-of-").doesNotContain("wasabi-secret\n");

      // Nothing the file says is lost: every key written is in the output (with defaults added).
      assertThat(keys(shown.out())).as(format).containsAll(keys(original));

      // And the output is a config meaning the same: shown again, it prints the same.
      Path copy = cli.write("shown." + format, shown.out());
      CliHarness.Result again = cli.run("config", "show", "--format", format, "-c", copy.toString());
      assertThat(again.exitCode()).as(format + " read back: " + again.err()).isZero();
      assertThat(withoutSource(again.out(), copy)).as(format).isEqualTo(withoutSource(shown.out(), dir.resolve("costmon.yaml")));
    }
  }

  /** The YAML form names its file in its first line, a comment. */
  private static String withoutSource(String out, Path file) {
    return out.replace(file.toString(), "FILE");
  }

  /** Every key path of a YAML or JSON document, list positions included: {@code /accounts/0/amount}. */
  private static TreeSet<String> keys(String text) {
    try {
      TreeSet<String> keys = new TreeSet<>();
      collect(new YAMLMapper().readTree(text), "", keys);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void collect(JsonNode node, String at, TreeSet<String> keys) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        keys.add(at + "/" + e.getKey());
        collect(e.getValue(), at + "/" + e.getKey(), keys);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), at + "/" + i, keys);
      }
    }
  }
}
