package dev.costmon.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * The history file before SQLite opens it. Its 100-byte header is read with plain file I/O, so that
 * another application's database is refused before anything is written to it or beside it (SQLite
 * would switch it to WAL and create {@code -wal} and {@code -shm}, costmon its {@code .lock}).
 * A new file is created owner-only whatever the umask: it holds raw provider answers, and SQLite
 * gives its {@code -wal} and {@code -shm} the database file's permissions.
 */
final class DatabaseFile {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = 100;
  private static final int SCHEMA_COOKIE = 40;
  private static final int USER_VERSION = 60;
  private static final int APPLICATION_ID = 68;

  private DatabaseFile() {}

  /** Throws unless {@code path} is absent, empty, new, or a costmon database. Reads only. */
  static void refuseForeign(Path path) {
    if (!Files.isRegularFile(path)) {
      if (Files.exists(path)) {
        throw new StoreException(path + " is not a costmon database (not a regular file)");
      }
      return;
    }
    byte[] header = new byte[HEADER];
    int read;
    try (InputStream in = Files.newInputStream(path)) {
      read = in.readNBytes(header, 0, HEADER);
    } catch (AccessDeniedException e) {
      throw new StoreException("permission denied: cannot read " + path + " as this user", e);
    } catch (IOException e) {
      throw new StoreException("cannot read " + path + ": " + e.getMessage(), e);
    }
    if (read == 0) {
      return; // created but never written: SQLite takes it as a new database
    }
    if (read < HEADER || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
      throw new StoreException(path + " is not a costmon database (not an SQLite file)");
    }
    ByteBuffer b = ByteBuffer.wrap(header);
    int applicationId = b.getInt(APPLICATION_ID);
    if (applicationId == Migrations.APPLICATION_ID) {
      return;
    }
    boolean untouched = applicationId == 0 && b.getInt(USER_VERSION) == 0 && b.getInt(SCHEMA_COOKIE) == 0;
    // A costmon database whose first migration is still only in its -wal has an older header: SQLite decides then.
    boolean ownWal = applicationId == 0 && Files.exists(path.resolveSibling(path.getFileName() + "-wal"));
    if (!untouched && !ownWal) {
      throw new StoreException(path + " is not a costmon database (it holds other data); choose another database:"
          + " path. Nothing was changed in it.");
    }
  }

  /** Creates a missing database file (and its directory) readable by its owner only. */
  static void createOwnerOnly(Path path) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
    } catch (AccessDeniedException e) {
      throw new StoreException("permission denied: cannot create directory " + e.getFile() + " for " + path, e);
    } catch (IOException e) {
      throw new StoreException("cannot create directory for " + path + ": " + e.getMessage(), e);
    }
    try {
      Files.createFile(path, ownerOnly());
      restrict(path);
    } catch (FileAlreadyExistsException e) {
      // Another process created it first: it is theirs to have set up.
    } catch (AccessDeniedException e) {
      throw new StoreException("permission denied: cannot create " + path + " (directory "
          + path.toAbsolutePath().getParent() + " is not writable for this user)", e);
    } catch (IOException e) {
      throw new StoreException(Failures.describe("cannot create " + path, path, e), e);
    }
  }

  /** The attribute for creating owner-only files, where the file system has POSIX permissions. */
  static FileAttribute<?>[] ownerOnly() {
    return isPosix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  /** Sets owner-only permissions, which creation alone does not guarantee under an unusual umask. */
  static void restrict(Path file) throws IOException {
    if (isPosix()) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
  }

  private static boolean isPosix() {
    return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
