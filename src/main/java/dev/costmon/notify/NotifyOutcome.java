package dev.costmon.notify;

import java.util.List;

/**
 * What one notification run did.
 *
 * @param problems one line per failing channel or hard-cap action, without secrets, for stderr
 */
public record NotifyOutcome(int sent, int failed, List<String> problems) {
  public NotifyOutcome {
    problems = List.copyOf(problems);
  }
}
