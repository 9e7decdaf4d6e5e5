package dev.costmon.provider.focus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.model.Observation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusReaderTest {
  @TempDir Path dir;

  @Test
  void chargePeriodStartIsTakenAsAUtcDayInEveryFormSeenInExports() throws IOException {
    Path file = write("""
        \uFEFFBilledCost,BillingCurrency,ChargePeriodStart,ServiceName,ServiceProviderName
        1,USD,2026-11-01T00:00:00Z,a,P
        1,USD,2026-11-01 23:00:00,a,P
        1,USD,2026-11-02T01:30:00+02:00,a,P
        1,USD,2026-11-01T12:00:00.000Z,a,P
        1,USD,2026-11-01 10:00:00 UTC,a,P
        1,USD,2026-11-01,a,P
        1E+1,USD,2026-11-02T00:00:00Z,a,P
        """);

    List<Observation> obs = new FocusReader(FocusRules.ALL).read(file).totals().observations();

    assertThat(obs).extracting(o -> o.day() + " " + o.dimension() + " " + o.value().toPlainString())
        .containsExactly("2026-11-01 a 6", "2026-11-02 a 10");
  }

  @Test
  void costmonsOwnChargeDateGivesTheDayOfAChargePeriodThatStartsOnTheUtcDayBefore() throws IOException {
    // A Berlin day: it starts at 23:00 UTC the day before; a row without the date keeps the UTC rule.
    Path file = write("""
        BilledCost,BillingCurrency,ChargePeriodEnd,ChargePeriodStart,ServiceName,x_ChargeDate
        1,EUR,2026-11-02T23:00:00Z,2026-11-01T23:00:00Z,fee,2026-11-02
        2,EUR,2026-11-02T23:00:00Z,2026-11-01T23:00:00Z,fee,
        """);

    List<Observation> obs = new FocusReader(FocusRules.ALL).read(file).totals().observations();

    assertThat(obs).extracting(o -> o.day() + " " + o.value().toPlainString())
        .containsExactly("2026-11-01 2", "2026-11-02 1");
    assertThatThrownBy(() -> new FocusReader(FocusRules.ALL).read(write("""
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,x_ChargeDate
        1,EUR,2026-11-01T23:00:00Z,fee,2.11.2026
        """))).hasMessage("line 2: x_ChargeDate '2.11.2026' is not a date-time such as 2026-11-01T00:00:00Z");
  }

  @Test
  void filtersKeepOneAccountAndProviderAndUsageIsBoundedToTheListedUnits() throws Exception {
    Path file = write("""
        BilledCost,BillingAccountId,SubAccountId,BillingCurrency,ChargePeriodStart,ServiceName,ProviderName,ConsumedQuantity,ConsumedUnit
        1,B1,S1,USD,2026-11-01T00:00:00Z,Amazon S3,AWS,10,GB-Mo
        2,B1,S2,USD,2026-11-01T00:00:00Z,Amazon S3,AWS,20,GB-Mo
        4,B2,S1,USD,2026-11-01T00:00:00Z,Amazon EC2,AWS,1,Hrs
        8,B1,S1,USD,2026-11-01T00:00:00Z,Compute,Google,1,GB-Mo
        """);

    FocusReader.Read r = new FocusReader(new FocusRules("S1", "aws", List.of("gb-mo"))).read(file);

    assertThat(r.totals().rows()).isEqualTo(4);
    assertThat(r.totals().counted()).isEqualTo(2);
    assertThat(r.version()).isEqualTo("1.0/1.1");
    assertThat(r.totals().observations()).extracting(o -> o.metric() + " " + o.dimension() + " " + o.value() + " " + o.unit())
        .containsExactly("spend Amazon EC2 4 USD", "spend Amazon S3 1 USD", "consumed_gb_mo Amazon S3 10 gb-mo");
    assertThat(r.sha256()).hasSize(64).isEqualTo(sha256(file));
  }

  @Test
  void onlyTheAllowedTagKeysSplitSpendAndTagsIsNotReadWithoutThem() throws IOException {
    Path file = write("""
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,Tags
        1.50,USD,2026-11-01T00:00:00Z,Amazon S3,"{""team"": ""web"", ""user:cost-center"": ""4242"", ""owner"": ""alice""}"
        0.25,USD,2026-11-01T05:00:00Z,Amazon S3,"{""team"": ""web"", ""user:cost-center"": ""4242"", ""owner"": ""bob""}"
        2.00,USD,2026-11-01T00:00:00Z,Amazon S3,"{""team"": ""data"", ""env"": 7}"
        0.75,USD,2026-11-01T00:00:00Z,Amazon S3,NULL
        0.10,USD,2026-11-01T00:00:00Z,Amazon S3,{}
        """);

    List<Observation> tagged = new FocusReader(new FocusRules(null, null, List.of(), List.of("team", "user:cost-center", "env")))
        .read(file).totals().observations();
    List<Observation> plain = new FocusReader(FocusRules.ALL).read(file).totals().observations();

    // owner is not allowed: alice's and bob's rows are one figure. A number is kept as its text.
    assertThat(tagged).extracting(o -> o.dimension() + " " + o.value().toPlainString() + " " + o.tags())
        .containsExactlyInAnyOrder(
            "Amazon S3 1.75 {team=web, user:cost-center=4242}",
            "Amazon S3 2.00 {env=7, team=data}",
            "Amazon S3 0.85 {}");
    assertThat(plain).extracting(o -> o.value().toPlainString() + " " + o.tags()).containsExactly("4.60 {}");
  }

  @Test
  void equalAllowedTagsFromDifferentCellsSumToOneFigureInWhateverOrderTheRowsCome() throws IOException {
    // The sums reuse the hash of the last row's tags: cells alternating between equal and different
    // allowed tags must still land on the right figures.
    Path file = write("""
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,Tags
        1,USD,2026-11-01T00:00:00Z,a,"{""team"": ""web"", ""owner"": ""alice""}"
        2,USD,2026-11-01T00:00:00Z,a,"{""team"": ""data""}"
        4,USD,2026-11-01T00:00:00Z,a,"{""team"": ""web"", ""owner"": ""bob""}"
        8,USD,2026-11-01T00:00:00Z,a,NULL
        16,USD,2026-11-01T00:00:00Z,a,"{""owner"": ""carol"", ""team"": ""web""}"
        32,USD,2026-11-01T00:00:00Z,a,"{""team"": ""data"", ""owner"": ""dan""}"
        64,USD,2026-11-01T00:00:00Z,a,{}
        """);

    List<Observation> obs = new FocusReader(new FocusRules(null, null, List.of(), List.of("team")))
        .read(file).totals().observations();

    assertThat(obs).extracting(o -> o.value().toPlainString() + " " + o.tags())
        .containsExactlyInAnyOrder("21 {team=web}", "34 {team=data}", "72 {}");
  }

  @Test
  void tagsThatAreNoJsonObjectStopTheFileNamingTheLine() throws IOException {
    Path file = write("""
        BilledCost,BillingCurrency,ChargePeriodStart,ServiceName,Tags
        1,USD,2026-11-01T00:00:00Z,a,{}
        1,USD,2026-11-01T00:00:00Z,a,team=web
        """);

    assertThatThrownBy(() -> new FocusReader(new FocusRules(null, null, List.of(), List.of("team"))).read(file))
        .isInstanceOf(FocusException.class).hasMessage("line 3: Tags is not JSON; FOCUS requires a JSON object of key to value");
    assertThatThrownBy(() -> new FocusRules(null, null, List.of(),
        java.util.stream.IntStream.range(0, 21).mapToObj(i -> "k" + i).toList()))
        .hasMessageContaining("tag_keys lists 21 keys; at most 20");
  }

  @Test
  void usageMetricNamesAreDerivedFromTheUnit() {
    assertThat(FocusRules.metric("GB-Mo")).isEqualTo("consumed_gb_mo");
    assertThat(FocusRules.metric("1K Requests")).isEqualTo("consumed_1k_requests");
    assertThatThrownBy(() -> new FocusRules(null, null, List.of("--")))
        .hasMessage("usage unit '--' has no letters or digits");
  }

  @Test
  void aHeaderOnlyFileHasNoFiguresAndAnEmptyFileIsAnError() throws IOException {
    Path header = write("BilledCost,BillingCurrency,ChargePeriodStart,ServiceName\n");
    Path empty = write("");

    assertThat(new FocusReader(FocusRules.ALL).read(header).totals().observations()).isEmpty();
    assertThatThrownBy(() -> new FocusReader(FocusRules.ALL).read(empty))
        .hasMessage("the file is empty; a FOCUS export starts with a header row");
  }

  @Test
  void aTruncatedGzipIsAnError() throws IOException {
    Path file = dir.resolve("cut.csv.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("BilledCost,BillingCurrency,ChargePeriodStart,ServiceName\n1,USD,2026-11-01,a\n".repeat(50)
          .getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> new FocusReader(FocusRules.ALL).read(file)).isInstanceOf(FocusException.class)
        .hasMessageContaining("truncated");
  }

  private int n;

  @Test
  void aFileWhoseFingerprintIsKnownIsDecidedBeforeItsRowsAreParsed() throws Exception {
    // Row 4 is malformed: only a parse that reaches it fails. A known fingerprint returns before that.
    StringBuilder text = new StringBuilder("BilledCost,BillingCurrency,ChargePeriodStart,ServiceName\n");
    for (int i = 0; i < 50_000; i++) {
      text.append("1.00,USD,2026-11-21T00:00:00Z,Amazon EC2\n");
    }
    Path file = write(text.append("1,5,USD,2026-11-21T00:00:00Z,Amazon EC2\n").toString());
    String sha256 = sha256(file);
    FocusReader reader = new FocusReader(FocusRules.ALL);
    List<String> asked = new CopyOnWriteArrayList<>();

    assertThat(reader.readUnlessKnown(file, s -> asked.add(s))).isEmpty();
    assertThat(asked).containsExactly(sha256);
    assertThatThrownBy(() -> reader.readUnlessKnown(file, s -> false)).isInstanceOf(FocusException.class)
        .hasMessageContaining("line 50002");
  }

  @Test
  void aNewFileIsParsedAndFingerprintedInOnePass() throws Exception {
    Path file = write("BilledCost,BillingCurrency,ChargePeriodStart,ServiceName\n1.25,USD,2026-11-21T00:00:00Z,S3\n");
    String sha256 = sha256(file);

    FocusReader.Read r = new FocusReader(FocusRules.ALL).readUnlessKnown(file, s -> false).orElseThrow();

    assertThat(r.sha256()).isEqualTo(sha256);
    assertThat(r.size()).isEqualTo(Files.size(file));
    assertThat(r.totals().rows()).isEqualTo(1);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("f" + (n++) + ".csv"), content);
  }
}
