package dev.costmon.provider;

import dev.costmon.config.Account;
import dev.costmon.http.Http;
import java.net.URI;
import java.time.Clock;
import java.util.function.Consumer;

/** What a provider may use while collecting one account: the clock, a verbose log and HTTP. */
public interface ProviderContext {
  Clock clock();

  /** A line for {@code --verbose}; never pass a secret. */
  Consumer<String> log();

  /** The account being collected. */
  Account account();

  /** HTTP for this account: retries, size bounds, redaction and the raw archive are handled there. */
  Http http();

  /** The account's {@code endpoint:} if set (regional endpoints, proxies, tests), else the provider's. */
  default URI baseUri(String providerDefault) {
    return account().endpoint().orElse(URI.create(providerDefault));
  }
}
