package dev.costmon.provider.cloudflare;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;
import java.util.regex.Pattern;

/**
 * {@code provider: cloudflare}: one Cloudflare account, read with an API token.
 *
 * @param token an API token with Account / Billing: Read and Account / Account Analytics: Read
 * @param accountId the 32-character account ID from the dashboard URL or the account's overview
 * @param workersPlan {@code free} (default) or {@code paid}; decides the default Workers quota
 * @param r2 whether to collect R2 storage and operations (default true)
 */
public record CloudflareSettings(Secret token, String accountId, WorkersPlan workersPlan, Boolean r2)
    implements ProviderSettings {

  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9a-fA-F]{32}");

  public CloudflareSettings {
    if (token == null) {
      throw new IllegalArgumentException(
          "token: is required, e.g. token: ${CLOUDFLARE_TOKEN} (Billing: Read + Account Analytics: Read)");
    }
    if (accountId == null || accountId.isBlank()) {
      throw new IllegalArgumentException("account_id: is required (the 32-character Cloudflare account ID)");
    }
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      throw new IllegalArgumentException(
          "account_id '" + accountId + "' is not a Cloudflare account ID (32 hexadecimal characters)");
    }
    workersPlan = workersPlan == null ? WorkersPlan.FREE : workersPlan;
    r2 = r2 == null ? Boolean.TRUE : r2;
  }

  /** Whether R2 is collected. */
  boolean collectsR2() {
    return r2;
  }
}
