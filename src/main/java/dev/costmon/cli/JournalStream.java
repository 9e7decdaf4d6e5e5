package dev.costmon.cli;

import dev.costmon.config.Environment;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Syslog priority prefixes on stderr when it is connected to the journal (systemd sets
 * {@code JOURNAL_STREAM}), so {@code journalctl -p err} finds costmon's errors and warnings stay
 * warnings. Elsewhere (a terminal, cron mail, a pipe) lines stay plain.
 */
final class JournalStream {
  /** Priority of every line that carries none: costmon writes errors to stderr. */
  static final String ERROR = "<3>";
  static final String WARNING = "<4>";
  static final String INFO = "<6>";

  private JournalStream() {}

  static boolean active(Environment environment) {
    String stream = environment.get("JOURNAL_STREAM");
    return stream != null && !stream.isEmpty();
  }

  /** {@code err} with {@link #ERROR} before each line that does not start with a priority of its own. */
  static PrintWriter prefixed(PrintWriter err) {
    return new PrintWriter(new Prefixing(err), true);
  }

  /** Prefixes whole lines; a line is written when it ends or on flush, never split by a prefix. */
  private static final class Prefixing extends Writer {
    private final PrintWriter target;
    private final StringBuilder line = new StringBuilder();
    private boolean midLine;

    Prefixing(PrintWriter target) {
      this.target = target;
    }

    @Override
    public void write(char[] chars, int off, int len) {
      for (int i = off; i < off + len; i++) {
        line.append(chars[i]);
        if (chars[i] == '\n') {
          emit();
          midLine = false;
        }
      }
    }

    private void emit() {
      if (line.isEmpty()) {
        return;
      }
      boolean own = line.length() >= 3 && line.charAt(0) == '<' && Character.isDigit(line.charAt(1))
          && line.charAt(2) == '>';
      target.write((midLine || own ? "" : ERROR) + line);
      midLine = line.charAt(line.length() - 1) != '\n';
      line.setLength(0);
    }

    @Override
    public void flush() throws IOException {
      emit();
      target.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
