package dev.costmon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The config loader's strict binding, offered to sections parsed outside this package (such as
 * {@code notify:}) so that their errors, too, name the file, line and column and suggest misspelt keys.
 * Pointers are JSON Pointers into the file ({@code /notify/0/body}); {@code who} prefixes the message
 * ({@code "channel 'ops': "}).
 */
public interface ConfigBinding {
  /** Binds a mapping to a record, refusing unknown keys; secrets and amounts are resolved on the way. */
  <T> T convert(JsonNode node, Class<T> type, String at, String who);

  /**
   * Like {@link #convert}, but a secret reference that does not resolve binds as
   * {@link Secret#unavailable} instead of failing: for parts of the config whose use can fail alone
   * (a notify channel) while the rest of the file still serves.
   */
  <T> T convertKeepingUnresolved(JsonNode node, Class<T> type, String at, String who);

  /** Runs a parse step, turning its IllegalArgumentException into an error at {@code pointer}. */
  <T> T value(String pointer, String who, Supplier<T> parse);

  /** Throws a {@link ConfigException} at {@code pointer}. */
  <T> T fail(String pointer, String who, String message);

  /** A path from the config, relative to the config file's directory, {@code ~/} expanded. */
  Path path(String text);
}
