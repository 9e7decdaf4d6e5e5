package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.provider.ProviderFixture;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fx: {source: ecb}}: the ECB's eurofxref files served from loopback convert a three-month
 * history of EUR, GBP and USD accounts into USD exactly as computed by hand; a failed fetch keeps the
 * stored rates (and says how old they are) or, with none stored, fails the collect in one line.
 */
class EcbRatesCliTest {
  @TempDir Path dir;
  private ProviderFixture ecb;
  private final AtomicInteger status = new AtomicInteger(200);
  private CliHarness cli;
  private String file;

  @BeforeEach
  void setUp() {
    ecb = new ProviderFixture();
    for (String name : new String[] {"eurofxref-hist-90d.xml", "eurofxref-daily.xml"}) {
      ecb.route("/stats/eurofxref/" + name, exchange -> ProviderFixture.send(exchange, status.get(), "text/xml",
          status.get() == 200 ? ProviderFixture.resource("fx/" + name) : "<html>down</html>"));
    }
    cli = new CliHarness(dir);
    file = dir.resolve("costmon.yaml").toString();
    cli.write("costmon.yaml", config(""));
    cli.write("eu.json", """
        {"spend": [{"day": "2026-10-10", "service": "vm", "amount": "100", "currency": "EUR"},
                   {"day": "2026-11-20", "service": "vm", "amount": "200", "currency": "EUR"},
                   {"day": "2026-12-02", "service": "vm", "amount": "50", "currency": "EUR"}]}
        """);
    cli.write("uk.json", """
        {"spend": [{"day": "2026-10-10", "service": "api", "amount": "30", "currency": "GBP"},
                   {"day": "2026-11-20", "service": "api", "amount": "40", "currency": "GBP"},
                   {"day": "2026-12-02", "service": "api", "amount": "10", "currency": "GBP"}]}
        """);
    cli.write("us.json", """
        {"spend": [{"day": "2026-10-10", "service": "x", "amount": "5", "currency": "USD"},
                   {"day": "2026-11-20", "service": "x", "amount": "7", "currency": "USD"},
                   {"day": "2026-12-02", "service": "x", "amount": "1", "currency": "USD"}]}
        """);
  }

  @AfterEach
  void tearDown() {
    ecb.close();
  }

  private String config(String more) {
    return """
        currency: USD
        database: history.db
        fx:
          source: ecb
          endpoint: %1$s/stats/eurofxref/
        %2$s
        accounts:
          - {id: eu, provider: command, currency: EUR, command: [cat, %3$s/eu.json]}
          - {id: uk, provider: command, currency: GBP, command: [cat, %3$s/uk.json]}
          - {id: us, provider: command, currency: USD, command: [cat, %3$s/us.json]}
        """.formatted(ecb.base(), more, dir);
  }

