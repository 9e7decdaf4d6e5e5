package dev.costmon.provider.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.ExactJson;
import dev.costmon.http.Redactor;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * An error answer of the AWS JSON 1.1 protocol: HTTP 400 or 403 with {@code __type} (or the {@code
 * x-amzn-ErrorType} header) naming it and a {@code message}. The type is what tells a missing
 * permission from a bad signature from throttling, since all of them may come as 400.
 *
 * @param type the bare error name, e.g. {@code AccessDeniedException}; empty when AWS named none
 * @param message the first line of AWS's message, redacted and shortened
 */
record AwsError(int status, String type, String message) {
  private static final int MESSAGE_CHARS = 160;

  private static final Set<String> AUTH = Set.of(
      "UnrecognizedClientException", "InvalidSignatureException", "InvalidClientTokenId",
      "SignatureDoesNotMatch", "IncompleteSignature", "IncompleteSignatureException",
      "MissingAuthenticationToken", "MissingAuthenticationTokenException", "ExpiredTokenException",
      "ExpiredToken", "InvalidAccessKeyId");
  private static final Set<String> RATE_LIMITED = Set.of(
      "LimitExceededException", "ThrottlingException", "Throttling", "TooManyRequestsException",
      "RequestLimitExceeded");

  /**
   * AWS's throttling answers, which come as HTTP 400 and are worth another attempt after a pause:
   * the generic {@code ThrottlingException}/{@code Throttling} and Cost Explorer's own name for "too
   * many calls in a short period", {@code LimitExceededException}.
   */
  private static final Set<String> THROTTLING =
      Set.of("ThrottlingException", "Throttling", "LimitExceededException");

  static AwsError of(ApiResponse response, Redactor redactor) {
    String type = response.header("x-amzn-ErrorType").orElse("");
    String message = "";
    try {
      JsonNode body = ExactJson.parse(response.body());
      if (body.hasNonNull("__type")) {
        type = body.get("__type").asText();
      }
      JsonNode text = body.hasNonNull("message") ? body.get("message") : body.get("Message");
      message = text == null ? "" : text.asText();
    } catch (IOException e) {
      // Not JSON (a proxy's page): the status and the header are all there is.
    }
    return new AwsError(response.status(), bare(type), shorten(redactor.text(firstLine(message))));
  }

  /** Whether the answer is a 400 naming throttling: the engine retries those with its backoff. */
  static boolean isThrottling(ApiResponse response) {
    return response.status() == 400 && THROTTLING.contains(of(response, Redactor.of(List.of())).type());
  }

  /** {@code com.amazonaws.ce#AccessDeniedException} and {@code Throttling:http://...} name the same errors. */
  static String bare(String type) {
    String t = type.strip();
    int hash = t.lastIndexOf('#');
    if (hash >= 0) {
      t = t.substring(hash + 1);
    }
    int colon = t.indexOf(':');
    return colon >= 0 ? t.substring(0, colon) : t;
  }

  /** The failure of {@code operation} as costmon reports it. */
  ProviderException toException(String operation) {
    if (type.equals("AccessDeniedException")) {
      return new ProviderException(Kind.CONDITION,
          "credentials lack ce:" + operation + " (AccessDeniedException" + colonMessage() + ")");
    }
    if (type.equals("DataUnavailableException")) {
      return new ProviderException(Kind.CONDITION,
          "Cost Explorer has no data for this account (DataUnavailableException; is Cost Explorer enabled?)");
    }
    Kind kind = AUTH.contains(type) ? Kind.AUTH
        : RATE_LIMITED.contains(type) ? Kind.RATE_LIMITED
        : status == 401 || status == 403 ? Kind.AUTH
        : Kind.OTHER;
    String what = type.isEmpty() ? "HTTP " + status : type;
    return new ProviderException(kind, operation + " failed: " + what + colonMessage());
  }

  private String colonMessage() {
    return message.isEmpty() ? "" : ": " + message;
  }

  private static String firstLine(String text) {
    for (String line : text.split("\r?\n")) {
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return "";
  }

  private static String shorten(String text) {
    return text.length() <= MESSAGE_CHARS ? text : text.substring(0, MESSAGE_CHARS) + "...";
  }
}
