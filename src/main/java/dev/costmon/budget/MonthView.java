package dev.costmon.budget;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

/** Every configured account's month and the totals in the reporting currency. */
public record MonthView(
    YearMonth month,
    Instant now,
    List<AccountView> accounts,
    Money total,
    Money totalForecast,
    Optional<Money> cap,
    Optional<BigDecimal> capRatio) {}
