package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.export.focus.FocusValidator;
import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.ObservationKind;
import dev.costmon.model.Provenance;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.store.AccountSnapshot;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.SnapshotStatus;
import dev.costmon.store.StoredObservation;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code costmon export --format focus} through the real command line, on a history with an account
 * of every provider type: the spec's requirement tables pass, and {@code costmon import focus} of the
 * file into an empty history gives back the same spend per account, day and service.
 */
class FocusExportTest {
  @TempDir Path dir;
  CliHarness cli;

  static final LocalDate OCT31 = LocalDate.of(2026, 10, 31);
  static final LocalDate NOV1 = LocalDate.of(2026, 11, 1);
  static final LocalDate NOV2 = LocalDate.of(2026, 11, 2);
  static final Instant T1 = Instant.parse("2026-11-02T06:00:00Z");
  static final Instant T2 = Instant.parse("2026-11-03T06:00:00Z");

  /** One account of every provider type costmon has; the Berlin timezone puts fixed-fee days east of UTC. */
  static final String CONFIG = """
      currency: EUR
      timezone: Europe/Berlin
      database: history.db
      fx: {USD: 0.92}
      attribution:
        rules:
          - service: Functions
            labels: {team: web}
      accounts:
        - id: ionos
          provider: fixed
          amount: 6.00 EUR
          labels: {team: platform}
        - id: demo-steady
          provider: demo
          scenario: steady
          amount: 2 EUR
        - id: chargeback
          provider: http-json
          url: http://127.0.0.1:9/costs
          amount: /total
          currency: EUR
        - id: internal
          provider: command
          command: [/bin/true]
        - id: claude
          provider: anthropic
          admin_key: ${K}
        - id: openai
          provider: openai
          admin_key: ${K}
        - id: vercel
          provider: vercel
          token: ${K}
        - id: openrouter
          provider: openrouter
          api_key: ${K}
        - id: supabase
          provider: supabase
          token: ${K}
          organization: acme
        - id: wasabi
          provider: wasabi
          access_key: ${K}
          secret_key: ${K}
        - id: cloudflare
          provider: cloudflare
          token: ${K}
          account_id: 023e105f4ecef8ad9ca31a8372d0c353
        - id: digitalocean
          provider: digitalocean
          token: ${K}
        - id: gcp
          provider: gcp
          currency: USD
          service_account_key: ${GCP_KEY}
          table: p.d.gcp_billing_export_v1_X
        - id: aws
          provider: aws
          access_key_id: ${K}
          secret_access_key: ${K}
        - id: ovh
          provider: ovh
          currency: EUR
          application_key: abc
          application_secret: ${K}
          consumer_key: ${K}
        - id: hetzner
          provider: hetzner
          token: ${K}
        - id: azure
          provider: focus
      """;

  /** Account id to provider type, as CONFIG has them, plus an account no longer configured. */
  static final Map<String, String> ACCOUNTS = Map.ofEntries(
      Map.entry("ionos", "fixed"), Map.entry("demo-steady", "demo"), Map.entry("chargeback", "http-json"),
      Map.entry("internal", "command"), Map.entry("claude", "anthropic"), Map.entry("openai", "openai"),
      Map.entry("vercel", "vercel"), Map.entry("openrouter", "openrouter"), Map.entry("supabase", "supabase"),
      Map.entry("wasabi", "wasabi"), Map.entry("cloudflare", "cloudflare"), Map.entry("digitalocean", "digitalocean"),
      Map.entry("gcp", "gcp"), Map.entry("aws", "aws"), Map.entry("ovh", "ovh"), Map.entry("hetzner", "hetzner"),
      Map.entry("azure", "focus"), Map.entry("old-acct", "gone"));

