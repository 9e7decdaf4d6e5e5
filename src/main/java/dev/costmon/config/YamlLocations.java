package dev.costmon.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Line and column of every key and value in a YAML document, by JSON Pointer, so that errors found
 * after data binding (which loses locations) can still point at the line to fix.
 */
final class YamlLocations {
  private final YAMLFactory factory;
  private final String yaml;
  private Map<String, JsonLocation> byPointer;

  private YamlLocations(YAMLFactory factory, String yaml) {
    this.factory = factory;
    this.yaml = yaml;
  }

  /**
   * The locations of a document that has parsed; it is read again only when an error needs a
   * location, because a second parse costs a valid config's every start.
   */
  static YamlLocations of(YAMLFactory factory, String yaml) {
    return new YamlLocations(factory, yaml);
  }

  private Map<String, JsonLocation> index() {
    Map<String, JsonLocation> map = new HashMap<>();
    try (JsonParser parser = factory.createParser(yaml)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        // For a key, the pointer names the entry; keep the key's position, which is where people look.
        map.putIfAbsent(parser.getParsingContext().pathAsPointer().toString(), parser.currentTokenLocation());
      }
    } catch (IOException e) {
      // The document parsed once already; without locations the message still names file and key.
    }
    return map;
  }

  /** "line 12, column 5" of the pointer, or of its nearest parent that has a location; "" if none. */
  String describe(String pointer) {
    JsonLocation loc = locate(pointer);
    return loc == null ? "" : loc.getLineNr() + ":" + loc.getColumnNr();
  }

  /** The line of the pointer (or of its nearest parent that has one); 0 if none. */
  int line(String pointer) {
    JsonLocation loc = locate(pointer);
    return loc == null ? 0 : loc.getLineNr();
  }

  private JsonLocation locate(String pointer) {
    if (byPointer == null) {
      byPointer = index();
    }
    String p = pointer;
    while (true) {
      JsonLocation loc = byPointer.get(p);
      if (loc != null || p.isEmpty()) {
        return loc;
      }
      p = p.substring(0, Math.max(p.lastIndexOf('/'), 0));
    }
  }
}
