package dev.costmon.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces a file so that a concurrent reader (node_exporter) sees either the old or the new content,
 * never a partial file: a temp file in the same directory, fsync, atomic rename, fsync of the directory.
 */
public final class AtomicFile {
  /** Readable by node_exporter, which runs as another user. */
  static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");
  /** A write takes milliseconds; a temp file this old belongs to a writer that was killed. */
  static final Duration STALE_AFTER = Duration.ofMinutes(5);

  /** Produces the file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFile() {}

  /**
   * Writes {@code content} to {@code target}. On any failure the old file stays as it was, the temp
   * file is removed, and an {@link ExportException} names the target.
   */
  public static void write(Path target, Content content) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      removeStale(dir, absolute.getFileName().toString());
      // The temp name must not end in .prom: node_exporter reads every *.prom file in the directory.
      temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
      setMode(temp);
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      syncDirectory(dir);
    } catch (IOException | RuntimeException e) {
      throw new ExportException("cannot write " + target + ": " + describe(e, dir), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The write already failed and that error is the one to report; a stray .tmp is not a .prom.
        }
      }
    }
  }

  /**
   * Removes temp files of this target that a killed writer left: named as {@link #write} names them,
   * and older than any write in progress could be.
   */
  private static void removeStale(Path dir, String name) {
    Pattern ours = Pattern.compile(Pattern.quote("." + name + ".") + "[0-9]+" + Pattern.quote(".tmp"));
    Instant before = Instant.now().minus(STALE_AFTER);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + name + ".*.tmp")) {
      for (Path f : files) {
        if (ours.matcher(f.getFileName().toString()).matches() && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
            && Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
          Files.deleteIfExists(f);
        }
      }
    } catch (IOException ignored) {
      // Best effort: a leftover .tmp is never read as a .prom; the write below says what is wrong.
    }
  }

  /** Explicitly, because createTempFile gives 0600 and a umask could narrow a requested mode. */
  private static void setMode(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, MODE);
    } catch (UnsupportedOperationException notPosix) {
      // Not a POSIX file system: its own ACLs decide who may read.
    }
  }

  /** Makes the rename durable; some platforms cannot open a directory, and the rename already happened. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Best effort: the file is in place; only its durability across a power loss is weaker.
    }
  }

  private static String describe(Exception e, Path dir) {
    if (e instanceof NoSuchFileException && !Files.isDirectory(dir)) {
      return "no such directory " + dir;
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return msg.lines().findFirst().orElse(msg);
  }
}
