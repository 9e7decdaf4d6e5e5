package dev.costmon.provider.hetzner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.model.Money;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The project's {@code GET /pricing}: net or gross prices per server type and location, the primary
 * IPv4 price per location and the backup surcharge. Net is the invoice's amount before tax, gross
 * adds the VAT of the project owner's country (Hetzner sets gross equal to net where no VAT applies,
 * reverse charge); the account chooses, net by default.
 */
final class PriceList {
  static final String WHERE = "/pricing";

  private final Currency currency;
  private final Map<String, Map<String, Rate>> serverTypes;
  private final Map<String, Rate> ipv4;
  private final Optional<BigDecimal> backupPercentage;

  private PriceList(Currency currency, Map<String, Map<String, Rate>> serverTypes, Map<String, Rate> ipv4,
      Optional<BigDecimal> backupPercentage) {
    this.currency = currency;
    this.serverTypes = serverTypes;
    this.ipv4 = ipv4;
    this.backupPercentage = backupPercentage;
  }

  static PriceList from(JsonNode root, HetznerSettings.Prices basis) throws ProviderException {
    JsonNode pricing = Json.object(root, "pricing", "");
    String at = WHERE + ".pricing";
    Currency currency;
    try {
      currency = Money.currency(Json.text(pricing, "currency", at));
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, at + ".currency: " + e.getMessage());
    }
    Map<String, Map<String, Rate>> types = new HashMap<>();
    for (JsonNode type : Json.array(pricing, "server_types", at)) {
      String name = Json.text(type, "name", at + ".server_types");
      types.put(name, rates(type, at + ".server_types[" + name + "]", basis.field()));
    }
    Map<String, Rate> ipv4 = Map.of();
    JsonNode primaryIps = pricing.get("primary_ips");
    if (primaryIps != null && primaryIps.isArray()) {
      for (JsonNode ip : primaryIps) {
        if ("ipv4".equals(ip.path("type").asText())) {
          ipv4 = rates(ip, at + ".primary_ips[ipv4]", basis.field());
        }
      }
    }
    JsonNode backup = pricing.path("server_backup");
    Optional<BigDecimal> percentage = backup.has("percentage")
        ? Optional.of(Json.decimal(backup, "percentage", at + ".server_backup")) : Optional.empty();
    return new PriceList(currency, types, ipv4, percentage);
  }

  private static Map<String, Rate> rates(JsonNode item, String at, String field) throws ProviderException {
    Map<String, Rate> byLocation = new HashMap<>();
    for (JsonNode price : Json.array(item, "prices", at)) {
      String location = Json.text(price, "location", at + ".prices");
      String priceAt = at + ".prices[" + location + "]";
      byLocation.put(location, new Rate(
          Json.decimal(Json.object(price, "price_hourly", priceAt), field, priceAt + ".price_hourly"),
          Json.decimal(Json.object(price, "price_monthly", priceAt), field, priceAt + ".price_monthly")));
    }
    return byLocation;
  }

  Currency currency() {
    return currency;
  }

  /** A type without a price where the server runs (a retired type) is a state, not a fault: UNKNOWN, not zero. */
  Rate server(Server server) throws ProviderException {
    Rate rate = serverTypes.getOrDefault(server.type(), Map.of()).get(server.location());
    if (rate == null) {
      throw new ProviderException(Kind.CONDITION, "no price for server type " + server.type() + " in "
          + server.location() + " (server " + server.name() + "); the estimate would leave it out");
    }
    return rate;
  }

  Rate ipv4(Server server) throws ProviderException {
    Rate rate = ipv4.get(server.location());
    if (rate == null) {
      throw new ProviderException(Kind.CONDITION, "no primary IPv4 price in " + server.location()
          + " (server " + server.name() + "); the estimate would leave it out");
    }
    return rate;
  }

  /** The backup surcharge as a fraction of the server's price (20 % is 0.2). */
  BigDecimal backupShare() throws ProviderException {
    return backupPercentage.orElseThrow(() -> new ProviderException(Kind.BAD_RESPONSE,
        "response field " + WHERE + ".pricing.server_backup.percentage is missing"))
        .movePointLeft(2);
  }
}
