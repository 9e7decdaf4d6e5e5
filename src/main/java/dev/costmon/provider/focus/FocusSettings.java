package dev.costmon.provider.focus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code provider: focus}: FOCUS CSV exports (AWS, Azure, Google Cloud, OCI, Vercel) that land in a
 * directory, read at every collect.
 *
 * @param path a file, a directory (its {@code *.csv} and {@code *.csv.gz} files) or a glob such as
 *     {@code /var/lib/exports/*.csv.gz} or {@code exports/**}{@code /*.csv.gz}; relative to the config
 *     file. Without it the account is fed only by {@code costmon import focus}.
 * @param accountId keep only rows whose BillingAccountId or SubAccountId is this
 * @param providerName keep only rows of this ServiceProviderName (ProviderName before FOCUS 1.3)
 * @param usageUnits ConsumedUnit values to record as usage metrics named {@code consumed_<unit>}
 * @param tagKeys keys of the FOCUS {@code Tags} column kept on the figures, for attribution rules and,
 *     when a key is a label name such as {@code team}, as that label
 * @param overlap how files covering the same day combine: {@code newest} (default; each file is a
 *     complete export of the days it covers, the most recently modified wins per day) or {@code sum}
 *     (the files are parts of one export and add up)
 */
public record FocusSettings(
    Path path,
    String accountId,
    String providerName,
    List<String> usageUnits,
    String overlap,
    List<String> tagKeys) implements dev.costmon.provider.ProviderSettings {

  public FocusSettings {
    usageUnits = usageUnits == null ? List.of() : List.copyOf(usageUnits);
    tagKeys = tagKeys == null ? List.of() : List.copyOf(tagKeys);
    overlap = overlap == null ? "newest" : overlap.toLowerCase(Locale.ROOT);
    if (!overlap.equals("newest") && !overlap.equals("sum")) {
      throw new IllegalArgumentException("overlap must be newest (each file a complete export of its days)"
          + " or sum (the files are parts of one export)");
    }
    new FocusRules(accountId, providerName, usageUnits, tagKeys);
  }

  public FocusRules rules() {
    return new FocusRules(accountId, providerName, usageUnits, tagKeys);
  }

  boolean sums() {
    return overlap.equals("sum");
  }
}
