package dev.costmon.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code attribution:} rule: spend of a matching account, provider, service and provider tags
 * gets these labels. A missing pattern matches anything, so a rule without any is a default for
 * every line.
 *
 * @param service matched against the service name {@code report --by service} shows: the provider's
 *     dimension ({@code web app / gpt-4o}), {@code (account)} for spend not split by service, or
 *     {@code METRIC (estimate)} for usage priced by {@code rates:}
 * @param tags provider tag key to the pattern its value must match; a line without the tag does not
 *     match
 * @param labels label key to value, in the order written
 */
public record AttributionRule(
    Optional<Glob> account,
    Optional<Glob> provider,
    Optional<Glob> service,
    Map<String, Glob> tags,
    Map<String, String> labels) {

  public AttributionRule {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(service, "service");
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("an attribution rule must set at least one label");
    }
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** A rule that looks at no provider tags. */
  public AttributionRule(
      Optional<Glob> account, Optional<Glob> provider, Optional<Glob> service, Map<String, String> labels) {
    this(account, provider, service, Map.of(), labels);
  }

  public boolean matches(String accountId, String providerName, String serviceName) {
    return matches(accountId, providerName, serviceName, Map.of());
  }

  /** Whether every pattern of the rule matches; {@code lineTags} are the line's provider tags. */
  public boolean matches(String accountId, String providerName, String serviceName, Map<String, String> lineTags) {
    if (!(account.map(g -> g.matches(accountId)).orElse(true)
        && provider.map(g -> g.matches(providerName)).orElse(true)
        && service.map(g -> g.matches(serviceName)).orElse(true))) {
      return false;
    }
    for (Map.Entry<String, Glob> tag : tags.entrySet()) {
      String value = lineTags.get(tag.getKey());
      if (value == null || !tag.getValue().matches(value)) {
        return false;
      }
    }
    return true;
  }
}
