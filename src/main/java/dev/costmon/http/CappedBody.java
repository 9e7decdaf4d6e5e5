package dev.costmon.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory but gives up as soon as it passes the bound, so a runaway
 * endpoint cannot fill the heap before the size check.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  private final long maxBytes;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private Flow.Subscription subscription;

  CappedBody(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  static HttpResponse.BodyHandler<byte[]> handler(long maxBytes) {
    return info -> new CappedBody(maxBytes);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    this.subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (out.size() + (long) buffer.remaining() > maxBytes) {
        subscription.cancel();
        result.completeExceptionally(new BodyException.TooLarge(maxBytes));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      out.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
