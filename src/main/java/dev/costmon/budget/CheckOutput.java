package dev.costmon.budget;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints a {@link CheckResult} in the monitoring-plugin style: a summary line with perfdata, then
 * one line per breached threshold; or as JSON for scripts.
 */
public final class CheckOutput {
  /** The version of the JSON document {@code check --format json} prints (README, "check --format json"). */
  public static final int FORMAT_VERSION = 1;

  private CheckOutput() {}

  public static void text(CheckResult result, boolean demo, boolean verbose, PrintWriter out) {
    long breached = result.breached();
    String summary = "COSTMON " + result.status() + " - " + breached + " of " + result.thresholds().size()
        + " thresholds breached" + (demo ? " (DEMO DATA)" : "");
    String perf = result.thresholds().stream().filter(t -> t.ratio().isPresent()).map(CheckOutput::perfdata)
        .collect(Collectors.joining(" "));
    out.println(perf.isEmpty() ? summary : summary + " | " + perf);
    for (ThresholdResult t : result.thresholds()) {
      if (t.breached() || verbose) {
        out.println(t.status() + " " + t.subject() + " " + t.name() + ": " + t.message());
      }
    }
  }

  public static void json(CheckResult result, boolean demo, PrintWriter out) {
    ObjectMapper mapper = new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    ObjectNode root = mapper.createObjectNode();
    // Raised only when a field changes meaning or goes away; new fields keep the version.
    root.put("format_version", FORMAT_VERSION);
    root.put("status", result.status().name());
    root.put("exit_code", result.status().exitCode());
    root.put("demo", demo);
    root.put("breached", result.breached());
    ArrayNode list = root.putArray("thresholds");
    for (ThresholdResult t : result.thresholds()) {
      ObjectNode n = list.addObject();
      n.put("status", t.status().name());
      n.put("account", t.subject());
      n.put("name", t.name());
      n.put("message", t.message());
      // JSON has no infinity: use of a zero limit has no ratio, its status and message say it.
      put(n, "ratio", t.ratio().filter(r -> !Ratios.overZero(r)));
      put(n, "warn_at", t.warnAt());
      put(n, "critical_at", t.criticalAt());
      n.put("limit", t.lowerLimit() ? "lower" : "upper");
    }
    try {
      out.println(mapper.writeValueAsString(root));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The answer of a check that could not evaluate anything (a config or database that cannot be
   * read, a command-line error): UNKNOWN with the reason, as the first line or as a JSON document.
   */
  public static void unknown(String reason, boolean json, PrintWriter out) {
    String oneLine = reason == null ? "unknown error" : reason.lines().findFirst().orElse("").strip();
    if (!json) {
      out.println("COSTMON " + Status.UNKNOWN + " - " + oneLine);
      return;
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
    root.put("status", Status.UNKNOWN.name());
    root.put("exit_code", Status.UNKNOWN.exitCode());
    root.put("reason", oneLine);
    root.put("breached", 0);
    root.putArray("thresholds");
    try {
      out.println(mapper.writeValueAsString(root));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(ObjectNode n, String key, Optional<BigDecimal> value) {
    if (value.isPresent()) {
      n.put(key, value.get());
    } else {
      n.putNull(key);
    }
  }

  /**
   * {@code 'ionos_cap'=0.6;0.8;1;0} — ratios, so no currency arithmetic is needed downstream. A floor's
   * ranges alert below the limit ({@code 1:}) and at or below nothing left ({@code @~:0}), in the
   * monitoring-plugins range syntax.
   */
  private static String perfdata(ThresholdResult t) {
    String warn = t.warnAt().map(CheckOutput::plain).map(w -> t.lowerLimit() ? w + ":" : w).orElse("");
    String crit = t.criticalAt().map(CheckOutput::plain).map(c -> t.lowerLimit() ? "@~:" + c : c).orElse("");
    // "U" is the plugin guidelines' value that is not a number: use of a zero limit.
    BigDecimal ratio = t.ratio().orElseThrow();
    return "'" + t.label() + "'=" + (Ratios.overZero(ratio) ? "U" : plain(ratio)) + ";" + warn + ";" + crit + ";0;";
  }

  private static String plain(BigDecimal v) {
    BigDecimal r = v.setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
    return (r.scale() < 0 ? r.setScale(0) : r).toPlainString();
  }
}
