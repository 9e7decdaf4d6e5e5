package dev.costmon.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopNTest {

  private static Money usd(String amount) {
    return Money.of(amount, "USD");
  }

  @Test
  void keepsTheLargestThenTheKeptApartThenOneOther() {
    Map<String, Money> amounts = new LinkedHashMap<>();
    amounts.put("small", usd("1"));
    amounts.put("unattributed", usd("50"));
    amounts.put("big", usd("9"));
    amounts.put("other", usd("2"));
    amounts.put("tie-b", usd("5"));
    amounts.put("tie-a", usd("5"));

    assertThat(TopN.of(amounts, 3, Set.of("unattributed"))).containsExactly(
        Map.entry("big", usd("9")), Map.entry("tie-a", usd("5")), Map.entry("tie-b", usd("5")),
        Map.entry("unattributed", usd("50")),
        // "other" from the provider joins the rest rather than making a second series of that name.
        Map.entry("other", usd("3")));
    assertThat(TopN.of(Map.of("a", usd("1")), 3, Set.of())).containsExactly(Map.entry("a", usd("1")));
    assertThat(TopN.of(Map.of(), 3, Set.of())).isEmpty();
    assertThatThrownBy(() -> TopN.of(amounts, 0, Set.of())).hasMessageContaining("at least 1");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 192_026})
  void entriesAreBoundedAndAddUpExactlyToTheTotal(long seed) {
    Random random = new Random(seed);
    Map<String, Money> amounts = new LinkedHashMap<>();
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < 200; i++) {
      BigDecimal amount = BigDecimal.valueOf(random.nextInt(1_000_000), 4);
      amounts.put("model-" + i, new Money(amount, usd("0").currency()));
      total = total.add(amount);
    }

    Map<String, Money> top = TopN.of(amounts, 10, Set.of());

    assertThat(top).hasSize(11).containsKey("other");
    assertThat(top.values().stream().map(Money::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(total);
  }
}
