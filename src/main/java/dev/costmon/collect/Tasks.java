package dev.costmon.collect;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * What the nightly collect and the backfill both need to run accounts side by side: daemon threads
 * (a stuck provider never keeps the JVM alive past the command), a join that hands a task's own
 * failure back unwrapped, and the first line of a message for a one-line account error.
 */
public final class Tasks {
  private Tasks() {}

  /** Daemon threads with one name, so a thread dump says whose they are. */
  public static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  /** The task's result; its own runtime failure as it was thrown, not wrapped. */
  public static <T> T join(Future<T> f, String what) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The first line of a message, trimmed; empty for none. */
  public static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("").trim();
  }
}
