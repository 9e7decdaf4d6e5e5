package dev.costmon.report;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.Attribution;
import dev.costmon.model.Tags;
import java.util.Locale;
import java.util.Objects;

/**
 * How report rows are grouped: {@code account} (one row each), {@code provider} (accounts grouped,
 * with a subtotal per group), {@code label:KEY} (spend grouped by the value attribution gives it, an
 * account split across values where its services differ), or {@code service} (each account's
 * breakdown by service, model or line item below it).
 *
 * @param labelKey the label whose value groups accounts; empty unless {@code kind} is {@link Kind#LABEL}
 */
public record Grouping(Kind kind, String labelKey) {

  /** The group of spend that has no value for the grouping label. */
  public static final String NO_LABEL = Attribution.UNATTRIBUTED;

  public static final Grouping ACCOUNT = new Grouping(Kind.ACCOUNT, "");
  public static final Grouping PROVIDER = new Grouping(Kind.PROVIDER, "");
  public static final Grouping SERVICE = new Grouping(Kind.SERVICE, "");

  /** What rows are grouped by. */
  public enum Kind {
    ACCOUNT,
    PROVIDER,
    SERVICE,
    LABEL
  }

  public Grouping {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(labelKey, "labelKey");
    if (kind == Kind.LABEL && labelKey.isBlank()) {
      throw new IllegalArgumentException("--by label: needs a label key, e.g. --by label:team");
    }
    if (kind != Kind.LABEL && !labelKey.isEmpty()) {
      throw new IllegalArgumentException("only --by label:KEY takes a key");
    }
  }

  public static Grouping label(String key) {
    return new Grouping(Kind.LABEL, key);
  }

  /**
   * Parses {@code account}, {@code provider}, {@code service}, {@code model}, {@code bucket},
   * {@code resource} or {@code label:KEY}. The three dimensions are the providers' tags of those
   * names grouped like any label ({@code label:model}): the AI providers name each line's model,
   * Wasabi each bucket's storage, DigitalOcean each resource.
   */
  public static Grouping parse(String text) {
    String trimmed = text.trim();
    if (trimmed.regionMatches(true, 0, "label:", 0, "label:".length())) {
      return label(trimmed.substring("label:".length()).trim());
    }
    return switch (trimmed.toLowerCase(Locale.ROOT)) {
      case "account" -> ACCOUNT;
      case "provider" -> PROVIDER;
      case "service" -> SERVICE;
      case Tags.MODEL, Tags.BUCKET, Tags.RESOURCE -> label(trimmed.toLowerCase(Locale.ROOT));
      default -> throw new IllegalArgumentException(
          "unknown grouping '" + text + "'; use account, provider, service, model, bucket, resource or label:KEY");
    };
  }

  /** The form {@link #parse} reads: {@code provider}, {@code label:team}. */
  public String label() {
    return kind == Kind.LABEL ? "label:" + labelKey : kind.name().toLowerCase(Locale.ROOT);
  }

  /** Whether accounts are gathered into groups with subtotals. */
  public boolean hasGroups() {
    return kind == Kind.PROVIDER || kind == Kind.LABEL;
  }

  /**
   * The group a whole account belongs to by its own labels; the empty string when rows are not
   * grouped. A report grouped by label takes its groups from the month's attribution instead.
   */
  public String groupOf(AccountView account) {
    return switch (kind) {
      case PROVIDER -> account.account().providerName();
      case LABEL -> account.account().labels().getOrDefault(labelKey, NO_LABEL);
      case ACCOUNT, SERVICE -> "";
    };
  }

  /** How a group is named in a subtotal row: {@code fixed}, {@code team=infra}. */
  String describe(String group) {
    return kind == Kind.LABEL ? labelKey + "=" + group : group;
  }
}
