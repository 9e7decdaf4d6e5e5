package dev.costmon.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Standard output that remembers why a write failed. A {@link PrintWriter} swallows the error and
 * keeps only a flag, so {@code costmon export > /full/disk/history.csv} would otherwise end with
 * exit 0 and a truncated file.
 */
public final class StandardOutput extends PrintWriter {
  private final Recording recording;

  private StandardOutput(Recording recording) {
    super(new OutputStreamWriter(recording, StandardCharsets.UTF_8), true);
    this.recording = recording;
  }

  /** Standard output written as UTF-8 to {@code stream}, flushed at each line. */
  public static StandardOutput over(OutputStream stream) {
    return new StandardOutput(new Recording(stream));
  }

  /** The first write error, once {@link #checkError()} has said there was one. */
  Optional<IOException> failure() {
    return Optional.ofNullable(recording.failure);
  }

  /**
   * A reader that went away ({@code costmon report | head -3}) is no error: the shell's own
   * commands end quietly there too.
   */
  static boolean isClosedPipe(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return message.contains("broken pipe") || message.contains("stream closed");
  }

  private static final class Recording extends FilterOutputStream {
    private IOException failure;

    Recording(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw remember(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw remember(e);
      }
    }

    private IOException remember(IOException e) {
      if (failure == null) {
        failure = e;
      }
      return e;
    }
  }
}
