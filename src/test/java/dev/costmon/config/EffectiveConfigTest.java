package dev.costmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.costmon.model.Money;
import dev.costmon.model.Quantity;
import dev.costmon.model.Rate;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.provider.ProviderType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value type a provider's settings can hold is printed by {@code config show} in a form the
 * config loader reads back as the same value: a new type in a settings record fails here, not in a
 * user's {@code config show} (as {@code from:}/{@code until:} dates once did).
 */
class EffectiveConfigTest {
  @TempDir static Path base;

  /** One value of every leaf type settings use; records, lists and maps are walked into. */
  private static final Map<Class<?>, List<Object>> SAMPLES = Map.of(
      String.class, List.of("eu-west-1"),
      Integer.class, List.of(7),
      Boolean.class, List.of(true, false),
      BigDecimal.class, List.of(new BigDecimal("1.50")),
      Money.class, List.of(Money.parse("3.20 USD")),
      LocalDate.class, List.of(LocalDate.parse("2026-02-28")),
      Path.class, List.of(Path.of("/var/lib/costmon/exports")),
      URI.class, List.of(URI.create("https://oauth2.example/token")),
      Secret.class, List.of(new Secret("${TOKEN}", "secret-value"), new Secret("file:key.txt", "from-file")));

  static Stream<ProviderType<?>> providers() {
    List<ProviderType<?>> types = new ArrayList<>();
    ProviderRegistry registry = ProviderRegistry.builtIn();
    registry.names().forEach(n -> types.add(registry.find(n).orElseThrow()));
    return types.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void everyValueTypeOfTheSettingsIsPrintedAsTheConfigReadsIt(ProviderType<?> provider) throws Exception {
    List<Class<?>> leaves = new ArrayList<>();
    walk(provider.settingsType(), leaves);
    for (Class<?> leaf : leaves) {
      List<?> samples = leaf.isEnum() ? List.of(leaf.getEnumConstants()) : SAMPLES.get(leaf);
      assertThat(samples).as(provider.name() + ": " + leaf.getName()
          + " has no sample here: make EffectiveConfig print it as the config is written, then add one").isNotNull();
      for (Object sample : samples) {
        Object back = roundTrip(sample, leaf);
        if (sample instanceof BigDecimal number) {
          // A number's value is what counts: 1.50 may come back as 1.5.
          assertThat((BigDecimal) back).as(provider.name() + ": BigDecimal").isEqualByComparingTo(number);
        } else {
          assertThat(back).as(provider.name() + ": " + leaf.getSimpleName()).isEqualTo(sample);
        }
      }
    }
  }

  private static Object roundTrip(Object value, Class<?> type) throws Exception {
    JsonNode printed = new EffectiveConfig().mapper().valueToTree(value);
    assertThat(printed.isValueNode()).as(type + " printed as " + printed).isTrue();
    // The tree goes through YAML text, as a user's copy of the output would.
    String yaml = new YAMLMapper().writeValueAsString(Map.of("value", printed));
    Files.writeString(base.resolve("key.txt"), "from-file\n");
    Environment env = new Environment(Map.of("TOKEN", "secret-value"), base, base, false);
    YAMLMapper loader = ConfigLoader.mapper(new YAMLFactory(), new SecretResolver(env, base), Path::of);
    return loader.treeToValue(loader.readTree(yaml).get("value"), type);
  }

  private static void walk(Type type, List<Class<?>> leaves) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      Type[] args = p.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        walk(args[0], leaves);
      } else if (Map.class.isAssignableFrom(raw)) {
        assertThat(args[0]).as("map keys are text").isEqualTo(String.class);
        walk(args[1], leaves);
      } else {
        throw new AssertionError("settings hold " + p + ": teach EffectiveConfig and this test to print it");
      }
      return;
    }
    Class<?> c = (Class<?>) type;
    if (c.isRecord() && !SAMPLES.containsKey(c)) {
      for (RecordComponent component : c.getRecordComponents()) {
        walk(component.getGenericType(), leaves);
      }
    } else if (!leaves.contains(c)) {
      leaves.add(c);
    }
  }

  @org.junit.jupiter.api.Test
  void quantitiesAndRatesArePrintedInTheConfigsOwnForms() throws Exception {
    for (String text : List.of("8GB", "1M", "100k", "4h", "360GB-h", "10GiB", "0.5")) {
      Quantity q = Quantity.parse(text);
      Quantity back = Quantity.parse(EffectiveConfig.quantity(q));
      assertThat(back.value()).as(text).isEqualByComparingTo(q.value());
      assertThat(back.unit()).as(text).isEqualTo(q.unit());
    }
    Rate rate = Rate.parse("2.50 USD per 1M");
    String printed = new EffectiveConfig().mapper().valueToTree(rate).asText();
    assertThat(Rate.parse(printed).price()).isEqualTo(rate.price());
    assertThat(Rate.parse(printed).per().value()).isEqualByComparingTo(rate.per().value());
  }
}
