package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code costmon config show} can be pasted into a support ticket: references, never values. */
class ConfigShowTest {
  @TempDir Path dir;

  @Test
  void showsDefaultsAndSecretReferencesButNoSecret() {
    CliHarness cli = new CliHarness(dir);
    cli.env.put("ANTHROPIC_ADMIN_KEY", "sk-ant-admin01-very-secret");
    cli.write("token.txt", "file-secret-value\n");
    cli.env.put("SLACK_WEBHOOK", "https://hooks.slack.test/services/T000/B000/very-secret-path");
    cli.write("costmon.yaml", """
        currency: EUR
        fx: {USD: 0.9}
        notify:
          - {name: ops, type: slack, url: "${SLACK_WEBHOOK}"}
        accounts:
          - id: claude-api
            provider: anthropic
            admin_key: ${ANTHROPIC_ADMIN_KEY}
            cap: 100 USD
            hard_cap: 150 USD
            on_hard_cap: {webhook: ops}
            quotas: {output_tokens: 10M}
          - id: chargeback
            provider: http-json
            url: https://cb.example/costs
            bearer: file:token.txt
            amount: /total
        """);

    CliHarness.Result yaml = cli.run("config", "show");
    CliHarness.Result json = cli.run("config", "show", "--format", "json");

    assertThat(yaml.exitCode()).isZero();
    assertThat(yaml.out()).contains("# effective configuration from " + dir.resolve("costmon.yaml"))
        .contains("lookback_days: 3").contains("max_age: 36h").contains("admin_key: \"${ANTHROPIC_ADMIN_KEY}\"")
        .contains("bearer: file:token.txt").contains("output_tokens: 10000000")
        .contains("url: \"${SLACK_WEBHOOK}\"").contains("min_interval: 1d").contains("hard_cap: 150 USD")
        .contains("on_hard_cap:\n    webhook: ops");
    assertThat(json.out()).contains("\"admin_key\" : \"${ANTHROPIC_ADMIN_KEY}\"");
    for (String out : new String[] {yaml.out(), json.out(), yaml.err(), json.err()}) {
      assertThat(out).doesNotContain("very-secret").doesNotContain("file-secret-value");
    }
  }
}
