package dev.costmon.budget;

import dev.costmon.model.Money;
import java.time.LocalDate;

/** An account's spend on one day, in the account's currency. */
public record DailySpend(LocalDate day, Money amount) {}
