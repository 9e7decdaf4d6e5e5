package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --compare} on the real command line: two collects, one in November at 1 USD = 0.8 EUR
 * and one on 31 December after fx: was changed to 0.9, so November keeps the rate stored for it.
 * Figures are placed on the edges of the periods (1 and 30 November, 31 December) and on 31 October,
 * which no comparison of December with November may count.
 */
class CompareCliTest {
  @TempDir Path dir;
  private CliHarness cli;
  private String file;

  private String config(String rate) {
    return """
        currency: EUR
        database: history.db
        fx: {USD: RATE}
        accounts:
          - id: do
            provider: command
            currency: USD
            command: [cat, DO]
            moved: {over: 20 USD, by: 50%}
          - id: ovh
            provider: command
            currency: EUR
            command: [cat, OVH]
            moved: {over: 0.5 EUR, by: 10%}
          - id: later
            provider: command
            currency: EUR
            command: [cat, LATER]
        """.replace("RATE", rate).replace("DO", dir.resolve("do.json").toString())
        .replace("OVH", dir.resolve("ovh.json").toString()).replace("LATER", dir.resolve("later.json").toString());
  }

  private static String spend(String... rows) {
    StringBuilder json = new StringBuilder("{\"spend\": [");
    for (int i = 0; i < rows.length; i++) {
      String[] f = rows[i].split(";");
      json.append(i == 0 ? "" : ", ").append("{\"day\": \"").append(f[0]).append("\", \"service\": \"").append(f[1])
          .append("\", \"amount\": \"").append(f[2]).append("\", \"currency\": \"").append(f[3]).append("\"}");
    }
    return json.append("]}\n").toString();
  }

  @BeforeEach
  void twoMonths() {
    cli = new CliHarness(dir);
    file = dir.resolve("costmon.yaml").toString();
    cli.write("costmon.yaml", config("0.8"));
    cli.write("do.json", spend("2026-10-31;Droplets / web;100;USD", "2026-11-01;Droplets / web;20;USD",
        "2026-11-30;Droplets / web;10;USD", "2026-11-05;Spaces;4;USD"));
    cli.write("ovh.json", spend("2026-11-10;server;60;EUR", "2026-11-03;licence;10;USD"));
    cli.write("later.json", "{\"usage\": [{\"day\": \"2026-11-10\", \"metric\": \"requests\", \"value\": \"5\"}]}\n");
    cli.at("2026-11-30T23:00:00Z");
    collect();

    cli.write("costmon.yaml", config("0.9"));
    cli.write("do.json", spend("2026-12-15;Droplets / web;40;USD", "2026-12-31;Droplets / web;6.50;USD",
        "2026-12-30;Droplets / ml-test;25.50;USD"));
    cli.write("ovh.json", spend("2026-12-10;server;62;EUR", "2026-12-03;licence;10;USD"));
    cli.write("later.json", spend("2026-12-20;hosting;5;EUR"));
    cli.at("2026-12-31T22:00:00Z");
    collect();
  }

  private void collect() {
    CliHarness.Result collected = cli.run("collect", "-c", file);
    assertThat(collected.exitCode()).as(collected.err()).isZero();
  }

