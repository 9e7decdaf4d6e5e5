package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret that does not resolve belongs to its account: that account fails with one line naming
 * every missing reference, every other account is collected, and report, check, export and config
 * show keep working. A config that is broken in itself still stops everything.
 */
class MissingSecretTest {
  @TempDir Path dir;
  CliHarness cli;

  /** Endpoints on a closed loopback port: a request would fail differently, and reach no one. */
  private static final String CONFIG = """
      currency: EUR
      fx: {USD: 0.9}
      database: history.db
      textfile: costmon.prom
      accounts:
        - id: ionos
          provider: fixed
          amount: 6 EUR
        - id: claude-api
          provider: anthropic
          endpoint: http://127.0.0.1:9/
          admin_key: ${ANTHROPIC_ADMIN_KEY}
          cap: 100 USD
        - id: aws-keys
          provider: aws
          endpoint: http://127.0.0.1:9/
          access_key_id: ${AWS_ACCESS_KEY_ID}
          secret_access_key: file:secrets/aws-secret
      """;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.write("costmon.yaml", CONFIG);
  }

  @Test
  void theAccountFailsWithEveryMissingReferenceAndTheOthersAreCollected() throws Exception {
    CliHarness.Result collect = cli.run("collect");

    assertThat(collect.exitCode()).as(collect.err()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(collect.err().lines()).containsExactlyInAnyOrder(
        "costmon: account 'claude-api': secret not available: admin_key ${ANTHROPIC_ADMIN_KEY} (not set, line 12)",
        "costmon: account 'aws-keys': secrets not available: access_key_id ${AWS_ACCESS_KEY_ID} (not set, line 17),"
            + " secret_access_key file:secrets/aws-secret (no such file, line 18)");
    assertThat(Files.readString(dir.resolve("costmon.prom"))).contains("account=\"ionos\"");

    assertThat(cli.run("collect", "--account", "ionos").exitCode()).isZero();
  }

  @Test
  void reportCheckExportAndConfigShowWork() {
    cli.run("collect");

    CliHarness.Result report = cli.run("report");
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(report.out()).contains("ionos");

    CliHarness.Result check = cli.run("check");
    assertThat(check.exitCode()).isEqualTo(3);
    assertThat(check.out()).startsWith("COSTMON UNKNOWN - ")
        .contains("UNKNOWN claude-api freshness: secret not available: admin_key ${ANTHROPIC_ADMIN_KEY} (not set")
        .contains("UNKNOWN aws-keys freshness: secrets not available: access_key_id ${AWS_ACCESS_KEY_ID}")
        .doesNotContain("UNKNOWN ionos");

    CliHarness.Result json = cli.run("check", "--format", "json");
    assertThat(json.exitCode()).isEqualTo(3);
    assertThat(json.out()).contains("secret not available");

    CliHarness.Result export = cli.run("export", "--format", "prom", "--output", "-");
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).contains("account=\"ionos\"");

    CliHarness.Result show = cli.run("config", "show");
    assertThat(show.exitCode()).as(show.err()).isZero();
    assertThat(show.out()).contains("admin_key: \"${ANTHROPIC_ADMIN_KEY}\"")
        .contains("secret_access_key: file:secrets/aws-secret");
  }

  @Test
  void onceTheSecretIsThereTheAccountIsCollectedAgain() {
    cli.run("collect");
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.write("secrets/aws-secret", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n");

    CliHarness.Result collect = cli.run("collect", "--account", "aws-keys");

    // The provider is now asked (and the closed port refuses): the secret is no longer the problem.
    assertThat(collect.err()).doesNotContain("not available").contains("account 'aws-keys'");
  }

  @Test
  void aConfigBrokenInItselfStillStopsEverything() {
    cli.write("costmon.yaml", CONFIG.replace("${ANTHROPIC_ADMIN_KEY}", "sk-ant-admin01-literal"));

    CliHarness.Result collect = cli.run("collect");
    assertThat(collect.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(collect.err()).contains("account 'claude-api': admin_key: a secret must be a reference")
        .doesNotContain("sk-ant-admin01-literal");
    assertThat(dir.resolve("history.db")).doesNotExist();

    assertThat(cli.run("report").exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(cli.run("config", "show").exitCode()).isEqualTo(ExitCodes.CONFIG);
    CliHarness.Result check = cli.run("check");
    assertThat(check.exitCode()).isEqualTo(3);
    assertThat(check.out()).startsWith("COSTMON UNKNOWN - ");

    cli.write("costmon.yaml", CONFIG + "        amout: 3\n");
    assertThat(cli.run("collect").exitCode()).isEqualTo(ExitCodes.CONFIG);
  }
}
