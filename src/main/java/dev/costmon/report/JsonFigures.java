package dev.costmon.report;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.budget.Ratios;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * How costmon's JSON documents (report, report --compare, digest) write amounts and ratios, and the
 * mapper that prints them, so they agree: decimals exact and never in exponent form.
 */
public final class JsonFigures {
  private JsonFigures() {}

  /** An indented mapper that writes BigDecimals as plain decimals. */
  public static ObjectMapper mapper() {
    return JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
  }

  /** {@code {"amount": "12.3456", "currency": "USD", "provenance": ["api"]}}; exact, never rounded. */
  public static ObjectNode money(Money money, Optional<Set<Provenance>> provenance) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("amount", money.amount().toPlainString());
    node.put("currency", money.currency().getCurrencyCode());
    provenance.ifPresent(p -> {
      ArrayNode labels = node.putArray("provenance");
      p.stream().sorted().forEach(v -> labels.add(v.label()));
    });
    return node;
  }

  /** A ratio as a JSON number; null for none and for use of a zero limit, which has no finite ratio. */
  public static void ratio(ObjectNode node, String field, Optional<BigDecimal> ratio) {
    if (ratio.isPresent() && !Ratios.overZero(ratio.get())) {
      node.put(field, ratio.get());
    } else {
      node.putNull(field);
    }
  }
}
