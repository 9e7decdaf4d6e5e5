package dev.costmon.store;

import java.time.LocalDate;

/** Days from {@code first} to {@code last}, both included: what the history holds, what a collect asked about. */
public record DayRange(LocalDate first, LocalDate last) {
  public boolean contains(LocalDate day) {
    return !day.isBefore(first) && !day.isAfter(last);
  }
}
