package dev.costmon.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException.Kind;
import java.math.BigDecimal;

/**
 * Reads required fields of a provider's JSON answer, failing with BAD_RESPONSE "response field X is
 * missing" (or "is not an array", ...) so a changed API names what changed. {@code where} says which
 * response and object the field belongs to, e.g. {@code /v1/organization/costs bucket}.
 */
public final class JsonFields {
  private JsonFields() {}

  public static JsonNode object(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isObject()) {
      throw missing(where + "." + name, "an object", node);
    }
    return node;
  }

  public static JsonNode array(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isArray()) {
      throw missing(where + "." + name, "an array", node);
    }
    return node;
  }

  public static boolean bool(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isBoolean()) {
      throw missing(where + "." + name, "true or false", node);
    }
    return node.booleanValue();
  }

  /** A non-blank string. */
  public static String text(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      throw missing(where + "." + name, "a string", node);
    }
    return node.textValue();
  }

  /** An exact decimal from a JSON number; the engine's parser keeps the token text, never a double. */
  public static BigDecimal number(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node == null || !node.isNumber()) {
      throw missing(where + "." + name, "a number", node);
    }
    return node.decimalValue();
  }

  /** An exact decimal from a JSON number or a numeric string (APIs that send money as {@code "12.34"}). */
  public static BigDecimal decimal(JsonNode parent, String name, String where) throws ProviderException {
    JsonNode node = parent.get(name);
    if (node != null && node.isNumber()) {
      return node.decimalValue();
    }
    if (node != null && node.isTextual()) {
      try {
        return new BigDecimal(node.textValue().strip());
      } catch (NumberFormatException e) {
        throw new ProviderException(Kind.BAD_RESPONSE,
            "response field " + where + "." + name + " is not a number: '" + shorten(node.textValue()) + "'");
      }
    }
    throw missing(where + "." + name, "a number", node);
  }

  /** BAD_RESPONSE: "response field F is missing" or "... is not E". */
  public static ProviderException missing(String field, String expected, JsonNode found) {
    String what = found == null || found.isNull() ? "missing" : "not " + expected;
    return new ProviderException(Kind.BAD_RESPONSE, "response field " + field + " is " + what);
  }

  /** A response value cut to 40 characters for an error message. */
  public static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }
}
