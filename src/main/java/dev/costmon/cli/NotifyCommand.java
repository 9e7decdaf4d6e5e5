package dev.costmon.cli;

import dev.costmon.notify.Channel;
import dev.costmon.notify.NotifyService;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code costmon notify}: the notification channels. */
@Command(name = "notify", mixinStandardHelpOptions = true, description = "Work with the notify: channels.",
    subcommands = NotifyCommand.Test.class)
public final class NotifyCommand implements Runnable {
  @ParentCommand CostmonCommand parent;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say 'costmon notify test'");
  }

  /** {@code costmon notify test}. */
  @Command(name = "test", mixinStandardHelpOptions = true,
      description = {"Send a clearly marked test message (status TEST) to every notify: channel, or to one.",
          "Nothing is remembered: the debounce of real breaches is not touched.",
          "A channel called by on_hard_cap is tested only when named with --channel."},
      footerHeading = "%nExamples:%n",
      footer = {"  costmon notify test", "  costmon notify test --channel ops-slack", "",
          "Exit codes: 0 every message delivered, 1 some failed, 2 all failed,",
          "64 unknown channel, 78 configuration error (also: no channels configured)."})
  static final class Test implements Callable<Integer> {
    @ParentCommand NotifyCommand notify;

    @Spec CommandSpec spec;

    @Option(names = "--channel", paramLabel = "NAME", description = "Only this channel.")
    String channel;

    private final CliContext context;

    Test(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Session session = Session.open(context, notify.parent.global);
      List<Channel> channels = session.config().notifications().channels();
      if (channels.isEmpty()) {
        session.err().println("costmon: no channels under notify: in " + session.config().source());
        return ExitCodes.CONFIG;
      }
      if (channel != null && session.config().notifications().channel(channel).isEmpty()) {
        throw new ParameterException(spec.commandLine(), "no notify channel named '" + channel + "' (known: "
            + String.join(", ", channels.stream().map(Channel::name).toList()) + ")");
      }
      List<NotifyService.TestResult> results;
      try (NotifyService notifications = new NotifyService(session.config(), context.clock(), session::verbose)) {
        results = notifications.test(Optional.ofNullable(channel));
      }
      int failed = 0;
      for (NotifyService.TestResult r : results) {
        String name = "'" + r.channel().name() + "' (" + r.channel().type() + ")";
        if (r.skipped()) {
          session.out().println("skipped " + name + ": " + r.detail());
        } else if (r.ok()) {
          session.out().println("sent a test message to " + name + ": " + r.detail());
        } else {
          failed++;
          session.err().println("costmon: test message to " + name + " failed: " + r.detail());
        }
      }
      long tried = results.stream().filter(r -> !r.skipped()).count();
      return failed == 0 ? ExitCodes.OK : failed == tried ? ExitCodes.FAILED : ExitCodes.PARTIAL;
    }
  }
}
