package dev.costmon.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One notification: a breach, its escalation or resolution, a stale account, a hard cap reached, or
 * a test. Its fields are what webhook body templates may use.
 *
 * @param status WARNING, CRITICAL, UNKNOWN (stale data), RESOLVED, HARD_CAP or TEST
 * @param account the account id, or {@code total} for the global cap
 * @param name the threshold: {@code cap}, {@code forecast}, {@code quota:<metric>}, {@code freshness},
 *     {@code hard_cap}, {@code test}
 * @param message what check says about the threshold
 * @param ratio the fraction of the limit, plain decimal, or empty
 * @param period the billing period, {@code 2026-11}
 * @param spend month-to-date spend as a plain decimal, or empty (a quota is about usage, not spend)
 * @param cap the cap (or hard cap) as a plain decimal, or empty
 * @param currency the currency of spend and cap, or empty
 * @param usage month-to-date usage of a quota's metric as a plain decimal, or empty
 * @param quota the quota as a plain decimal, or empty
 * @param unit the unit of usage and quota, or empty
 * @param demo marks the message as demo data
 */
public record Message(String status, String account, String name, String message, String ratio, String period,
    String spend, String cap, String currency, String usage, String quota, String unit, boolean demo) {

  /** The placeholders a body template may use. */
  public static final List<String> FIELDS = List.of("status", "account", "name", "message", "ratio", "period",
      "spend", "cap", "currency", "usage", "quota", "unit", "text");

  public Message {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(ratio, "ratio");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(spend, "spend");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(unit, "unit");
  }

  /** A message about money (or none): no usage, quota or unit. */
  public Message(String status, String account, String name, String message, String ratio, String period,
      String spend, String cap, String currency, boolean demo) {
    this(status, account, name, message, ratio, period, spend, cap, currency, "", "", "", demo);
  }

  /** One line for chat and subjects: {@code [costmon] CRITICAL ovh cap: spend 230.00 EUR is 115.0% of cap 200.00 EUR}. */
  public String text() {
    return "[costmon" + (demo ? " DEMO" : "") + "] " + status + " " + account + " " + name + ": " + message;
  }

  public Map<String, String> fields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("status", status);
    f.put("account", account);
    f.put("name", name);
    f.put("message", message);
    f.put("ratio", ratio);
    f.put("period", period);
    f.put("spend", spend);
    f.put("cap", cap);
    f.put("currency", currency);
    f.put("usage", usage);
    f.put("quota", quota);
    f.put("unit", unit);
    f.put("text", text());
    return f;
  }
}
