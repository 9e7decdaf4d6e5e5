package dev.costmon.backfill;

import dev.costmon.model.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plan of a {@code collect --from --dry-run} as lines of text: nothing is asked to make it. */
public final class PlanText {
  private PlanText() {}

  public static List<String> lines(BackfillPlan plan) {
    List<String> out = new ArrayList<>();
    out.add("backfill plan for " + plan.from() + " .. " + plan.to() + " (days in " + plan.zone().getId()
        + "); dry run, nothing asked or stored");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ACCOUNT", "PROVIDER", "DAYS", "WINDOWS", "REQUESTS", "API COST"});
    Map<Currency, Money> total = new TreeMap<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
    int windows = 0;
    int requests = 0;
    for (AccountPlan a : plan.accounts()) {
      String days = a.windows().isEmpty() ? "-"
          : a.windows().get(0).from() + ".." + a.windows().get(a.windows().size() - 1).to();
      rows.add(new String[] {a.account().id(), a.account().providerName(), days, String.valueOf(a.windows().size()),
          String.valueOf(a.requests()), a.cost().map(PlanText::money).orElse("-")});
      a.cost().ifPresent(c -> total.merge(c.currency(), c, Money::plus));
      windows += a.windows().size();
      requests += a.requests();
    }
    rows.add(new String[] {"TOTAL", "", "", String.valueOf(windows), String.valueOf(requests),
        total.isEmpty() ? "-" : String.join(" + ", total.values().stream().map(PlanText::money).toList())});
    out.addAll(table(rows));
    for (AccountPlan a : plan.accounts()) {
      a.shortfall().ifPresent(out::add);
      if (a.overBudget()) {
        out.add(a.account().id() + ": needs about " + a.requests() + " requests, more than max_requests: " + a.budget()
            + "; would be refused without --max-requests " + a.requests());
      }
    }
    out.add("Requests are counted without paging; a window is stored in one transaction, and a re-run skips"
        + " the windows already stored.");
    return out;
  }

  /** A paid API's request count before a backfill starts: {@code aws: about 13 requests (0.13 USD)...}. */
  public static String cost(AccountPlan a) {
    return a.account().id() + ": about " + a.requests() + " requests (" + a.cost().map(PlanText::money).orElse("-")
        + "), within " + a.budget() + " allowed (max_requests or --max-requests)";
  }

  static String money(Money m) {
    int scale = Math.max(2, m.amount().stripTrailingZeros().scale());
    return m.amount().setScale(scale, java.math.RoundingMode.UNNECESSARY).toPlainString() + " "
        + m.currency().getCurrencyCode();
  }

  private static List<String> table(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean number = i >= 3;
        String cell = number ? " ".repeat(width[i] - row[i].length()) + row[i]
            : row[i] + " ".repeat(width[i] - row[i].length());
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      out.add(line.toString().stripTrailing());
    }
    return out;
  }
}
