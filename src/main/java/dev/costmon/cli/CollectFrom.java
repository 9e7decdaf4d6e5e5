package dev.costmon.cli;

import dev.costmon.backfill.AccountPlan;
import dev.costmon.backfill.AccountResult;
import dev.costmon.backfill.Ago;
import dev.costmon.backfill.BackfillListener;
import dev.costmon.backfill.BackfillPlan;
import dev.costmon.backfill.BackfillResult;
import dev.costmon.backfill.BackfillService;
import dev.costmon.backfill.PlanText;
import dev.costmon.backfill.ProgressBoard;
import dev.costmon.backfill.WindowResult;
import dev.costmon.config.Account;
import dev.costmon.config.CostmonConfig;
import dev.costmon.notify.NotifyService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code costmon collect --from DATE}: the backfill's command-line side (plan, lines, Ctrl-C). */
final class CollectFrom implements BackfillListener {
  /** How long Ctrl-C waits for the windows under way to be stored before the JVM exits. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  /** A backfill shorter than this shows no bar at all. */
  private static final Duration BAR_AFTER = Duration.ofSeconds(2);
  private static final Duration BAR_EVERY = Duration.ofMillis(250);

  private final CliContext context;
  private final Session session;
  private final CommandSpec spec;
  private ProgressBoard board = new ProgressBoard(java.util.Map.of());
  private long startedNanos;
  /** Lines of the bar on screen now, erased before any other line is printed. */
  private int drawn;
  private boolean everDrawn;

  CollectFrom(CliContext context, Session session, CommandSpec spec) {
    this.context = context;
    this.session = session;
    this.spec = spec;
  }

  int run(List<String> ids, String fromText, String toText, boolean dryRun, boolean refresh, Integer maxRequests,
      boolean notify) {
    CostmonConfig config = session.config();
    LocalDate today = LocalDate.now(context.clock().withZone(config.timezone()));
    LocalDate from = date("--from", fromText);
    LocalDate to = toText == null ? today : date("--to", toText);
    if (from.isAfter(today)) {
      throw new ParameterException(spec.commandLine(), "--from " + from + " is in the future (today is " + today
          + " in " + config.timezone().getId() + ")");
    }
    if (from.isAfter(to)) {
      throw new ParameterException(spec.commandLine(), "--from " + from + " is after --to " + to);
    }
    if (maxRequests != null && maxRequests < 1) {
      throw new ParameterException(spec.commandLine(), "--max-requests must be at least 1");
    }
    List<Account> selected = new AccountSelection(spec, config).select(ids);
    if (selected.isEmpty()) {
      session.err().println("costmon: no accounts configured in " + config.source());
      return ExitCodes.OK;
    }
    BackfillPlan plan = BackfillPlan.of(selected, from, to, context.clock().instant(), config.timezone(),
        config.lookbackDays(), maxRequests == null ? OptionalInt.empty() : OptionalInt.of(maxRequests));
    if (dryRun) {
      PlanText.lines(plan).forEach(session.out()::println);
      return ExitCodes.OK;
    }
    announce(plan);
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        done.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "costmon-backfill-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    board = ProgressBoard.of(plan);
    startedNanos = System.nanoTime();
    ScheduledExecutorService ticker = bar() ? startBar() : null;
    BackfillResult result;
    try {
      result = new BackfillService(config, context.clock(), session::verbose).run(plan, refresh, stop::get, this);
    } finally {
      done.countDown();
      removeHook(hook);
      if (ticker != null) {
        ticker.shutdownNow();
        finalBar();
      }
    }
    if (result.stopped()) {
      session.err().println("costmon: backfill stopped; what was stored stays stored, the same command continues");
    }
    if (notify && !result.stopped()) {
      try (NotifyService notifications = new NotifyService(config, context.clock(), session::verbose)) {
        notifications.afterCollect().problems().forEach(p -> session.err().println("costmon: " + p));
      }
    }
    if (result.allFailed()) {
      return ExitCodes.FAILED;
    }
    return result.failures() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
  }

  /** Before anything is asked: how far each account can go, and what the paid APIs will cost. */
  private void announce(BackfillPlan plan) {
    session.verbose("backfilling " + plan.accounts().size() + " accounts for " + plan.from() + " .. " + plan.to()
        + " (" + plan.windowCount() + " windows)");
    for (AccountPlan a : plan.accounts()) {
      if (!session.options().quiet()) {
        a.shortfall().ifPresent(session.out()::println);
      }
      if (a.cost().isPresent() && !a.overBudget() && session.progress()) {
        session.out().println(PlanText.cost(a));
      }
    }
    session.out().flush();
  }

