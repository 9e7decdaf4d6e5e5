package dev.costmon.provider.gcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.model.Tags;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code labels} cell of the billing query: {@code TO_JSON_STRING} of the kept labels as an
 * array of {@code {"key": ..., "value": ...}}, holding only the configured keys (the query filters
 * them), so more than {@link GcpSettings#MAX_LABEL_KEYS} is a bad answer.
 */
final class LabelPairs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LabelPairs() {}

  /** Key to value; an empty or null cell is no labels. */
  static Map<String, String> parse(String cell) throws ProviderException {
    Map<String, String> out = new TreeMap<>();
    if (cell.isBlank()) {
      return out;
    }
    JsonNode pairs;
    try {
      pairs = JSON.readTree(cell);
    } catch (JsonProcessingException e) {
      throw bad("is not JSON");
    }
    if (!pairs.isArray()) {
      throw bad("is not a JSON array");
    }
    for (JsonNode pair : pairs) {
      JsonNode key = pair.get("key");
      JsonNode value = pair.get("value");
      if (key == null || !key.isTextual() || key.textValue().isBlank() || key.textValue().length() > Tags.MAX_KEY
          || (value != null && !value.isNull() && !value.isTextual())) {
        throw bad("holds an entry that is not {key, value} text");
      }
      String text = value == null || value.isNull() ? "" : value.textValue();
      out.putIfAbsent(key.textValue(), Tags.clip(text));
      if (out.size() > GcpSettings.MAX_LABEL_KEYS) {
        throw bad("holds more than " + GcpSettings.MAX_LABEL_KEYS + " labels");
      }
    }
    return out;
  }

  private static ProviderException bad(String what) {
    return new ProviderException(Kind.BAD_RESPONSE, "the labels of a row of the query result " + what);
  }
}
