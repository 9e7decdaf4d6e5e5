package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config's rates are stored with the day they were first seen: a closed month keeps the rate of
 * its last day when fx: is edited later, the current month takes the new one, and every format says
 * which rate, from when and from where.
 */
class DatedRatesCliTest {
  @TempDir Path dir;

  private static String config(Path dir, String rate) {
    return """
        currency: EUR
        database: history.db
        fx: {USD: RATE}
        accounts:
          - id: api
            provider: command
            currency: USD
            command: [cat, FIGURES]
        """.replace("RATE", rate).replace("FIGURES", dir.resolve("figures.json").toString());
  }

  @Test
  void editingFxAfterAMonthClosesLeavesThatMonthsReportIdentical() {
    CliHarness cli = new CliHarness(dir);
    String file = dir.resolve("costmon.yaml").toString();
    cli.write("costmon.yaml", config(dir, "0.90"));
    cli.write("figures.json", """
        {"spend": [{"day": "2026-11-19", "service": "api", "amount": "100", "currency": "USD"}]}
        """);
    cli.at("2026-11-20T07:00:00Z");
    assertThat(cli.run("collect", "-c", file).exitCode()).isZero();

    cli.at("2026-12-03T07:00:00Z");
    String before = cli.run("report", "-c", file, "--month", "2026-11").out();
    String beforeCsv = cli.run("report", "-c", file, "--month", "2026-11", "--format", "csv").out();
    cli.write("costmon.yaml", config(dir, "0.95"));

    // November closed with 1 USD = 0.90 EUR, stored on the 20th: 100 USD is 90.00 EUR, then and now.
    assertThat(cli.run("report", "-c", file, "--month", "2026-11").out()).isEqualTo(before)
        .containsPattern("TOTAL +90\\.00 ")
        .contains("fx: 1 USD = 0.9 EUR (config, since 2026-11-20)");
    assertThat(cli.run("report", "-c", file, "--month", "2026-11", "--format", "csv").out()).isEqualTo(beforeCsv)
        .contains(",USD,100,api,EUR,90.00,0.90,").contains(",2026-11-20,config,");

    cli.write("figures.json", """
        {"spend": [{"day": "2026-12-02", "service": "api", "amount": "50", "currency": "USD"}]}
        """);
    assertThat(cli.run("collect", "-c", file).exitCode()).isZero();

    String november = cli.run("report", "-c", file, "--month", "2026-11", "--format", "json").out();
    assertThat(november).contains("\"amount\" : \"90.00\"").contains("\"fx_rate\" : 0.90")
        .contains("\"fx_date\" : \"2026-11-20\"").contains("\"fx_source\" : \"config\"");
    // The current month takes the new rate, stored on the day it was first seen.
    String december = cli.run("report", "-c", file).out();
    assertThat(december).containsPattern("TOTAL +47\\.50 ")
        .contains("fx: 1 USD = 0.95 EUR (config, since 2026-12-03)");
  }

  @Test
  void editingFxAfterAMonthClosesLeavesThatMonthsExportsIdentical() {
    CliHarness cli = new CliHarness(dir);
    String file = dir.resolve("costmon.yaml").toString();
    cli.write("costmon.yaml", config(dir, "0.90"));
    cli.write("figures.json", """
        {"spend": [{"day": "2026-11-29", "service": "api", "amount": "100", "currency": "USD"},
                   {"day": "2026-11-30", "service": "api", "amount": "10", "currency": "USD"}]}
        """);
    cli.at("2026-11-30T07:00:00Z");
    assertThat(cli.run("collect", "-c", file).exitCode()).isZero();

    // The month is over, the rate edited, December collected at the new rate.
    cli.at("2026-12-03T07:00:00Z");
    cli.write("costmon.yaml", config(dir, "0.95"));
    cli.write("figures.json", """
        {"spend": [{"day": "2026-12-02", "service": "api", "amount": "50", "currency": "USD"}]}
        """);
    assertThat(cli.run("collect", "-c", file).exitCode()).isZero();

    String[] range = {"--from", "2026-11-29", "--to", "2026-12-02", "--output", "-", "-c", file};
    String csv = cli.run(args("csv", range)).out();
    // November at the rate stored on the 30th, December at the one stored on the 3rd, each said per row.
    assertThat(csv).contains("2026-11-29,api,command,spend,spend,api,100,USD,api,,")
        .contains(",false,90.00,EUR,0.90,2026-11-30,config\r\n")
        .contains(",false,9.00,EUR,0.90,2026-11-30,config\r\n")
        .contains(",false,47.50,EUR,0.95,2026-12-03,config\r\n");
    assertThat(cli.run(args("json", range)).out())
        .contains("\"reporting_value\" : 90.00,\n      \"fx_rate\" : 0.90,\n      \"fx_date\" : \"2026-11-30\",\n"
            + "      \"fx_source\" : \"config\"");
    assertThat(cli.run(args("openmetrics", range)).out())
        .contains("costmon_spend_daily_reporting{account=\"api\",currency=\"EUR\",provider=\"command\"} 90 ")
        .contains("costmon_spend_month_to_date_reporting{account=\"api\",currency=\"EUR\",provider=\"command\"} 99 ")
        .contains("costmon_spend_daily_reporting{account=\"api\",currency=\"EUR\",provider=\"command\"} 47.5 ");
  }

  private static String[] args(String format, String... rest) {
    String[] out = new String[rest.length + 3];
    out[0] = "export";
    out[1] = "--format";
    out[2] = format;
    System.arraycopy(rest, 0, out, 3, rest.length);
    return out;
  }
}
