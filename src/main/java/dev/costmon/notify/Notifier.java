package dev.costmon.notify;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.CheckResult;
import dev.costmon.budget.MonthView;
import dev.costmon.budget.Ratios;
import dev.costmon.budget.Status;
import dev.costmon.budget.ThresholdEvaluator;
import dev.costmon.budget.ThresholdResult;
import dev.costmon.budget.UsageView;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.FxRates;
import dev.costmon.model.Money;
import dev.costmon.store.NotificationLog;
import dev.costmon.store.NotificationLog.Delivery;
import dev.costmon.store.NotificationLog.HardCapAttempt;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Decides, per threshold and channel, what is news since the channel was last told, sends it, and
 * remembers what was delivered; runs on_hard_cap actions once per billing period.
 *
 * <p>A threshold entering WARNING or CRITICAL, or escalating, is sent; back to OK it is sent once as
 * RESOLVED. By default each level is sent once per billing period (month-to-date spend only grows,
 * so a breach told once stays told), and no breach message about one threshold reaches a channel
 * within {@code min_interval} of the previous one, escalations excepted. Staleness is an outage rather than a budget: each new
 * one is sent, and while an account is stale nothing else is sent about it, because its figures
 * are not current. A failed delivery leaves the state as it was, so the next run tries again.
 */
final class Notifier {
  private static final String FRESHNESS = "freshness";
  private static final String HARD_CAP = "hard_cap";
  /** The name prefix of quota thresholds, {@code quota:<metric>}. */
  private static final String QUOTA = "quota:";

  private final CostmonConfig config;
  private final NotificationLog log;
  private final Sender sender;
  private final Clock clock;
  private final Consumer<String> verbose;

  Notifier(CostmonConfig config, NotificationLog log, Sender sender, Clock clock, Consumer<String> verbose) {
    this.config = config;
    this.log = log;
    this.sender = sender;
    this.clock = clock;
    this.verbose = verbose;
  }

  NotifyOutcome run(MonthView view, CheckResult result) {
    String period = view.month().toString();
    Notifications n = config.notifications();
    Outcome outcome = new Outcome();
    List<ThresholdResult> thresholds = new ArrayList<>(result.thresholds());
    thresholds.addAll(hardCaps(view, period, outcome));
    Set<String> stale = new HashSet<>();
    for (ThresholdResult t : result.thresholds()) {
      if (t.name().equals(FRESHNESS) && t.status() != Status.OK) {
        t.account().ifPresent(stale::add);
      }
    }
    for (ThresholdResult t : thresholds) {
      String subject = t.account().orElse("");
      if (stale.contains(subject) && !t.name().equals(FRESHNESS)) {
        continue;
      }
      for (Channel channel : n.channels()) {
        if (t.name().equals(HARD_CAP) && isHookChannel(subject, channel)) {
          continue; // that channel got the HARD_CAP call itself
        }
        Instant now = clock.instant();
        Optional<Delivery> row = log.find(subject, t.name(), period, channel.name());
        Optional<String> level = decide(t, row, now, n.debounce());
        if (level.isPresent() && !n.receives(channel, event(t, level.get()))) {
          continue;
        }
        if (level.isEmpty()) {
          if (t.status() == Status.OK && row.isPresent() && row.get().failures() > 0
              && row.get().lastLevel().isEmpty()) {
            log.forgetFailure(subject, t.name(), period, channel.name());
          }
          continue;
        }
        String lvl = level.get();
        Message message = message(view, t, lvl.equals("OK") ? "RESOLVED" : lvl, period);
        try {
          String answer = sender.send(channel, message);
          String max = maxAfter(t, row, lvl);
          log.sent(subject, t.name(), period, channel.name(), lvl, max, now);
          outcome.sent++;
          verbose.accept("notify: sent " + message.status() + " " + message.account() + " " + t.name() + " to "
              + channel.name() + " (" + answer + ")");
        } catch (DeliveryException e) {
          log.failed(subject, t.name(), period, channel.name(), lvl, e.getMessage(), now);
          outcome.failed(channel, e.getMessage());
        }
      }
    }
    return outcome.result(n.channels());
  }

