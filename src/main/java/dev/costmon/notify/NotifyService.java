package dev.costmon.notify;

import dev.costmon.budget.CheckResult;
import dev.costmon.budget.MonthAnalyzer;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.ThresholdEvaluator;
import dev.costmon.movement.MovedCheck;
import dev.costmon.budget.ThresholdResult;
import dev.costmon.config.CostmonConfig;
import dev.costmon.store.Database;
import dev.costmon.store.History;
import dev.costmon.store.NotificationLog;
import dev.costmon.store.NotificationLog.Delivery;
import dev.costmon.store.NotificationLog.HardCapAttempt;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the commands call: notify after {@code check} or {@code collect}, list what was remembered
 * for {@code check --verbose}, and send test messages for {@code costmon notify test}.
 */
public final class NotifyService implements AutoCloseable {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  private final CostmonConfig config;
  private final Clock clock;
  private final Consumer<String> verbose;
  private final Sender sender;

  public NotifyService(CostmonConfig config, Clock clock, Consumer<String> verbose) {
    this.config = config;
    this.clock = clock;
    this.verbose = verbose;
    this.sender = new Sender(clock, verbose);
  }

  /** Releases the HTTP client the channels were sent through, if any. */
  @Override
  public void close() {
    sender.close();
  }

  /** {@code check --notify}: tells the channels what is new in an evaluated check. */
  public NotifyOutcome notify(Database db, MonthView view, CheckResult result) {
    if (config.notifications().channels().isEmpty() && config.notifications().hardCaps().isEmpty()
        && config.notifications().totalHardCap().isEmpty()) {
      verbose.accept("notify: no channels under notify: and no hard_cap; nothing to send");
      return new NotifyOutcome(0, 0, List.of());
    }
    return new Notifier(config, new NotificationLog(new History(db)), sender, clock, verbose).run(view, result);
  }

  /** {@code collect --notify}: evaluates the check on what was just stored, then notifies. */
  public NotifyOutcome afterCollect() {
    try (Database db = Database.open(config.database(), true)) {
      History history = new History(db);
      MonthView view = new MonthAnalyzer(config).analyze(history, currentMonth(), clock.instant());
      return notify(db, view, new MovedCheck(config).addTo(new ThresholdEvaluator(config).evaluate(view), history,
          LocalDate.now(clock.withZone(config.timezone()))));
    }
  }

  public YearMonth currentMonth() {
    return YearMonth.now(clock.withZone(config.timezone()));
  }

  /** One line per remembered breach and hard-cap action of the period, for {@code check --verbose}. */
  public List<String> status(Database db, YearMonth period) {
    NotificationLog log = new NotificationLog(new History(db));
    List<String> lines = new ArrayList<>();
    for (Delivery d : log.deliveries(period.toString())) {
      String what = (d.subject().isEmpty() ? ThresholdResult.TOTAL : d.subject()) + " " + d.threshold();
      Optional<String> last = d.lastLevel().map(l -> l.equals("OK") ? "RESOLVED" : l);
      if (last.isPresent()) {
        lines.add("NOTIFIED " + what + ": " + last.get() + " sent " + TIME.format(d.lastSentAt().orElseThrow())
            + " to channel " + d.channel());
      }
      if (d.failures() > 0) {
        lines.add("NOTIFY FAILED " + what + ": " + d.failedLevel().map(l -> l.equals("OK") ? "RESOLVED" : l)
            .orElse("?") + " to channel " + d.channel() + " failed " + d.failures() + (d.failures() == 1 ? " time"
            : " times") + ", last " + TIME.format(d.lastAttemptAt()) + ": " + d.lastError().orElse("")
            + " (tried again next run)");
      }
    }
    for (HardCapAttempt a : log.hardCapAttempts(period.toString())) {
      lines.add("HARD CAP " + (a.account().isEmpty() ? "total" : a.account()) + ": on_hard_cap " + a.action() + " " + (a.ok() ? "ran" : "failed")
          + " " + TIME.format(a.attemptedAt()) + ": " + a.result());
    }
    return lines;
  }

  /**
   * The channels that take the digest: those whose {@code events:} include {@code digest} (all of
   * them by default), never one that only an on_hard_cap calls, whose receiver may act on any message.
   */
  public List<Channel> summaryChannels() {
    return config.notifications().channels().stream()
        .filter(c -> config.notifications().receives(c, Event.DIGEST)).toList();
  }

  /** Sends a summary to one channel; returns what the receiver answered ({@code HTTP 200}). */
  public String deliver(Channel channel, Summary summary) throws DeliveryException {
    verbose.accept("notify: sending the summary to " + channel.name() + " (" + channel.type() + ")");
    return sender.send(channel, summary);
  }

  /** The result of one test message; a skipped channel was not sent anything. */
  public record TestResult(Channel channel, boolean ok, String detail, boolean skipped) {}

  /**
   * Sends a clearly marked test message to every channel, or to the one named. A channel called by
   * {@code on_hard_cap} is tested only when named: its receiver may revoke keys on any message.
   */
  public List<TestResult> test(Optional<String> only) {
    List<TestResult> out = new ArrayList<>();
    Instant now = clock.instant();
    Message m = new Message("TEST", "costmon", "test", "test message from 'costmon notify test' at "
        + TIME.format(now) + " (config " + config.source().getFileName() + "); nothing is breached", "",
        currentMonth().toString(), "", "", "", config.demo());
    for (Channel c : config.notifications().channels()) {
      if (only.isPresent() && !only.get().equals(c.name())) {
        continue;
      }
      if (only.isEmpty() && config.notifications().isHardCapHook(c.name())) {
        out.add(new TestResult(c, true, "on_hard_cap calls it; test it with --channel " + c.name(), true));
        continue;
      }
      try {
        out.add(new TestResult(c, true, sender.send(c, m), false));
      } catch (DeliveryException e) {
        out.add(new TestResult(c, false, e.getMessage(), false));
      }
    }
    return out;
  }
}
