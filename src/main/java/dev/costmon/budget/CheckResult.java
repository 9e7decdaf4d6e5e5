package dev.costmon.budget;

import java.util.List;

/** Every threshold evaluated by {@code costmon check}, and the overall state. */
public record CheckResult(List<ThresholdResult> thresholds) {

  public CheckResult {
    thresholds = List.copyOf(thresholds);
  }

  public Status status() {
    return thresholds.stream().map(ThresholdResult::status).reduce(Status.OK, Status::worst);
  }

  public long breached() {
    return thresholds.stream().filter(ThresholdResult::breached).count();
  }
}
