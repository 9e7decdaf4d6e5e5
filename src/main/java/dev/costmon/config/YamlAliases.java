package dev.costmon.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Refuses YAML anchors and aliases ({@code &name}, {@code *name}). The YAML reader under the config
 * does not resolve them: an alias would silently be read as the text of its name ({@code team: *t}
 * as team "t") or fail with a Java message. Refusing them also keeps an alias bomb ("billion laughs")
 * from ever being expanded.
 */
final class YamlAliases {
  private YamlAliases() {}

  static void refuse(YAMLFactory factory, Path file, String text) {
    if (text.indexOf('&') < 0 && text.indexOf('*') < 0) {
      return; // the common case costs no second parse
    }
    try (JsonParser parser = factory.createParser(text)) {
      YAMLParser yaml = (YAMLParser) parser;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          continue;
        }
        boolean alias = yaml.isCurrentAlias();
        if (alias || yaml.getObjectId() != null) {
          var at = parser.currentTokenLocation();
          throw new ConfigException(file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": YAML "
              + (alias ? "alias *" + parser.getText() : "anchor &" + yaml.getObjectId())
              + " is not supported in a costmon config; write the value out where it is used");
        }
      }
    } catch (IOException e) {
      // The document parsed once already; nothing more to find here.
    }
  }
}
