package dev.costmon.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The top level of the YAML file as written, before defaults and validation. */
record RawConfig(
    String currency,
    String timezone,
    String database,
    String textfile,
    ObjectNode fx,
    String cap,
    String hardCap,
    ObjectNode onHardCap,
    BigDecimal warnAt,
    BigDecimal criticalAt,
    Integer lookbackDays,
    String rawRetention,
    Integer concurrency,
    String timeout,
    Integer breakdownSeries,
    Boolean demo,
    List<ObjectNode> accounts,
    @JsonProperty("notify") List<ObjectNode> notifyChannels,
    ObjectNode debounce,
    ObjectNode attribution) {

  /**
   * The settings of {@code fx:} beside its rates (keys in capitals, ISO 4217 codes): where other
   * rates come from, where that source is read and how old a rate may be before {@code check} warns.
   */
  record RawFx(String source, String endpoint, String maxAge) {}
}
