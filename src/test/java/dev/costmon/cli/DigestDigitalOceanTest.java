package dev.costmon.cli;

import static dev.costmon.provider.ProviderFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.provider.ProviderFixture;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", end to end: a DigitalOcean team collected nightly from a loopback API
 * into a real history file, web-1 running all month and a GPU droplet ml-test running all of Nov 22
 * (25.50 USD); the next morning's digest names it with its cost.
 */
class DigestDigitalOceanTest {
  @TempDir Path dir;
  CliHarness cli;
  final ProviderFixture digitalocean = new ProviderFixture();
  final AtomicReference<String> balance = new AtomicReference<>();
  final AtomicReference<String> invoices = new AtomicReference<>();
  final AtomicReference<String> items = new AtomicReference<>();

  @BeforeEach
  void setUp() {
    digitalocean.route("/v2/customers/my/balance", exchange -> json(balance.get()).handle(exchange));
    digitalocean.route("/v2/customers/my/invoices/preview", exchange -> json(items.get()).handle(exchange));
    digitalocean.route("/v2/customers/my/invoices", exchange -> json(invoices.get()).handle(exchange));
    cli = new CliHarness(dir);
    cli.env.put("DIGITALOCEAN_TOKEN", "dop_v1_TESTdigest0123456789");
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        accounts:
          - id: do
            provider: digitalocean
            endpoint: %s
            token: ${DIGITALOCEAN_TOKEN}
            cap: 150 USD
        """.formatted(digitalocean.base()));
  }

  @AfterEach
  void tearDown() {
    digitalocean.close();
  }

  /** One night's collect: the month's preview, updated at {@code updated}, with these items. */
  private void night(String at, String updated, String total, String... lines) {
    cli.at(at);
    balance.set("{\"month_to_date_balance\": \"0\", \"account_balance\": \"0\", \"month_to_date_usage\": \""
        + total + "\", \"generated_at\": \"" + updated + "\"}");
    invoices.set("{\"invoices\": [], \"invoice_preview\": {\"invoice_uuid\": \"p\", \"amount\": \"" + total
        + "\", \"invoice_period\": \"2026-11\", \"updated_at\": \"" + updated + "\"}, \"links\": {}, \"meta\":"
        + " {\"total\": 1}}");
    items.set("{\"invoice_items\": [" + String.join(",", lines) + "], \"links\": {}, \"meta\": {\"total\": "
        + lines.length + "}}");
    CliHarness.Result collect = cli.run("collect");
    assertThat(collect.exitCode()).as(collect.err()).isZero();
  }

  private static String droplet(String description, String amount, String start, String end) {
    return "{\"product\": \"Droplets\", \"description\": \"" + description + "\", \"amount\": \"" + amount
        + "\", \"duration_unit\": \"Hours\", \"start_time\": \"" + start + "\", \"end_time\": \"" + end + "\"}";
  }

  @Test
  void theNextMorningsDigestSaysWhichDropletCostWhat() {
    night("2026-11-22T07:00:00Z", "2026-11-22T06:00:00Z", "18.21",
        droplet("web-1 (s-2vcpu-4gb)", "18.21", "2026-11-01T00:00:00Z", "2026-11-22T06:00:00Z"));
    night("2026-11-23T07:00:00Z", "2026-11-23T06:00:00Z", "44.57",
        droplet("web-1 (s-2vcpu-4gb)", "19.07", "2026-11-01T00:00:00Z", "2026-11-23T06:00:00Z"),
        droplet("ml-test (gpu-h100x1-80gb)", "25.50", "2026-11-22T00:00:00Z", "2026-11-23T00:00:00Z"));

    cli.at("2026-11-23T07:30:00Z");
    CliHarness.Result digest = cli.run("digest");

    assertThat(digest.exitCode()).as(digest.err()).isZero();
    assertThat(digest.out()).contains("""
        Top movers (against the median day of 15-21 Nov 2026)
          do: Droplets / ml-test +25.50 USD (new)
              none -> 25.50 USD
        """).contains("""
        New resources
          do: Droplets / ml-test 25.50 USD (estimate, since 2026-11-22)
        """);
  }
}
