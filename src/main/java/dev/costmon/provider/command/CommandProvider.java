package dev.costmon.provider.command;

import dev.costmon.config.Account;
import dev.costmon.model.Observation;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderType;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code provider: command}: runs a program (no shell, a clean environment, a time limit) and reads
 * its figures from standard output. It makes no HTTP request, so nothing goes to the raw archive
 * and {@code costmon reprocess} has nothing to replay for it.
 */
public final class CommandProvider implements ProviderType<CommandSettings> {

  @Override
  public String name() {
    return "command";
  }

  /** Days are the config's: the collect window's, in its timezone. */
  @Override
  public ZoneId billingZone(ZoneId configured) {
    return configured;
  }

  @Override
  public Class<CommandSettings> settingsType() {
    return CommandSettings.class;
  }

  @Override
  public List<Observation> collect(Account account, CommandSettings settings, CollectWindow window,
      ProviderContext context) throws ProviderException {
    ProcessRunner runner = new ProcessRunner(settings);
    String stdout = runner.run();
    List<Observation> result = new Output(runner.program(), runner.redactor(), window).parse(stdout);
    context.log().accept("command: " + runner.program() + " gave " + result.size() + " figures");
    return result;
  }
}