  /** The level to send now ("OK" meaning resolved), or empty when the channel already knows. */
  static Optional<String> decide(ThresholdResult t, Optional<Delivery> row, Instant now, Debounce debounce) {
    int level = rank(t.status().name());
    Optional<String> last = row.flatMap(Delivery::lastLevel);
    int lastRank = last.map(Notifier::rank).orElse(0);
    int maxRank = row.flatMap(Delivery::maxLevel).map(Notifier::rank).orElse(0);
    Optional<Instant> lastSent = row.flatMap(Delivery::lastSentAt);
    boolean quiet = lastSent.isPresent()
        && Duration.between(lastSent.get(), now).compareTo(debounce.minInterval()) < 0;
    if (level > 0) {
      if (level > maxRank) {
        boolean escalation = lastRank > 0 && level > lastRank;
        return escalation || !quiet ? Optional.of(t.status().name()) : Optional.empty();
      }
      if (debounce.repeat().isPresent() && lastRank > 0 && lastSent.isPresent() && !quiet
          && Duration.between(lastSent.get(), now).compareTo(debounce.repeat().get()) >= 0) {
        return Optional.of(t.status().name());
      }
      return Optional.empty();
    }
    // A resolution is good news and bounded by the levels told before it: never held back.
    return lastRank > 0 ? Optional.of("OK") : Optional.empty();
  }

  /** What kind of news a message at {@code level} about {@code t} is, for the channels' {@code events:}. */
  static Event event(ThresholdResult t, String level) {
    if (level.equals("OK")) {
      return Event.RESOLVED;
    }
    return t.name().equals(HARD_CAP) ? Event.HARD_CAP : Event.valueOf(level);
  }

  /** The highest level told this period; a resolved outage starts afresh, a resolved budget breach does not. */
  private static String maxAfter(ThresholdResult t, Optional<Delivery> row, String sent) {
    if (sent.equals("OK")) {
      return t.name().equals(FRESHNESS) ? "OK" : row.flatMap(Delivery::maxLevel).orElse("OK");
    }
    Optional<String> max = row.flatMap(Delivery::maxLevel);
    return max.isPresent() && rank(max.get()) >= rank(sent) ? max.get() : sent;
  }

  static int rank(String level) {
    return switch (level) {
      case "CRITICAL" -> 2;
      case "WARNING", "UNKNOWN" -> 1;
      default -> 0;
    };
  }

  private boolean isHookChannel(String subject, Channel channel) {
    return config.notifications().hardCap(subject).flatMap(HardCap::action).orElse(null) instanceof HardCap.Webhook w
        && w.channel().equals(channel.name());
  }

  /**
   * Runs due on_hard_cap actions and returns a threshold per hard cap (each account's, and the
   * top-level one over all accounts as subject {@code ""}), for the channels.
   */
  private List<ThresholdResult> hardCaps(MonthView view, String period, Outcome outcome) {
    List<ThresholdResult> out = new ArrayList<>();
    FxRates fx = view.fx(config.fx());
    Map<String, List<HardCapAttempt>> attempts = new LinkedHashMap<>();
    for (HardCapAttempt a : log.hardCapAttempts(period)) {
      attempts.computeIfAbsent(a.account(), k -> new ArrayList<>()).add(a);
    }
    for (AccountView a : view.accounts()) {
      HardCap hardCap = config.notifications().hardCaps().get(a.id());
      if (hardCap != null && a.hasData()) {
        out.add(hardCap(a.id(), a.account().providerName(), hardCap, fx.convert(a.spend(),
            hardCap.cap().currency()), period, attempts.getOrDefault(a.id(), List.of()), outcome));
      }
    }
    Optional<HardCap> total = config.notifications().totalHardCap();
    if (total.isPresent() && view.accounts().stream().anyMatch(AccountView::hasData)) {
      out.add(hardCap("", "", total.get(), fx.convert(view.total(), total.get().cap().currency()), period,
          attempts.getOrDefault("", List.of()), outcome));
    }
    return out;
  }

