package dev.costmon.budget;

import dev.costmon.model.Money;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The one rule that keeps a breakdown of spend bounded wherever it is split by a name (service,
 * model, bucket, label value): the {@code top} names with the most spend, then the names kept apart
 * (each its own entry, such as {@code unattributed}), then one {@link #OTHER} with the rest. At most
 * top + kept-apart + 1 entries, adding up exactly to the total; a name literally called "other"
 * joins the rest rather than making a second entry of that name.
 */
public final class TopN {
  /** The entry that sums every name beyond the top N. */
  public static final String OTHER = "other";

  private TopN() {}

  /**
   * @param amounts spend per name, in any order
   * @param apart names never counted among the top nor folded into the rest
   * @return the entries in order: largest first (ties by name), the kept-apart ones, then {@code other}
   */
  public static Map<String, Money> of(Map<String, Money> amounts, int top, Set<String> apart) {
    if (top < 1) {
      throw new IllegalArgumentException("top must be at least 1, not " + top);
    }
    Map<String, Money> out = new LinkedHashMap<>();
    Map<String, Money> keptApart = new LinkedHashMap<>();
    Money rest = null;
    int shown = 0;
    for (Map.Entry<String, Money> e : amounts.entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, Money> x) -> x.getValue().amount()).reversed()
            .thenComparing(Map.Entry::getKey))
        .toList()) {
      if (apart.contains(e.getKey())) {
        keptApart.put(e.getKey(), e.getValue());
      } else if (shown < top && !e.getKey().equals(OTHER)) {
        out.put(e.getKey(), e.getValue());
        shown++;
      } else {
        rest = rest == null ? e.getValue() : rest.plus(e.getValue());
      }
    }
    out.putAll(keptApart);
    if (rest != null) {
      out.put(OTHER, rest);
    }
    return out;
  }
}
