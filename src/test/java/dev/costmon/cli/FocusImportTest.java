package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FOCUS exports through the real command line: {@code costmon import focus} and the focus provider. */
class FocusImportTest {
  @TempDir Path dir;
  CliHarness cli;

  static final String CONFIG = """
      currency: USD
      database: history.db
      fx: {EUR: 1.10}
      accounts:
        - id: cloud
          provider: focus
        - id: aws
          provider: focus
          path: exports/*.csv.gz
          provider_name: AWS
          usage_units: [GB-Mo]
        - id: ionos
          provider: fixed
          amount: 6 EUR
      """;

  /** FOCUS 1.0 columns, as the FinOps sample data has them: several providers, NULLs, no T/Z in times. */
  static final String FOCUS_10 = """
      AvailabilityZone,BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,ChargePeriodStart,CommitmentDiscountCategory,ConsumedQuantity,ConsumedUnit,ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,ProviderName,PublisherName,ServiceCategory,ServiceName,Tags,x_Custom,Id
      NULL,1.50,111,acme,USD,2026-12-01 00:00:00,2026-11-01 00:00:00,Usage,NULL,S3 storage,Usage-Based,2026-11-02 00:00:00,2026-11-01 00:00:00,NULL,10,GB-Mo,1.5,1.5,AWS,1.5,AWS,AWS,Storage,Amazon S3,"{""team"": ""web""}",x,1
      NULL,2.25,111,acme,USD,2026-12-01 00:00:00,2026-11-01 00:00:00,Usage,NULL,EC2,Usage-Based,2026-11-01 13:00:00,2026-11-01 12:00:00,NULL,1,Hrs,2.25,2.25,AWS,2.25,AWS,AWS,Compute,Amazon EC2,NULL,x,2
      NULL,-0.50,111,acme,USD,2026-12-01 00:00:00,2026-11-01 00:00:00,Credit,NULL,promo,One-Time,2026-11-02 00:00:00,2026-11-01 00:00:00,NULL,NULL,NULL,-0.5,-0.5,AWS,0,AWS,AWS,Storage,Amazon S3,NULL,x,3
      NULL,3.00,222,contoso,EUR,2026-12-01 00:00:00,2026-11-01 00:00:00,Usage,NULL,VM,Usage-Based,2026-11-03 00:00:00,2026-11-02 00:00:00,NULL,5,Hours,3,3,Microsoft,3,Microsoft,Microsoft,Compute,Virtual Machines,NULL,x,4
      NULL,-1.00,222,contoso,EUR,2026-12-01 00:00:00,2026-11-01 00:00:00,Adjustment,Correction,refund,One-Time,2026-11-03 00:00:00,2026-11-02 00:00:00,NULL,NULL,NULL,-1,-1,Microsoft,-1,Microsoft,Microsoft,Compute,Virtual Machines,NULL,x,5
      NULL,0.19,222,contoso,EUR,2026-12-01 00:00:00,2026-11-01 00:00:00,Tax,NULL,VAT,One-Time,2026-11-03 00:00:00,2026-11-02 00:00:00,NULL,NULL,NULL,0.19,0.19,Microsoft,0.19,Microsoft,Microsoft,Other,NULL,NULL,x,6
      """;

