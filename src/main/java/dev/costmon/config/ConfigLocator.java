package dev.costmon.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the config file: {@code -c FILE}, else {@code $COSTMON_CONFIG}, {@code ./costmon.yaml},
 * {@code ~/.config/costmon/config.yaml}, {@code /etc/costmon/config.yaml}, first that exists.
 */
public final class ConfigLocator {
  private final Environment environment;
  private final Path systemConfig;

  public ConfigLocator(Environment environment) {
    this(environment, Path.of("/etc/costmon/config.yaml"));
  }

  ConfigLocator(Environment environment, Path systemConfig) {
    this.environment = environment;
    this.systemConfig = systemConfig;
  }

  public Path locate(Optional<Path> explicit) {
    if (explicit.isPresent()) {
      Path file = environment.workingDir().resolve(explicit.get());
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(file + ": no such config file");
      }
      return file;
    }
    String fromEnv = environment.get("COSTMON_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path file = environment.resolve(fromEnv);
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(file + " (from $COSTMON_CONFIG): no such config file");
      }
      return file;
    }
    List<Path> candidates = candidates();
    return candidates.stream().filter(Files::isRegularFile).findFirst().orElseThrow(() -> new ConfigException(
        "no config file found (looked for " + String.join(", ", candidates.stream().map(Path::toString).toList())
            + "); copy config.example.yaml, pass -c FILE, or try 'costmon demo'"));
  }

  private List<Path> candidates() {
    List<Path> list = new ArrayList<>();
    list.add(environment.workingDir().resolve("costmon.yaml"));
    String xdg = environment.get("XDG_CONFIG_HOME");
    Path configHome = xdg != null && !xdg.isBlank() ? Path.of(xdg) : environment.home().resolve(".config");
    list.add(configHome.resolve("costmon/config.yaml"));
    list.add(systemConfig);
    return list;
  }
}
