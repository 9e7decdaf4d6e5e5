package dev.costmon.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** Undoes Content-Encoding: gzip (the only one the engine asks for), bounded against gzip bombs. */
final class ContentDecoding {
  private ContentDecoding() {}

  static byte[] decode(Optional<String> contentEncoding, byte[] body, long maxBytes)
      throws BodyException {
    String encoding = contentEncoding.map(e -> e.strip().toLowerCase(Locale.ROOT)).orElse("");
    switch (encoding) {
      case "", "identity":
        return body;
      case "gzip", "x-gzip":
        return body.length == 0 ? body : gunzip(body, maxBytes);
      default:
        throw new BodyException(
            "unsupported Content-Encoding " + Texts.excerpt(encoding, Redactor.none()));
    }
  }

  private static byte[] gunzip(byte[] body, long maxBytes) throws BodyException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      ByteArrayOutputStream out =
          new ByteArrayOutputStream((int) Math.min(body.length * 4L, 4L << 20));
      byte[] buffer = new byte[16 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (out.size() + (long) n > maxBytes) {
          throw new BodyException.TooLarge(maxBytes);
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new BodyException("corrupt gzip body");
    }
  }
}
