package dev.costmon.budget;

import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.model.Tags;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Month-to-date spend of one service (model, line item, product) of an account.
 *
 * @param parts the service's spend by provider tags, adding up exactly to {@code amount}: one part
 *     without tags unless the provider tagged its figures. Attribution labels each part on its own;
 *     reports by service show the service whole.
 */
public record ServiceSpend(String service, Money amount, Provenance provenance, List<Part> parts) {

  /** The spend of a service that carries one set of provider tags. */
  public record Part(Map<String, String> tags, Money amount) {
    public Part {
      tags = Tags.copy(tags);
      Objects.requireNonNull(amount, "amount");
    }

    /** This part with another part's amount (of the same tags) added. */
    public Part plus(Part other) {
      return new Part(tags, amount.plus(other.amount()));
    }
  }

  public ServiceSpend {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(amount, "amount");
    parts = parts.isEmpty() ? List.of(new Part(Map.of(), amount)) : List.copyOf(parts);
    Money sum = Money.zero(amount.currency());
    for (Part part : parts) {
      sum = sum.plus(part.amount());
    }
    if (sum.amount().compareTo(amount.amount()) != 0) {
      throw new IllegalArgumentException("the parts of " + service + " add up to " + sum.amount().toPlainString()
          + ", not " + amount.amount().toPlainString());
    }
  }

  /** A service without tags: one part. */
  public ServiceSpend(String service, Money amount, Provenance provenance) {
    this(service, amount, provenance, List.of());
  }
}
