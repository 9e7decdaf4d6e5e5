package dev.costmon.provider.ovh;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The OVHcloud API regions, with the base URLs python-ovh uses ({@code ENDPOINTS}). */
enum OvhEndpoint {
  OVH_EU("ovh-eu", "https://eu.api.ovh.com/1.0"),
  OVH_CA("ovh-ca", "https://ca.api.ovh.com/1.0"),
  OVH_US("ovh-us", "https://api.us.ovhcloud.com/1.0");

  private final String configName;
  private final String baseUrl;

  OvhEndpoint(String configName, String baseUrl) {
    this.configName = configName;
    this.baseUrl = baseUrl;
  }

  String configName() {
    return configName;
  }

  String baseUrl() {
    return baseUrl;
  }

  static OvhEndpoint fromConfig(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (OvhEndpoint e : values()) {
      if (e.configName.equals(wanted)) {
        return e;
      }
    }
    throw new IllegalArgumentException("endpoint_name '" + name + "' is not one of "
        + Arrays.stream(values()).map(OvhEndpoint::configName).collect(Collectors.joining(", ")));
  }
}
