package dev.costmon.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.provider.ProviderException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A response the engine accepted: a 2xx, or a status the request allowed. The body is uncompressed
 * and unredacted (the provider needs it as sent); anything printed about it is redacted.
 */
public final class ApiResponse {
  private final String method;
  private final String url;
  private final String where;
  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;
  private final Redactor redactor;

  ApiResponse(
      String method,
      String url,
      String where,
      int status,
      HttpHeaders headers,
      byte[] body,
      Redactor redactor) {
    this.method = method;
    this.url = url;
    this.where = where;
    this.status = status;
    this.headers = headers;
    this.body = body;
    this.redactor = redactor;
  }

  public int status() {
    return status;
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The redacted URL, safe to print. */
  public String url() {
    return url;
  }

  /** The first value of a response header. */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  public HttpHeaders headers() {
    return headers;
  }

  /** The Content-Type header, empty when absent. */
  public String contentType() {
    return headers.firstValue("Content-Type").orElse("");
  }

  /** The uncompressed body; a copy. */
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text, for CSV and other text formats. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as one JSON document with exact decimals; anything else is BAD_RESPONSE. */
  public JsonNode json() throws ProviderException {
    if (isBlank(body)) {
      throw new ProviderException(
          ProviderException.Kind.BAD_RESPONSE,
          Texts.status(status) + " from " + where + " has an empty body, expected JSON");
    }
    try {
      return ExactJson.parse(body);
    } catch (IOException e) {
      throw new ProviderException(
          ProviderException.Kind.BAD_RESPONSE,
          Texts.status(status)
              + " from "
              + where
              + " is not JSON ("
              + problem(e)
              + ")"
              + Texts.colonFirstLine(body, redactor));
    }
  }

  /**
   * The body as newline-delimited JSON (JSONL, NDJSON), one document per non-blank line, with exact
   * decimals; a malformed line is BAD_RESPONSE naming its line number.
   */
  public List<JsonNode> jsonLines() throws ProviderException {
    List<JsonNode> nodes = new ArrayList<>();
    String[] lines = text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      try {
        nodes.add(ExactJson.parse(line));
      } catch (JsonProcessingException e) {
        throw new ProviderException(
            ProviderException.Kind.BAD_RESPONSE,
            "line "
                + (i + 1)
                + " of "
                + Texts.status(status)
                + " from "
                + where
                + " is not JSON ("
                + problem(e)
                + "): "
                + Texts.excerpt(line, redactor));
      }
    }
    return List.copyOf(nodes);
  }

  @Override
  public String toString() {
    return "ApiResponse[" + method + " " + url + " -> " + status + ", " + body.length + " bytes]";
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /**
   * Where parsing stopped, without Jackson's own message: that quotes the offending token, which
   * could be part of a secret that redaction of whole values would miss.
   */
  private static String problem(IOException e) {
    boolean eof =
        e instanceof JsonEOFException
            || e instanceof JsonProcessingException jpe
                && jpe.getOriginalMessage() != null
                && jpe.getOriginalMessage().startsWith("Unexpected end-of-input");
    String what = eof ? "truncated" : "malformed";
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      JsonLocation at = jpe.getLocation();
      return what + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
    return what;
  }
}
