package dev.costmon.model;

import java.util.Locale;

/** Where a figure comes from, shown next to every amount so nobody mistakes an estimate for a bill. */
public enum Provenance {
  /** From a closed invoice. */
  INVOICE,
  /** Reported by the provider's API. */
  API,
  /** Computed by costmon from usage times a rate. */
  ESTIMATE,
  /** A flat fee from the configuration. */
  FIXED,
  /** Entered by hand. */
  MANUAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Provenance fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
