package dev.costmon.provider.vercel;

import dev.costmon.model.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The usage metrics costmon reads from Vercel's charge lines, each in its base unit. Vercel does not
 * document the exact {@code ServiceName} of each meter, so a service is recognised by keywords, and
 * the quantity is converted from whatever {@code ConsumedUnit} the line gives.
 */
enum VercelMetric {
  FUNCTION_INVOCATIONS("function_invocations", Quantity.COUNT, "1000000") {
    @Override
    boolean matches(String service) {
      return service.contains("function") && service.contains("invocation");
    }
  },
  ACTIVE_CPU("active_cpu", "seconds", "14400") {
    @Override
    boolean matches(String service) {
      return service.contains("active cpu");
    }
  },
  PROVISIONED_MEMORY("provisioned_memory", "gb_hours", "360") {
    @Override
    boolean matches(String service) {
      return service.contains("provisioned memory");
    }
  },
  FAST_DATA_TRANSFER("fast_data_transfer", "bytes", "100000000000") {
    @Override
    boolean matches(String service) {
      return service.contains("fast data transfer");
    }
  },
  EDGE_REQUESTS("edge_requests", Quantity.COUNT, "1000000") {
    @Override
    boolean matches(String service) {
      // "Edge Request CPU Duration" is a different meter, in time.
      return service.contains("edge request") && !service.contains("cpu") && !service.contains("duration");
    }
  };

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  /** "Invocations", "1M Requests", "count", "" ... for counted meters. */
  private static final Pattern COUNT_UNIT = Pattern.compile(
      "(?:(\\d+(?:\\.\\d+)?)?\\s*(k|m|thousand|million)?\\s*(?:invocations?|requests?|calls?|counts?|units?))?");

  private final String metric;
  private final String unit;
  private final BigDecimal hobbyQuota;

  VercelMetric(String metric, String unit, String hobbyQuota) {
    this.metric = metric;
    this.unit = unit;
    this.hobbyQuota = new BigDecimal(hobbyQuota);
  }

  /** The costmon metric name. */
  String metric() {
    return metric;
  }

  /** The base unit observations and quotas use. */
  String unit() {
    return unit;
  }

  /** The Hobby plan's included usage per month, in the base unit. */
  Quantity hobbyQuota() {
    return new Quantity(hobbyQuota, unit);
  }

  abstract boolean matches(String lowerCaseService);

  /** The metric a charge line's service meters, if costmon knows it. */
  static Optional<VercelMetric> forService(String serviceName) {
    String service = serviceName.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
    for (VercelMetric m : values()) {
      if (m.matches(service)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The quantity in this metric's base unit, empty when the unit is not one costmon can convert. */
  Optional<BigDecimal> toBaseUnit(BigDecimal quantity, String consumedUnit) {
    String raw = consumedUnit == null ? "" : consumedUnit.strip().toLowerCase(Locale.ROOT);
    String compact = raw.replaceAll("[\\s_.-]+", "");
    return switch (unit) {
      case "seconds" -> seconds(quantity, compact.replaceFirst("^v?cpu", ""));
      case "gb_hours" -> gbHours(quantity, compact);
      case "bytes" -> bytes(quantity, compact);
      default -> count(quantity, raw);
    };
  }

  private static Optional<BigDecimal> seconds(BigDecimal q, String unit) {
    return switch (unit) {
      case "ms", "msec", "millisecond", "milliseconds" -> Optional.of(q.movePointLeft(3));
      case "s", "sec", "secs", "second", "seconds" -> Optional.of(q);
      case "min", "mins", "minute", "minutes" -> Optional.of(q.multiply(BigDecimal.valueOf(60)));
      case "h", "hr", "hrs", "hour", "hours" -> Optional.of(q.multiply(SECONDS_PER_HOUR));
      default -> Optional.empty();
    };
  }

  private static Optional<BigDecimal> gbHours(BigDecimal q, String unit) {
    return switch (unit) {
      case "gbh", "gbhr", "gbhrs", "gbhour", "gbhours" -> Optional.of(q);
      case "gbs", "gbsec", "gbsecs", "gbsecond", "gbseconds" ->
          Optional.of(q.divide(SECONDS_PER_HOUR, MathContext.DECIMAL128).stripTrailingZeros());
      default -> Optional.empty();
    };
  }

  private static Optional<BigDecimal> bytes(BigDecimal q, String unit) {
    return switch (unit) {
      case "b", "byte", "bytes" -> Optional.of(q);
      case "kb" -> Optional.of(q.movePointRight(3));
      case "mb" -> Optional.of(q.movePointRight(6));
      case "gb" -> Optional.of(q.movePointRight(9));
      case "tb" -> Optional.of(q.movePointRight(12));
      case "kib" -> Optional.of(q.multiply(BigDecimal.valueOf(1L << 10)));
      case "mib" -> Optional.of(q.multiply(BigDecimal.valueOf(1L << 20)));
      case "gib" -> Optional.of(q.multiply(BigDecimal.valueOf(1L << 30)));
      case "tib" -> Optional.of(q.multiply(BigDecimal.valueOf(1L << 40)));
      default -> Optional.empty();
    };
  }

  private static Optional<BigDecimal> count(BigDecimal q, String unit) {
    Matcher m = COUNT_UNIT.matcher(unit);
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal factor = m.group(1) == null ? BigDecimal.ONE : new BigDecimal(m.group(1));
    if (m.group(2) != null) {
      factor = factor.movePointRight(m.group(2).startsWith("k") || m.group(2).startsWith("t") ? 3 : 6);
    }
    return Optional.of(q.multiply(factor));
  }
}
