package dev.costmon.provider.hetzner;

import java.math.BigDecimal;
import java.time.Instant;

/** One server's estimated cost in a month: its type's rate, a primary IPv4 and the backup surcharge. */
record ServerCost(Server server, Rate rate, Rate ipv4, BigDecimal backupShare, Instant monthStart) {

  /** From the month's start (or the server's creation) until {@code until}. */
  BigDecimal until(Instant until) {
    Instant start = server.created().isAfter(monthStart) ? server.created() : monthStart;
    BigDecimal base = rate.cost(start, until);
    BigDecimal total = base.add(base.multiply(backupShare));
    return ipv4 == null ? total : total.add(ipv4.cost(start, until));
  }
}
