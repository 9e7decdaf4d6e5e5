package dev.costmon.export.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The in-suite FOCUS validator finds what is wrong in broken files, and nothing in a conforming one. */
class FocusValidatorTest {
  @TempDir Path dir;

  /** Every 1.2 Mandatory column, a conditional one and a custom one; one conforming row. */
  static final String HEADER = "BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,"
      + "BillingPeriodStart,ChargeCategory,ChargeClass,ChargeDescription,ChargeFrequency,ChargePeriodEnd,"
      + "ChargePeriodStart,ConsumedQuantity,ConsumedUnit,ContractedCost,EffectiveCost,InvoiceIssuerName,ListCost,"
      + "PricingQuantity,PricingUnit,ProviderName,PublisherName,ServiceCategory,ServiceName,Tags,x_Provenance";
  static final String ROW = "1.5,acct,,USD,2026-12-01T00:00:00Z,2026-11-01T00:00:00Z,Usage,,S3,Usage-Based,"
      + "2026-11-02T00:00:00Z,2026-11-01T00:00:00Z,10,GB,1.5,1.5,AWS,1.5,,,AWS,AWS,Storage,Amazon S3,"
      + "\"{\"\"team\"\":\"\"web\"\",\"\"flag\"\":true}\",api";

  private List<String> problems(String version, String content) throws IOException {
    Path file = Files.writeString(dir.resolve("f.csv"), content);
    return new FocusValidator(version).validate(file);
  }

  /** The conforming row with one column's cell replaced. */
  private static String with(String column, String value) {
    List<String> columns = List.of(HEADER.split(","));
    String[] cells = ROW.replace("\"{\"\"team\"\":\"\"web\"\",\"\"flag\"\":true}\"", "TAGS").split(",", -1);
    cells[columns.indexOf(column)] = value;
    return HEADER + "\n" + String.join(",", cells).replace("TAGS", "\"{\"\"team\"\":\"\"web\"\",\"\"flag\"\":true}\"")
        + "\n";
  }

  @Test
  void aConformingFilePlainOrGzipHasNoProblems() throws IOException {
    assertThat(problems("1.2", HEADER + "\n" + ROW + "\n")).isEmpty();
    Path gz = dir.resolve("f.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((HEADER + "\n" + ROW + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertThat(new FocusValidator("1.2").validate(gz)).isEmpty();
  }

  @Test
  void theTablesAreTheSpecsMandatoryColumns() {
    assertThat(new FocusValidator("1.2").constraints().values().stream().filter(FocusValidator.Constraint::mandatory)
        .map(FocusValidator.Constraint::column)).containsExactlyInAnyOrder("BilledCost", "BillingAccountId",
        "BillingAccountName", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory",
        "ChargeClass", "ChargeDescription", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost",
        "InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
        "ServiceCategory", "ServiceName");
    assertThat(new FocusValidator("1.3").constraints().values().stream().filter(FocusValidator.Constraint::mandatory)
        .map(FocusValidator.Constraint::column)).contains("ServiceProviderName", "HostProviderName", "ProviderName");
  }

  @Test
  void aVersion12FileLacksThe13MandatoryColumns() throws IOException {
    assertThat(problems("1.3", HEADER + "\n" + ROW + "\n")).containsExactly(
        "header: mandatory column HostProviderName is missing",
        "header: mandatory column ServiceProviderName is missing");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "BilledCost|| line 2: BilledCost is null, which the spec does not allow",
      "BilledCost|1,5| line 2: 27 values for 26 columns",
      "BilledCost|+1.5| line 2: BilledCost '+1.5' is not in Numeric Format",
      "EffectiveCost|1.5 USD| line 2: EffectiveCost '1.5 USD' is not in Numeric Format",
      "ListCost|1.5E+2| line 2: ListCost '1.5E+2' is not in Numeric Format",
      "ChargePeriodStart|2026-11-01 00:00:00| line 2: ChargePeriodStart '2026-11-01 00:00:00' is not a UTC date/time YYYY-MM-DDTHH:mm:ssZ",
      "BillingPeriodEnd|2026-12-01T00:00:00+01:00| line 2: BillingPeriodEnd '2026-12-01T00:00:00+01:00' is not a UTC date/time YYYY-MM-DDTHH:mm:ssZ",
      "ChargePeriodEnd|2026-11-01T00:00:00Z| line 2: ChargePeriodEnd 2026-11-01T00:00:00Z is not after ChargePeriodStart 2026-11-01T00:00:00Z",
      "BillingCurrency|usd| line 2: BillingCurrency 'usd' is not an ISO 4217 currency code",
      "BillingCurrency|ABC| line 2: BillingCurrency 'ABC' is not an ISO 4217 currency code",
      "ChargeCategory|Fee| line 2: ChargeCategory 'Fee' is not one of the allowed values",
      "ChargeClass|correction| line 2: ChargeClass 'correction' is not one of the allowed values",
      "ServiceCategory|AI| line 2: ServiceCategory 'AI' is not one of the allowed values",
      "ServiceName|| line 2: ServiceName is null, which the spec does not allow",
      "InvoiceIssuerName|| line 2: InvoiceIssuerName is null, which the spec does not allow",
      "ConsumedUnit|| line 2: ConsumedUnit must be null exactly when ConsumedQuantity is",
      "PricingQuantity|3| line 2: PricingUnit must be null exactly when PricingQuantity is",
      "ChargeFrequency|Monthly| line 2: ChargeFrequency 'Monthly' is not one of the allowed values",
      "BillingAccountId|' acct'| line 2: BillingAccountId ' acct' has surrounding whitespace",
  })
  void aBrokenCellIsNamedWithItsLine(String column, String value, String problem) throws IOException {
    assertThat(problems("1.2", with(column, value == null ? "" : value))).containsExactly(problem.strip());
  }

