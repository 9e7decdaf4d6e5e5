package dev.costmon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.budget.Status;
import dev.costmon.budget.ThresholdResult;
import dev.costmon.store.NotificationLog.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The debounce decision alone: what a channel is told, given what it was told before. */
class NotifierTest {
  static final Instant NOW = Instant.parse("2026-11-20T07:00:00Z");

  static ThresholdResult t(String name, Status status) {
    return new ThresholdResult(status, Optional.of("ovh"), name, "m", Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  static Optional<Delivery> told(String last, String max, Duration ago) {
    return Optional.of(new Delivery("ovh", "cap", "2026-11", "hook", Optional.of(last), Optional.of(max),
        Optional.of(NOW.minus(ago)), NOW.minus(ago), 0, Optional.empty(), Optional.empty()));
  }

  static Optional<String> decide(ThresholdResult t, Optional<Delivery> row, Debounce d) {
    return Notifier.decide(t, row, NOW, d);
  }

  @Test
  void newBreachesAndEscalationsAreSentAtOnceRepeatsAreNot() {
    Debounce d = Debounce.DEFAULT;
    assertThat(decide(t("cap", Status.WARNING), Optional.empty(), d)).contains("WARNING");
    assertThat(decide(t("cap", Status.WARNING), told("WARNING", "WARNING", Duration.ofDays(5)), d)).isEmpty();
    assertThat(decide(t("cap", Status.CRITICAL), told("WARNING", "WARNING", Duration.ofMinutes(5)), d))
        .contains("CRITICAL");
    assertThat(decide(t("cap", Status.WARNING), told("CRITICAL", "CRITICAL", Duration.ofDays(2)), d)).isEmpty();
    assertThat(decide(t("cap", Status.OK), Optional.empty(), d)).isEmpty();
  }

  @Test
  void resolvedIsSentOnceAndABudgetBreachIsNotRetoldInThePeriod() {
    Debounce d = Debounce.DEFAULT;
    assertThat(decide(t("cap", Status.OK), told("CRITICAL", "CRITICAL", Duration.ofMinutes(5)), d)).contains("OK");
    assertThat(decide(t("cap", Status.OK), told("OK", "CRITICAL", Duration.ofDays(1)), d)).isEmpty();
    assertThat(decide(t("cap", Status.WARNING), told("OK", "WARNING", Duration.ofDays(3)), d)).isEmpty();
  }

  @Test
  void aNewOutageAfterOneResolvedIsSentButNotWithinTheMinimumInterval() {
    Debounce d = Debounce.DEFAULT;
    assertThat(decide(t("freshness", Status.UNKNOWN), told("OK", "OK", Duration.ofHours(2)), d)).isEmpty();
    assertThat(decide(t("freshness", Status.UNKNOWN), told("OK", "OK", Duration.ofHours(25)), d))
        .contains("UNKNOWN");
  }

  @Test
  void repeatRemindsOfAnOngoingBreach() {
    Debounce weekly = new Debounce(Optional.of(Duration.ofDays(7)), Duration.ofHours(24));
    assertThat(decide(t("cap", Status.WARNING), told("WARNING", "WARNING", Duration.ofDays(6)), weekly)).isEmpty();
    assertThat(decide(t("cap", Status.WARNING), told("WARNING", "WARNING", Duration.ofDays(7)), weekly))
        .contains("WARNING");
  }
}
