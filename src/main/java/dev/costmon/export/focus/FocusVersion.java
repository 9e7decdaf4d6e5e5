package dev.costmon.export.focus;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The FOCUS versions {@code costmon export --format focus} writes. */
public enum FocusVersion {
  /** Ratified 2025-05-29. */
  V1_2("1.2"),
  /** Ratified 2025-12: ServiceProviderName and HostProviderName; ProviderName and PublisherName deprecated. */
  V1_3("1.3");

  public static final FocusVersion LATEST = V1_3;

  private final String label;

  FocusVersion(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** @throws IllegalArgumentException naming the versions costmon writes */
  public static FocusVersion parse(String label) {
    return Arrays.stream(values()).filter(v -> v.label.equals(label.strip())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("FOCUS version '" + label + "' is not one costmon writes; use "
            + Arrays.stream(values()).map(FocusVersion::label).collect(Collectors.joining(" or "))));
  }
}
