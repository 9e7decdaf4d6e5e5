package dev.costmon.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What a failed connection did, in the operator's words ("connection refused", "host name not
 * found"), never the JDK's exception class: {@code ConnectException} with no message says nothing
 * to the person reading a cron mail.
 */
final class TransportFailure {
  private static final Pattern CUT_SHORT = Pattern.compile("fixed content-length: (\\d+), bytes received: (\\d+)");

  private TransportFailure() {}

  static String describe(IOException e, Redactor redactor) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "host name not found (DNS)";
      }
      if (t instanceof NoRouteToHostException) {
        return "no route to host";
      }
      if (t instanceof SSLHandshakeException) {
        return "TLS handshake failed" + tls(t.getMessage(), redactor);
      }
      if (t instanceof SSLException) {
        return "TLS error" + tls(t.getMessage(), redactor);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (message.contains("Connection reset")) {
        return "connection reset by the server";
      }
      if (message.contains("header parser received no bytes")) {
        return "the server closed the connection without answering";
      }
      Matcher cut = CUT_SHORT.matcher(message);
      if (cut.find()) {
        return "the answer was cut short (" + cut.group(2) + " of " + cut.group(1) + " bytes received)";
      }
      if (t instanceof EOFException) {
        return "the connection closed in the middle of the answer";
      }
    }
    if (e instanceof ConnectException) {
      // The JDK's HttpClient gives "connection refused" as a ConnectException without a message.
      String own = e.getMessage();
      return own == null || own.isBlank() ? "connection refused" : lower(Texts.excerpt(own, redactor));
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? "the connection failed" : lower(Texts.excerpt(message, redactor));
  }

  private static String tls(String message, Redactor redactor) {
    if (message == null || message.isBlank()) {
      return "";
    }
    if (message.contains("PKIX path") || message.contains("unable to find valid certification path")) {
      return ": the server's certificate is not trusted";
    }
    if (message.contains("subject alternative") || message.contains("No name matching")) {
      return ": the server's certificate is for another name";
    }
    return ": " + Texts.excerpt(message, redactor);
  }

  private static String lower(String text) {
    return text.isEmpty() ? text : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }
}
