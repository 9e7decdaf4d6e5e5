package dev.costmon.export;

import static dev.costmon.export.Fixtures.EUR;
import static dev.costmon.export.Fixtures.USD;
import static dev.costmon.export.Fixtures.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.config.CostmonConfig;
import dev.costmon.export.HistoryExport.Format;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.SnapshotStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryExportTest {
  private static final LocalDate OCT31 = LocalDate.of(2026, 10, 31);
  private static final LocalDate NOV1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate NOV2 = LocalDate.of(2026, 11, 2);
  private static final Instant T1 = Instant.parse("2026-11-01T06:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-03T06:00:00Z");

  /** An account label value that needs every OpenMetrics escape but the line feed. */
  private static final String TEAM = "ml \"core\" \\ ops";

  @TempDir Path dir;
  private Database db;
  private HistoryExport export;

  @BeforeEach
  void history() {
    CostmonConfig config = Fixtures.config(Optional.empty(),
        account("openai", "openai", Map.of("team", TEAM), USD, Optional.empty(), Map.of()),
        account("ionos", "fixed", Map.of(), EUR, Optional.empty(), Map.of()));
    db = Database.open(dir.resolve("h.db"), true);
    History history = new History(db);
    long run1 = history.startRun("collect", T1);
    history.append(run1, snapshot("openai", T1,
        spend(OCT31, "gpt-4o", "1.25 USD"),
        tokens(OCT31, "gpt-4o", "1000")));
    long run2 = history.startRun("collect", T2);
    history.append(run2, snapshot("openai", T2,
        spend(NOV1, "gpt-4o", "2.50 USD"),
        spend(NOV1, "embeddings", "0.50 USD"),
        spend(NOV2, "gpt-4o", "1 USD").withTags(java.util.Map.of("project", "web app")),
        tokens(NOV1, "gpt-4o", "1000"),
        tokens(NOV1, "embeddings", "500"),
        Observation.forecast(NOV1, Money.parse("40 USD"), Provenance.API)));
    history.append(run2, snapshot("ionos", T2,
        Observation.spend(NOV1, "monthly fee", Money.parse("0.2 EUR"), Provenance.FIXED),
        Observation.spend(NOV2, "monthly fee", Money.parse("0.2 EUR"), Provenance.FIXED),
        // Converted into the account's EUR for OpenMetrics at the config's rate of 0.9.
        Observation.spend(NOV2, "support", Money.parse("1 USD"), Provenance.API),
        Observation.forecast(NOV1, Money.parse("6 EUR"), Provenance.FIXED)));
    history.append(run2, snapshot("old-acct", T2,
        Observation.spend(NOV2, "x, \"y\"", Money.parse("3 EUR"), Provenance.INVOICE)));
    export = new HistoryExport(config, history, NOV2.plusDays(1));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static Observation spend(LocalDate day, String service, String money) {
    return Observation.spend(day, service, Money.parse(money), Provenance.API);
  }

  private static Observation tokens(LocalDate day, String model, String value) {
    return Observation.usage(day, "tokens", model, new BigDecimal(value), "tokens", Aggregation.SUM, Provenance.API);
  }

  private static AccountSnapshot snapshot(String account, Instant at, Observation... observations) {
    return new AccountSnapshot(account, "x", at.minusSeconds(2), at, SnapshotStatus.OK, null, null, null, List.of(observations));
  }

  private String export(Format format, LocalDate from, LocalDate to) {
    StringWriter out = new StringWriter();
    export.write(format, from, to, out);
    return out.toString();
  }

  @Test
  void openMetricsHasDailyAndMonthToDateSpendInBothCurrenciesAndUsageAtTheEndOfEachDayInSeconds() {
    assertThat(export(Format.OPENMETRICS, OCT31, NOV2)).isEqualTo("""
        # TYPE costmon_spend_daily gauge
        # HELP costmon_spend_daily Spend of the account on one day, in the currency named by the currency label; the sample is at the end of that day.
        costmon_spend_daily{account="ionos",currency="EUR",provider="fixed"} 0.2 1793573999
        costmon_spend_daily{account="ionos",currency="EUR",provider="fixed"} 1.1 1793660399
        costmon_spend_daily{account="old-acct",currency="EUR",provider="unknown"} 3 1793660399
        costmon_spend_daily{account="openai",currency="USD",provider="openai",team="ml \\"core\\" \\\\ ops"} 1.25 1793487599
        costmon_spend_daily{account="openai",currency="USD",provider="openai",team="ml \\"core\\" \\\\ ops"} 3 1793573999
        costmon_spend_daily{account="openai",currency="USD",provider="openai",team="ml \\"core\\" \\\\ ops"} 1 1793660399
        # TYPE costmon_spend_daily_reporting gauge
        # HELP costmon_spend_daily_reporting Spend of the account on one day, converted at its month's rate into the reporting currency named by the currency label; the sample is at the end of that day.
        costmon_spend_daily_reporting{account="ionos",currency="EUR",provider="fixed"} 0.2 1793573999
        costmon_spend_daily_reporting{account="ionos",currency="EUR",provider="fixed"} 1.1 1793660399
        costmon_spend_daily_reporting{account="old-acct",currency="EUR",provider="unknown"} 3 1793660399
        costmon_spend_daily_reporting{account="openai",currency="EUR",provider="openai",team="ml \\"core\\" \\\\ ops"} 1.125 1793487599
        costmon_spend_daily_reporting{account="openai",currency="EUR",provider="openai",team="ml \\"core\\" \\\\ ops"} 2.7 1793573999
        costmon_spend_daily_reporting{account="openai",currency="EUR",provider="openai",team="ml \\"core\\" \\\\ ops"} 0.9 1793660399
        # TYPE costmon_spend_month_to_date gauge
        # HELP costmon_spend_month_to_date Month-to-date spend of the account at the end of each day, in the currency named by the currency label; resets on the 1st.
        costmon_spend_month_to_date{account="ionos",currency="EUR",provider="fixed"} 0.2 1793573999
        costmon_spend_month_to_date{account="ionos",currency="EUR",provider="fixed"} 1.3 1793660399
        costmon_spend_month_to_date{account="old-acct",currency="EUR",provider="unknown"} 3 1793660399
        costmon_spend_month_to_date{account="openai",currency="USD",provider="openai",team="ml \\"core\\" \\\\ ops"} 1.25 1793487599
        costmon_spend_month_to_date{account="openai",currency="USD",provider="openai",team="ml \\"core\\" \\\\ ops"} 3 1793573999
        costmon_spend_month_to_date{account="openai",currency="USD",provider="openai",team="ml \\"core\\" \\\\ ops"} 4 1793660399
        # TYPE costmon_spend_month_to_date_reporting gauge
        # HELP costmon_spend_month_to_date_reporting Month-to-date spend of the account at the end of each day, converted at its month's rate into the reporting currency named by the currency label; resets on the 1st.
        costmon_spend_month_to_date_reporting{account="ionos",currency="EUR",provider="fixed"} 0.2 1793573999
        costmon_spend_month_to_date_reporting{account="ionos",currency="EUR",provider="fixed"} 1.3 1793660399
        costmon_spend_month_to_date_reporting{account="old-acct",currency="EUR",provider="unknown"} 3 1793660399
        costmon_spend_month_to_date_reporting{account="openai",currency="EUR",provider="openai",team="ml \\"core\\" \\\\ ops"} 1.125 1793487599
        costmon_spend_month_to_date_reporting{account="openai",currency="EUR",provider="openai",team="ml \\"core\\" \\\\ ops"} 2.7 1793573999
        costmon_spend_month_to_date_reporting{account="openai",currency="EUR",provider="openai",team="ml \\"core\\" \\\\ ops"} 3.6 1793660399
        # TYPE costmon_usage_daily gauge
        # HELP costmon_usage_daily Usage of a metric by the account on one day, summed over its dimensions, in the unit named by the unit label.
        costmon_usage_daily{account="openai",metric="tokens",provider="openai",team="ml \\"core\\" \\\\ ops",unit="tokens"} 1000 1793487599
        costmon_usage_daily{account="openai",metric="tokens",provider="openai",team="ml \\"core\\" \\\\ ops",unit="tokens"} 1500 1793573999
        # EOF
        """);
  }

  @Test
  void csvHasOneRowPerCurrentObservationWithExactDecimals() {
    assertThat(export(Format.CSV, NOV1, NOV2)).isEqualTo("""
        day,account,provider,kind,metric,dimension,value,unit,provenance,tags,collected_at,demo,reporting_value,reporting_currency,fx_rate,fx_date,fx_source
        2026-11-01,ionos,fixed,spend,spend,monthly fee,0.2,EUR,fixed,,2026-11-03T06:00:00Z,false,0.2,EUR,1,,
        2026-11-01,ionos,fixed,forecast,spend,,6,EUR,fixed,,2026-11-03T06:00:00Z,false,6,EUR,1,,
        2026-11-01,openai,openai,spend,spend,embeddings,0.50,USD,api,,2026-11-03T06:00:00Z,false,0.450,EUR,0.9,2026-11-03,config
        2026-11-01,openai,openai,spend,spend,gpt-4o,2.50,USD,api,,2026-11-03T06:00:00Z,false,2.250,EUR,0.9,2026-11-03,config
        2026-11-01,openai,openai,usage,tokens,embeddings,500,tokens,api,,2026-11-03T06:00:00Z,false,,,,,
        2026-11-01,openai,openai,usage,tokens,gpt-4o,1000,tokens,api,,2026-11-03T06:00:00Z,false,,,,,
        2026-11-01,openai,openai,forecast,spend,,40,USD,api,,2026-11-03T06:00:00Z,false,36.0,EUR,0.9,2026-11-03,config
        2026-11-02,ionos,fixed,spend,spend,monthly fee,0.2,EUR,fixed,,2026-11-03T06:00:00Z,false,0.2,EUR,1,,
        2026-11-02,ionos,fixed,spend,spend,support,1,USD,api,,2026-11-03T06:00:00Z,false,0.9,EUR,0.9,2026-11-03,config
        2026-11-02,old-acct,unknown,spend,spend,"x, ""y""\",3,EUR,invoice,,2026-11-03T06:00:00Z,false,3,EUR,1,,
        2026-11-02,openai,openai,spend,spend,gpt-4o,1,USD,api,"{""project"":""web app""}",2026-11-03T06:00:00Z,false,0.9,EUR,0.9,2026-11-03,config
        """.replace("\n", "\r\n"));
  }

  @Test
  void jsonHasExactDecimalsAsPlainNumbers() {
    assertThat(export(Format.JSON, NOV2, NOV2)).isEqualTo("""
        {
          "from" : "2026-11-02",
          "to" : "2026-11-02",
          "currency" : "EUR",
          "demo" : false,
          "observations" : [
            {
              "day" : "2026-11-02",
              "account" : "ionos",
              "provider" : "fixed",
              "kind" : "spend",
              "metric" : "spend",
              "dimension" : "monthly fee",
              "value" : 0.2,
              "unit" : "EUR",
              "provenance" : "fixed",
              "tags" : { },
              "collected_at" : "2026-11-03T06:00:00Z",
              "reporting_value" : 0.2,
              "fx_rate" : 1,
              "fx_date" : null,
              "fx_source" : null
            },
            {
              "day" : "2026-11-02",
              "account" : "ionos",
              "provider" : "fixed",
              "kind" : "spend",
              "metric" : "spend",
              "dimension" : "support",
              "value" : 1,
              "unit" : "USD",
              "provenance" : "api",
              "tags" : { },
              "collected_at" : "2026-11-03T06:00:00Z",
              "reporting_value" : 0.9,
              "fx_rate" : 0.9,
              "fx_date" : "2026-11-03",
              "fx_source" : "config"
            },
            {
              "day" : "2026-11-02",
              "account" : "old-acct",
              "provider" : "unknown",
              "kind" : "spend",
              "metric" : "spend",
              "dimension" : "x, \\"y\\"",
              "value" : 3,
              "unit" : "EUR",
              "provenance" : "invoice",
              "tags" : { },
              "collected_at" : "2026-11-03T06:00:00Z",
              "reporting_value" : 3,
              "fx_rate" : 1,
              "fx_date" : null,
              "fx_source" : null
            },
            {
              "day" : "2026-11-02",
              "account" : "openai",
              "provider" : "openai",
              "kind" : "spend",
              "metric" : "spend",
              "dimension" : "gpt-4o",
              "value" : 1,
              "unit" : "USD",
              "provenance" : "api",
              "tags" : {
                "project" : "web app"
              },
              "collected_at" : "2026-11-03T06:00:00Z",
              "reporting_value" : 0.9,
              "fx_rate" : 0.9,
              "fx_date" : "2026-11-03",
              "fx_source" : "config"
            }
          ]
        }
        """);
  }

  @Test
  void monthToDateStartingMidMonthCountsTheDaysBeforeTheRange() {
    String text = export(Format.OPENMETRICS, NOV2, NOV2);

    assertThat(text.lines().filter(l -> l.startsWith("costmon_spend_month_to_date{"))).containsExactly(
        "costmon_spend_month_to_date{account=\"ionos\",currency=\"EUR\",provider=\"fixed\"} 1.3 1793660399",
        "costmon_spend_month_to_date{account=\"old-acct\",currency=\"EUR\",provider=\"unknown\"} 3 1793660399",
        "costmon_spend_month_to_date{account=\"openai\",currency=\"USD\",provider=\"openai\","
            + "team=\"ml \\\"core\\\" \\\\ ops\"} 4 1793660399");
    assertThat(text.lines().filter(l -> l.startsWith("costmon_spend_daily{"))).hasSize(3);
    assertThat(text).doesNotContain("1793573999").endsWith("# EOF\n");
  }

  @Test
  void samplesAreAtTheLastSecondOfTheDayInTheConfigTimeZoneInSeconds() {
    assertThat(export.endOfDay(NOV1)).isEqualTo(Instant.parse("2026-11-01T22:59:59Z").getEpochSecond());
    assertThat(export.endOfDay(LocalDate.of(2026, 7, 1))).isEqualTo(Instant.parse("2026-07-01T21:59:59Z").getEpochSecond());
    // Ten digits: milliseconds (13) would put the backfilled samples in the year 58000.
    assertThat(export(Format.OPENMETRICS, OCT31, NOV2).lines().filter(l -> !l.startsWith("#")))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l).matches(".* [0-9.]+ [0-9]{10}"));
  }

  @Test
  void anEmptyHistoryIsJustTheEndMarker() {
    assertThat(export(Format.OPENMETRICS, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 31))).isEqualTo("# EOF\n");
    assertThat(export(Format.CSV, LocalDate.of(2020, 1, 1), LocalDate.of(2020, 1, 31)))
        .isEqualTo("day,account,provider,kind,metric,dimension,value,unit,provenance,tags,collected_at,demo,reporting_value,reporting_currency,fx_rate,fx_date,fx_source\r\n");
  }

  @Test
  void aReversedRangeIsAnError() {
    assertThatThrownBy(() -> export(Format.CSV, NOV2, NOV1))
        .isInstanceOf(ExportException.class)
        .hasMessage("the export range is empty: from 2026-11-02 is after to 2026-11-01");
  }

  @Test
  void aFailingWriterIsAOneLineError() {
    Writer broken = new Writer() {
      @Override
      public void write(char[] buf, int off, int len) throws IOException {
        throw new IOException("Broken pipe");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };

    assertThatThrownBy(() -> export.write(Format.JSON, NOV1, NOV2, broken))
        .isInstanceOf(ExportException.class)
        .hasMessage("cannot write the json export: Broken pipe");
  }

  @Test
  void formatsParseFromTheirLabels() {
    assertThat(Format.parse("OpenMetrics")).isEqualTo(Format.OPENMETRICS);
    assertThat(Format.parse("csv")).isEqualTo(Format.CSV);
    assertThatThrownBy(() -> Format.parse("xml"))
        .hasMessage("unknown export format 'xml'; use one of openmetrics, csv, json");
  }

  @Test
  void promtoolBackfillsTheOpenMetrics() throws IOException, InterruptedException {
    Optional<Path> promtool = Fixtures.onPath("promtool");
    Assumptions.assumeTrue(promtool.isPresent(), "promtool is not on PATH");
    Path file = dir.resolve("history.om");
    Files.writeString(file, export(Format.OPENMETRICS, OCT31, NOV2));
    Path blocks = dir.resolve("blocks");

    String created = run(promtool.get().toString(), "tsdb", "create-blocks-from", "openmetrics", file.toString(),
        blocks.toString());
    String listed = run(promtool.get().toString(), "tsdb", "list", blocks.toString());

    // Min and max time of the blocks in milliseconds: the first and last day's 23:59:59, not the far future.
    assertThat(listed).as(created).contains("1793487599000").contains("1793660399000");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return output;
  }
}
