package dev.costmon.http;

import java.util.Locale;
import java.util.Set;

/** Checks on header names: a typo here would otherwise surface as an obscure HttpClient error. */
final class Headers {
  /**
   * Set by the engine or the JDK; a provider overriding them would break gunzip or the request
   * framing.
   */
  private static final Set<String> RESERVED =
      Set.of(
          "accept-encoding",
          "user-agent",
          "content-length",
          "host",
          "connection",
          "expect",
          "upgrade");

  private Headers() {}

  static void checkName(String name) {
    if (name == null || name.isEmpty() || !name.chars().allMatch(Headers::isTokenChar)) {
      throw new IllegalArgumentException("invalid header name: " + name);
    }
    if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("header " + name + " is set by the engine");
    }
  }

  static void checkValue(String name, String value) {
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header " + name + " contains a line break");
    }
  }

  private static boolean isTokenChar(int c) {
    return c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
  }
}
