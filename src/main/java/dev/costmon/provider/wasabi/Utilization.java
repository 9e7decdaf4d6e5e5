package dev.costmon.provider.wasabi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One Stats API record: a UTC day of the whole account ({@code bucket} empty) or of one bucket.
 *
 * @param created the record's {@code CreateTime}, to prefer the newer of two records for a day
 * @param download {@code DownloadBytes} (egress), absent from some records
 * @param minimumCharge {@code MinStorageChargeBytes}: the bytes Wasabi adds to the day's active
 *     storage to reach the account's minimum (1 TiB minus active storage for a pay-go account below
 *     it, 0 for an account above it or outside the minimum, e.g. a trial); absent from bucket
 *     records and some older records
 */
record Utilization(
    LocalDate day,
    String bucket,
    Instant created,
    BigDecimal padded,
    BigDecimal metadata,
    BigDecimal deleted,
    BigDecimal objects,
    BigDecimal apiCalls,
    Optional<BigDecimal> download,
    Optional<BigDecimal> minimumCharge) {

  /** Active storage, what the price and the minimum apply to: padded objects plus their metadata. */
  BigDecimal active() {
    return padded.add(metadata);
  }

  /** Reads a record; a field the docs call required is BAD_RESPONSE naming it. */
  static Utilization parse(JsonNode record, boolean perBucket, String where) throws ProviderException {
    if (!record.isObject()) {
      throw bad("a record in " + where + " is not an object");
    }
    LocalDate day = day(record, where);
    String bucket = "";
    if (perBucket) {
      JsonNode name = record.get("Bucket");
      if (name == null || !name.isTextual() || name.asText().isEmpty()) {
        throw bad("record of " + day + " in " + where + " lacks Bucket");
      }
      bucket = name.asText();
    }
    Instant created = Instant.EPOCH;
    JsonNode createTime = record.get("CreateTime");
    if (createTime != null && createTime.isTextual()) {
      created = instant(createTime.asText()).orElse(Instant.EPOCH);
    }
    return new Utilization(
        day,
        bucket,
        created,
        number(record, "PaddedStorageSizeBytes", day, where),
        number(record, "MetadataStorageSizeBytes", day, where),
        number(record, "DeletedStorageSizeBytes", day, where),
        number(record, "NumBillableObjects", day, where),
        number(record, "NumAPICalls", day, where),
        Optional.ofNullable(record.get("DownloadBytes"))
            .filter(JsonNode::isNumber)
            .map(JsonNode::decimalValue),
        perBucket ? Optional.empty() : optionalNumber(record, "MinStorageChargeBytes", day, where));
  }

  private static LocalDate day(JsonNode record, String where) throws ProviderException {
    JsonNode start = record.get("StartTime");
    if (start == null || !start.isTextual()) {
      throw bad("a record in " + where + " lacks StartTime");
    }
    return instant(start.asText())
        .map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC))
        .orElseThrow(() -> bad(
            "StartTime '" + excerpt(start.asText()) + "' in " + where + " is not a timestamp"));
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal number(JsonNode record, String field, LocalDate day, String where)
      throws ProviderException {
    JsonNode value = record.get(field);
    if (value == null || value.isNull()) {
      throw bad("record of " + day + " in " + where + " lacks " + field);
    }
    if (!value.isNumber() || value.decimalValue().signum() < 0) {
      throw bad(field + " of " + day + " in " + where + " is not a non-negative number");
    }
    return value.decimalValue();
  }

  private static Optional<BigDecimal> optionalNumber(
      JsonNode record, String field, LocalDate day, String where) throws ProviderException {
    JsonNode value = record.get(field);
    return value == null || value.isNull()
        ? Optional.empty()
        : Optional.of(number(record, field, day, where));
  }

  private static String excerpt(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  private static ProviderException bad(String message) {
    return new ProviderException(Kind.BAD_RESPONSE, message);
  }
}
