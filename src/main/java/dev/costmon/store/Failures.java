package dev.costmon.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Plain words for what the file system refused: "disk full (N bytes free on /var (ext4))" and
 * "permission denied: ...", where SQLite and Java say SQLITE_IOERR_SHMSIZE or AccessDeniedException.
 * The original exception stays the cause, for {@code --verbose}.
 */
final class Failures {
  /** Below this much free space an I/O error is taken for a full disk: SQLite grows its files by pages. */
  private static final long NEARLY_FULL = 1024 * 1024;

  private Failures() {}

  /** {@code what} failed with {@code e} on a file at {@code path}: one line. */
  static String describe(String what, Path path, IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + what + " (" + writableHint(path) + ")";
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
      return what + ": " + diskFull(path).orElse("disk full");
    }
    return what + ": " + (message.isEmpty() ? "input/output error" : message);
  }

  /** "disk full (N bytes free on STORE)", when the file system of {@code path} has (nearly) no room left. */
  static Optional<String> diskFull(Path path) {
    return usable(path).filter(free -> free < NEARLY_FULL).map(free -> "disk full (" + free + " bytes free on "
        + store(path).map(FileStore::toString).orElse(String.valueOf(path.toAbsolutePath().getParent())) + ")");
  }

  /** The same, whatever the free space: for errors that only a full disk gives (SQLITE_FULL). */
  static String diskFullAnyway(Path path) {
    return diskFull(path).orElseGet(() -> "disk full" + usable(path).map(f -> " (" + f + " bytes free on "
        + store(path).map(FileStore::toString).orElse("") + ")").orElse(""));
  }

  static String writableHint(Path path) {
    Path dir = path.toAbsolutePath().getParent();
    return dir != null && !Files.isWritable(dir) ? "directory " + dir + " is not writable for this user"
        : path + " is not writable for this user";
  }

  private static Optional<Long> usable(Path path) {
    return store(path).flatMap(s -> {
      try {
        return Optional.of(s.getUsableSpace());
      } catch (IOException e) {
        return Optional.empty();
      }
    });
  }

  private static Optional<FileStore> store(Path path) {
    Path p = path.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    if (p == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.getFileStore(p));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
