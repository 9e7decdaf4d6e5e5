package dev.costmon.cli;

import static dev.costmon.provider.ProviderFixture.json;
import static dev.costmon.provider.ProviderFixture.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.provider.ProviderFixture;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Wasabi account with the buckets "backups" and "media" through the real command line and a
 * loopback Stats API: the storage charge per bucket in {@code report --by bucket} and the .prom
 * file, adding up to the account's estimate, and each usage metric shown once, not again per bucket.
 */
class WasabiBucketsCliTest {
  private static final Pattern PAGE = Pattern.compile("pageNum=(\\d+)");

  @TempDir Path dir;
  CliHarness cli;
  final ProviderFixture wasabi = new ProviderFixture();

  @BeforeEach
  void setUp() {
    wasabi.route("/v1/standalone/utilizations/bucket", json(resource("provider/wasabi/buckets_2026-11.json")));
    wasabi.route("/v1/standalone/utilizations", exchange -> {
      Matcher m = PAGE.matcher(exchange.getRequestURI().getRawQuery());
      String page = m.find() ? m.group(1) : "0";
      ProviderFixture.send(exchange, 200, "application/json",
          resource("provider/wasabi/account_2026-11_page" + page + ".json"));
    });
    cli = new CliHarness(dir);
    cli.env.put("WASABI_ACCESS_KEY", "WASABIACCESSKEY7Q2W3E");
    cli.env.put("WASABI_SECRET_KEY", "wS3cr3t/Key+With=Chars9xZ");
    cli.config("""
          - id: wasabi
            provider: wasabi
            endpoint: %s
            access_key: ${WASABI_ACCESS_KEY}
            secret_key: ${WASABI_SECRET_KEY}
        """.formatted(wasabi.base()));
  }

  @AfterEach
  void tearDown() {
    wasabi.close();
  }

  @Test
  void theStorageChargePerBucketAddsUpToTheAccountAndNoUsageRowRepeatsTheTotals() throws Exception {
    cli.ok("collect");

    CliHarness.Result byBucket = cli.ok("report", "--by", "bucket", "--format", "json");
    // Each bucket's bytes at 6.99 USD per TiB and 30 days, Nov 1-21; 6.524 USD for the account.
    assertThat(byBucket.spendByGroup()).containsOnlyKeys("backups", "media");
    assertThat(new BigDecimal(byBucket.spendByGroup().get("backups"))).isEqualByComparingTo("5.3007499811");
    assertThat(new BigDecimal(byBucket.spendByGroup().get("media"))).isEqualByComparingTo("1.2232500189");

    assertThat(cli.ok("report").out()).doesNotContain("bucket_")
        .containsOnlyOnce("padded_storage").containsOnlyOnce(" objects ");
    assertThat(Files.readString(dir.resolve("prom/costmon.prom")))
        .contains("costmon_attributed_spend_month_to_date{currency=\"USD\",label=\"bucket\",value=\"backups\"} 5.3007499811")
        .contains("costmon_spend_month_to_date{account=\"wasabi\",currency=\"USD\",provider=\"wasabi\"} 6.524")
        .doesNotContain("bucket_");
  }
}
