package dev.costmon.cli;

import static dev.costmon.provider.ProviderFixture.json;

import dev.costmon.provider.ProviderFixture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A DigitalOcean team collected night after night through the real command line: a loopback API in
 * the provider's documented shape (balance, invoice preview with its items, closed invoices and
 * their items) and a config with one account {@code do} (cap 150 USD) pointing at it.
 */
final class DigitalOceanNights implements AutoCloseable {
  final ProviderFixture api = new ProviderFixture();
  final CliHarness cli;
  private final AtomicReference<String> balance = new AtomicReference<>();
  private final AtomicReference<String> invoices = new AtomicReference<>();
  private final AtomicReference<String> items = new AtomicReference<>();
  /** The items of a closed invoice, {@code /v2/customers/my/invoices/{uuid}}. */
  final AtomicReference<String> invoiceItems = new AtomicReference<>("{\"invoice_items\": [], \"links\": {}}");

  DigitalOceanNights(CliHarness cli, String token) {
    this.cli = cli;
    api.route("/v2/customers/my/balance", exchange -> json(balance.get()).handle(exchange));
    api.route("/v2/customers/my/invoices/preview", exchange -> json(items.get()).handle(exchange));
    api.route("/v2/customers/my/invoices", exchange -> json(invoices.get()).handle(exchange));
    api.route("/v2/customers/my/invoices/", exchange -> json(invoiceItems.get()).handle(exchange));
    cli.env.put("DIGITALOCEAN_TOKEN", token);
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        accounts:
          - id: do
            provider: digitalocean
            endpoint: %s
            token: ${DIGITALOCEAN_TOKEN}
            cap: 150 USD
        """.formatted(api.base()));
  }

  /**
   * One night's collect at {@code at}: the preview of {@code period} updated at {@code updated} with
   * these items, and these closed invoices.
   */
  void night(String at, String period, String updated, String total, String closedInvoices, String... lines) {
    cli.at(at);
    balance.set("{\"month_to_date_balance\": \"0\", \"account_balance\": \"0\", \"month_to_date_usage\": \""
        + total + "\", \"generated_at\": \"" + updated + "\"}");
    invoices.set("{\"invoices\": [" + closedInvoices + "], \"invoice_preview\": {\"invoice_uuid\": \"p\", \"amount\": \""
        + total + "\", \"invoice_period\": \"" + period + "\", \"updated_at\": \"" + updated
        + "\"}, \"links\": {}, \"meta\": {\"total\": 1}}");
    items.set("{\"invoice_items\": [" + String.join(",", lines) + "], \"links\": {}, \"meta\": {\"total\": "
        + lines.length + "}}");
    cli.ok("collect");
  }

  static String droplet(String description, String amount, String start, String end) {
    return "{\"product\": \"Droplets\", \"description\": \"" + description + "\", \"amount\": \"" + amount
        + "\", \"duration_unit\": \"Hours\", \"start_time\": \"" + start + "\", \"end_time\": \"" + end + "\"}";
  }

  @Override
  public void close() {
    api.close();
  }
}
