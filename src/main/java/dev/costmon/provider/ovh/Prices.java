package dev.costmon.provider.ovh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Money;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.function.Consumer;

/**
 * Reads OVH's price objects ({@code me.consumption.Price}, {@code order.Price}) exactly. The integer
 * micro-cents ({@code valueInUcents}, {@code priceInUcents}: 10^-8 of the currency unit) are
 * preferred over {@code value}, a JSON float; if the two disagree by a cent or more the micro-cent
 * scale is not what we think, and the float (read exactly from its text) is used instead.
 */
final class Prices {
  private static final BigDecimal CENT = new BigDecimal("0.01");
  private static final int MICRO_CENT_SHIFT = 8;

  private final Consumer<String> log;

  Prices(Consumer<String> log) {
    this.log = log;
  }

  Money read(JsonNode parent, String field, String where) throws ProviderException {
    JsonNode price = parent.get(field);
    String at = where + "." + field;
    if (price == null || !price.isObject()) {
      throw missing(at, "a price object");
    }
    JsonNode code = price.get("currencyCode");
    if (code == null || !code.isTextual()) {
      throw missing(at + ".currencyCode", "a currency code");
    }
    Currency currency;
    try {
      currency = Money.currency(code.textValue());
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, at + ".currencyCode: " + e.getMessage());
    }
    JsonNode ucents = price.has("valueInUcents") ? price.get("valueInUcents") : price.get("priceInUcents");
    JsonNode value = price.get("value");
    boolean hasValue = value != null && value.isNumber();
    if (ucents != null && ucents.isIntegralNumber()) {
      BigDecimal exact = new BigDecimal(ucents.bigIntegerValue()).movePointLeft(MICRO_CENT_SHIFT);
      if (hasValue && exact.subtract(value.decimalValue()).abs().compareTo(CENT) >= 0) {
        log.accept("ovh: " + at + " micro-cents " + ucents.asText() + " do not match value " + value.asText()
            + "; using value");
        return new Money(value.decimalValue(), currency);
      }
      BigDecimal plain = exact.stripTrailingZeros();
      return new Money(plain.scale() < 0 ? plain.setScale(0) : plain, currency);
    }
    if (hasValue) {
      return new Money(value.decimalValue(), currency);
    }
    throw missing(at + ".value", "a number");
  }

  private static ProviderException missing(String at, String what) {
    return new ProviderException(Kind.BAD_RESPONSE, "response field " + at + " is missing or not " + what);
  }
}
