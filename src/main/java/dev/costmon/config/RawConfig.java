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
    Map<String, BigDecimal> fx,
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
    ObjectNode attribution) {}
