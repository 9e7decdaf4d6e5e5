package dev.costmon.provider.command;

import dev.costmon.http.Redactor;
import dev.costmon.process.ProcessTree;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the account's program without a shell, with only PATH and the configured variables in its
 * environment, a time limit and bounded output. On timeout, interruption or too much output the
 * program and its children are killed. Messages never carry a secret value.
 */
final class ProcessRunner {
  /** The most standard output read: the figures of a month fit in far less. */
  static final int MAX_STDOUT = 1 << 20;
  /** Standard error is only quoted, one line; the rest is drained and dropped. */
  static final int MAX_STDERR = 64 << 10;
  /** How long the output readers may lag behind the program's exit (a child may hold the pipe). */
  private static final Duration DRAIN = Duration.ofSeconds(2);

  private final CommandSettings settings;
  private final Redactor redactor;
  private final String program;

  ProcessRunner(CommandSettings settings) {
    this.settings = settings;
    this.redactor = Redactor.of(settings.secretEnvironment().values());
    Path name = Path.of(settings.command().get(0)).getFileName();
    this.program = name == null ? settings.command().get(0) : name.toString();
  }

  String program() {
    return program;
  }

  Redactor redactor() {
    return redactor;
  }

  /** Runs the program to its end and returns its standard output as UTF-8. */
  String run() throws ProviderException {
    ProcessBuilder builder = new ProcessBuilder(settings.command());
    Map<String, String> env = builder.environment();
    String path = env.get("PATH");
    env.clear();
    if (path != null) {
      env.put("PATH", path);
    }
    env.putAll(settings.environment());
    settings.secretEnvironment().forEach((name, secret) -> env.put(name, secret.reveal()));
    if (settings.workingDirectory() != null) {
      builder.directory(settings.workingDirectory().toFile());
    }
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ProviderException(Kind.OTHER, "cannot run " + settings.command().get(0) + ": "
          + redactor.text(String.valueOf(e.getMessage()).replaceAll("^Cannot run program \"[^\"]*\"[^:]*: ", "")));
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // The program may already be gone; its exit code tells.
    }
    AtomicBoolean overflow = new AtomicBoolean();
    Reader stdout = new Reader(process.getInputStream(), MAX_STDOUT, () -> {
      overflow.set(true);
      ProcessTree.kill(process);
    });
    Reader stderr = new Reader(process.getErrorStream(), MAX_STDERR, null);
    stdout.start();
    stderr.start();
    Duration timeout = settings.timeoutDuration();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessTree.kill(process);
        throw new ProviderException(Kind.UNAVAILABLE, program + " timed out after " + seconds(timeout) + " s");
      }
      stdout.join(DRAIN.toMillis());
      stderr.join(DRAIN.toMillis());
    } catch (InterruptedException e) {
      // costmon's own per-account timeout cancels the collection: the program must not outlive it.
      ProcessTree.kill(process);
      Thread.currentThread().interrupt();
      throw new ProviderException(Kind.UNAVAILABLE, program + " was stopped: the collection was interrupted");
    } finally {
      closeQuietly(process.getInputStream());
      closeQuietly(process.getErrorStream());
    }
    if (overflow.get()) {
      throw new ProviderException(Kind.BAD_RESPONSE, program + " printed more than " + (MAX_STDOUT >> 20)
          + " MiB on standard output");
    }
    int exit = process.exitValue();
    if (exit != 0) {
      String line = firstLine(stderr.text());
      throw new ProviderException(Kind.OTHER, program + " exited with code " + exit
          + (line.isEmpty() ? " (nothing on standard error)" : ": " + line));
    }
    return stdout.text();
  }

  private String firstLine(String text) {
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        String clean = redactor.text(line.strip()).replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
      }
    }
    return "";
  }

  private static String seconds(Duration d) {
    long s = d.toSeconds();
    return s == 0 ? "0." + d.toMillis() : Long.toString(s);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // Nothing left to read.
    }
  }

  /** Reads one stream up to a bound on its own thread, so a full pipe never blocks the program. */
  private static final class Reader extends Thread {
    private final InputStream in;
    private final int limit;
    private final Runnable onOverflow;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Reader(InputStream in, int limit, Runnable onOverflow) {
      super("costmon-command-output");
      setDaemon(true);
      this.in = in;
      this.limit = limit;
      this.onOverflow = onOverflow;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) != -1) {
          int room = limit - out.size();
          if (n > room) {
            synchronized (out) {
              out.write(buffer, 0, Math.max(room, 0));
            }
            if (onOverflow != null) {
              onOverflow.run();
              return;
            }
            continue;
          }
          synchronized (out) {
            out.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        // The stream was closed after the program ended or was killed.
      }
    }

    String text() {
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }
  }
}
