package dev.costmon.budget;

import dev.costmon.model.Money;
import dev.costmon.model.Provenance;

/** Month-to-date spend of one service (model, line item, product) of an account. */
public record ServiceSpend(String service, Money amount, Provenance provenance) {}
