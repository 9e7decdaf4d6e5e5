package dev.costmon.model;

import java.util.Locale;

/** What an observation measures. */
public enum ObservationKind {
  /** Money spent on one day, per service. */
  SPEND,
  /** A usage figure (requests, bytes, tokens) on one day. */
  USAGE,
  /** A month-end spend forecast given by the provider or known from a fixed fee; day = first of month. */
  FORECAST;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ObservationKind fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
