package dev.costmon.fx;

import dev.costmon.config.FxSource;
import dev.costmon.store.ExchangeRates;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The ECB's euro foreign exchange reference rates as its {@code eurofxref} XML publishes them
 * ({@code eurofxref-daily.xml}, {@code eurofxref-hist-90d.xml}): a {@code gesmes:Envelope} whose
 * {@code Cube} holds one {@code Cube time='YYYY-MM-DD'} per working day, each holding
 * {@code Cube currency='USD' rate='1.0856'}: one euro is 1.0856 dollars.
 *
 * @param days per day, units of each currency per euro, as published (never rounded)
 */
public record EcbRates(SortedMap<LocalDate, Map<String, BigDecimal>> days) {
  /** The namespace of the {@code Cube} elements. */
  static final String NS = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";
  static final String EUR = "EUR";

  public EcbRates {
    days = Collections.unmodifiableSortedMap(new TreeMap<>(days));
  }

  /** Reads the XML; {@link IllegalArgumentException} with a one-line reason when it is not the ECB's. */
  public static EcbRates parse(byte[] xml) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    // A rate file has no DTD and no entities; refusing them keeps a hostile answer from reading files.
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    SortedMap<LocalDate, Map<String, BigDecimal>> days = new TreeMap<>();
    try {
      XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
      LocalDate day = null;
      boolean root = true;
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        if (root) {
          if (!r.getLocalName().equals("Envelope")) {
            throw new IllegalArgumentException("it is not the ECB's eurofxref XML (its root is <" + r.getLocalName()
                + ">, not <gesmes:Envelope>)");
          }
          root = false;
          continue;
        }
        if (!r.getLocalName().equals("Cube") || !NS.equals(r.getNamespaceURI())) {
          continue;
        }
        String time = r.getAttributeValue(null, "time");
        String currency = r.getAttributeValue(null, "currency");
        String rate = r.getAttributeValue(null, "rate");
        if (time != null) {
          day = LocalDate.parse(time.trim());
          days.put(day, new TreeMap<>());
        } else if (currency != null && rate != null) {
          if (day == null) {
            throw new IllegalArgumentException("a rate for " + currency + " comes before any day");
          }
          BigDecimal value = new BigDecimal(rate.trim());
          if (value.signum() <= 0 || !currency.trim().matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("the rate '" + rate + "' for '" + currency + "' is not a rate");
          }
          days.get(day).put(currency.trim(), value);
        }
      }
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("it is not well-formed XML (" + firstLine(e.getMessage()) + ")");
    } catch (DateTimeException | NumberFormatException e) {
      throw new IllegalArgumentException("it holds a day or rate that is not one (" + firstLine(e.getMessage()) + ")");
    }
    days.values().removeIf(Map::isEmpty);
    if (days.isEmpty()) {
      throw new IllegalArgumentException("it holds no rates");
    }
    return new EcbRates(days);
  }

  /**
   * Each day's rates into {@code reporting}, through the euro: one {@code X} is {@code EUR→reporting /
   * EUR→X} of the reporting currency (34 significant digits, so converted figures come out as by hand
   * to far below a cent). A day without a rate for {@code reporting} gives none.
   */
  public List<ExchangeRates.Row> into(String reporting) {
    List<ExchangeRates.Row> out = new ArrayList<>();
    days.forEach((day, rates) -> {
      BigDecimal eurToReporting = reporting.equals(EUR) ? BigDecimal.ONE : rates.get(reporting);
      if (eurToReporting == null) {
        return;
      }
      if (!reporting.equals(EUR)) {
        out.add(new ExchangeRates.Row(day, EUR, reporting, eurToReporting, FxSource.ECB));
      }
      rates.forEach((currency, eurToCurrency) -> {
        if (!currency.equals(reporting)) {
          out.add(new ExchangeRates.Row(day, currency, reporting,
              eurToReporting.divide(eurToCurrency, MathContext.DECIMAL128).stripTrailingZeros(), FxSource.ECB));
        }
      });
    });
    return out;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "no detail";
    }
    // StAX puts the position first and the reason after "Message: ".
    int message = text.lastIndexOf("Message: ");
    String reason = message >= 0 ? text.substring(message + 9) : text;
    return reason.strip().lines().findFirst().orElse("no detail");
  }
}
