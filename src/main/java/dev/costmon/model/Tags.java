package dev.costmon.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A figure's provider labels ("tags"): the few key/value pairs a provider gave it (a FOCUS
 * {@code Tags} entry, a Google Cloud label) that the account's settings allow. Small, sorted and
 * part of a figure's identity, so spend of one service with different tags stays apart down to
 * attribution.
 */
public final class Tags {
  /** At most this many per figure: every allowed key is configured, and configs list few. */
  public static final int MAX = 20;

  /** The longest key and value kept (AWS allows 128 and 256, Google Cloud 63 and 63). */
  public static final int MAX_KEY = 128;

  public static final int MAX_VALUE = 256;

  /**
   * The tag naming the AI model a figure of spend is for (Anthropic, OpenAI, OpenRouter, a Vertex AI
   * SKU): a dimension of its own beside the provider's line item, so spend per model adds up across
   * line items ({@code report --by model}, the {@code .prom} file's model series).
   */
  public static final String MODEL = "model";

  /** The tag naming the Wasabi bucket a figure of spend is for ({@code report --by bucket}). */
  public static final String BUCKET = "bucket";

  /**
   * The tag naming the resource a figure of spend is for, as its dimension names it ({@code
   * Droplets / ml-test}; {@code report --by resource}).
   */
  public static final String RESOURCE = "resource";

  private Tags() {}

  /** Built on first use: most figures have no tags, and every command builds figures. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /**
   * A checked, sorted, unmodifiable copy.
   *
   * @throws IllegalArgumentException for too many entries, a blank or too long key, a null or too
   *     long value
   */
  public static SortedMap<String, String> copy(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return Collections.emptySortedMap();
    }
    if (tags.size() > MAX) {
      throw new IllegalArgumentException(tags.size() + " tags on one figure; at most " + MAX);
    }
    TreeMap<String, String> out = new TreeMap<>();
    tags.forEach((k, v) -> {
      if (k == null || k.isBlank() || k.length() > MAX_KEY) {
        throw new IllegalArgumentException("tag key '" + k + "' is blank or longer than " + MAX_KEY);
      }
      if (v == null || v.length() > MAX_VALUE) {
        throw new IllegalArgumentException("tag '" + k + "' has no value or one longer than " + MAX_VALUE);
      }
      out.put(k, v);
    });
    return Collections.unmodifiableSortedMap(out);
  }

  /**
   * A provider's value cut to the longest a tag keeps: a long name is not worth failing an account
   * over, the spend counts either way.
   */
  public static String clip(String value) {
    return value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value;
  }

  /** The stored form: the empty string for none, else a JSON object with its keys sorted. */
  public static String encode(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return "";
    }
    ObjectNode node = Json.MAPPER.createObjectNode();
    new TreeMap<>(tags).forEach(node::put);
    return node.toString();
  }

  /** Reads {@link #encode}'s form back. */
  public static SortedMap<String, String> decode(String text) {
    if (text == null || text.isEmpty()) {
      return Collections.emptySortedMap();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      if (!node.isObject()) {
        throw new IllegalArgumentException("stored tags are not a JSON object");
      }
      TreeMap<String, String> out = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.put(e.getKey(), e.getValue().asText());
      }
      return copy(out);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("stored tags are not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
