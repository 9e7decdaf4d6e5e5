package dev.costmon.store;

import dev.costmon.model.Money;
import java.time.LocalDate;

/** One current spend figure of an account's day, without its service or tags: a trend's input. */
public record DaySpend(String account, LocalDate day, Money amount) {}