  @Test
  void aPurchaseCannotBeUsageBasedNorCarryAConsumedQuantity() throws IOException {
    assertThat(problems("1.2", with("ChargeCategory", "Purchase"))).containsExactly(
        "line 2: ChargeFrequency is Usage-Based for a Purchase",
        "line 2: ConsumedQuantity is not null for ChargeCategory Purchase");
  }

  @Test
  void tagsMustBeAFlatJsonObjectWithUniqueKeys() throws IOException {
    assertThat(problems("1.2", with("Tags", "team=web"))).singleElement().asString()
        .startsWith("line 2: Tags is not JSON: ");
    assertThat(problems("1.2", with("Tags", "\"[1, 2]\""))).containsExactly("line 2: Tags is not a JSON object");
    assertThat(problems("1.2", with("Tags", "\"{\"\"a\"\":{\"\"b\"\":1}}\""))).containsExactly(
        "line 2: Tags value of key 'a' is an object or array, not allowed in Key-Value Format");
    assertThat(problems("1.2", with("Tags", "\"{\"\"a\"\":1,\"\"a\"\":2}\""))).singleElement().asString()
        .startsWith("line 2: Tags is not JSON: Duplicate field 'a'");
  }

  @Test
  void columnsAreFocusOrCustomAndCustomOnesComeLast() throws IOException {
    String missing = HEADER.replace("ListCost,", "") + "\n" + ROW.replace(",AWS,1.5,,,", ",AWS,,,") + "\n";
    assertThat(problems("1.2", missing)).containsExactly("header: mandatory column ListCost is missing");

    String unprefixed = HEADER.replace("x_Provenance", "Provenance") + "\n" + ROW + "\n";
    assertThat(problems("1.2", unprefixed)).containsExactly(
        "header: Provenance is neither a FOCUS 1.2 column nor an x_ custom column");

    String order = "x_Provenance," + HEADER.replace(",x_Provenance", "") + "\n" + "api,"
        + ROW.substring(0, ROW.length() - ",api".length()) + "\n";
    assertThat(problems("1.2", order)).contains("header: FOCUS column BilledCost after custom columns");
  }

  @Test
  void anEmptyFileIsReported() throws IOException {
    assertThat(problems("1.2", "")).containsExactly("the file is empty: no header");
  }
}
