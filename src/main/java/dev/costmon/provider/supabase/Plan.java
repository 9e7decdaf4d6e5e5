package dev.costmon.provider.supabase;

import dev.costmon.model.Money;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Supabase's organisation plans as the public catalog lists them ({@code packages/shared-data/plans.ts}
 * and {@code pricing-catalog.ts} in supabase/supabase): monthly fee, compute credits, and the
 * per-project sizes included. Sizes are decimal (500 MB = 500,000,000 bytes), the stricter reading.
 */
enum Plan {
  FREE("0", "0", 500_000_000L, 0L),
  PRO("25", "10", 8_000_000_000L, 8_000_000_000L),
  TEAM("599", "10", 8_000_000_000L, 8_000_000_000L),
  /** Custom contracts: no fee, credits or sizes to assume. */
  ENTERPRISE(null, null, 0L, 0L);

  private final BigDecimal fee;
  private final BigDecimal computeCredits;
  private final long databaseSizeBytes;
  private final long diskBytes;

  Plan(String fee, String computeCredits, long databaseSizeBytes, long diskBytes) {
    this.fee = fee == null ? null : new BigDecimal(fee);
    this.computeCredits = computeCredits == null ? null : new BigDecimal(computeCredits);
    this.databaseSizeBytes = databaseSizeBytes;
    this.diskBytes = diskBytes;
  }

  /** The plan of {@code GET /v1/organizations/{slug}}; empty for one costmon does not know. */
  static Optional<Plan> fromApi(String id) {
    return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
  }

  String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The monthly fee in USD; empty for enterprise. */
  Optional<Money> fee() {
    return Optional.ofNullable(fee).map(f -> new Money(f, SupabaseProvider.USD));
  }

  /** Compute credits per organisation and month, in USD. */
  BigDecimal computeCredits() {
    return computeCredits == null ? BigDecimal.ZERO : computeCredits;
  }

  /** Database size included per project, 0 when the plan sets none costmon knows. */
  long databaseSizeBytes() {
    return databaseSizeBytes;
  }

  /** Disk size included per project, 0 when none (Free limits the database size instead). */
  long diskBytes() {
    return diskBytes;
  }
}
