package dev.costmon.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code attribution:} section: rules that give spend costmon labels ({@code team}, {@code app},
 * {@code env}) from where it was spent, and how many values per label the {@code .prom} file names.
 *
 * @param rules applied in order; for each label the first matching rule that sets it wins
 * @param top values per label exported to Prometheus, by spend, before {@code value="other"}
 */
public record AttributionRules(List<AttributionRule> rules, int top) {
  public static final int DEFAULT_TOP = 10;

  /** No rules: spend takes its account's labels. */
  public static final AttributionRules NONE = new AttributionRules(List.of(), DEFAULT_TOP);

  public AttributionRules {
    rules = List.copyOf(rules);
    if (top < 1) {
      throw new IllegalArgumentException("top must be at least 1, not " + top);
    }
  }

  /**
   * The labels of one line of spend without provider tags: each key from the first matching rule
   * that sets it, then the account's own labels.
   */
  public Map<String, String> labels(Account account, String service) {
    return labels(account, service, Map.of());
  }

  /**
   * The labels of one line of spend: each key from the first matching rule that sets it, then the
   * line's provider tags whose key is a costmon label name ({@link #tagLabels}), then the account's
   * own labels. Keys none of them sets are absent (unattributed); an empty account label or tag
   * counts as unset, as it does in Prometheus.
   */
  public Map<String, String> labels(Account account, String service, Map<String, String> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    for (AttributionRule rule : rules) {
      if (rule.matches(account.id(), account.providerName(), service, tags)) {
        rule.labels().forEach(out::putIfAbsent);
      }
    }
    tagLabels(tags).forEach(out::putIfAbsent);
    account.labels().forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.putIfAbsent(k, v);
      }
    });
    return out;
  }

  /**
   * The provider tags that are costmon labels as they are: those whose key is an allowed label name
   * ({@code team}, not {@code cost-center} or {@code aws:createdBy}, which only rules can use) and
   * whose value is not empty.
   */
  public static Map<String, String> tagLabels(Map<String, String> tags) {
    Map<String, String> out = new LinkedHashMap<>();
    tags.forEach((k, v) -> {
      if (!v.isEmpty() && ConfigLoader.allowedLabel(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** Every label key a rule sets, in the order first written. */
  public List<String> keys() {
    Map<String, Boolean> keys = new LinkedHashMap<>();
    rules.forEach(r -> r.labels().keySet().forEach(k -> keys.put(k, true)));
    return List.copyOf(keys.keySet());
  }
}
