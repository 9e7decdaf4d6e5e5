package dev.costmon.notify;

import dev.costmon.model.Money;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An account's hard cap: when month-to-date spend reaches it, {@code action} runs once per billing
 * period (revoke a key, stop a service) and every channel is told.
 */
public record HardCap(Money cap, Optional<Action> action) {
  public HardCap {
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(action, "action");
  }

  /** What {@code on_hard_cap:} runs. */
  public sealed interface Action {
    /** A safe description for output and the database: never arguments, which may carry tokens. */
    String describe();
  }

  /**
   * A program run with a minimal environment holding the account and figures, killed after {@code timeout}.
   *
   * @param command the program (absolute) and its arguments
   */
  public record Command(List<String> command, Duration timeout) implements Action {
    public Command {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("command must name a program");
      }
      Objects.requireNonNull(timeout, "timeout");
    }

    public Path program() {
      return Path.of(command.get(0));
    }

    @Override
    public String describe() {
      return "command " + command.get(0);
    }
  }

  /** A message with status HARD_CAP to one of the configured channels. */
  public record Webhook(String channel) implements Action {
    public Webhook {
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public String describe() {
      return "webhook " + channel;
    }
  }
}
