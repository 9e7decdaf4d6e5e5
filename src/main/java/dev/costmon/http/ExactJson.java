package dev.costmon.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON reading for money: every number with a fraction or exponent becomes a {@link
 * java.math.BigDecimal} built from the token text, so {@code 0.1234567890123456789} and {@code
 * 1.50} stay exactly as the provider wrote them.
 */
public final class ExactJson {
  /** An ObjectReader is immutable, so sharing it is not shared mutable state. */
  private static final ObjectReader READER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          // The successor of JsonNodeFactory.withExactBigDecimals(true), deprecated since 2.15.
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build()
          .reader();

  private ExactJson() {}

  /** The configured reader, for callers that bind to records or read test resources. */
  public static ObjectReader reader() {
    return READER;
  }

  /** Parses one JSON document; trailing content is an error. */
  public static JsonNode parse(String json) throws JsonProcessingException {
    return READER.readTree(json);
  }

  /** Parses one JSON document from UTF-8 (or BOM-detected) bytes; trailing content is an error. */
  public static JsonNode parse(byte[] json) throws java.io.IOException {
    return READER.readTree(json);
  }
}