  /** The bar is for a person at a terminal; --verbose lines and pipes get none. */
  private boolean bar() {
    return context.environment().terminal() && !session.options().quiet() && !session.options().verbose();
  }

  private ScheduledExecutorService startBar() {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "costmon-backfill-bar");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(this::redraw, BAR_AFTER.toMillis(), BAR_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return ticker;
  }

  private synchronized void redraw() {
    erase();
    List<String> lines = board.render(Duration.ofNanos(System.nanoTime() - startedNanos), columns());
    lines.forEach(session.out()::println);
    session.out().flush();
    drawn = lines.size();
    everDrawn = true;
  }

  /** Leaves the bar's last state (every account done) on screen if it was ever drawn. */
  private synchronized void finalBar() {
    if (everDrawn) {
      redraw();
      drawn = 0;
    }
  }

  /** Moves up over the bar and clears to the end of the screen, so the next line takes its place. */
  private void erase() {
    if (drawn > 0) {
      session.out().print("\033[" + drawn + "F\033[J");
      session.out().flush();
      drawn = 0;
    }
  }

  private int columns() {
    try {
      return Math.max(30, Integer.parseInt(context.environment().variables().getOrDefault("COLUMNS", "80")));
    } catch (NumberFormatException e) {
      return 80;
    }
  }

  @Override
  public synchronized void window(AccountPlan account, WindowResult r) {
    String id = account.account().id();
    board.windowDone(id);
    switch (r.status()) {
      case FAILED -> {
        erase();
        session.err().println("costmon: account '" + id + "': " + r.window().label() + ": " + r.error());
        session.err().flush();
      }
      case STORED -> session.verbose(id + ": stored " + r.window().label() + ", " + r.figures() + " figures in "
          + seconds(r.took()));
      case SKIPPED, STOPPED -> { }
    }
  }

  @Override
  public synchronized void account(AccountResult r) {
    String id = r.plan().account().id();
    erase();
    if (r.refused().isPresent()) {
      session.err().println("costmon: account '" + id + "': " + r.refused().get());
      session.err().flush();
      return;
    }
    if (session.progress()) {
      skipped(r);
    }
    if (session.progress() && !r.plan().windows().isEmpty()) {
      long stored = r.count(WindowResult.Status.STORED);
      long skipped = r.count(WindowResult.Status.SKIPPED);
      long failed = r.count(WindowResult.Status.FAILED);
      session.out().println(String.format("%-8s %-20s %-12s %s", r.ok() ? "ok" : "partial", id,
          r.plan().account().providerName(), stored + " of " + r.plan().windows().size() + " windows stored, "
              + r.figures() + " figures, " + r.requests() + " requests"
              + (skipped > 0 ? ", " + skipped + " skipped" : "") + (failed > 0 ? ", " + failed + " failed" : ""))
          .stripTrailing());
      session.out().flush();
    }
  }

  /** One line for the windows an earlier backfill stored: {@code claude: skipped 2026-01 (stored 12 minutes ago)}. */
  private void skipped(AccountResult r) {
    List<WindowResult> skipped = r.windows().stream().filter(w -> w.status() == WindowResult.Status.SKIPPED).toList();
    if (skipped.isEmpty()) {
      return;
    }
    String which = skipped.size() <= 3
        ? String.join(", ", skipped.stream().map(w -> w.window().label()).toList())
        : skipped.size() + " windows, " + skipped.get(0).window().label() + " to "
            + skipped.get(skipped.size() - 1).window().label();
    Instant oldest = skipped.stream().map(w -> w.storedAt().orElseThrow()).min(Instant::compareTo).orElseThrow();
    session.out().println(r.plan().account().id() + ": skipped " + which + " (stored "
        + Ago.of(oldest, context.clock().instant()) + "; --refresh asks again)");
  }

  private LocalDate date(String option, String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ParameterException(spec.commandLine(), option + " '" + text + "' is not a date like 2026-01-01");
    }
  }

  private static String seconds(Duration d) {
    return String.format("%.1f s", d.toMillis() / 1000.0);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down (Ctrl-C): the hook is running and waits for us.
    }
  }
}
