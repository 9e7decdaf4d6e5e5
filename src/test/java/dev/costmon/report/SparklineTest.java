package dev.costmon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.budget.DailySpend;
import dev.costmon.model.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {

  @Test
  void scalesToTheHighestDay() {
    assertThat(Sparkline.of(days("0", "0.5", "1", "2", "3.5", "7", "14"))).isEqualTo("▁▂▂▂▃▅█");
  }

  @Test
  void anySpendIsAboveAQuietDay() {
    assertThat(Sparkline.of(days("0", "0.0001", "1000"))).isEqualTo("▁▂█");
  }

  @Test
  void usesAllEightBars() {
    assertThat(Sparkline.of(days("0", "1", "2", "3", "4", "5", "6", "7"))).isEqualTo("▁▂▃▄▅▆▇█");
  }

  @Test
  void flatWhenNothingWasSpentOrOnlyCredits() {
    assertThat(Sparkline.of(days("0", "0", "0"))).isEqualTo("▁▁▁");
    assertThat(Sparkline.of(days("-1", "2"))).isEqualTo("▁█");
    assertThat(Sparkline.of(List.of())).isEmpty();
  }

  @Test
  void aDayNobodyAskedAboutIsABlankNotTheLowestBar() {
    LocalDate day = LocalDate.of(2026, 11, 1);
    List<DailySpend> trend = List.of(new DailySpend(day, Money.of("0", "USD"), false),
        new DailySpend(day.plusDays(1), Money.of("0", "USD")), new DailySpend(day.plusDays(2), Money.of("4", "USD")));
    assertThat(Sparkline.of(trend)).isEqualTo(" ▁█");
  }

  @Test
  void oneCharacterPerDayOfThirty() {
    String[] amounts = new String[30];
    for (int i = 0; i < 30; i++) {
      amounts[i] = Integer.toString(i);
    }
    String line = Sparkline.of(days(amounts));

    assertThat(line.codePointCount(0, line.length())).isEqualTo(30);
    assertThat(line).startsWith("▁▂").endsWith("█");
  }

  private static List<DailySpend> days(String... amounts) {
    List<DailySpend> out = new ArrayList<>();
    LocalDate day = LocalDate.of(2026, 11, 1);
    for (String amount : amounts) {
      out.add(new DailySpend(day, Money.of(amount, "USD")));
      day = day.plusDays(1);
    }
    return out;
  }
}