  /** One hard cap: its action run once per period when reached, and the threshold the channels hear of. */
  private ThresholdResult hardCap(String subject, String provider, HardCap hardCap, Money spend, String period,
      List<HardCapAttempt> done, Outcome outcome) {
    Money cap = hardCap.cap();
    // A zero hard cap is reached by any spend, not by a month that has none yet.
    boolean reached = cap.isZero() ? spend.amount().signum() > 0 : spend.compareTo(cap) >= 0;
    String result = "";
    if (reached && hardCap.action().isPresent() && done.stream().noneMatch(HardCapAttempt::ok)) {
      HardCapAttempt attempt = runAction(subject, provider, hardCap, spend, period);
      log.recordHardCap(attempt);
      if (!attempt.ok()) {
        outcome.problems.add("on_hard_cap of " + (subject.isEmpty() ? "the global hard_cap" : "account '" + subject
            + "'") + " failed: " + attempt.action() + ": " + attempt.result() + "; tried again next run");
      }
      result = "; on_hard_cap " + attempt.action() + ": " + attempt.result();
    } else if (!done.isEmpty()) {
      HardCapAttempt lastAttempt = done.get(done.size() - 1);
      result = "; on_hard_cap " + lastAttempt.action() + ": " + lastAttempt.result();
    }
    String whose = subject.isEmpty() ? "total spend " : "spend ";
    String message = reached
        ? whose + spend.display() + " reached the hard cap " + cap.display() + result
        : whose + spend.display() + " is below the hard cap " + cap.display();
    return new ThresholdResult(reached ? Status.CRITICAL : Status.OK,
        subject.isEmpty() ? Optional.empty() : Optional.of(subject), HARD_CAP, message,
        Optional.of(Ratios.of(spend, cap)), Optional.empty(), Optional.of(BigDecimal.ONE));
  }

