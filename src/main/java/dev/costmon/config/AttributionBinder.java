package dev.costmon.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds {@code attribution:} strictly: unknown keys, malformed patterns (of account, provider,
 * service and provider {@code tags}), label names costmon or Prometheus reserve, and a plain account
 * id or provider name that matches nothing (a typo) are errors at their line and column.
 */
final class AttributionBinder {
  static final int MAX_TOP = 100;

  /** {@code attribution:} as written. */
  record RawAttribution(List<ObjectNode> rules, Integer top) {}

  /** One rule as written. */
  record RawRule(String account, String provider, String service, Map<String, String> tags, Map<String, String> labels) {}

  private AttributionBinder() {}

  static AttributionRules bind(ConfigBinding b, ObjectNode node, List<Account> accounts, Set<String> providers) {
    if (node == null) {
      return AttributionRules.NONE;
    }
    RawAttribution raw = b.convert(node, RawAttribution.class, "/attribution", "attribution: ");
    int top = raw.top() == null ? AttributionRules.DEFAULT_TOP : raw.top();
    if (top < 1 || top > MAX_TOP) {
      b.fail("/attribution/top", "attribution: ", "top must be between 1 and " + MAX_TOP);
    }
    Set<String> ids = new TreeSet<>();
    accounts.forEach(a -> ids.add(a.id()));
    List<AttributionRule> rules = new ArrayList<>();
    List<ObjectNode> list = raw.rules() == null ? List.of() : raw.rules();
    for (int i = 0; i < list.size(); i++) {
      String at = "/attribution/rules/" + i;
      String who = "attribution rule " + (i + 1) + ": ";
      if (list.get(i) == null) {
        b.fail(at, who, "a rule is a mapping such as {service: \"web*\", labels: {team: web}}");
      }
      RawRule rule = b.convert(list.get(i), RawRule.class, at, who);
      Optional<Glob> account = glob(b, rule.account(), at + "/account", who);
      Optional<Glob> provider = glob(b, rule.provider(), at + "/provider", who);
      Optional<Glob> service = glob(b, rule.service(), at + "/service", who);
      account.filter(g -> !g.hasWildcard() && !ids.contains(g.pattern())).ifPresent(g -> b.fail(at + "/account", who,
          "no account '" + g.pattern() + "'" + ConfigLoader.suggestion(g.pattern(), ids)
              + " (accounts: " + String.join(", ", ids) + ")"));
      provider.filter(g -> !g.hasWildcard() && !providers.contains(g.pattern())).ifPresent(g -> b.fail(
          at + "/provider", who, "unknown provider '" + g.pattern() + "'"
              + ConfigLoader.suggestion(g.pattern(), providers)));
      Map<String, Glob> tags = new LinkedHashMap<>();
      if (rule.tags() != null) {
        for (Map.Entry<String, String> tag : rule.tags().entrySet()) {
          String tagAt = at + "/tags/" + tag.getKey();
          if (tag.getKey().isBlank()) {
            b.fail(tagAt, who, "a tag key must not be empty");
          }
          if (tag.getValue() == null) {
            b.fail(tagAt, who, "tag '" + tag.getKey() + "' has no pattern, e.g. tags: {cost-center: \"42*\"}");
          }
          tags.put(tag.getKey(), glob(b, tag.getValue(), tagAt, who).orElseThrow());
        }
      }
      if (rule.labels() == null || rule.labels().isEmpty()) {
        b.fail(at, who, "labels: is required, e.g. labels: {team: web}");
      }
      rule.labels().forEach((k, v) -> {
        if (!ConfigLoader.allowedLabel(k)) {
          b.fail(at + "/labels/" + k, who, "label '" + k + "' is not allowed: use [a-zA-Z_][a-zA-Z0-9_]*, not one of "
              + new TreeSet<>(ConfigLoader.RESERVED_LABELS));
        }
        if (v == null || v.isBlank()) {
          b.fail(at + "/labels/" + k, who, "label '" + k + "' has no value");
        }
      });
      rules.add(new AttributionRule(account, provider, service, tags, rule.labels()));
    }
    return new AttributionRules(rules, top);
  }

  private static Optional<Glob> glob(ConfigBinding b, String text, String at, String who) {
    return text == null ? Optional.empty() : Optional.of(b.value(at, who, () -> Glob.parse(text)));
  }
}
