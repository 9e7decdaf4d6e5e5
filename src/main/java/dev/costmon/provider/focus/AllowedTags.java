package dev.costmon.provider.focus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.model.Tags;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a FOCUS {@code Tags} cell (a JSON object of key to value) down to the keys the account
 * allows, so an export with hundreds of tag keys adds only the few figures the config asked for.
 * Without allowed keys the cell is not even parsed. Rows repeat the same few cells, so parsed
 * cells are remembered, within a bound.
 */
final class AllowedTags {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REMEMBERED = 10_000;

  private final List<String> keys;
  private final Map<String, SortedMap<String, String>> parsed = new HashMap<>();

  AllowedTags(List<String> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * The allowed keys the cell has, with their values as text; none for an empty or NULL cell.
   *
   * @throws IllegalArgumentException when the cell is not a JSON object
   */
  SortedMap<String, String> of(String cell) {
    if (keys.isEmpty() || cell == null || cell.isBlank() || cell.strip().equalsIgnoreCase("NULL")) {
      return Collections.emptySortedMap();
    }
    SortedMap<String, String> known = parsed.get(cell);
    if (known != null) {
      return known;
    }
    SortedMap<String, String> kept = keep(cell);
    if (parsed.size() >= REMEMBERED) {
      parsed.clear();
    }
    parsed.put(cell, kept);
    return kept;
  }

  private SortedMap<String, String> keep(String cell) {
    JsonNode tags;
    try {
      tags = JSON.readTree(cell);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Tags is not JSON; FOCUS requires a JSON object of key to value");
    }
    if (tags == null || !tags.isObject()) {
      throw new IllegalArgumentException("Tags is not a JSON object of key to value");
    }
    Map<String, String> kept = new TreeMap<>();
    for (String key : keys) {
      JsonNode value = tags.get(key);
      // A key without a value is a FOCUS "flag" tag: it is there, so it counts with an empty value.
      if (value != null && (value.isValueNode() || value.isNull())) {
        String text = value.isNull() ? "" : value.asText();
        kept.put(key, Tags.clip(text));
      }
    }
    return Tags.copy(kept);
  }
}
