package dev.costmon.provider.gcp;

import dev.costmon.config.Secret;
import dev.costmon.model.Quantity;
import dev.costmon.model.Tags;
import dev.costmon.provider.ProviderSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code provider: gcp}: a Cloud Billing account read from its BigQuery billing export.
 *
 * @param serviceAccountKey the service account's JSON key file, e.g. {@code
 *     file:/etc/costmon/gcp-sa.json}
 * @param project the project the query job runs (and is billed) in; default the table's project
 * @param table the export table, {@code project.dataset.gcp_billing_export_resource_v1_XXXXXX_XXXXXX_XXXXXX}
 *     (detailed) or {@code ...gcp_billing_export_v1_...} (standard)
 * @param tokenUri where the signed JWT is exchanged for an access token; default the key's {@code
 *     token_uri} (an override is for tests and proxies)
 * @param skusFor services whose spend is broken down per SKU (default {@code Vertex AI}); others
 *     are per service
 * @param location the dataset's location ({@code US}, {@code EU}, {@code europe-west1}); optional,
 *     BigQuery finds it from the table
 * @param maxBytesBilled the most one query may scan and bill (default 10GB), so a mistaken table
 *     cannot run up a query bill
 * @param labelKeys the resource label keys ({@code team}, {@code cost-center}) whose values split
 *     spend into figures tagged with them, for attribution; at most {@link #MAX_LABEL_KEYS}, default
 *     none. Every figure is tagged with its {@code project} regardless.
 */
public record GcpSettings(
    Secret serviceAccountKey,
    String project,
    String table,
    URI tokenUri,
    List<String> skusFor,
    String location,
    String maxBytesBilled,
    List<String> labelKeys)
    implements ProviderSettings {

  /** The tag that carries a figure's project id. */
  static final String PROJECT_TAG = "project";

  /** Label keys kept; with the project a figure's tags stay within {@link Tags#MAX}. */
  static final int MAX_LABEL_KEYS = Tags.MAX - 1;

  /** Google Cloud's own rule for label keys. */
  private static final Pattern LABEL_KEY = Pattern.compile("[\\p{Ll}\\p{Lo}][\\p{Ll}\\p{Lo}\\p{N}_-]{0,62}");

  /** The service whose SKU breakdown is kept unless the config names others. */
  static final String VERTEX_AI = "Vertex AI";

  static final String DEFAULT_MAX_BYTES_BILLED = "10GB";

  /**
   * A table name that is safe to put into SQL between backticks (BigQuery cannot take a table as a
   * query parameter): a project id, optionally domain-scoped ({@code example.com:my-project}), a
   * dataset and a table.
   */
  private static final Pattern TABLE =
      Pattern.compile(
          "((?:[a-z0-9-]+\\.)*[a-z0-9-]+:)?([a-z][a-z0-9-]{0,62})\\.([A-Za-z0-9_]{1,1024})\\.([A-Za-z0-9_-]{1,1024})");

  private static final Pattern PROJECT =
      Pattern.compile("((?:[a-z0-9-]+\\.)*[a-z0-9-]+:)?[a-z][a-z0-9-]{0,62}");
  private static final Pattern LOCATION = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,62}");

  public GcpSettings {
    if (serviceAccountKey == null) {
      throw new IllegalArgumentException(
          "service_account_key: is required, the service account's JSON key,"
              + " e.g. service_account_key: file:/etc/costmon/gcp-sa.json");
    }
    // Fail at config load, not at 3 a.m.: the key must parse and hold a usable RSA key (a key that is
    // not there is the account's problem, said when it is collected).
    if (serviceAccountKey.available()) {
      ServiceAccountKey.parse(serviceAccountKey);
    }
    if (table == null || table.isBlank()) {
      throw new IllegalArgumentException(
          "table: is required, the billing export table,"
              + " e.g. table: my-project.billing.gcp_billing_export_resource_v1_012345_6789AB_CDEF01");
    }
    table = table.strip();
    if (!TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "table: '"
              + table
              + "' is not project.dataset.table (letters, digits, '_' and '-' only),"
              + " e.g. my-project.billing.gcp_billing_export_resource_v1_012345_6789AB_CDEF01");
    }
    if (project != null) {
      project = project.strip();
      if (!PROJECT.matcher(project).matches()) {
        throw new IllegalArgumentException(
            "project: '" + project + "' is not a Google Cloud project id such as my-project");
      }
    }
    if (tokenUri != null) {
      String scheme = tokenUri.getScheme() == null ? "" : tokenUri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("https") || scheme.equals("http")) || tokenUri.getHost() == null) {
        throw new IllegalArgumentException(
            "token_uri: must be an absolute https URL such as https://oauth2.googleapis.com/token");
      }
    }
    if (skusFor == null) {
      skusFor = List.of(VERTEX_AI);
    } else {
      LinkedHashSet<String> services = new LinkedHashSet<>();
      for (String service : skusFor) {
        if (service == null || service.isBlank()) {
          throw new IllegalArgumentException("skus_for: must not contain an empty service name");
        }
        services.add(service.strip());
      }
      skusFor = List.copyOf(services);
    }
    if (location != null) {
      location = location.strip();
      if (!LOCATION.matcher(location).matches()) {
        throw new IllegalArgumentException(
            "location: '" + location + "' is not a BigQuery location such as US, EU or europe-west1");
      }
    }
    maxBytesBilled = maxBytesBilled == null ? DEFAULT_MAX_BYTES_BILLED : maxBytesBilled.strip();
    bytes(maxBytesBilled);
    labelKeys = labelKeys(labelKeys);
  }

  private static List<String> labelKeys(List<String> keys) {
    if (keys == null) {
      return List.of();
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String key : keys) {
      if (key == null || !LABEL_KEY.matcher(key.strip()).matches()) {
        throw new IllegalArgumentException("label_keys: '" + key + "' is not a Google Cloud label key"
            + " (lowercase letters, digits, '_' and '-', starting with a letter, at most 63)");
      }
      if (key.strip().equals(PROJECT_TAG)) {
        throw new IllegalArgumentException("label_keys: '" + PROJECT_TAG + "' is the tag of every figure's"
            + " project id already; a label of that name cannot be kept");
      }
      out.add(key.strip());
    }
    if (out.size() > MAX_LABEL_KEYS) {
      throw new IllegalArgumentException("label_keys: " + out.size() + " keys; at most " + MAX_LABEL_KEYS
          + ", so spend is split by few labels");
    }
    return List.copyOf(out);
  }

  /** The project the query job runs in: the configured one, else the table's. */
  String jobProject() {
    if (project != null) {
      return project;
    }
    Matcher m = TABLE.matcher(table);
    if (!m.matches()) {
      throw new IllegalStateException("table checked in the constructor");
    }
    return (m.group(1) == null ? "" : m.group(1)) + m.group(2);
  }

  Optional<String> optionalLocation() {
    return Optional.ofNullable(location);
  }

  /** {@link #maxBytesBilled} in bytes. */
  long maxBytes() {
    return bytes(maxBytesBilled).longValueExact();
  }

  private static BigDecimal bytes(String text) {
    Quantity q;
    try {
      q = Quantity.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("max_bytes_billed: " + e.getMessage());
    }
    BigDecimal value = q.value();
    boolean sized = q.unit().equals("bytes") || q.unit().equals(Quantity.COUNT);
    if (!sized || value.signum() <= 0 || value.stripTrailingZeros().scale() > 0
        || value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "max_bytes_billed: '" + text + "' is not a positive size such as 10GB or 500MB");
    }
    return value.stripTrailingZeros();
  }
}
