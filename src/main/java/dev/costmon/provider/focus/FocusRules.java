package dev.costmon.provider.focus;

import dev.costmon.model.Tags;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Which rows of a FOCUS file count and what usage is kept: the part of {@link FocusSettings} that
 * applies to {@code costmon import focus} as well as to collect.
 *
 * @param accountId keep only rows whose BillingAccountId or SubAccountId is this (null: all rows)
 * @param providerName keep only rows of this ServiceProviderName/ProviderName, case-insensitively
 * @param usageUnits ConsumedUnit values recorded as usage metrics ({@code consumed_<unit>}); empty: none
 * @param tagKeys keys of the {@code Tags} column whose values split spend into tagged figures, for
 *     attribution ({@code team}, {@code user:cost-center}); empty: Tags is not read
 */
public record FocusRules(String accountId, String providerName, List<String> usageUnits, List<String> tagKeys) {

  /** Every row counts, no usage metrics, no tags. */
  public static final FocusRules ALL = new FocusRules(null, null, List.of(), List.of());

  /** At most this many usage units, so an export cannot flood the history with metrics. */
  static final int MAX_USAGE_UNITS = 20;

  public FocusRules {
    usageUnits = List.copyOf(Objects.requireNonNullElse(usageUnits, List.of()));
    if (usageUnits.size() > MAX_USAGE_UNITS) {
      throw new IllegalArgumentException("usage_units lists " + usageUnits.size() + " units; at most "
          + MAX_USAGE_UNITS + " (each is a metric of its own)");
    }
    for (String unit : usageUnits) {
      if (metric(unit).equals("consumed_")) {
        throw new IllegalArgumentException("usage unit '" + unit + "' has no letters or digits");
      }
    }
    tagKeys = List.copyOf(new LinkedHashSet<>(Objects.requireNonNullElse(tagKeys, List.of())));
    if (tagKeys.size() > Tags.MAX) {
      throw new IllegalArgumentException("tag_keys lists " + tagKeys.size() + " keys; at most " + Tags.MAX
          + " (spend is split by every combination of their values)");
    }
    for (String key : tagKeys) {
      if (key == null || key.isBlank() || key.length() > Tags.MAX_KEY) {
        throw new IllegalArgumentException("tag key '" + key + "' is empty or longer than " + Tags.MAX_KEY);
      }
    }
  }

  /** The rules without reading Tags. */
  public FocusRules(String accountId, String providerName, List<String> usageUnits) {
    this(accountId, providerName, usageUnits, List.of());
  }

  /**
   * The usage metric for a ConsumedUnit: {@code consumed_} and the unit in lower case with every run
   * of other characters turned into one underscore ({@code GB-Mo} is {@code consumed_gb_mo}).
   */
  public static String metric(String unit) {
    String slug = unit.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return "consumed_" + slug;
  }

  /** The configured spelling of a ConsumedUnit value, or null if it is not recorded. */
  String usageUnit(String consumedUnit) {
    for (String u : usageUnits) {
      if (u.equalsIgnoreCase(consumedUnit.strip())) {
        return u;
      }
    }
    return null;
  }
}
