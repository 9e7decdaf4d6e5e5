package dev.costmon.doctor;

import java.util.Objects;

/**
 * One line of {@code costmon doctor}: what was checked, how it stands and, when it is not OK, what
 * to do about it.
 *
 * @param topic what was checked, one word ({@code config}, {@code database}, ...)
 * @param message one line; never a secret value
 */
public record Finding(Level level, String topic, String message) {

  /** How a check came out. */
  public enum Level {
    /** Works as configured. */
    OK,
    /** Works, but should be fixed (permissions, no history yet). */
    WARN,
    /** Does not work: collect, report or check will fail or be incomplete because of it. */
    FAIL
  }

  public Finding {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(message, "message");
    message = message.lines().findFirst().orElse("").strip();
  }

  static Finding ok(String topic, String message) {
    return new Finding(Level.OK, topic, message);
  }

  static Finding warn(String topic, String message) {
    return new Finding(Level.WARN, topic, message);
  }

  static Finding fail(String topic, String message) {
    return new Finding(Level.FAIL, topic, message);
  }

  /** The line doctor prints: {@code WARN  permissions  /etc/costmon/config.yaml is readable ...}. */
  public String line() {
    return String.format("%-4s  %-11s  %s", level, topic, message);
  }
}
