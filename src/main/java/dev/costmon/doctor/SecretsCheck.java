package dev.costmon.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.costmon.config.Environment;
import dev.costmon.config.Secret;
import dev.costmon.config.SecretResolver;
import dev.costmon.notify.NotifyBinder;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.provider.ProviderType;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Resolves every secret reference of every account, not only the first one that fails (which is
 * all the config loader can report), and names the files that {@code file:} references read.
 *
 * <p>Secret keys are found from the providers' settings records (components of type {@link Secret},
 * also inside {@code Optional}, lists, maps and nested records), so a value that merely looks like
 * {@code ${X}} in another key is not mistaken for one.
 */
final class SecretsCheck {
  private static final String TOPIC = "secrets";
  /** The config loader binds keys in snake case; the same translation finds them here. */
  private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
      new PropertyNamingStrategies.SnakeCaseStrategy();

  private final Environment environment;
  private final ProviderRegistry providers;

  SecretsCheck(Environment environment, ProviderRegistry providers) {
    this.environment = environment;
    this.providers = providers;
  }

  /** What the check found: its findings, and the secret files that resolved (for the permission check). */
  record Outcome(List<Finding> findings, List<SecretReference> resolved) {}

  /**
   * @param reportOk whether to add an OK line when everything resolves (not when the config already
   *     failed for another reason: only the failures explain anything then)
   */
  Outcome run(Path configFile, boolean reportOk) {
    List<SecretReference> references = references(configFile);
    SecretResolver resolver = new SecretResolver(environment, configFile.toAbsolutePath().getParent());
    List<Finding> findings = new ArrayList<>();
    List<SecretReference> resolved = new ArrayList<>();
    for (SecretReference ref : references) {
      try {
        resolver.resolve(ref.reference());
        resolved.add(ref);
      } catch (IllegalArgumentException e) {
        findings.add(Finding.fail(TOPIC, ref.where() + ": " + e.getMessage()));
      }
    }
    if (findings.isEmpty() && reportOk) {
      int n = references.size();
      findings.add(Finding.ok(TOPIC, n == 0 ? "no secret references in the config"
          : n + (n == 1 ? " secret reference resolves" : " secret references resolve")));
    }
    return new Outcome(findings, resolved);
  }

  /** Every secret key of every account and notify channel; nothing when the file cannot be read or parsed (the loader says why). */
  List<SecretReference> references(Path configFile) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(Files.readString(configFile, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    List<SecretReference> out = new ArrayList<>();
    if (root == null) {
      return out;
    }
    Path baseDir = configFile.toAbsolutePath().getParent();
    JsonNode accounts = root.path("accounts");
    for (int i = 0; i < accounts.size(); i++) {
      JsonNode account = accounts.get(i);
      String id = account.path("id").asText("#" + (i + 1));
      Optional<ProviderType<?>> type = providers.find(account.path("provider").asText(""));
      if (type.isPresent()) {
        scan(account, type.get().settingsType(), "", secret -> out.add(reference("account '" + id + "'", secret, baseDir)), 0);
      }
    }
    JsonNode channels = root.path("notify");
    for (int i = 0; i < channels.size(); i++) {
      JsonNode channel = channels.get(i);
      String owner = "notify channel '" + channel.path("name").asText("#" + (i + 1)) + "'";
      scan(channel, NotifyBinder.channelRecord(), "", secret -> out.add(reference(owner, secret, baseDir)), 0);
    }
    return out;
  }

  /** A key path and the text written at it. */
  private record Written(String key, String text) {}

  private static SecretReference reference(String owner, Written secret, Path baseDir) {
    String ref = secret.text().trim();
    Optional<Path> file = ref.startsWith("file:")
        ? Optional.of(baseDir.resolve(ref.substring("file:".length()))) : Optional.empty();
    return new SecretReference(owner, secret.key(), ref, file);
  }

  private static void scan(JsonNode node, Class<?> type, String prefix, Consumer<Written> sink, int depth) {
    if (!type.isRecord() || !node.isObject() || depth > 4) {
      return;
    }
    for (RecordComponent c : type.getRecordComponents()) {
      String key = SNAKE_CASE.translate(c.getName());
      JsonNode child = node.get(key);
      if (child != null && !child.isNull()) {
        value(child, c.getGenericType(), prefix + key, sink, depth);
      }
    }
  }

  private static void value(JsonNode node, Type type, String key, Consumer<Written> sink, int depth) {
    if (type == Secret.class) {
      if (node.isValueNode()) {
        sink.accept(new Written(key, node.asText()));
      }
    } else if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (raw == Optional.class) {
        value(node, args[0], key, sink, depth);
      } else if (Collection.class.isAssignableFrom(raw) && node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          value(node.get(i), args[0], key + "[" + i + "]", sink, depth);
        }
      } else if (Map.class.isAssignableFrom(raw) && node.isObject()) {
        node.properties().forEach(e -> value(e.getValue(), args[1], key + "." + e.getKey(), sink, depth));
      }
    } else if (type instanceof Class<?> cls && cls.isRecord()) {
      scan(node, cls, key + ".", sink, depth + 1);
    }
  }
}
