package dev.costmon.cli;

import static dev.costmon.provider.ProviderFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.provider.ProviderFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spend per model over two months through the real command line, an OpenRouter on loopback and a
 * real history file: claude-sonnet-4 runs from Oct 20 at 1 USD a day and grows to 3 USD a day on
 * Nov 10; gpt-5 appears on Nov 20 at 5 USD a day. {@code report --by model} and the .prom file's
 * model series say which model moved.
 */
class ModelSpendCliTest {
  private static final String KEY = "sk-or-v1-TESTmodelsSECRET0123456789abcdef";

  @TempDir Path dir;
  CliHarness cli;
  final ProviderFixture openrouter = new ProviderFixture();

  @BeforeEach
  void setUp() {
    List<String> rows = new ArrayList<>();
    for (LocalDate d = LocalDate.of(2026, 10, 20); d.isBefore(LocalDate.of(2026, 11, 23)); d = d.plusDays(1)) {
      rows.add(row(d, "anthropic/claude-sonnet-4", d.isBefore(LocalDate.of(2026, 11, 10)) ? "1.00" : "3.00"));
      if (!d.isBefore(LocalDate.of(2026, 11, 20))) {
        rows.add(row(d, "openai/gpt-5", "5.00"));
      }
    }
    openrouter.route("/activity", json("{\"data\": [" + String.join(",", rows) + "]}"));
    openrouter.route("/credits", json("{\"data\": {\"total_credits\": 500, \"total_usage\": 74}}"));
    cli = new CliHarness(dir);
    cli.env.put("OPENROUTER_KEY", KEY);
    cli.config("""
          - id: openrouter
            provider: openrouter
            endpoint: %s
            api_key: ${OPENROUTER_KEY}
        """.formatted(openrouter.base()));
  }

  @AfterEach
  void tearDown() {
    openrouter.close();
  }

  private static String row(LocalDate day, String model, String usage) {
    return "{\"date\": \"" + day + "\", \"model\": \"" + model + "\", \"model_permaslug\": \"" + model
        + "\", \"endpoint_id\": \"e\", \"provider_name\": \"p\", \"usage\": " + usage
        + ", \"byok_usage_inference\": 0, \"requests\": 1, \"prompt_tokens\": 10, \"completion_tokens\": 5,"
        + " \"reasoning_tokens\": 0}";
  }

  private void collectAt(String instant) {
    cli.at(instant);
    cli.ok("collect");
  }

  @Test
  void reportByModelAndTheBoundedModelSeriesShowWhichModelMoved() throws Exception {
    collectAt("2026-10-31T07:00:00Z");
    collectAt("2026-11-23T07:00:00Z");

    // November: 9 days at 1 + 13 days at 3 = 48 for claude-sonnet-4; 3 days at 5 for gpt-5, new.
    assertThat(cli.ok("report", "--by", "model", "--format", "json").spendByGroup()).containsExactly(
        Map.entry("anthropic/claude-sonnet-4", "48.00"), Map.entry("openai/gpt-5", "15.00"));
    // October, as collected on its last morning: Oct 20..30 at 1.
    assertThat(cli.ok("report", "--month", "2026-10", "--by", "model", "--format", "json").spendByGroup()).containsExactly(Map.entry("anthropic/claude-sonnet-4", "11.00"));

    // No account here has buckets: said in the words of the option as given.
    CliHarness.Result buckets = cli.run("report", "--by", "bucket");
    assertThat(buckets.exitCode()).isNotZero();
    assertThat(buckets.err()).startsWith("costmon: --by bucket: no account has the label 'bucket' (labels: model)");

    assertThat(cli.ok("report", "--by", "model").out()).contains("subtotal model=openai/gpt-5").contains("· anthropic/claude-sonnet-4");

    assertThat(Files.readString(dir.resolve("prom/costmon.prom")))
        .contains("costmon_model_spend_month_to_date{account=\"openrouter\",currency=\"USD\","
            + "model=\"anthropic/claude-sonnet-4\",provider=\"openrouter\"} 48.0")
        .contains("costmon_model_spend_month_to_date{account=\"openrouter\",currency=\"USD\","
            + "model=\"openai/gpt-5\",provider=\"openrouter\"} 15.0");
  }
}
