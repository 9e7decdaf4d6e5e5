package dev.costmon.cli;

import static dev.costmon.cli.DigitalOceanNights.droplet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DigitalOcean team over several nights through the real command line, a loopback API and a real
 * history file: web-1 (24 USD a month) runs all along, ml-test (96 USD a month) appears on Nov 22 at
 * 10:00 and shows the next morning per resource and per day; once November is invoiced, its total is
 * the invoice's, per resource as billed, with none of the daily estimates stored while it was open
 * added to it.
 */
class DigitalOceanResourcesCliTest {
  private static final String TOKEN = "dop_v1_TESTresourcesSECRET0123456789abcdef";

  @TempDir Path dir;
  CliHarness cli;
  DigitalOceanNights digitalocean;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    digitalocean = new DigitalOceanNights(cli, TOKEN);
  }

  @AfterEach
  void tearDown() {
    digitalocean.close();
  }

  private JsonNode account(String... args) throws Exception {
    return new ObjectMapper().readTree(cli.ok(args).out()).get("accounts").get(0);
  }

  private static Map<String, String> services(JsonNode account) {
    Map<String, String> out = new LinkedHashMap<>();
    account.get("services").forEach(s -> out.put(s.get("service").asText(),
        new BigDecimal(s.get("spend").get("amount").asText()).stripTrailingZeros().toPlainString()));
    return out;
  }

  @Test
  void aDropletStartedYesterdayShowsThisMorningPerResourceAndTheInvoiceAloneStandsForTheClosedMonth()
      throws Exception {
    // Nov 22, 07:00: web-1 has run 510 hours (18.21 USD).
    digitalocean.night("2026-11-22T07:00:00Z", "2026-11", "2026-11-22T06:00:00Z", "18.21", "",
        droplet("web-1 (s-2vcpu-4gb)", "18.21", "2026-11-01T00:00:00Z", "2026-11-22T06:00:00Z"));
    // Nov 23, 07:00: 534 hours of web-1 (19.07 USD) and, new, 20 hours of ml-test (2.86 USD).
    digitalocean.night("2026-11-23T07:00:00Z", "2026-11", "2026-11-23T06:00:00Z", "21.93", "",
        droplet("web-1 (s-2vcpu-4gb)", "19.07", "2026-11-01T00:00:00Z", "2026-11-23T06:00:00Z"),
        droplet("ml-test (s-8vcpu-16gb)", "2.86", "2026-11-22T10:00:00Z", "2026-11-23T06:00:00Z"));

    JsonNode november = account("report", "--by", "service", "--format", "json");
    assertThat(services(november)).containsExactly(
        Map.entry("Droplets / web-1", "19.07"), Map.entry("Droplets / ml-test", "2.86"));
    assertThat(new BigDecimal(november.get("spend").get("amount").asText())).isEqualByComparingTo("21.93");
    CliHarness.Result byResource = cli.ok("report", "--by", "resource", "--format", "json");
    Map<String, String> groups = new LinkedHashMap<>();
    byResource.spendByGroup().forEach((k, v) -> groups.put(k, new BigDecimal(v).stripTrailingZeros().toPlainString()));
    assertThat(groups).isEqualTo(Map.of("Droplets / web-1", "19.07", "Droplets / ml-test", "2.86"));

    // Per day: ml-test has figures from the day it appeared on, none before.
    CliHarness.Result csv = cli.ok("export", "--format", "csv", "--from", "2026-11-21", "--to", "2026-11-23");
    assertThat(csv.out().lines().filter(l -> l.contains("Droplets / ml-test")))
        .extracting(l -> l.substring(0, 10)).containsExactly("2026-11-22", "2026-11-23");
    assertThat(csv.out().lines().filter(l -> l.contains("Droplets / web-1"))).hasSize(3)
        .allMatch(l -> l.contains(",estimate,"));

    // Dec 2, 07:00: November is invoiced (50.00 USD: web-1 24.00, ml-test 25.50, 0.50 tax);
    // December's preview has 30 hours of web-1.
    digitalocean.invoiceItems.set("{\"invoice_items\": [" + droplet("web-1 (s-2vcpu-4gb)", "24.00", "2026-11-01T00:00:00Z",
        "2026-12-01T00:00:00Z") + "," + droplet("ml-test (s-8vcpu-16gb)", "25.50", "2026-11-22T10:00:00Z",
        "2026-12-01T00:00:00Z") + "], \"links\": {}}");
    digitalocean.night("2026-12-02T07:00:00Z", "2026-12", "2026-12-02T06:00:00Z", "1.07",
        "{\"invoice_uuid\": \"u\", \"amount\": \"50.00\", \"invoice_period\": \"2026-11\"}",
        droplet("web-1 (s-2vcpu-4gb)", "1.07", "2026-12-01T00:00:00Z", "2026-12-02T06:00:00Z"));

    JsonNode closed = account("report", "--month", "2026-11", "--by", "service", "--format", "json");
    assertThat(new BigDecimal(closed.get("spend").get("amount").asText())).isEqualByComparingTo("50.00");
    assertThat(services(closed)).containsExactly(Map.entry("Droplets / ml-test", "25.5"),
        Map.entry("Droplets / web-1", "24"), Map.entry("adjustments", "0.5"));
    // Billed figures now, where the open month had estimates.
    closed.get("services").forEach(s -> assertThat(s.get("spend").get("provenance").toString()).isEqualTo("[\"invoice\"]"));
    JsonNode december = account("report", "--by", "service", "--format", "json");
    assertThat(services(december)).containsExactly(Map.entry("Droplets / web-1", "1.07"));
  }
}
