package dev.costmon.provider.gcp;

import dev.costmon.config.Account;
import dev.costmon.config.Secret;
import dev.costmon.model.Observation;
import dev.costmon.provider.Backfill;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code provider: gcp}: Google Cloud spend per day and service (per SKU for Vertex AI) from the
 * Cloud Billing export to BigQuery, read with a service account's read-only BigQuery token. The
 * Budget API is no source: it returns the budget, never the spend.
 */
public final class GcpProvider implements ProviderType<GcpSettings> {

  @Override
  public String name() {
    return "gcp";
  }

  @Override
  public ZoneId billingZone(ZoneId configured) {
    return BillingExport.BILLING_ZONE;
  }

  @Override
  public Class<GcpSettings> settingsType() {
    return GcpSettings.class;
  }

  /** The billing export's costs only: no usage metric, so any rates: entry is a mistake. */
  @Override
  public Optional<Set<String>> usageMetrics(GcpSettings settings) {
    return Optional.of(Set.of());
  }

  /** Whatever the billing export holds: a token and one query per window. */
  @Override
  public Backfill backfill(GcpSettings settings) {
    return Backfill.anyPast(2);
  }

  /**
   * The export is loaded a few times a day, hours behind usage, and can stop: the account is only
   * as fresh as the newest day it answered for.
   */
  @Override
  public boolean judgesFreshnessByData() {
    return true;
  }

  @Override
  public List<Observation> collect(
      Account account, GcpSettings settings, CollectWindow window, ProviderContext context)
      throws ProviderException {
    BigQueryApi api = new BigQueryApi(settings, token(settings, context), context);
    BigQueryApi.Result result = api.query(
        BillingExport.sql(settings), BillingExport.parameters(settings, window), requestId(account, settings, window));
    return BillingExport.observations(result, window, settings.table(), context.log());
  }

  /** A token exchange and a dry run of the collect query: the key, the roles and the table, for free. */
  @Override
  public Optional<String> probe(Account account, GcpSettings settings, ProviderContext context)
      throws ProviderException {
    BigQueryApi api = new BigQueryApi(settings, token(settings, context), context);
    CollectWindow window = CollectWindow.of(context.clock().instant(), BillingExport.BILLING_ZONE, 0);
    long bytes = api.dryRun(BillingExport.sql(settings), BillingExport.parameters(settings, window));
    return Optional.of("token for " + ServiceAccountKey.parse(settings.serviceAccountKey()).clientEmail()
        + "; the month's query on " + settings.table() + " would process " + bytes + " bytes");
  }

  private static Secret token(GcpSettings settings, ProviderContext context) throws ProviderException {
    if (context.http().answersFromArchive()) {
      // costmon reprocess: the token answer is a credential and never archived, and the archived
      // BigQuery answers are found by method and URL, so no token is needed to replay them.
      return TokenExchange.REPLAY_TOKEN;
    }
    ServiceAccountKey key = ServiceAccountKey.parse(settings.serviceAccountKey());
    URI tokenUri = settings.tokenUri() != null ? settings.tokenUri() : key.tokenUri();
    return TokenExchange.accessToken(key, tokenUri, context);
  }

  /**
   * The same for the retries of one collection and different for every other, so BigQuery can
   * answer a retried jobs.query with the job it already started.
   */
  private static String requestId(Account account, GcpSettings settings, CollectWindow window) {
    String seed = account.id() + "|" + settings.table() + "|" + window.now() + "|" + window.from() + "|" + window.to();
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
