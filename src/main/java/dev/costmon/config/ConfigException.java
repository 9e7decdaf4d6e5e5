package dev.costmon.config;

/**
 * The configuration cannot be used. The message is one line that names the file, line and column
 * where known, the account and key, and the cause; costmon exits 78 on it.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
