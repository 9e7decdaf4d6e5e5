package dev.costmon.model;

import java.util.Collection;
import java.util.List;
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

  /** The least certain of some figures' sources: one estimate makes their sum an estimate; none is fixed. */
  public static Provenance weakest(Collection<Provenance> sources) {
    for (Provenance p : List.of(ESTIMATE, MANUAL, API, INVOICE)) {
      if (sources.contains(p)) {
        return p;
      }
    }
    return FIXED;
  }

  public static Provenance fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
