package dev.costmon.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One attempt: send, receive the bounded body, undo gzip. No retries, no status handling. */
final class Exchange {
  private final HttpClient client;
  private final HttpSettings settings;

  /** What came back from one attempt; the body is already uncompressed. */
  record Received(int status, HttpHeaders headers, byte[] body) {}

  Exchange(HttpClient client, HttpSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /**
   * @throws HttpTimeoutException when the whole exchange, body included, took longer than the
   *     request timeout (the JDK's own timeout stops at the headers, hence the future's deadline)
   * @throws IOException when the connection failed, was reset or closed early
   * @throws BodyException when the body is too large or not decodable
   */
  Received perform(HttpRequest request) throws IOException, BodyException, InterruptedException {
    CompletableFuture<HttpResponse<byte[]>> future =
        client.sendAsync(request, CappedBody.handler(settings.maxResponseBytes()));
    HttpResponse<byte[]> response;
    try {
      response = future.get(settings.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new HttpTimeoutException("request timed out");
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    } catch (CancellationException e) {
      throw new IOException("request cancelled", e);
    }
    byte[] body =
        ContentDecoding.decode(
            response.headers().firstValue("Content-Encoding"),
            response.body(),
            settings.maxResponseBytes());
    return new Received(response.statusCode(), response.headers(), body);
  }

  private static IOException unwrap(Throwable cause) throws BodyException, IOException {
    Throwable t = cause;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    // The JDK may wrap the subscriber's failure in an IOException; look through the chain for it.
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof BodyException body) {
        throw body;
      }
    }
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (t instanceof Error error) {
      throw error;
    }
    return new IOException(t);
  }
}
