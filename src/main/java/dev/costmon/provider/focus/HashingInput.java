package dev.costmon.provider.focus;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A file's bytes, read and hashed (SHA-256) by a thread of its own while the caller decompresses and
 * parses them: the fingerprint costs no extra pass over a multi-gigabyte export and hashing runs on
 * the second core. A bounded queue keeps at most a few chunks in memory.
 */
final class HashingInput extends InputStream {
  private static final int CHUNK = 1 << 16;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(8);
  private final MessageDigest digest = sha256();
  private final Thread reader;
  private volatile IOException failure;
  private byte[] current = new byte[0];
  private int position;
  private boolean ended;

  HashingInput(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    reader = new Thread(() -> pump(in), "costmon-hash");
    reader.setDaemon(true);
    reader.start();
  }

  private void pump(InputStream in) {
    try (in) {
      while (true) {
        byte[] chunk = in.readNBytes(CHUNK);
        if (chunk.length == 0) {
          break;
        }
        digest.update(chunk);
        chunks.put(chunk);
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      return;
    }
    try {
      chunks.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean fill() throws IOException {
    while (position >= current.length) {
      if (ended) {
        return false;
      }
      try {
        current = chunks.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading");
      }
      position = 0;
      if (current == END) {
        ended = true;
        if (failure != null) {
          throw failure;
        }
        return false;
      }
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? current[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - position);
    System.arraycopy(current, position, b, off, n);
    position += n;
    return n;
  }

  /** Reads what the parser left (a gzip trailer, trailing bytes) and returns the file's SHA-256 in hex. */
  String finish() throws IOException {
    while (fill()) {
      position = current.length;
    }
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() {
    reader.interrupt();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
