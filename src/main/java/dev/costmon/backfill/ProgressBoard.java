package dev.costmon.backfill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backfill's progress for a terminal: one line per account with its windows done of total, a
 * bar and an estimate of the time left from its own pace so far. Fed from the backfill's threads;
 * rendering is pure, so the caller decides when and where to draw.
 */
public final class ProgressBoard {
  private static final int MIN_BAR = 10;
  private static final int MAX_BAR = 30;

  private final Map<String, int[]> accounts = new LinkedHashMap<>();

  /** A board for accounts and their number of windows, in the order given. */
  public ProgressBoard(Map<String, Integer> windows) {
    windows.forEach((account, total) -> accounts.put(account, new int[] {0, total}));
  }

  /** A board for the accounts of the plan that have windows to ask. */
  public static ProgressBoard of(BackfillPlan plan) {
    Map<String, Integer> windows = new LinkedHashMap<>();
    for (AccountPlan a : plan.accounts()) {
      if (!a.windows().isEmpty() && !a.overBudget()) {
        windows.put(a.account().id(), a.windows().size());
      }
    }
    return new ProgressBoard(windows);
  }

  /** One more window of the account is done (stored, skipped, failed or stopped). */
  public synchronized void windowDone(String account) {
    int[] row = accounts.get(account);
    if (row != null) {
      row[0]++;
    }
  }

  /** The lines to draw after {@code elapsed} since the backfill started, each at most {@code width} wide. */
  public synchronized List<String> render(Duration elapsed, int width) {
    int idWidth = accounts.keySet().stream().mapToInt(String::length).max().orElse(0);
    Map<String, String> tails = new LinkedHashMap<>();
    accounts.forEach((id, row) -> {
      int done = row[0];
      int total = row[1];
      String eta = done >= total ? "done" : done == 0 ? "ETA -"
          : "ETA " + clock(elapsed.multipliedBy(total - done).dividedBy(done));
      tails.put(id, done + "/" + total + "  " + eta);
    });
    int tail = tails.values().stream().mapToInt(String::length).max().orElse(0);
    // One bar width for all rows, so they line up: id, " [", bar, "] ", tail.
    int bar = Math.max(MIN_BAR, Math.min(MAX_BAR, width - idWidth - 4 - tail));
    List<String> out = new ArrayList<>();
    accounts.forEach((id, row) -> {
      int filled = row[1] == 0 ? bar : bar * row[0] / row[1];
      String line = pad(id, idWidth) + " [" + "#".repeat(filled) + ".".repeat(bar - filled) + "] " + tails.get(id);
      out.add(line.length() > width ? line.substring(0, width) : line);
    });
    return out;
  }

  /** {@code 0:42}, {@code 12:05}, {@code 1:02:03}. */
  static String clock(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
