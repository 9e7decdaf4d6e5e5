package dev.costmon.movement;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One account in a comparison: its total in each period and how each of its services or resources
 * moved. An account without any stored figure in a period (history that starts later, a month whose
 * collects all failed) is not compared: that side is absent and {@code movements} is empty, so
 * installing costmon mid-month never makes every service "new".
 *
 * @param before the account's spend in the earlier period; empty when it has no figure there
 * @param after the account's spend in the later period; empty when it has no figure there
 * @param movements largest absolute change (in the reporting currency) first
 */
public record AccountMovement(String account, Optional<Spend> before, Optional<Spend> after,
    List<Movement> movements) {

  /** Largest absolute change in the reporting currency first, then by account and dimension. */
  public static final Comparator<Movement> LARGEST_FIRST =
      Comparator.comparing((Movement m) -> m.differenceReporting().amount().abs()).reversed()
          .thenComparing(Movement::account).thenComparing(Movement::dimension);

  public AccountMovement {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    movements = movements.stream().sorted(LARGEST_FIRST).toList();
  }

  /** Whether both periods have figures of this account, so its services could be compared. */
  public boolean compared() {
    return before.isPresent() && after.isPresent();
  }

  /** The account as a whole, as a movement, when both periods have figures. */
  public Optional<Movement> total() {
    return compared() ? Optional.of(new Movement(account, Movement.ACCOUNT, before, after)) : Optional.empty();
  }
}
