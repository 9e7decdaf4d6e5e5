package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.digest.DigestHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code costmon digest} printed through the real command line on a real SQLite history (see
 * {@link DigestHistory}), the morning after a GPU droplet was started: text and JSON pinned exactly.
 */
class DigestCliTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.env.put("DO_TOKEN", "do-token");
    cli.write("costmon.yaml", DigestHistory.CONFIG);
    DigestHistory.write(dir.resolve("history.db"));
    cli.at(DigestHistory.MORNING.toString());
  }

  @Test
  void theNextMorningsDigestNamesTheNewDropletAndWhatItCost() {
    CliHarness.Result r = cli.run("digest");

    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("  do: Droplets / ml-test +25.50 USD (new)\n");
    assertThat(r.out()).isEqualTo(TEXT);
    assertThat(r.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void jsonHasEveryFigureExactWithItsCurrencyAndProvenance() {
    CliHarness.Result r = cli.run("digest", "--format", "json");

    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(JSON);
  }

  @Test
  void markdownAndHtmlSayTheSame() {
    CliHarness.Result md = cli.run("digest", "--format", "markdown");
    assertThat(md.exitCode()).isZero();
    assertThat(md.out()).startsWith("# costmon digest: Sunday 2026-11-22\n")
        .contains("## Top movers (against the median day of 15-21 Nov 2026)\n\n- **do: Droplets / ml-test** +25.50 USD (new);"
            + " none -> 25.50 USD\n".replace(">", "\\>"));
    CliHarness.Result html = cli.run("digest", "--format", "html");
    assertThat(html.exitCode()).isZero();
    assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("<strong>do: Droplets / ml-test</strong>")
        .contains("+25.50 USD<div style=\"color:#57606a;font-size:13px;\">(new)</div>")
        .doesNotContain("<script", "<link", "<img", "http://", "https://", "url(");
  }

  @Test
  void aWeekAndAMonthAreTheLastCompleteOnes() {
    CliHarness.Result week = cli.run("digest", "--period", "week");
    assertThat(week.out()).startsWith("costmon digest: week 2026-W47 (2026-11-16 to 2026-11-22)\n")
        .contains("Top movers (against 9-15 Nov 2026)\n");
    CliHarness.Result month = cli.run("digest", "--period", "month", "--format", "json");
    JsonNode json = read(month.out());
    assertThat(json.path("period").toString())
        .isEqualTo("{\"kind\":\"month\",\"name\":\"2026-10\",\"first_day\":\"2026-10-01\",\"last_day\":\"2026-10-31\"}");
    // Before the history began: no figures, which is not zero.
    assertThat(json.path("period_spend").isNull()).isTrue();
    assertThat(json.path("month").path("spend").isNull()).isTrue();
  }

  @Test
  void aFlatFeeDayWithoutAChargeIsZeroAndADayNobodyAskedAboutHasNoFigures(@TempDir Path other) throws IOException {
    CliHarness demo = new CliHarness(other);
    assertThat(demo.run("demo").exitCode()).isZero();
    // ionos is charged on the 1st; the demo's nightly collects asked about the 22nd and found nothing.
    CliHarness.Result r = demo.run("-c", "costmon-demo/costmon.yaml", "digest", "--format", "json");
    JsonNode ionos = null;
    for (JsonNode a : new ObjectMapper().readTree(r.out()).get("accounts")) {
      if (a.get("account").asText().equals("ionos")) {
        ionos = a;
      }
    }
    assertThat(ionos.get("period_spend").get("amount").asText()).isEqualTo("0");
    assertThat(ionos.get("period_spend").get("currency").asText()).isEqualTo("EUR");
    assertThat(demo.run("-c", "costmon-demo/costmon.yaml", "digest").out()).contains("  ionos 0.00 EUR\n");

    // A collect the day after an outage: the digest's day was never asked about.
    demo.at("2026-11-30T07:00:00Z");
    CliHarness.Result late = demo.run("-c", "costmon-demo/costmon.yaml", "digest", "--format", "json");
    for (JsonNode a : new ObjectMapper().readTree(late.out()).get("accounts")) {
      assertThat(a.get("period_spend").isNull()).as(a.get("account").asText()).isTrue();
    }
  }

  @Test
  void aMissingDatabaseIsOneLineAndNoFileIsCreated() {
    cli.write("costmon.yaml", DigestHistory.CONFIG.replace("database: history.db", "database: none.db"));

    CliHarness.Result r = cli.run("digest");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.IO);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(dir.resolve("none.db")).doesNotExist();
  }

  static JsonNode read(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String TEXT = """
      costmon digest: Sunday 2026-11-22
      Month to date 2026-11 (day 23 of 30): 133.42 USD of the 600.00 USD cap (22.2%)
      Forecast for 2026-11: 168.69 USD
      Spend on Sunday 2026-11-22: 30.85 USD

      Spend on Sunday 2026-11-22 per account
        do 29.80 USD (estimate)
            month 97.00 USD, 32.3% of cap 300.00 USD, forecast 132.27 USD
        ionos 0.20 EUR (fixed)
            month 4.40 EUR, 44.0% of cap 10.00 EUR, forecast 4.40 EUR
        supabase 0.83 USD (fixed)
            month 18.33 USD, forecast 18.33 USD
        vercel no figures
            month 13.33 USD, forecast 13.33 USD

      Top movers (against the median day of 15-21 Nov 2026)
        do: Droplets / ml-test +25.50 USD (new)
            none -> 25.50 USD
        do: Spaces / assets +0.40 USD (+17%)
            2.30 USD -> 2.70 USD

      New resources
        do: Droplets / ml-test 25.50 USD (estimate, since 2026-11-22)

      Stale accounts
        vercel: no successful collection for 48h (max_age 36h)

      Open breaches
        WARNING supabase quota:database_size: database_size 7.10 GB is 88.8% of quota
            8.00 GB

      Quotas at half their limit or more
        supabase database_size: 7.10 GB of 8.00 GB (88.8%)

      Generated 2026-11-23 07:00Z by costmon. Amounts are rounded for display.
      Sources: invoice, api (the provider's figures), estimate (costmon's), fixed
        (flat fees).
      """;

  static final String JSON = """
      {
        "format_version" : 1,
        "demo" : false,
        "generated_at" : "2026-11-23T07:00:00Z",
        "period" : {
          "kind" : "day",
          "name" : "2026-11-22",
          "first_day" : "2026-11-22",
          "last_day" : "2026-11-22"
        },
        "compared_with" : {
          "basis" : "daily_median",
          "first_day" : "2026-11-15",
          "last_day" : "2026-11-21"
        },
        "currency" : "USD",
        "month" : {
          "month" : "2026-11",
          "days_elapsed" : 23,
          "days_in_month" : 30,
          "closed" : false,
          "spend" : {
            "amount" : "133.4186",
            "currency" : "USD"
          },
          "forecast" : {
            "amount" : "168.6913272727273",
            "currency" : "USD"
          },
          "cap" : {
            "amount" : "600",
            "currency" : "USD"
          },
          "cap_ratio" : 0.2223643333333333
        },
        "period_spend" : {
          "amount" : "30.8493",
          "currency" : "USD"
        },
        "accounts" : [ {
          "account" : "do",
          "provider" : "digitalocean",
          "period_spend" : {
            "amount" : "29.80",
            "currency" : "USD",
            "provenance" : [ "estimate" ]
          },
          "period_spend_reporting" : {
            "amount" : "29.80",
            "currency" : "USD",
            "provenance" : [ "estimate" ]
          },
          "month_spend" : {
            "amount" : "97.00",
            "currency" : "USD",
            "provenance" : [ "estimate" ]
          },
          "cap" : {
            "amount" : "300",
            "currency" : "USD"
          },
          "cap_ratio" : 0.3233333333333333,
          "forecast" : {
            "amount" : "132.2727272727273",
            "currency" : "USD",
            "provenance" : [ "estimate" ]
          }
        }, {
          "account" : "ionos",
          "provider" : "fixed",
          "period_spend" : {
            "amount" : "0.2",
            "currency" : "EUR",
            "provenance" : [ "fixed" ]
          },
          "period_spend_reporting" : {
            "amount" : "0.216",
            "currency" : "USD",
            "provenance" : [ "fixed" ]
          },
          "month_spend" : {
            "amount" : "4.4",
            "currency" : "EUR",
            "provenance" : [ "fixed" ]
          },
          "cap" : {
            "amount" : "10",
            "currency" : "EUR"
          },
          "cap_ratio" : 0.44,
          "forecast" : {
            "amount" : "4.4",
            "currency" : "EUR",
            "provenance" : [ "fixed" ]
          }
        }, {
          "account" : "supabase",
          "provider" : "fixed",
          "period_spend" : {
            "amount" : "0.8333",
            "currency" : "USD",
            "provenance" : [ "fixed" ]
          },
          "period_spend_reporting" : {
            "amount" : "0.8333",
            "currency" : "USD",
            "provenance" : [ "fixed" ]
          },
          "month_spend" : {
            "amount" : "18.3326",
            "currency" : "USD",
            "provenance" : [ "fixed" ]
          },
          "cap" : null,
          "cap_ratio" : null,
          "forecast" : {
            "amount" : "18.3326",
            "currency" : "USD",
            "provenance" : [ "fixed" ]
          }
        }, {
          "account" : "vercel",
          "provider" : "fixed",
          "period_spend" : null,
          "period_spend_reporting" : null,
          "month_spend" : {
            "amount" : "13.3340",
            "currency" : "USD",
            "provenance" : [ "fixed" ]
          },
          "cap" : null,
          "cap_ratio" : null,
          "forecast" : {
            "amount" : "13.3340",
            "currency" : "USD",
            "provenance" : [ "fixed" ]
          }
        } ],
        "movers" : [ {
          "account" : "do",
          "dimension" : "Droplets / ml-test",
          "change" : "new",
          "before" : null,
          "after" : {
            "amount" : "25.50",
            "currency" : "USD",
            "provenance" : [ "estimate" ]
          },
          "difference" : {
            "amount" : "25.50",
            "currency" : "USD"
          },
          "difference_reporting" : {
            "amount" : "25.50",
            "currency" : "USD"
          },
          "ratio" : null
        }, {
          "account" : "do",
          "dimension" : "Spaces / assets",
          "change" : "changed",
          "before" : {
            "amount" : "2.30",
            "currency" : "USD",
            "provenance" : [ "estimate" ]
          },
          "after" : {
            "amount" : "2.70",
            "currency" : "USD",
            "provenance" : [ "estimate" ]
          },
          "difference" : {
            "amount" : "0.40",
            "currency" : "USD"
          },
          "difference_reporting" : {
            "amount" : "0.40",
            "currency" : "USD"
          },
          "ratio" : 0.1739130434782609
        } ],
        "new_resources" : [ {
          "account" : "do",
          "dimension" : "Droplets / ml-test",
          "first_day" : "2026-11-22",
          "spend" : {
            "amount" : "25.50",
            "currency" : "USD",
            "provenance" : [ "estimate" ]
          }
        } ],
        "stale" : [ {
          "status" : "UNKNOWN",
          "account" : "vercel",
          "name" : "freshness",
          "message" : "no successful collection for 48h (max_age 36h)"
        } ],
        "breaches" : [ {
          "status" : "WARNING",
          "account" : "supabase",
          "name" : "quota:database_size",
          "message" : "database_size 7.10 GB is 88.8% of quota 8.00 GB"
        } ],
        "quotas" : [ {
          "account" : "supabase",
          "metric" : "database_size",
          "usage" : 7100000000,
          "quota" : 8000000000,
          "unit" : "bytes",
          "ratio" : 0.887500000
        } ]
      }
      """;
}
