package dev.costmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.config.ConfigSchema.Place;
import dev.costmon.config.ConfigSchema.Section;
import dev.costmon.provider.ProviderRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * config.example.yaml says "every key is listed here": every key the loader accepts (read from the
 * records it binds, see {@link ConfigSchema}) is written there, as a key or in a comment, in the part
 * of the file it belongs to.
 */
class ConfigExampleTest {
  private static final Path EXAMPLE = Path.of("config.example.yaml");

  @Test
  void everyAcceptedKeyIsInTheExample() throws IOException {
    String text = Files.readString(EXAMPLE);
    int accounts = lineStart(text, "accounts:");
    String head = text.substring(0, accounts);
    String body = text.substring(accounts);
    List<String> missing = new ArrayList<>();
    List<Section> sections = ConfigSchema.of(ProviderRegistry.builtIn());
    assertThat(sections).extracting(Section::place).contains(Place.values());
    for (Section section : sections) {
      for (String key : section.keys()) {
        String where;
        boolean found;
        switch (section.place()) {
          case TOP -> {
            found = Pattern.compile("(?m)^(# ?)?" + Pattern.quote(key) + ":").matcher(text).find();
            where = "as a top-level line '" + key + ": ...' (or '# " + key + ": ...' when optional)";
          }
          case ACCOUNT -> {
            found = mentions(body, key);
            where = "to the comment under 'accounts:' that lists what every account takes";
          }
          case ACCOUNT_SECTION -> {
            found = mentions(body, key);
            where = "under 'accounts:', where " + section.name() + ": is described";
          }
          case PROVIDER -> {
            found = mentions(providerBlock(body, section.name()), key);
            where = "to the '# provider: " + section.name() + "' block under 'accounts:'";
          }
          case SECTION -> {
            found = mentions(head, key);
            where = "to the " + section.name().split(" ")[0] + ": part above 'accounts:'";
          }
          default -> throw new IllegalStateException(section.place().name());
        }
        if (!found) {
          missing.add("'" + key + ":' (" + (section.name().isEmpty() ? section.place().name().toLowerCase()
              : section.name()) + ") — add it " + where);
        }
      }
    }
    assertThat(missing).as("keys the config accepts that config.example.yaml does not show").isEmpty();
  }

  /** The key written as a key ({@code key:}), in YAML or in a comment, not as part of a longer name. */
  private static boolean mentions(String text, String key) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(key) + ":").matcher(text).find();
  }

  /** From {@code # provider: NAME} to the next provider's block; empty when the provider has none. */
  private static String providerBlock(String body, String provider) {
    Matcher start = Pattern.compile("(?m)^\\s*# provider: " + Pattern.quote(provider) + "\\b").matcher(body);
    if (!start.find()) {
      return "";
    }
    Matcher next = Pattern.compile("(?m)^\\s*# provider: ").matcher(body);
    int end = next.find(start.end()) ? next.start() : body.length();
    return body.substring(start.start(), end);
  }

  private static int lineStart(String text, String line) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(line)).matcher(text);
    assertThat(m.find()).as(EXAMPLE + " has a line '" + line + "'").isTrue();
    return m.start();
  }
}
