package dev.costmon.doctor;

import java.util.List;

/**
 * Everything {@code costmon doctor} found.
 *
 * @param configUsable whether the config was found and parsed (an account's secret that does not
 *     resolve is a FAIL of its own, not an unusable config); when not, the checks that need it were
 *     not run
 */
public record DoctorResult(boolean configUsable, List<Finding> findings) {

  /**
   * No check failed. A WARN (a file mode to tighten, no history yet) is advice that costmon works
   * without, so a script or a package's post-install step does not stop on it.
   */
  public static final int ALL_OK = 0;
  /** The config loads, but at least one check failed. */
  public static final int ATTENTION = 1;
  /** The config cannot be used at all; like {@code collect} when every account failed. */
  public static final int CONFIG_UNUSABLE = 2;

  public DoctorResult {
    findings = List.copyOf(findings);
  }

  public int exitCode() {
    if (!configUsable) {
      return CONFIG_UNUSABLE;
    }
    return findings.stream().anyMatch(f -> f.level() == Finding.Level.FAIL) ? ATTENTION : ALL_OK;
  }

  public long count(Finding.Level level) {
    return findings.stream().filter(f -> f.level() == level).count();
  }
}
