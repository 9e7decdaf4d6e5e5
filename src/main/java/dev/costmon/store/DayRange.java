package dev.costmon.store;

import java.time.LocalDate;

/** The first and last day the history holds figures for. */
public record DayRange(LocalDate first, LocalDate last) {}
