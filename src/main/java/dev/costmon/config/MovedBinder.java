package dev.costmon.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Binds an account's {@code moved: {over: 20 USD, by: 50%}}; every mistake names its file, line and column. */
final class MovedBinder {
  private static final Pattern PERCENT = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*%\\s*");
  private static final String EXAMPLE = "e.g. moved: {over: 20 USD, by: 50%}";

  /** The section as written. */
  record RawMoved(String over, String by) {}

  private MovedBinder() {}

  static Optional<MovedThreshold> bind(ConfigBinding b, JsonNode node, String at, String who, FxRates fx) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      return b.fail(at, who, "moved: is a mapping of an amount and a percentage, " + EXAMPLE);
    }
    String in = who + "moved: ";
    RawMoved raw = b.convert(node, RawMoved.class, at, in);
    if (raw.over() == null) {
      b.fail(at, in, "needs over:, the rise in money a service must exceed, " + EXAMPLE);
    }
    if (raw.by() == null) {
      b.fail(at, in, "needs by:, the rise in percent a service must exceed too, " + EXAMPLE);
    }
    Money over = b.value(at + "/over", in + "over: ", () -> Money.parse(raw.over()));
    if (over.amount().signum() <= 0) {
      b.fail(at + "/over", in, "over: " + raw.over() + " must be above 0: it keeps small rises quiet");
    }
    if (!fx.canConvert(over.currency())) {
      b.fail(at + "/over", in + "over: ", fx.missing(over.currency()));
    }
    Matcher m = PERCENT.matcher(raw.by());
    if (!m.matches()) {
      b.fail(at + "/by", in, "by: '" + raw.by() + "' is not a percentage; write it with %, e.g. by: 50%");
    }
    BigDecimal by = new BigDecimal(m.group(1)).movePointLeft(2);
    if (by.signum() <= 0) {
      b.fail(at + "/by", in, "by: " + raw.by() + " must be above 0%, e.g. by: 50%");
    }
    return Optional.of(new MovedThreshold(over, by));
  }
}
