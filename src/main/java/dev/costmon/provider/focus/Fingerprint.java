package dev.costmon.provider.focus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * A file's SHA-256, computed by a thread of its own that reads the file at its own pace, ahead of the
 * parse that runs beside it (on the second core): a file already imported is known as soon as its
 * bytes are hashed, without waiting for the parse, and a new one costs no extra pass.
 */
final class Fingerprint {
  private static final int CHUNK = 1 << 16;

  private final CompletableFuture<String> sha256 = new CompletableFuture<>();
  private final Thread thread;

  private Fingerprint(Path file) {
    thread = new Thread(() -> hash(file), "costmon-hash");
    thread.setDaemon(true);
  }

  /** Starts hashing the file. */
  static Fingerprint of(Path file) {
    Fingerprint f = new Fingerprint(file);
    f.thread.start();
    return f;
  }

  private void hash(Path file) {
    MessageDigest digest = digest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[CHUNK];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (Thread.interrupted()) {
          throw new InterruptedIOException("interrupted while hashing");
        }
        digest.update(buffer, 0, n);
      }
      sha256.complete(HexFormat.of().formatHex(digest.digest()));
    } catch (IOException | RuntimeException e) {
      sha256.completeExceptionally(e);
    }
  }

  /** The file's SHA-256 in lower-case hex, once every byte is hashed; fails with the IOException. */
  CompletableFuture<String> sha256() {
    return sha256;
  }

  /** Stops hashing (the parse failed and the file is not imported). */
  void cancel() {
    thread.interrupt();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