  /** The ServiceName of an account-wide figure (no dimension): its seller, the account id where unknown. */
  static final Map<String, String> SELLER = Map.of("openrouter", "OpenRouter", "old-acct", "old-acct",
      "vercel", "Vercel");

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(dir);
    cli.env.put("K", "secret-value-never-exported");
    cli.env.put("GCP_KEY", Files.readString(Path.of("src/test/resources/provider/gcp/service_account_key.json")));
    cli.write("costmon.yaml", CONFIG);
    try (Database db = Database.open(dir.resolve("history.db"), true)) {
      History history = new History(db);
      long run1 = history.startRun("collect", T1);
      long run2 = history.startRun("collect", T2);
      for (var a : new TreeMap<>(ACCOUNTS).entrySet()) {
        history.append(run1, snapshot(a.getKey(), a.getValue(), T1, figures(a.getKey(), new BigDecimal("1.10"))));
      }
      // A revised day: only the latest snapshot's figures count, for the export as for report.
      history.append(run2, snapshot("claude", "anthropic", T2, List.of(
          Observation.spend(NOV2, "claude-opus", Money.parse("7.125 USD"), Provenance.API))));
    }
  }

  /** Spend on three days around a month's end, in a few shapes a provider stores them. */
  private static List<Observation> figures(String account, BigDecimal base) {
    List<Observation> out = new ArrayList<>();
    for (LocalDate day : List.of(OCT31, NOV1, NOV2)) {
      BigDecimal amount = base.add(BigDecimal.valueOf(day.getDayOfMonth(), 2));
      switch (account) {
        case "ionos" -> out.add(Observation.spend(day, "monthly fee", new Money(new BigDecimal("0.2"), Money.currency("EUR")),
            Provenance.FIXED));
        case "vercel" -> {
          out.add(Observation.spend(day, "Functions", Money.parse(amount + " USD"), Provenance.API)
              .withTags(Map.of("project", "web app")));
          out.add(Observation.usage(day, "function_invocations", "", new BigDecimal("12345"), "count",
              Aggregation.SUM, Provenance.API));
        }
        case "openrouter" -> out.add(Observation.spend(day, "", Money.parse(amount + " USD"), Provenance.API));
        case "wasabi" -> {
          out.add(Observation.spend(day, "storage", Money.parse(amount + " USD"), Provenance.ESTIMATE));
          out.add(Observation.usage(day, "storage_bytes", "bucket-a", new BigDecimal("1.5E12"), "bytes",
              Aggregation.LAST, Provenance.API));
        }
        case "digitalocean" -> out.add(Observation.spend(day, "Droplets", Money.parse(amount + " USD"),
            Provenance.INVOICE));
        case "claude" -> out.add(Observation.spend(day, "claude-opus", Money.parse(amount + " USD"), Provenance.API));
        default -> {
          out.add(Observation.spend(day, "compute", Money.parse(amount + " EUR"), Provenance.API));
          out.add(Observation.spend(day, "credit", Money.parse("-0.05 EUR"), Provenance.API));
        }
      }
    }
    out.add(Observation.forecast(NOV1, Money.parse("30 EUR"), Provenance.ESTIMATE));
    return out;
  }

  private static AccountSnapshot snapshot(String account, String provider, Instant at, List<Observation> figures) {
    return new AccountSnapshot(account, provider, at.minusSeconds(5), at, SnapshotStatus.OK, null, OCT31, NOV2, figures);
  }

  @Test
  void theHistoryHasAnAccountOfEveryProviderType() {
    assertThat(new HashSet<>(ACCOUNTS.values())).containsAll(ProviderRegistry.builtIn().names());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.3"})
  void everyProviderRoundTripsThroughImportFocusWithTheSameTotals(String version) throws IOException {
    CliHarness.Result r = cli.run("export", "--format", "focus", "--focus-version", version,
        "--from", "2026-10-31", "--to", "2026-11-02", "--output", "costs.focus.csv.gz", "--verbose");

    assertThat(r.exitCode()).as(r.err()).isZero();
    Path file = dir.resolve("costs.focus.csv.gz");
    assertThat(gunzip(file)).doesNotContain("secret-value-never-exported");
    assertThat(new FocusValidator(version).validate(file)).isEmpty();

    Path other = dir.resolve("empty");
    CliHarness importer = new CliHarness(other);
    StringBuilder config = new StringBuilder("currency: EUR\ndatabase: history.db\nfx: {USD: 0.92}\naccounts:\n");
    ACCOUNTS.keySet().forEach(id -> config.append("  - id: ").append(id).append("\n    provider: focus\n")
        .append("    account_id: ").append(id).append('\n'));
    importer.write("costmon.yaml", config.toString());
    for (String id : ACCOUNTS.keySet()) {
      CliHarness.Result imported = importer.run("import", "focus", "--account", id, file.toString());
      assertThat(imported.exitCode()).as(imported.err()).isZero();
    }

    Map<String, BigDecimal> before = spend(dir.resolve("history.db"), true);
    Map<String, BigDecimal> after = spend(other.resolve("history.db"), false);
    // Three days of one service per account, and of a second (a credit) for the 12 default-shaped accounts.
    assertThat(before).hasSize((ACCOUNTS.size() + 12) * 3);
    assertThat(after).isEqualTo(before);
  }

  @Test
  void rowsFollowEachProvidersBillingCalendarAndSayWhereTheFigureComesFrom() {
    CliHarness.Result r = cli.run("export", "--format", "focus", "--from", "2026-11-02", "--to", "2026-11-02",
        "--account", "vercel", "--account", "ionos", "--account", "wasabi");

    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,"
        + "BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,"
        + "ChargePeriodEnd,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,ContractedCost,EffectiveCost,"
        + "HostProviderName,InvoiceIssuerName,ListCost,PricingQuantity,PricingUnit,ProviderName,PublisherName,"
        + "ServiceCategory,ServiceName,ServiceProviderName,Tags,x_ChargeDate,x_CollectedAt,x_Metric,x_Provenance");
    assertThat(lines.subList(1, lines.size())).containsExactly(
        // A Berlin day starts at 23:00 UTC the day before; the fixed fee is a recurring purchase.
        "0.2,ionos,,EUR,2026-11-30T23:00:00Z,2026-10-31T23:00:00Z,Purchase,,"
            + "\"ionos monthly fee: flat fee from the configuration, prorated by day\",Recurring,"
            + "2026-11-02T23:00:00Z,2026-11-01T23:00:00Z,,,0.2,0.2,ionos,ionos,0.2,,,ionos,ionos,Other,monthly fee,ionos,"
            + "\"{\"\"costmon/team\"\":\"\"platform\"\"}\",2026-11-02,2026-11-02T06:00:00Z,spend,fixed",
        // Vercel's days run in Los Angeles: 08:00 UTC after the end of daylight saving time on November 1.
        "1.12,vercel,,USD,2026-12-01T08:00:00Z,2026-11-01T07:00:00Z,Usage,,"
            + "Vercel Functions: spend reported by the provider's API,Usage-Based,"
            + "2026-11-03T08:00:00Z,2026-11-02T08:00:00Z,,,1.12,1.12,Vercel,Vercel,1.12,,,Vercel,Vercel,Web,Functions,"
            + "Vercel,\"{\"\"project\"\":\"\"web app\"\",\"\"costmon/team\"\":\"\"web\"\",\"\"costmon/project\"\":\"\"web app\"\"}\","
            + "2026-11-02,"
            + "2026-11-02T06:00:00Z,spend,api",
        "0,vercel,,USD,2026-12-01T08:00:00Z,2026-11-01T07:00:00Z,Usage,,"
            + "Vercel: usage of function_invocations in count; its cost is in the spend rows,Usage-Based,"
            + "2026-11-03T08:00:00Z,2026-11-02T08:00:00Z,12345,count,0,0,Vercel,Vercel,0,,,Vercel,Vercel,Web,Vercel,"
            + "Vercel,,2026-11-02,2026-11-02T06:00:00Z,function_invocations,api",
        "1.12,wasabi,,USD,2026-12-01T00:00:00Z,2026-11-01T00:00:00Z,Usage,,"
            + "\"Wasabi storage: spend estimated by costmon from usage x rate, not billed by the provider\","
            + "Usage-Based,2026-11-03T00:00:00Z,2026-11-02T00:00:00Z,,,1.12,1.12,Wasabi,Wasabi,1.12,,,Wasabi,Wasabi,"
            + "Storage,storage,Wasabi,,2026-11-02,2026-11-02T06:00:00Z,spend,estimate",
        "0,wasabi,,USD,2026-12-01T00:00:00Z,2026-11-01T00:00:00Z,Usage,,"
            + "Wasabi bucket-a: usage of storage_bytes in bytes; its cost is in the spend rows,Usage-Based,"
            + "2026-11-03T00:00:00Z,2026-11-02T00:00:00Z,1500000000000,bytes,0,0,Wasabi,Wasabi,0,,,Wasabi,Wasabi,"
            + "Storage,bucket-a,Wasabi,,2026-11-02,2026-11-02T06:00:00Z,storage_bytes,api");
  }

  @Test
  void version12HasProviderNameButNotThe13Columns() {
    CliHarness.Result r = cli.run("export", "--format", "focus", "--focus-version", "1.2", "--to", "2026-11-02");

    assertThat(r.exitCode()).as(r.err()).isZero();
    String header = r.out().lines().findFirst().orElseThrow();
    assertThat(header).contains(",ProviderName,PublisherName,").doesNotContain("ServiceProviderName")
        .doesNotContain("HostProviderName");
  }

  @Test
  void theDemoHistoryPassesTheValidatorInBothVersions() throws IOException {
    assertThat(cli.run("demo", "--days", "40").exitCode()).isZero();
    for (String version : List.of("1.2", "1.3")) {
      CliHarness.Result r = cli.run("export", "-c", "costmon-demo/costmon.yaml", "--format", "focus",
          "--focus-version", version, "--output", "demo-" + version + ".csv");
      assertThat(r.exitCode()).as(r.err()).isZero();
      Path file = dir.resolve("demo-" + version + ".csv");
      assertThat(Files.readAllLines(file)).hasSizeGreaterThan(40).allMatch(l -> !l.contains("DEMO") || l.contains(
          "DEMO DATA: "));
      assertThat(new FocusValidator(version).validate(file)).isEmpty();
    }
  }

  @Test
  void badOptionsAreOneLineUsageErrors() {
    CliHarness.Result version = cli.run("export", "--format", "focus", "--focus-version", "1.1");
    assertThat(version.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(version.err()).startsWith("costmon: --focus-version: FOCUS version '1.1' is not one costmon writes;"
        + " use 1.2 or 1.3");

    CliHarness.Result account = cli.run("export", "--format", "focus", "--account", "nope");
    assertThat(account.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(account.err()).contains("unknown account 'nope'");

    CliHarness.Result csv = cli.run("export", "--format", "csv", "--account", "vercel");
    assertThat(csv.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(csv.err()).contains("--account applies to --format focus only");
  }

  @Test
  void anUnwritableOutputIsOneLineAndLeavesNoFileBehind() throws IOException {
    CliHarness.Result r = cli.run("export", "--format", "focus", "--output", "missing/costs.csv.gz");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.IO);
    assertThat(r.err()).isEqualTo("costmon: cannot write " + dir.resolve("missing/costs.csv.gz")
        + ": no such directory " + dir.resolve("missing") + "\n");
    assertThat(dir.resolve("missing")).doesNotExist();

    assertThat(cli.run("export", "--format", "focus", "--output", "costs.csv.gz").exitCode()).isZero();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  /**
   * Spend per account, day, service and currency, non-zero sums only (a usage row imports as a zero
   * spend of its service), the account-wide figures under their seller's name as the export names them.
   */
  private static Map<String, BigDecimal> spend(Path database, boolean original) {
    Map<String, BigDecimal> out = new TreeMap<>();
    try (Database db = Database.open(database, false)) {
      for (StoredObservation s : new History(db).latest(OCT31, NOV2)) {
        Observation o = s.observation();
        if (o.kind() != ObservationKind.SPEND) {
          continue;
        }
        String service = original && o.dimension().isEmpty() ? SELLER.get(s.account()) : o.dimension();
        out.merge(s.account() + " " + o.day() + " " + service + " " + o.unit(), o.value(), BigDecimal::add);
      }
    }
    out.values().removeIf(v -> v.signum() == 0);
    out.replaceAll((k, v) -> v.stripTrailingZeros());
    return out;
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
