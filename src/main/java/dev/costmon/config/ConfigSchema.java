package dev.costmon.config;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.notify.NotifyBinder;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.provider.ProviderType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every key the config file accepts, section by section, read from the records the loader binds them
 * to (as the loader's own mapper names them), so that documentation can be checked against the code.
 */
public final class ConfigSchema {

  /** Where in the file a key set belongs. */
  public enum Place {
    /** A key of the file's top level ({@code currency:}). */
    TOP,
    /** A key every account takes, whatever its provider ({@code cap:}). */
    ACCOUNT,
    /** A key of one provider's accounts ({@code admin_key:}); {@link Section#name} is the provider. */
    PROVIDER,
    /** A key inside a top-level section ({@code attribution:}, {@code notify:}, {@code debounce:}). */
    SECTION,
    /** A key inside an account's section ({@code on_hard_cap:}). */
    ACCOUNT_SECTION
  }

  /** The keys of one place; {@code name} says which provider or section. */
  public record Section(Place place, String name, Set<String> keys) {
    public Section {
      keys = Set.copyOf(keys);
    }
  }

  private ConfigSchema() {}

  public static List<Section> of(ProviderRegistry registry) {
    ObjectMapper mapper = ConfigLoader.mapper(ConfigLoader.factoryForSchema(), null, Path::of);
    List<Section> sections = new ArrayList<>();
    sections.add(new Section(Place.TOP, "", keys(mapper, RawConfig.class)));
    Set<String> account = new TreeSet<>(RawAccount.KEYS);
    account.addAll(keys(mapper, RawAccount.class));
    sections.add(new Section(Place.ACCOUNT, "", account));
    for (String name : registry.names()) {
      ProviderType<?> type = registry.find(name).orElseThrow();
      sections.add(new Section(Place.PROVIDER, name, keys(mapper, type.settingsType())));
    }
    sections.add(new Section(Place.SECTION, "fx", keys(mapper, RawConfig.RawFx.class)));
    sections.add(new Section(Place.SECTION, "attribution", keys(mapper, AttributionBinder.RawAttribution.class)));
    sections.add(new Section(Place.SECTION, "attribution rules", keys(mapper, AttributionBinder.RawRule.class)));
    sections.add(new Section(Place.ACCOUNT_SECTION, "moved", keys(mapper, MovedBinder.RawMoved.class)));
    NotifyBinder.channelKeys().forEach((type, keys) -> sections.add(new Section(Place.SECTION, "notify " + type, keys)));
    for (Map.Entry<String, Class<?>> s : NotifyBinder.sections().entrySet()) {
      Place place = s.getKey().equals("on_hard_cap") ? Place.ACCOUNT_SECTION : Place.SECTION;
      sections.add(new Section(place, s.getKey(), keys(mapper, s.getValue())));
    }
    return sections;
  }

  /**
   * The keys a record binds, with those of the records it nests from its own package (an http-json
   * {@code usage:} entry); values such as amounts and secrets are scalars in the file, not sections.
   */
  private static Set<String> keys(ObjectMapper mapper, Class<?> type) {
    Set<String> keys = new TreeSet<>();
    for (BeanPropertyDefinition p : mapper.getDeserializationConfig().introspect(mapper.constructType(type))
        .findProperties()) {
      keys.add(p.getName());
      JavaType t = p.getPrimaryType();
      JavaType nested = t.isContainerType() ? t.getContentType() : t;
      if (nested != null && nested.getRawClass().isRecord() && nested.getRawClass() != type
          && nested.getRawClass().getPackage().equals(type.getPackage())) {
        keys.addAll(keys(mapper, nested.getRawClass()));
      }
    }
    return keys;
  }
}
