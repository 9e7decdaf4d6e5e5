package dev.costmon.collect;

import dev.costmon.config.Account;
import dev.costmon.http.Http;
import dev.costmon.provider.ProviderContext;
import java.time.Clock;
import java.util.function.Consumer;

/** The {@link ProviderContext} of one account in one run (or one replay of an archived run). */
public record AccountContext(Clock clock, Consumer<String> log, Account account, Http http)
    implements ProviderContext {}
