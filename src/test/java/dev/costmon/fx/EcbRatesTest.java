package dev.costmon.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.store.ExchangeRates.Row;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcbRatesTest {
  static byte[] resource(String name) {
    try (InputStream in = EcbRatesTest.class.getResourceAsStream("/fx/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Row row(List<Row> rows, String day, String currency) {
    return rows.stream().filter(r -> r.day().equals(LocalDate.parse(day)) && r.currency().equals(currency))
        .findFirst().orElseThrow();
  }

  @Test
  void readsEveryDayOfTheHistoryWithTheRatesAsPublished() {
    EcbRates rates = EcbRates.parse(resource("eurofxref-hist-90d.xml"));

    assertThat(rates.days()).hasSize(6);
    assertThat(rates.days().firstKey()).isEqualTo(LocalDate.of(2026, 10, 15));
    // As published, scale included: "1.10" stays 1.10.
    assertThat(rates.days().get(LocalDate.of(2026, 12, 1)).get("USD")).isEqualTo(new BigDecimal("1.10"));
    // The daily file quotes its attributes with ' rather than ".
    assertThat(EcbRates.parse(resource("eurofxref-daily.xml")).days().get(LocalDate.of(2026, 12, 3)))
        .containsEntry("GBP", new BigDecimal("0.85000"));
  }

  @Test
  void crossRatesGoThroughTheEuroToThirtyFourDigits() {
    List<Row> usd = EcbRates.parse(resource("eurofxref-hist-90d.xml")).into("USD");

    // 1 EUR = 1.20 USD as published; 1 GBP = 1.20 / 0.75 = 1.6 USD, exactly.
    assertThat(row(usd, "2026-10-30", "EUR").rate()).isEqualTo(new BigDecimal("1.20"));
    assertThat(row(usd, "2026-10-30", "GBP").rate()).isEqualByComparingTo("1.6");
    assertThat(row(usd, "2026-12-02", "GBP").rate())
        .isEqualTo(new BigDecimal("1.0856").divide(new BigDecimal("0.8463"), MathContext.DECIMAL128));
    assertThat(usd).noneMatch(r -> r.currency().equals("USD")).allMatch(r -> r.source().equals("ecb"));

    List<Row> eur = EcbRates.parse(resource("eurofxref-hist-90d.xml")).into("EUR");
    assertThat(row(eur, "2026-11-30", "USD").rate()).isEqualByComparingTo("0.8");
    assertThat(row(eur, "2026-12-02", "USD").rate().toPlainString()).isEqualTo("0.9211495946941783345615327929255711");
    // No rate for the reporting currency on a day: nothing to cross through.
    assertThat(EcbRates.parse(resource("eurofxref-daily.xml")).into("CHF")).isEmpty();
  }

  @Test
  void anAnswerThatIsNotTheEcbsRatesSaysWhyInOneLine() {
    assertThatThrownBy(() -> EcbRates.parse("<html><body>Maintenance</body></html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("it is not the ECB's eurofxref XML (its root is <html>, not <gesmes:Envelope>)");
    assertThatThrownBy(() -> EcbRates.parse("<gesmes:Envelope xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\">"
        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("it is not well-formed XML (");
    String empty = new String(resource("eurofxref-daily.xml"), StandardCharsets.UTF_8)
        .replaceAll("(?s)<Cube time.*?</Cube>", "");
    assertThatThrownBy(() -> EcbRates.parse(empty.getBytes(StandardCharsets.UTF_8)))
        .hasMessage("it holds no rates");
    String bad = new String(resource("eurofxref-daily.xml"), StandardCharsets.UTF_8).replace("'1.0900'", "'n/a'");
    assertThatThrownBy(() -> EcbRates.parse(bad.getBytes(StandardCharsets.UTF_8)))
        .hasMessageStartingWith("it holds a day or rate that is not one");
    // A DTD is refused, so an answer cannot make costmon read a local file.
    String dtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<gesmes:Envelope xmlns:gesmes=\"g\">&e;</gesmes:Envelope>";
    assertThatThrownBy(() -> EcbRates.parse(dtd.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
