package dev.costmon.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.config.FxRates;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MoneyTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency USD = Currency.getInstance("USD");

  @Test
  void parsesBothOrders() {
    assertThat(Money.parse("20 USD")).isEqualTo(new Money(new BigDecimal("20"), USD));
    assertThat(Money.parse("EUR 6.00")).isEqualTo(new Money(new BigDecimal("6.00"), EUR));
  }

  @Test
  void additionIsExact() {
    Money sum = Money.zero(USD);
    for (int i = 0; i < 10; i++) {
      sum = sum.plus(Money.of("0.1", "USD"));
    }
    assertThat(sum.amount()).isEqualByComparingTo("1.0");
  }

  @Test
  void refusesToMixCurrencies() {
    assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR")))
        .hasMessage("cannot combine USD and EUR without a conversion rate");
  }

  @Test
  void displayRoundsHalfEvenOnlyForDisplay() {
    Money m = Money.of("1.2345", "USD");
    assertThat(m.display()).isEqualTo("1.23 USD");
    assertThat(Money.of("0.125", "EUR").display()).isEqualTo("0.12 EUR");
    assertThat(Money.of("100", "JPY").display()).isEqualTo("100 JPY");
    assertThat(m.toString()).isEqualTo("1.2345 USD");
  }

  @Test
  void convertsThroughTheReportingCurrency() {
    FxRates fx = new FxRates(EUR, Map.of(USD, new BigDecimal("0.92"), Currency.getInstance("GBP"),
        new BigDecimal("1.15")));
    assertThat(fx.toReporting(Money.of("100", "USD"))).isEqualTo(Money.of("92.00", "EUR"));
    assertThat(fx.convert(Money.of("92", "EUR"), USD).amount()).isEqualByComparingTo("100");
    assertThat(fx.convert(Money.of("115", "GBP"), USD).amount()).isEqualByComparingTo("143.75");
    assertThatThrownBy(() -> fx.toReporting(Money.of("1", "CHF")))
        .hasMessageContaining("no conversion rate for CHF into EUR");
  }

  @Test
  void currencyCodeMustBeThreeUpperCaseLetters() {
    assertThat(Money.currency("USD")).isEqualTo(USD);
    for (String bad : new String[] {"usd", "US", "USDX", "U5D", "ÜSD", "", " USD"}) {
      assertThatThrownBy(() -> Money.currency(bad))
          .hasMessage("'" + bad + "' is not an ISO 4217 currency code like USD or EUR");
    }
    assertThatThrownBy(() -> Money.currency(null)).hasMessageContaining("is not an ISO 4217 currency code");
    assertThatThrownBy(() -> Money.currency("ZZZ")).hasMessageContaining("'ZZZ' is not an ISO 4217");
  }
}
