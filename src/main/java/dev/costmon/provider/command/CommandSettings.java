package dev.costmon.provider.command;

import dev.costmon.config.Durations;
import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code provider: command}: a program whose standard output gives the figures.
 *
 * @param command the program and its arguments, run directly (no shell), e.g.
 *     {@code [/usr/local/bin/my-costs, --json]}
 * @param timeout how long the program may run, e.g. {@code 60s} (the default) or {@code 5m}
 * @param environment plain variables for the program; it inherits nothing from costmon but PATH
 * @param secretEnvironment variables whose values are secret references ({@code ${ENV}},
 *     {@code file:}, {@code credential:}); their values are removed from every error message
 * @param workingDirectory where the program runs, relative to the config file; default: costmon's
 */
public record CommandSettings(List<String> command, String timeout, Map<String, String> environment,
    Map<String, Secret> secretEnvironment, Path workingDirectory) implements ProviderSettings {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public CommandSettings {
    if (command == null || command.isEmpty() || command.get(0) == null || command.get(0).isBlank()) {
      throw new IllegalArgumentException(
          "command: is required, the program and its arguments, e.g. command: [/usr/local/bin/my-costs, --json]");
    }
    if (command.stream().anyMatch(a -> a == null)) {
      throw new IllegalArgumentException("command: an argument is empty (null)");
    }
    command = List.copyOf(command);
    timeout = timeout == null ? "60s" : timeout;
    if (Durations.parse(timeout).isZero()) {
      throw new IllegalArgumentException("timeout must be longer than 0s");
    }
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    secretEnvironment = secretEnvironment == null ? Map.of() : Map.copyOf(secretEnvironment);
    for (String name : environment.keySet()) {
      checkName(name, "environment");
      if (environment.get(name) == null) {
        throw new IllegalArgumentException("environment: " + name + " has no value");
      }
    }
    for (String name : secretEnvironment.keySet()) {
      checkName(name, "secret_environment");
      if (environment.containsKey(name)) {
        throw new IllegalArgumentException(name + " is in both environment and secret_environment");
      }
    }
  }

  private static void checkName(String name, String key) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(key + ": '" + name + "' is not a variable name ([A-Za-z_][A-Za-z0-9_]*)");
    }
  }

  Duration timeoutDuration() {
    return Durations.parse(timeout);
  }
}