  private HardCapAttempt runAction(String subject, String provider, HardCap hardCap, Money spend, String period) {
    HardCap.Action action = hardCap.action().orElseThrow();
    Instant at = clock.instant();
    String account = subject.isEmpty() ? "total" : subject;
    try {
      if (action instanceof HardCap.Command c) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("COSTMON_ACCOUNT", account);
        env.put("COSTMON_PROVIDER", provider);
        env.put("COSTMON_SPEND", spend.amount().toPlainString());
        env.put("COSTMON_HARD_CAP", hardCap.cap().amount().toPlainString());
        env.put("COSTMON_CURRENCY", hardCap.cap().currency().getCurrencyCode());
        env.put("COSTMON_PERIOD", period);
        int exit = Sender.run(c.command(), env, new byte[0], c.timeout(), c.program().toString());
        verbose.accept("notify: on_hard_cap of " + account + ": " + c.describe() + " exited " + exit);
        return new HardCapAttempt(subject, period, at, action.describe(), exit == 0, "exit " + exit);
      }
      HardCap.Webhook w = (HardCap.Webhook) action;
      Channel channel = config.notifications().channel(w.channel()).orElseThrow();
      Message m = new Message("HARD_CAP", account, HARD_CAP, (subject.isEmpty() ? "total spend " : "spend ")
          + spend.display() + " reached the hard cap " + hardCap.cap().display(), ratio(spend, hardCap.cap()), period,
          spend.amount().toPlainString(), hardCap.cap().amount().toPlainString(),
          hardCap.cap().currency().getCurrencyCode(), config.demo());
      String answer = sender.send(channel, m);
      verbose.accept("notify: on_hard_cap of " + account + ": " + w.describe() + " answered " + answer);
      return new HardCapAttempt(subject, period, at, action.describe(), true, answer);
    } catch (DeliveryException e) {
      return new HardCapAttempt(subject, period, at, action.describe(), false, e.getMessage());
    }
  }

  private static String ratio(Money value, Money of) {
    return plain(Ratios.of(value, of));
  }

  /** A ratio for templates; use of a zero limit has none. */
  private static String plain(BigDecimal v) {
    if (Ratios.overZero(v)) {
      return "";
    }
    BigDecimal r = v.setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return (r.scale() < 0 ? r.setScale(0) : r).toPlainString();
  }

  private Message message(MonthView view, ThresholdResult t, String status, String period) {
    String spend = "";
    String cap = "";
    String currency = "";
    if (t.account().isPresent()) {
      Optional<AccountView> a = view.accounts().stream().filter(v -> v.id().equals(t.account().get())).findFirst();
      if (t.name().startsWith(QUOTA) && a.isPresent()) {
        // A quota is about usage: its message carries the usage and the quota, not the account's spend.
        Optional<UsageView> u = a.get().usage().stream()
            .filter(v -> t.name().equals(QUOTA + v.metric()) && v.quota().isPresent()).findFirst();
        return new Message(status, t.subject(), t.name(), t.message(), t.ratio().map(Notifier::plain).orElse(""),
            period, "", "", "", u.map(v -> v.value().toPlainString()).orElse(""),
            u.map(v -> v.quota().get().value().toPlainString()).orElse(""), u.map(UsageView::unit).orElse(""),
            config.demo());
      }
      if (a.isPresent() && a.get().hasData()) {
        spend = a.get().spend().amount().toPlainString();
        currency = a.get().spend().currency().getCurrencyCode();
        cap = a.get().cap().map(c -> c.amount().toPlainString()).orElse("");
      }
      if (t.name().equals(HARD_CAP) && a.isPresent()) {
        HardCap h = config.notifications().hardCaps().get(a.get().id());
        Money s = view.fx(config.fx()).convert(a.get().spend(), h.cap().currency());
        spend = s.amount().toPlainString();
        cap = h.cap().amount().toPlainString();
        currency = h.cap().currency().getCurrencyCode();
      }
    } else if (t.name().equals(HARD_CAP)) {
      HardCap h = config.notifications().totalHardCap().orElseThrow();
      spend = view.fx(config.fx()).convert(view.total(), h.cap().currency()).amount().toPlainString();
      cap = h.cap().amount().toPlainString();
      currency = h.cap().currency().getCurrencyCode();
    } else if (view.cap().isPresent() && !t.name().startsWith(ThresholdEvaluator.FX)) {
      // A rate's age is about no spend: its message carries none.
      Money total = view.fx(config.fx()).convert(view.total(), view.cap().get().currency());
      spend = total.amount().toPlainString();
      cap = view.cap().get().amount().toPlainString();
      currency = total.currency().getCurrencyCode();
    }
    return new Message(status, t.subject(), t.name(), t.message(),
        t.ratio().map(Notifier::plain).orElse(""), period, spend, cap, currency, config.demo());
  }

  /** Counts and failure lines of one run, one line per failing channel. */
  private static final class Outcome {
    int sent;
    final Map<String, List<String>> failures = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    void failed(Channel channel, String error) {
      failures.computeIfAbsent("channel '" + channel.name() + "' (" + channel.type() + ")", k -> new ArrayList<>())
          .add(error);
    }

    NotifyOutcome result(List<Channel> channels) {
      List<String> lines = new ArrayList<>(problems);
      failures.forEach((channel, errors) -> lines.add("notify " + channel + ": " + errors.size()
          + (errors.size() == 1 ? " message" : " messages") + " not delivered, tried again next run: "
          + errors.get(0)));
      // Said on every run, not only when a breach is due: that is when a broken channel is found too late.
      for (Channel c : channels) {
        String key = "channel '" + c.name() + "' (" + c.type() + ")";
        c.unusable().filter(why -> !failures.containsKey(key))
            .ifPresent(why -> lines.add("notify " + key + ": cannot send: " + why));
      }
      return new NotifyOutcome(sent, failures.values().stream().mapToInt(List::size).sum(), lines);
    }
  }
}
