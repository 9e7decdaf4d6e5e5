package dev.costmon.provider.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.config.Secret;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Redactor;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cost Explorer's JSON 1.1 protocol: every call is a {@code POST /} naming the operation in {@code
 * X-Amz-Target}, signed by the AWS SDK's SigV4 signer ({@link RequestSigner}). Calls go through
 * costmon's HTTP engine (retries, redaction, raw archive, replay by {@code costmon reprocess}) and
 * are counted against {@code max_requests}, since AWS bills each one.
 */
final class CostExplorerApi {
  /** What AWS charges per Cost Explorer API request, paginated ones included. */
  static final BigDecimal PRICE_PER_REQUEST = new BigDecimal("0.01");
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String TARGET_PREFIX = "AWSInsightsIndexService.";
  private static final String SERVICE = "ce";
  /** Writes request bodies; an ObjectWriter is immutable. */
  private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

  private final ProviderContext context;
  private final AwsCredentials credentials;
  private final RequestSigner signer;
  private final URI endpoint;
  private final int maxRequests;
  private int sent;

  /** What AWS answered: a result, or the error it named. */
  record Answer(JsonNode result, AwsError error) {
    boolean failed() {
      return error != null;
    }
  }

  CostExplorerApi(ProviderContext context, AwsCredentials credentials, AwsSettings settings) {
    this.context = context;
    this.credentials = credentials;
    this.signer = new RequestSigner(settings.region(), SERVICE);
    this.endpoint = context.baseUri(settings.defaultEndpoint());
    this.maxRequests = settings.maxRequests();
  }

  /** A fresh JSON object for a request body. */
  static ObjectNode body() {
    return JsonNodeFactory.instance.objectNode();
  }

  boolean canSend() {
    return sent < maxRequests;
  }

  int sent() {
    return sent;
  }

  int maxRequests() {
    return maxRequests;
  }

  /** What the requests so far cost, in USD. */
  BigDecimal cost() {
    return PRICE_PER_REQUEST.multiply(BigDecimal.valueOf(sent));
  }

  /**
   * Sends one operation. AWS's named errors come back as an {@link Answer} for the caller to judge;
   * transport failures, 429, 5xx and AWS's throttling 400s are the engine's (retried with backoff).
   */
  Answer call(String operation, ObjectNode requestBody) throws ProviderException {
    if (!canSend()) {
      throw new IllegalStateException("request budget spent; check canSend() first");
    }
    byte[] bytes;
    try {
      bytes = WRITER.writeValueAsBytes(requestBody);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON body", e);
    }
    String target = TARGET_PREFIX + operation;
    ApiRequest.Builder builder = ApiRequest.post(endpoint)
        .header("X-Amz-Target", target)
        .body(CONTENT_TYPE, bytes)
        .allowStatus(400, 403)
        .rateLimitedWhen(AwsError::isThrottling);
    URI uri = builder.build().uri();
    Map<String, String> signed = new LinkedHashMap<>();
    signed.put("Content-Type", CONTENT_TYPE);
    signed.put("X-Amz-Target", target);
    RequestSigner.Signed signature = signer.sign("POST", uri, signed, bytes, credentials, context.clock());
    signature.added().forEach((name, value) -> {
      if (name.equalsIgnoreCase("Authorization")) {
        builder.secretHeader(name, new Secret("SigV4 signature with " + credentials.source(), value));
      } else if (name.equalsIgnoreCase("X-Amz-Security-Token")) {
        builder.secretHeader(name, credentials.token().orElseThrow());
      } else {
        builder.header(name, value);
      }
    });
    credentials.secrets().forEach(builder::redact);
    ApiRequest request = builder.build();
    sent++;
    ApiResponse response = context.http().send(request);
    if (response.isSuccess()) {
      return new Answer(response.json(), null);
    }
    return new Answer(null, AwsError.of(response, Redactor.of(request.secrets())));
  }
}