  @Test
  void theThirtyFirstAgainstThirtyDaysNewGoneAndTwoCurrenciesAsATable() {
    CliHarness.Result r = cli.run("report", "-c", file, "--compare");

    // do: 20 + 10 + 4 = 34 USD at 0.8 = 27.20 EUR; 40 + 6.50 + 25.50 = 72 USD at 0.9 = 64.80 EUR.
    // ovh: 60 EUR + 10 USD at 0.8 = 68; 62 EUR + 10 USD at 0.9 = 71. The 100 USD of 31 October never count.
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("""
        costmon report --compare — 1-31 Dec 2026 against 1-30 Nov 2026

        ACCOUNT   NOV 1-30    DEC 1-31      CHANGE        %  IN EUR
        do       34.00 USD   72.00 USD  +38.00 USD    +112%  +37.60
        ovh      68.00 EUR   71.00 EUR   +3.00 EUR      +4%   +3.00
        later            -    5.00 EUR           -  no data       -
        TOTAL    95.20 EUR  135.80 EUR  +40.60 EUR     +43%  +40.60

        ACCOUNT  SERVICE / RESOURCE   NOV 1-30   DEC 1-31      CHANGE     %  IN EUR
        do       Droplets / ml-test          -  25.50 USD  +25.50 USD   new  +22.95
        do       Droplets / web      30.00 USD  46.50 USD  +16.50 USD  +55%  +17.85
        do       Spaces               4.00 USD          -   -4.00 USD  gone   -3.20
        ovh      server              60.00 EUR  62.00 EUR   +2.00 EUR   +3%   +2.00
        ovh      licence              8.00 EUR   9.00 EUR   +1.00 EUR  +12%   +1.00

        later: no figure stored for 1-30 Nov 2026; not compared (- is no data, not zero)
        TOTAL adds the accounts compared, in EUR
        fx: 1 USD = 0.9 EUR in DEC 1-31, 0.8 in NOV 1-30 (stored 2026-11-30)
        """);
    assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void aNarrowTerminalLosesTheReportingColumnThenCutsNames() {
    cli.env.put("COLUMNS", "60");
    String out = cli.run("report", "-c", file, "--compare").out();

    assertThat(out.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
    // The accounts still fit with the change in EUR; the movements give it up, then cut the names.
    assertThat(out).contains("ACCOUNT  SERVICE / …   NOV 1-30   DEC 1-31      CHANGE     %\n")
        .contains("do       Droplets /…          -  25.50 USD  +25.50 USD   new\n");
  }

  @Test
  void monthToDateComparesTheSameDays() {
    cli.at("2026-12-30T12:00:00Z");
    String out = cli.run("report", "-c", file, "--compare", "previous").out();

    // 1-30 December against 1-30 November: the 6.50 USD of the 31st is not in yet.
    assertThat(out).startsWith("costmon report --compare — 1-30 Dec 2026 against 1-30 Nov 2026")
        .contains("do       Droplets / web      30.00 USD  40.00 USD  +10.00 USD  +33%");
  }

  @Test
  void csvIsPinned() {
    String out = cli.run("report", "-c", file, "--compare", "--format", "csv").out();

    assertThat(out.replace("\r\n", "\n")).isEqualTo("""
        type,account,dimension,change,currency,before,after,difference,ratio,before_provenance,after_provenance,\
        reporting_currency,before_reporting,after_reporting,difference_reporting,before_first,before_last,after_first,\
        after_last,demo
        account,do,,changed,USD,34,72.00,38.00,1.1176,api,api,EUR,27.2,64.800,37.600,2026-11-01,2026-11-30,2026-12-01,\
        2026-12-31,false
        account,ovh,,changed,EUR,68.0,71.0,3.0,0.0441,api,api,EUR,68.0,71.0,3.0,2026-11-01,2026-11-30,2026-12-01,\
        2026-12-31,false
        account,later,,no_data_before,EUR,,5,,,,api,EUR,,5,,2026-11-01,2026-11-30,2026-12-01,2026-12-31,false
        service,do,Droplets / ml-test,new,USD,,25.50,25.50,,,api,EUR,,22.950,22.950,2026-11-01,2026-11-30,2026-12-01,\
        2026-12-31,false
        service,do,Droplets / web,changed,USD,30,46.50,16.50,0.5500,api,api,EUR,24.0,41.850,17.850,2026-11-01,\
        2026-11-30,2026-12-01,2026-12-31,false
        service,do,Spaces,gone,USD,4,,-4,,api,,EUR,3.2,,-3.2,2026-11-01,2026-11-30,2026-12-01,2026-12-31,false
        service,ovh,server,changed,EUR,60,62,2,0.0333,api,api,EUR,60,62,2,2026-11-01,2026-11-30,2026-12-01,2026-12-31,\
        false
        service,ovh,licence,changed,EUR,8.0,9.0,1.0,0.1250,api,api,EUR,8.0,9.0,1.0,2026-11-01,2026-11-30,2026-12-01,\
        2026-12-31,false
        total,total,,changed,EUR,95.2,135.800,40.600,0.4265,api,api,EUR,95.2,135.800,40.600,2026-11-01,2026-11-30,\
        2026-12-01,2026-12-31,false
        """);
  }

  @Test
  void jsonIsPinned() throws java.io.IOException {
    String out = cli.run("report", "-c", file, "--compare", "2026-11", "--format", "json").out();

    try (var in = CompareCliTest.class.getResourceAsStream("/cli/compare-report.json")) {
      assertThat(out.strip()).isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void aComparisonNeedsAnEarlierMonth() {
    CliHarness.Result same = cli.run("report", "-c", file, "--compare", "2026-12");
    assertThat(same.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(same.err()).startsWith("costmon: --compare 2026-12: compare 2026-12 with an earlier month, e.g. --compare"
        + " 2026-11");
    CliHarness.Result bad = cli.run("report", "-c", file, "--compare", "last");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).startsWith("costmon: --compare 'last' is not a month like 2026-11, nor previous");
    CliHarness.Result grouped = cli.run("report", "-c", file, "--compare", "--by", "service");
    assertThat(grouped.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(grouped.err()).doesNotContain("Exception");
  }

  @Test
  void anEarlierMonthWithoutFiguresIsNoDataForEveryAccount() {
    String out = cli.run("report", "-c", file, "--compare", "2026-09").out();

    assertThat(out).contains("do              -  72.00 USD       -  no data       -")
        .contains("Nothing to compare per service: no account has figures in both periods.")
        .contains("do: no figure stored for 1-30 Sep 2026; not compared").doesNotContain("TOTAL");
  }


  @Test
  void checkWarnsAboutWhatRoseOverBothTheAmountAndThePercentage() {
    // ovh's backup runs daily from the 23rd at 1 EUR, and 5 EUR yesterday.
    StringBuilder backup = new StringBuilder();
    for (int d = 23; d <= 29; d++) {
      backup.append("2026-12-").append(d).append(";backup;1;EUR,");
    }
    cli.write("ovh.json", spend((backup + "2026-12-30;backup;5;EUR").split(",")));
    collect();

    CliHarness.Result r = cli.run("check", "-c", file, "--verbose");

    // do: ml-test is new and over 20 USD; web rose 16.50 USD (+55%), under the amount. ovh: licence rose
    // 1.00 EUR, +12.5%: over 0.5 EUR and 10%; server 2 EUR but +3%, under the percentage.
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).startsWith("COSTMON WARNING - 3 of ")
        .contains("\nWARNING do moved: Droplets / ml-test +25.50 USD (new) against 1-30 Nov 2026"
            + " (moved: over 20 USD and 50%)\n")
        .contains("\nOK do moved:yesterday: not compared: no spend figure stored for 23-29 Dec 2026\n")
        .contains("\nWARNING ovh moved: backup +12.00 EUR (new); licence +1.00 EUR (+12%) against 1-30 Nov 2026"
            + " (moved: over 0.5 EUR and 10%)\n")
        // The median of seven days of 1 EUR is 1: yesterday's 5 EUR is +4.00 EUR, +400%.
        .contains("\nWARNING ovh moved:yesterday: backup +4.00 EUR (+400%) against the median day of"
            + " 23-29 Dec 2026 (moved: over 0.5 EUR and 10%)\n")
        .doesNotContain("later moved");
    assertThat(cli.run("check", "-c", file, "--format", "json").out())
        .contains("\"name\" : \"moved:yesterday\"");
    assertThat(cli.run("config", "show", "-c", file).out()).contains("  moved:\n    over: 0.5 EUR\n    by: 10%\n");
  }
}
