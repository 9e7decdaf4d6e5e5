package dev.costmon.provider.ovh;

import dev.costmon.config.Secret;
import dev.costmon.provider.ProviderSettings;

/**
 * An OVHcloud account read with a signed API v1 consumer key.
 *
 * @param endpointName {@code ovh-eu} (default), {@code ovh-ca} or {@code ovh-us}; an account's
 *     {@code endpoint:} overrides the base URL it names
 * @param applicationKey the application key (AK), written as it is: OVH treats it as the public
 *     identifier of the application (it travels in the clear in {@code X-Ovh-Application} and is
 *     useless without the secret and the consumer key), so it is not a secret reference
 * @param applicationSecret the application secret (AS), which signs every request and is never sent
 * @param consumerKey the consumer key (CK) whose access rules allow only the GET calls costmon makes
 */
public record OvhSettings(String endpointName, String applicationKey, Secret applicationSecret, Secret consumerKey)
    implements ProviderSettings {

  public OvhSettings {
    endpointName = endpointName == null ? OvhEndpoint.OVH_EU.configName() : endpointName;
    OvhEndpoint.fromConfig(endpointName);
    if (applicationKey == null || applicationKey.isBlank()) {
      throw new IllegalArgumentException("application_key: is required, the application key shown when the"
          + " application was created, e.g. application_key: 7kbG7Bk7S9Nt7ZSV");
    }
    if (applicationKey.strip().startsWith("${") || applicationKey.strip().startsWith("file:")
        || applicationKey.strip().startsWith("credential:")) {
      throw new IllegalArgumentException("application_key is the public application identifier: write its value,"
          + " not a secret reference (application_secret and consumer_key are the secrets)");
    }
    applicationKey = applicationKey.strip();
    if (applicationSecret == null) {
      throw new IllegalArgumentException(
          "application_secret: is required, e.g. application_secret: ${OVH_APPLICATION_SECRET}");
    }
    if (consumerKey == null) {
      throw new IllegalArgumentException("consumer_key: is required, a consumer key with GET-only access rules,"
          + " e.g. consumer_key: ${OVH_CONSUMER_KEY}");
    }
  }

  OvhEndpoint endpoint() {
    return OvhEndpoint.fromConfig(endpointName);
  }
}
