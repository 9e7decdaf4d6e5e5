package dev.costmon.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.config.Secret;
import dev.costmon.http.ApiResponse;
import dev.costmon.provider.ProviderException;

/**
 * The API's error envelope, {@code {"type":"error","error":{"type":..., "message":...}}}; empty
 * strings when the body is something else (an HTML page from a proxy).
 */
record ApiError(String type, String message) {

  static ApiError read(ApiResponse response) {
    try {
      JsonNode error = response.json().path("error");
      return new ApiError(error.path("type").asText(""), error.path("message").asText(""));
    } catch (ProviderException e) {
      return new ApiError("", "");
    }
  }

  /**
   * {@code " permission_error: message"}, quoted for an error line: control characters removed,
   * shortened, and the key cut out should a proxy ever echo it back.
   */
  String describe(Secret key, int maxChars) {
    String text = (type.isEmpty() ? "" : " " + type) + (message.isEmpty() ? "" : ": " + message);
    text = text.replace(key.reveal(), "***").replaceAll("\\p{Cntrl}", " ");
    return text.length() <= maxChars ? text : text.substring(0, maxChars) + "…";
  }
}
