package dev.costmon.provider.aws;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An AWS account's (or organisation's payer account's) Cost Explorer figures, read with an IAM key
 * allowed only {@code ce:GetCostAndUsage} and {@code ce:GetCostForecast}.
 *
 * @param accessKeyId the key's id; with {@code secret_access_key}, or leave both out for the chain
 * @param secretAccessKey the key's secret; only used to sign, never sent
 * @param sessionToken for temporary credentials (an assumed role), optional
 * @param credentialsFile a shared credentials file (INI) to read {@code profile} from instead of
 *     {@code $AWS_SHARED_CREDENTIALS_FILE} or {@code ~/.aws/credentials}
 * @param profile a profile of the shared files, used alone; without it (and without keys) the AWS
 *     SDK's default chain: environment, web identity, {@code $AWS_PROFILE}, container, instance role
 * @param region the Cost Explorer region, {@code us-east-1} (its only endpoint outside China)
 * @param metric UnblendedCost (default), AmortizedCost, NetUnblendedCost, NetAmortizedCost or BlendedCost
 * @param maxRequests the most Cost Explorer requests one collection makes; each costs 0.01 USD
 */
public record AwsSettings(
    Secret accessKeyId,
    Secret secretAccessKey,
    Secret sessionToken,
    Path credentialsFile,
    String profile,
    String region,
    String metric,
    Integer maxRequests) implements ProviderSettings {

  /** The request metric names and the forecast's names for the same figure. */
  static final Map<String, String> FORECAST_METRICS = Map.of(
      "UnblendedCost", "UNBLENDED_COST",
      "AmortizedCost", "AMORTIZED_COST",
      "NetUnblendedCost", "NET_UNBLENDED_COST",
      "NetAmortizedCost", "NET_AMORTIZED_COST",
      "BlendedCost", "BLENDED_COST");

  static final String DEFAULT_REGION = "us-east-1";
  static final String DEFAULT_METRIC = "UnblendedCost";
  static final int DEFAULT_MAX_REQUESTS = 5;
  /** A runaway bound: 100 requests are a dollar a night. */
  static final int MOST_REQUESTS = 100;

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  public AwsSettings {
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException(
          "access_key_id and secret_access_key: set both (e.g. access_key_id: ${AWS_ACCESS_KEY_ID}) or neither");
    }
    if (sessionToken != null && accessKeyId == null) {
      throw new IllegalArgumentException("session_token: needs access_key_id and secret_access_key");
    }
    if (accessKeyId != null && (credentialsFile != null || profile != null)) {
      throw new IllegalArgumentException(
          "use either access_key_id/secret_access_key or credentials_file/profile, not both");
    }
    if (profile != null && !profile.matches("[A-Za-z0-9_.@+-]+")) {
      throw new IllegalArgumentException("profile: '" + profile + "' is not a profile name");
    }
    region = region == null ? DEFAULT_REGION : region;
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("region: '" + region + "' is not an AWS region like us-east-1");
    }
    metric = metric == null ? DEFAULT_METRIC : metric;
    if (!FORECAST_METRICS.containsKey(metric)) {
      throw new IllegalArgumentException("metric: '" + metric
          + "' is not one of UnblendedCost, AmortizedCost, NetUnblendedCost, NetAmortizedCost, BlendedCost");
    }
    maxRequests = maxRequests == null ? DEFAULT_MAX_REQUESTS : maxRequests;
    if (maxRequests < 1 || maxRequests > MOST_REQUESTS) {
      throw new IllegalArgumentException(
          "max_requests: must be between 1 and " + MOST_REQUESTS + " (each request costs 0.01 USD)");
    }
  }

  /** The metric's name in GetCostForecast. */
  String forecastMetric() {
    return FORECAST_METRICS.get(metric);
  }

  /** The default endpoint of the region: Cost Explorer has one per partition. */
  String defaultEndpoint() {
    return "https://ce." + region + ".amazonaws.com" + (region.startsWith("cn-") ? ".cn" : "") + "/";
  }
}