  private static String hand(String amount, String eurToUsd, String eurToCurrency) {
    return new BigDecimal(amount).multiply(new BigDecimal(eurToUsd))
        .divide(new BigDecimal(eurToCurrency), MathContext.DECIMAL128).setScale(2, RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  @Test
  void aThreeMonthHistoryConvertsAtEachMonthsLastEcbRateAsComputedByHand() {
    cli.at("2026-12-03T07:00:00Z");
    CliHarness.Result collect = cli.run("collect", "-c", file);
    assertThat(collect.exitCode()).as(collect.err()).isZero();
    // First use: the 90-day history, not the day's file.
    assertThat(ecb.requests).containsExactly("GET /stats/eurofxref/eurofxref-hist-90d.xml");

    // October closed on the 30th's rates (not the 15th's): 1 EUR = 1.20 USD, 1 GBP = 1.20 / 0.75 USD.
    String october = cli.run("report", "-c", file, "--month", "2026-10").out();
    assertThat(hand("100", "1.20", "1")).isEqualTo("120.00");
    assertThat(hand("30", "1.20", "0.75")).isEqualTo("48.00");
    assertThat(october).containsPattern("eu .* 120\\.00 ").containsPattern("uk .* 48\\.00 ")
        .containsPattern("TOTAL +173\\.00 ")
        .contains("fx: 1 EUR = 1.2 USD (ecb of 2026-10-30), 1 GBP = 1.6 USD (ecb of 2026-10-30)");
    // November on the 30th's: 1 EUR = 1.25 USD, 1 GBP = 1.25 / 0.80 = 1.5625 USD; the 16th's do not count.
    assertThat(cli.run("report", "-c", file, "--month", "2026-11").out())
        .containsPattern("TOTAL +319\\.50 ").contains("1 GBP = 1.5625 USD (ecb of 2026-11-30)");
    // December, the current month, on the newest: 10 GBP = 10 x 1.0856 / 0.8463 USD = 12.8276... USD.
    assertThat(hand("10", "1.0856", "0.8463")).isEqualTo("12.83");
    String december = cli.run("report", "-c", file).out().replace("\n  ", " ");
    assertThat(december).containsPattern("uk .* 12\\.83 ").containsPattern("TOTAL +68\\.11 ")
        .contains("1 GBP = 1.28276 USD (ecb of 2026-12-02, 1 day old)");
    assertThat(cli.run("report", "-c", file, "--format", "json").out())
        .contains("\"fx_source\" : \"ecb\"").contains("\"fx_date\" : \"2026-12-02\"").contains("\"fx_age_days\" : 1");
    assertThat(cli.run("check", "-c", file).out()).doesNotContain("fx:GBP");
    assertThat(cli.run("check", "-c", file, "--verbose").out())
        .contains("OK total fx:GBP: the GBP rate (ecb of 2026-12-02) is 1 day old");

    // The next day's file changes the current month, never the closed ones.
    cli.at("2026-12-04T07:00:00Z");
    assertThat(cli.run("collect", "-c", file).exitCode()).isZero();
    assertThat(ecb.requests).last().isEqualTo("GET /stats/eurofxref/eurofxref-daily.xml");
    assertThat(cli.run("report", "-c", file, "--month", "2026-10").out()).isEqualTo(october);
    assertThat(cli.run("report", "-c", file).out().replace("\n  ", " ")).contains("1 GBP = 1.28235 USD (ecb of 2026-12-03, 1 day old)");
  }

  @Test
  void aFailedFetchKeepsTheStoredRatesAndCheckWarnsOnceTheyAreOlderThanMaxAge() {
    cli.write("costmon.yaml", config("  max_age: 3d\ncap: 1000 GBP"));
    cli.at("2026-12-03T07:00:00Z");
    assertThat(cli.run("collect", "-c", file).exitCode()).isZero();
    // The global cap in GBP converts with the month's ECB rates (fx: itself has no GBP rate).
    CliHarness.Result ok = cli.run("check", "-c", file);
    assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
    // 68.1076... USD x 0.8463 / 1.0856 = 53.0948... GBP.
    assertThat(new BigDecimal("54.28").add(new BigDecimal("10").multiply(new BigDecimal("1.0856"))
        .divide(new BigDecimal("0.8463"), MathContext.DECIMAL128)).add(BigDecimal.ONE)
        .multiply(new BigDecimal("0.8463")).divide(new BigDecimal("1.0856"), MathContext.DECIMAL128)
        .setScale(2, RoundingMode.HALF_EVEN)).isEqualByComparingTo("53.09");
    assertThat(cli.run("check", "-c", file, "--verbose").out()).contains("total spend 53.09 GBP");

    status.set(404);
    cli.at("2026-12-06T07:00:00Z");
    CliHarness.Result collect = cli.run("collect", "-c", file);
    assertThat(collect.exitCode()).isZero();
    assertThat(collect.err()).isEqualTo("costmon: fx: the ECB's rates could not be fetched (HTTP 404 Not Found from "
        + ecb.base().getAuthority() + "/stats/eurofxref/eurofxref-daily.xml: <html>down</html>); the stored rates of 2026-12-02"
        + " (4 days old) go on converting\n");
    assertThat(cli.run("report", "-c", file).out().replace("\n  ", " ")).contains("(ecb of 2026-12-02, 4 days old)");
    CliHarness.Result check = cli.run("check", "-c", file);
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).contains("WARNING total fx:EUR: the EUR rate (ecb of 2026-12-02) is 4 days old, older than"
        + " fx: max_age 3d (does collect still reach the ECB?)");
  }

  @Test
  void aFailedFetchWithNoStoredRateFailsTheCollectInOneLineAndKeepsTheFigures() {
    status.set(404);
    cli.at("2026-12-03T07:00:00Z");
    CliHarness.Result collect = cli.run("collect", "-c", file);

    assertThat(collect.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(collect.err()).isEqualTo("costmon: fx: the ECB's rates could not be fetched (HTTP 404 Not Found from "
        + ecb.base().getAuthority() + "/stats/eurofxref/eurofxref-hist-90d.xml: <html>down</html>), and no ECB rate for EUR, GBP is"
        + " stored yet, so those figures cannot be converted; collect again when the ECB answers, or write your own"
        + " rates under fx: without source: ecb\n");
    // The figures are stored in their own currencies, nothing lost.
    assertThat(cli.run("export", "-c", file, "--format", "csv", "--from", "2026-10-01").out())
        .contains(",eu,command,spend,spend,vm,100,EUR,").contains(",uk,command,spend,spend,api,30,GBP,");
    CliHarness.Result report = cli.run("report", "-c", file);
    assertThat(report.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(report.err()).contains("no ECB rate for EUR into USD is stored yet; run costmon collect");

    status.set(200);
    assertThat(cli.run("collect", "-c", file).exitCode()).isZero();
    assertThat(cli.run("report", "-c", file).out()).containsPattern("TOTAL +68\\.11 ");
  }

  @Test
  void oneCurrencyOneSource() {
    cli.write("costmon.yaml", config("  GBP: 1.3"));
    CliHarness.Result both = cli.run("report", "-c", file);
    assertThat(both.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(both.err()).contains("the ECB publishes GBP and source: ecb uses its rate; remove GBP from fx:,"
        + " or drop source: ecb to keep your own rate").doesNotContain("Exception");

    cli.write("costmon.yaml", config("").replace("currency: USD", "currency: AED"));
    assertThat(cli.run("report", "-c", file).err()).contains("the ECB publishes no rate for the reporting currency AED");

    cli.write("costmon.yaml", config("  max_agee: 3d"));
    assertThat(cli.run("report", "-c", file).err()).contains("unknown key 'max_agee'").contains("max_age");

    cli.write("costmon.yaml", config("  usd: 1.1"));
    assertThat(cli.run("report", "-c", file).err()).contains("'usd' is not an ISO 4217 currency code");
    cli.write("costmon.yaml", config("  max_age: 12h"));
    assertThat(cli.run("report", "-c", file).err()).contains("max_age must be at least 1d: rates are daily");
  }

  /** notify converts the total into the hard cap's currency with the month's ECB rates, as check does. */
  @Test
  void theHardCapInAnotherCurrencyIsReachedAtTheMonthsEcbRate() throws Exception {
    Path envFile = dir.resolve("hook-env.txt");
    Path script = cli.write("revoke.sh", "#!/bin/sh\nenv >> '" + envFile + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    cli.write("costmon.yaml", config("hard_cap: 50 GBP\non_hard_cap: {command: [./revoke.sh]}"));
    cli.at("2026-12-03T07:00:00Z");
    assertThat(cli.run("collect", "-c", file).exitCode()).isZero();

    CliHarness.Result check = cli.run("check", "-c", file, "--notify");

    // 68.1076... USD is 53.0948... GBP (see above): over the 50 GBP hard cap.
    assertThat(check.err()).doesNotContain("no conversion rate");
    assertThat(Files.readString(envFile).lines()).contains("COSTMON_HARD_CAP=50", "COSTMON_CURRENCY=GBP")
        .anyMatch(l -> l.startsWith("COSTMON_SPEND=53.094"));
  }
}
