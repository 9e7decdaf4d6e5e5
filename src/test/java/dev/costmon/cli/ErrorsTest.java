package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.store.CollectLock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every error gets one line on stderr, no stack trace, and its documented exit code. */
class ErrorsTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.write("costmon.yaml", "currency: EUR\ndatabase: h.db\naccounts:\n  - id: a\n    provider: fixed\n"
        + "    amount: 5 EUR\n");
  }

  private static void assertOneLine(CliHarness.Result r) {
    assertThat(r.err().lines().count()).as(r.err()).isLessThanOrEqualTo(2);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void underSystemdEveryErrorLineCarriesTheErrorPriorityAndPlainElsewhere() {
    cli.write("costmon.yaml", "currency: EUR\naccounts:\n  - id: a\n    provider: fixed\n    amout: 5 EUR\n");
    CliHarness.Result plain = cli.run("collect");
    CliHarness.Result usage = cli.run("colect");
    cli.env.put("JOURNAL_STREAM", "8:12345");

    CliHarness.Result journal = cli.run("collect");
    CliHarness.Result journalUsage = cli.run("colect");

    assertThat(plain.err()).startsWith("costmon: ");
    assertThat(journal.exitCode()).isEqualTo(plain.exitCode()).isEqualTo(78);
    assertThat(journal.err().lines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("<3>costmon: "))
        .containsExactlyElementsOf(plain.err().lines().map(l -> "<3>" + l).toList());
    assertThat(journalUsage.err().lines()).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("<3>"))
        .containsExactlyElementsOf(usage.err().lines().map(l -> "<3>" + l).toList());
  }

  @Test
  void misspeltKeyIsAConfigurationError() {
    cli.write("costmon.yaml", "currency: EUR\naccounts:\n  - id: a\n    provider: fixed\n    amout: 5 EUR\n");

    CliHarness.Result r = cli.run("collect");

    assertThat(r.exitCode()).isEqualTo(78);
    assertThat(r.err()).startsWith("costmon: " + dir.resolve("costmon.yaml") + ":5:5: account 'a': unknown key 'amout'"
        + " (did you mean 'amount'?)");
    assertOneLine(r);
    assertThat(dir.resolve("h.db")).doesNotExist();
  }

  @Test
  void aMissingSecretNamesTheAccountKeyAndReferenceAndNothingIsSent() {
    cli.write("costmon.yaml", "currency: USD\ndatabase: h.db\naccounts:\n  - id: claude-api\n"
        + "    provider: anthropic\n    endpoint: http://127.0.0.1:9/\n    admin_key: ${ANTHROPIC_ADMIN_KEY}\n");

    CliHarness.Result r = cli.run("collect");

    // The only account failed (see MissingSecretTest for the others being collected).
    assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).isEqualTo(
        "costmon: account 'claude-api': secret not available: admin_key ${ANTHROPIC_ADMIN_KEY} (not set, line 7)\n");
  }

  @Test
  void checkReadsABrokenConfigAsUnknown() {
    cli.write("costmon.yaml", "currency: EURO\n");
    CliHarness.Result r = cli.run("check");
    assertThat(r.exitCode()).isEqualTo(3);
    assertOneLine(r);
  }

  @Test
  void noConfigFoundSaysWhereItLooked() {
    CliHarness.Result r = cli.run("report", "-c", "missing.yaml");
    assertThat(r.exitCode()).isEqualTo(78);
    assertThat(r.err()).isEqualTo("costmon: " + dir.resolve("missing.yaml") + ": no such config file\n");
  }

  @Test
  void configFromTheEnvironment() throws Exception {
    Files.move(dir.resolve("costmon.yaml"), dir.resolve("other.yaml"));
    cli.env.put("COSTMON_CONFIG", dir.resolve("other.yaml").toString());

    CliHarness.Result r = cli.run("collect", "--verbose");

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("using config " + dir.resolve("other.yaml"));
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliHarness.Result r = cli.run("collect", "--bogus");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err()).startsWith("costmon: Unknown option: '--bogus'");
    assertThat(cli.run("check", "--bogus").exitCode()).isEqualTo(3);
  }

  @Test
  void unknownAccountIsAUsageError() {
    CliHarness.Result r = cli.run("collect", "--account", "nope");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err()).startsWith("costmon: unknown account 'nope' (configured: a)");
  }

  @Test
  @SuppressWarnings("try") // the lock is held, not used
  void aSecondCollectWaitsForTheFirst() {
    try (CollectLock held = CollectLock.acquire(dir.resolve("h.db"))) {
      CliHarness.Result r = cli.run("collect");
      assertThat(r.exitCode()).isEqualTo(75);
      assertThat(r.err()).contains("another costmon collect is running");
    }
    assertThat(cli.run("collect").exitCode()).isZero();
  }

  @Test
  void aDatabaseOfAnotherKindIsRefused() {
    cli.write("h.db", "not a database at all ".repeat(100));
    CliHarness.Result r = cli.run("collect");
    assertThat(r.exitCode()).isEqualTo(74);
    assertThat(r.err()).isEqualTo("costmon: " + dir.resolve("h.db") + " is not a costmon database (not an SQLite file)\n");
    assertThat(cli.run("check").exitCode()).isEqualTo(3);
  }

  @Test
  void badMonthIsAUsageError() {
    cli.run("collect");
    CliHarness.Result r = cli.run("report", "--month", "November");
    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err()).startsWith("costmon: --month 'November' is not a month like 2026-11");
  }

  @Test
  void versionAndHelp() {
    assertThat(cli.run("--version").out()).matches("costmon \\d+\\.\\d+\\.\\d+.*\\n");
    CliHarness.Result help = cli.run("collect", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("Examples:").contains("--dry-run").contains("--config");
  }
}
