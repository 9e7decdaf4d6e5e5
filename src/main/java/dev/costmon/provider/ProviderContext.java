package dev.costmon.provider;

import dev.costmon.config.Account;
import java.time.Clock;
import java.util.function.Consumer;

/** What a provider may use while collecting one account: the clock, a verbose log and the HTTP engine. */
public interface ProviderContext {
  Clock clock();

  /** A line for {@code --verbose}; never pass a secret. */
  Consumer<String> log();

  /** The account being collected. */
  Account account();
}
