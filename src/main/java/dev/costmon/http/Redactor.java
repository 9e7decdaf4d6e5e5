package dev.costmon.http;

import dev.costmon.config.Secret;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Removes the secrets of one request from everything printed or archived about it: every occurrence
 * of a secret value (also URL-encoded) becomes {@code ***}, and credential-like query parameters
 * are masked in URLs.
 */
public final class Redactor {
  public static final String MASK = "***";

  /**
   * Query parameter names (lower case, {@code -} read as {@code _}) whose values are credentials.
   */
  private static final List<String> CREDENTIAL_SUFFIXES =
      List.of(
          "key",
          "token",
          "secret",
          "signature",
          "password",
          "passwd",
          "apikey",
          "credential",
          "credentials",
          "sig",
          "auth",
          "authorization",
          "session",
          "jwt",
          "assertion");

  /**
   * Pagination cursors end in "token" too, but are not credentials and are useful in the archive.
   */
  private static final Set<String> NOT_CREDENTIALS =
      Set.of(
          "page_token",
          "pagetoken",
          "next_page_token",
          "nextpagetoken",
          "next_token",
          "nexttoken",
          "continuation_token",
          "continuationtoken",
          "sync_token",
          "synctoken");

  private static final Redactor NONE = new Redactor(List.of());

  /** Longest first, so a secret containing another is replaced whole. */
  private final List<String> needles;

  private Redactor(List<String> needles) {
    this.needles = needles;
  }

  /** A redactor for the given secrets. */
  public static Redactor of(Collection<Secret> secrets) {
    Set<String> needles = new LinkedHashSet<>();
    for (Secret secret : secrets) {
      String value = secret.reveal();
      needles.add(value);
      // Servers echo what they received, and query strings or error pages may hold the encoded
      // form.
      String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
      needles.add(form);
      needles.add(form.replace("+", "%20"));
      needles.add(value.replace("/", "\\/"));
    }
    List<String> sorted = new ArrayList<>(needles);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    return new Redactor(List.copyOf(sorted));
  }

  /** A redactor without secrets: it still masks credential-like query parameters. */
  public static Redactor none() {
    return NONE;
  }

  /** The text with every secret replaced by {@code ***}. */
  public String text(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String needle : needles) {
      result = result.replace(needle, MASK);
    }
    return result;
  }

  /** The bytes with every secret (as UTF-8) replaced by {@code ***}; a new array. */
  public byte[] bytes(byte[] data) {
    byte[] result = data;
    for (String needle : needles) {
      result = replace(result, needle.getBytes(StandardCharsets.UTF_8));
    }
    return result == data ? data.clone() : result;
  }

  /** The URL as it may be printed: credentials masked, secrets removed, fragment dropped. */
  public String url(URI uri) {
    return text(maskCredentials(uri));
  }

  /** {@code host[:port]/path} for error messages, without the query string. */
  public String where(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String host = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    return text(host + path);
  }

  /** The URL with user info and credential-like query parameter values replaced by {@code ***}. */
  public static String maskCredentials(URI uri) {
    StringBuilder out = new StringBuilder();
    if (uri.getScheme() != null) {
      out.append(uri.getScheme()).append(':');
    }
    if (uri.getRawAuthority() != null) {
      out.append("//");
      if (uri.getRawUserInfo() != null) {
        out.append(MASK).append('@');
      }
      out.append(uri.getHost() != null ? uri.getHost() : uri.getRawAuthority());
      if (uri.getHost() != null && uri.getPort() != -1) {
        out.append(':').append(uri.getPort());
      }
    }
    if (uri.getRawPath() != null) {
      out.append(uri.getRawPath());
    }
    String query = uri.getRawQuery();
    if (query != null) {
      out.append('?');
      String separator = "";
      for (String pair : query.split("&", -1)) {
        out.append(separator);
        separator = "&";
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (eq >= 0 && isCredentialName(decode(name))) {
          out.append(name).append('=').append(MASK);
        } else {
          out.append(pair);
        }
      }
    }
    return out.toString();
  }

  /**
   * Whether a query parameter of this name holds a credential: api_key, access_token,
   * X-Amz-Signature...
   */
  public static boolean isCredentialName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('-', '_');
    if (n.endsWith("[]")) {
      n = n.substring(0, n.length() - 2);
    }
    if (NOT_CREDENTIALS.contains(n)) {
      return false;
    }
    for (String suffix : CREDENTIAL_SUFFIXES) {
      if (n.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "Redactor[" + needles.size() + " needles]";
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static byte[] replace(byte[] data, byte[] needle) {
    int first = indexOf(data, needle, 0);
    if (first < 0) {
      return data;
    }
    byte[] mask = MASK.getBytes(StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length);
    int from = 0;
    for (int at = first; at >= 0; at = indexOf(data, needle, from)) {
      out.write(data, from, at - from);
      out.write(mask, 0, mask.length);
      from = at + needle.length;
    }
    out.write(data, from, data.length - from);
    return out.toByteArray();
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
