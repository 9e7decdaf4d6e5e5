package dev.costmon.provider.supabase;

import java.math.BigDecimal;

/**
 * One add-on selected on a project, from {@code GET /v1/projects/{ref}/billing/addons}.
 *
 * @param type the add-on type, e.g. {@code compute_instance}, {@code pitr}, {@code ipv4}
 * @param variant the variant id, e.g. {@code ci_micro}
 * @param amount the price in USD per {@code interval}
 * @param hourly true for a price per hour, false for a price per month
 */
record Addon(String type, String variant, BigDecimal amount, boolean hourly) {

  /** Compute is what the plan's compute credits pay for. */
  boolean isCompute() {
    return type.equals("compute_instance");
  }
}