  /** FOCUS 1.3 columns (ServiceProviderName, HostProviderName), ISO times with Z, E-notation. */
  static final String FOCUS_13 = """
      BilledCost,BillingAccountId,BillingCurrency,ChargeCategory,ChargeClass,ChargePeriodEnd,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,EffectiveCost,HostProviderName,InvoiceIssuerName,ServiceName,ServiceProviderName,SubAccountId,Tags
      1.25,111,USD,Usage,,2026-11-21T00:00:00Z,2026-11-20T00:00:00Z,100,GB-Mo,1.25,Not Applicable,AWS,Amazon S3,AWS,a1,{}
      2.5E-1,111,USD,Usage,,2026-11-21T00:00:00Z,2026-11-20T23:00:00Z,50,gb-mo,0.25,Not Applicable,AWS,Amazon S3,AWS,a2,{}
      4.00,111,USD,Purchase,,2026-11-22T00:00:00Z,2026-11-21T00:00:00Z,1,Hrs,4,Not Applicable,AWS,Amazon EC2,AWS,a1,{}
      9.99,111,USD,Usage,,2026-11-22T00:00:00Z,2026-11-21T00:00:00Z,1,Requests,9.99,Vercel,Vercel,Functions,Vercel,a1,{}
      """;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    cli.write("costmon.yaml", CONFIG);
  }

  @Test
  void importsFocus10WithSeveralProvidersCurrenciesCreditsAndAdjustments() {
    cli.write("focus10.csv", FOCUS_10);

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "focus10.csv");

    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(
        "imported  " + dir.resolve("focus10.csv") + ": 6 rows, 4 figures, 2026-11-01 .. 2026-11-02\n");
    // Credits and adjustments are negative and net into their service; two providers prefix the
    // service; a tax row without a service is shown under its category; each currency stays apart.
    assertThat(spend("cloud")).containsExactly(
        "2026-11-01,cloud,focus,spend,spend,AWS/Amazon EC2,2.25,USD,api",
        "2026-11-01,cloud,focus,spend,spend,AWS/Amazon S3,1.00,USD,api",
        "2026-11-02,cloud,focus,spend,spend,Microsoft/Tax,0.19,EUR,api",
        "2026-11-02,cloud,focus,spend,spend,Microsoft/Virtual Machines,2.00,EUR,api");
  }

  @Test
  void importsFocus13WithOneProviderWithoutPrefix() {
    cli.write("focus13.csv", FOCUS_13.lines().filter(l -> !l.contains("Vercel")).map(l -> l + "\n")
        .reduce("", String::concat));

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "focus13.csv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(spend("cloud")).containsExactly(
        "2026-11-20,cloud,focus,spend,spend,Amazon S3,1.50,USD,api",
        "2026-11-21,cloud,focus,spend,spend,Amazon EC2,4.00,USD,api");
  }

  @Test
  void gzipIsDetectedByItsBytesNotItsName() throws IOException {
    gzip("export.data", FOCUS_13);

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "export.data");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(spend("cloud")).contains("2026-11-21,cloud,focus,spend,spend,Vercel/Functions,9.99,USD,api");
  }

  @Test
  void importingTheSameFileTwiceChangesNothing() throws Exception {
    cli.write("focus13.csv", FOCUS_13);
    cli.run("import", "focus", "--account", "cloud", "focus13.csv");
    List<String> before = spend("cloud");
    long snapshots = count("SELECT count(*) FROM snapshot");

    CliHarness.Result again = cli.run("import", "focus", "--account", "cloud", "focus13.csv");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).startsWith("skipped   " + dir.resolve("focus13.csv") + ": already imported at ");
    assertThat(count("SELECT count(*) FROM snapshot")).isEqualTo(snapshots);
    assertThat(spend("cloud")).isEqualTo(before);
    assertThat(count("SELECT count(*) FROM imported_file WHERE account = 'cloud' AND length(sha256) = 64"))
        .isEqualTo(1);
  }

  @Test
  void theSameRowsInAnotherFileGiveTheSameTotals() throws IOException {
    cli.write("focus13.csv", FOCUS_13);
    gzip("copy.csv.gz", FOCUS_13);
    cli.run("import", "focus", "--account", "cloud", "focus13.csv");
    List<String> before = spend("cloud");

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "copy.csv.gz");

    assertThat(r.out()).startsWith("imported");
    assertThat(spend("cloud")).isEqualTo(before);
  }

  @Test
  void aLaterExportReplacesTheDaysItCoversAndKeepsTheOthers() {
    cli.write("nov-20.csv", FOCUS_13);
    cli.write("nov-21.csv", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,ServiceProviderName
        5.00,USD,2026-11-21T00:00:00Z,Amazon EC2,AWS
        1.00,USD,2026-11-22T00:00:00Z,Amazon EC2,AWS
        """);

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "nov-20.csv", "nov-21.csv");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(spend("cloud")).containsExactly(
        "2026-11-20,cloud,focus,spend,spend,AWS/Amazon S3,1.50,USD,api",
        "2026-11-21,cloud,focus,spend,spend,Amazon EC2,5.00,USD,api",
        "2026-11-22,cloud,focus,spend,spend,Amazon EC2,1.00,USD,api");
  }

  /** Two parts of one export: 1.00 and 2.00 USD of EC2 on the same day. */
  private void writeParts() {
    cli.write("part-1.csv", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName
        1.00,USD,2026-11-21T00:00:00Z,Amazon EC2
        """);
    cli.write("part-2.csv", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName
        2.00,USD,2026-11-21T00:00:00Z,Amazon EC2
        """);
  }

  @Test
  void partsOfOneExportAddUp() {
    writeParts();

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "--parts", "part-1.csv", "part-2.csv");

    assertThat(r.out()).isEqualTo("imported  2 parts: 2 rows, 1 figures, 2026-11-21 .. 2026-11-21\n");
    assertThat(spend("cloud")).containsExactly("2026-11-21,cloud,focus,spend,spend,Amazon EC2,3.00,USD,api");
  }

  @Test
  void aPartImportedBeforeBesideANewOneIsReadAgainSoThePartsStillAddUp() {
    writeParts();
    cli.run("import", "focus", "--account", "cloud", "part-1.csv");

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "--parts", "part-1.csv", "part-2.csv");
    CliHarness.Result again = cli.run("import", "focus", "--account", "cloud", "--parts", "part-1.csv", "part-2.csv");

    assertThat(r.out()).isEqualTo("imported  2 parts: 2 rows, 1 figures, 2026-11-21 .. 2026-11-21\n");
    assertThat(spend("cloud")).containsExactly("2026-11-21,cloud,focus,spend,spend,Amazon EC2,3.00,USD,api");
    assertThat(again.out()).startsWith("skipped");
  }

  @Test
  void aMissingMandatoryColumnIsNamed() {
    cli.write("bad.csv", """
        BilledCost,ChargePeriodStart,ServiceName
        1.00,2026-11-21T00:00:00Z,Amazon EC2
        """);

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "bad.csv");

    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).isEqualTo("costmon: " + dir.resolve("bad.csv") + ": the header has no BillingCurrency"
        + " column, which FOCUS requires (columns found: BilledCost, ChargePeriodStart, ServiceName)\n");
  }

  @Test
  void aMalformedRowIsReportedWithItsLineAndNothingOfTheFileIsStored() throws Exception {
    cli.write("bad.csv", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName
        1.00,USD,2026-11-21T00:00:00Z,Amazon EC2
        2.00,USD,2026-11-21T00:00:00Z,Amazon EC2
        1,5,USD,2026-11-21T00:00:00Z,Amazon EC2
        """);

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "bad.csv");

    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).startsWith("costmon: " + dir.resolve("bad.csv") + ": line 4: malformed CSV row: ");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(count("SELECT count(*) FROM observation")).isZero();
    assertThat(count("SELECT count(*) FROM imported_file")).isZero();
  }

  @Test
  void aBadValueIsReportedWithItsLine() {
    cli.write("bad.csv", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName
        1.00,USD,2026-11-21T00:00:00Z,"Amazon
        EC2"
        abc,USD,2026-11-21T00:00:00Z,Amazon EC2
        """);

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "bad.csv");

    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).isEqualTo("costmon: " + dir.resolve("bad.csv")
        + ": line 4: BilledCost 'abc' is not a decimal number\n");
  }

  @Test
  void aTruncatedRowAndABadDateAreMalformed() {
    cli.write("short.csv", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName
        1.00,USD,2026-11-21T00:00:00Z,Amazon EC2
        1.00,USD
        """);
    cli.write("date.csv", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName
        1.00,USD,21/11/2026,Amazon EC2
        """);

    CliHarness.Result shortRow = cli.run("import", "focus", "--account", "cloud", "short.csv");
    CliHarness.Result badDate = cli.run("import", "focus", "--account", "cloud", "date.csv");

    assertThat(shortRow.exitCode()).isEqualTo(65);
    assertThat(shortRow.err()).startsWith("costmon: " + dir.resolve("short.csv") + ": line 3: malformed CSV row: ");
    assertThat(badDate.err()).isEqualTo("costmon: " + dir.resolve("date.csv")
        + ": line 2: ChargePeriodStart '21/11/2026' is not a date-time such as 2026-11-01T00:00:00Z\n");
  }

  @Test
  void aCurrencyWithoutConversionRateIsRefused() {
    cli.write("jpy.csv", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName
        100,JPY,2026-11-21T00:00:00Z,Compute
        """);

    CliHarness.Result r = cli.run("import", "focus", "--account", "cloud", "jpy.csv");

    assertThat(r.exitCode()).isEqualTo(65);
    assertThat(r.err()).contains("billed in JPY but fx: has no rate for JPY into USD");
  }

  @Test
  void anUnknownAccountIsAUsageError() {
    cli.write("focus13.csv", FOCUS_13);

    CliHarness.Result r = cli.run("import", "focus", "--account", "nope", "focus13.csv");

    assertThat(r.exitCode()).isEqualTo(64);
    assertThat(r.err()).startsWith("costmon: unknown account 'nope'");
  }

  @Test
  void theFocusProviderCollectsNewExportsFromAGlobWithItsFilters() throws IOException {
    Path old = gzip("exports/focus-2026-10.csv.gz", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,ServiceProviderName
        100,USD,2026-10-05T00:00:00Z,Amazon EC2,AWS
        """);
    // Modified before the collect window (month to date and 3 lookback days): not read again.
    Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-10-06T00:00:00Z")));
    Path first = gzip("exports/focus-2026-11-20.csv.gz", FOCUS_13);
    Files.setLastModifiedTime(first, FileTime.from(Instant.parse("2026-11-21T03:00:00Z")));
    Path second = gzip("exports/focus-2026-11-22.csv.gz", """
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,ServiceProviderName,ConsumedQuantity,ConsumedUnit
        6.00,USD,2026-11-21T00:00:00Z,Amazon EC2,AWS,,
        0.50,USD,2026-11-22T00:00:00Z,Amazon S3,AWS,5,GB-Mo
        """);
    Files.setLastModifiedTime(second, FileTime.from(Instant.parse("2026-11-23T03:00:00Z")));
    cli.write("exports/notes.txt", "not an export");

    CliHarness.Result r = cli.run("collect", "--account", "aws");

    assertThat(r.exitCode()).as(r.err()).isZero();
    // The Vercel row is filtered out (provider_name: AWS); the newer file wins on 2026-11-21.
    assertThat(csv("aws")).containsExactly(
        "2026-11-20,aws,focus,spend,spend,Amazon S3,1.50,USD,api",
        "2026-11-20,aws,focus,usage,consumed_gb_mo,Amazon S3,150,GB-Mo,api",
        "2026-11-21,aws,focus,spend,spend,Amazon EC2,6.00,USD,api",
        "2026-11-22,aws,focus,spend,spend,Amazon S3,0.50,USD,api",
        "2026-11-22,aws,focus,usage,consumed_gb_mo,Amazon S3,5,GB-Mo,api");

    List<String> before = csv("aws");
    cli.at("2026-11-23T08:00:00Z");
    CliHarness.Result again = cli.run("collect", "--account", "aws");

    assertThat(again.exitCode()).isZero();
    assertThat(csv("aws")).isEqualTo(before);
  }

  @Test
  void aFocusAccountWhoseExportsStoppedIsACondition() {
    cli.write("exports/.keep", "");

    CliHarness.Result r = cli.run("collect", "--account", "aws");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("costmon: account 'aws': no export file matches "
        + dir.resolve("exports/*.csv.gz") + " (is the export still delivered?)\n");
  }

  @Test
  void configShowPrintsThePathAsText() {
    CliHarness.Result r = cli.run("config", "show", "--format", "json");

    assertThat(r.out()).contains("\"path\" : \"" + dir.resolve("exports/*.csv.gz") + "\"");
  }

  private List<String> spend(String account) {
    return csv(account).stream().filter(l -> l.contains(",spend,")).toList();
  }

  /**
   * The stored figures of an account, without the tags, collected_at, demo and conversion columns
   * (untagged figures only).
   */
  private List<String> csv(String account) {
    CliHarness.Result r = cli.run("export", "--format", "csv", "--from", "2026-10-01", "--output", "-");
    assertThat(r.exitCode()).as(r.err()).isZero();
    return r.out().lines().skip(1).filter(l -> l.split(",")[1].equals(account))
        .map(l -> l.replaceFirst("(,[^,]*){5}$", "").replaceFirst(",,[^,]*,[^,]*$", "")).toList();
  }

  private long count(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"));
        Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Path gzip(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }
}
