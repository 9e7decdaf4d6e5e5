package dev.costmon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/** The keys every account has, whatever its provider; the rest bind to the provider's settings. */
record RawAccount(
    String id,
    String provider,
    Map<String, String> labels,
    String currency,
    String cap,
    BigDecimal warnAt,
    BigDecimal criticalAt,
    Map<String, String> quotas,
    Map<String, String> floors,
    JsonNode rates,
    String maxAge,
    String endpoint,
    String hardCap,
    ObjectNode onHardCap,
    JsonNode moved) {

  static final Set<String> KEYS = Set.of(
      "id", "provider", "labels", "currency", "cap", "warn_at", "critical_at", "quotas", "floors", "rates", "max_age", "endpoint",
      "hard_cap", "on_hard_cap", "moved");
}
