package dev.costmon.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * An exclusive lock on {@code <database>.lock} held for the whole of a collect, so a second collect
 * started by hand while the timer's runs exits at once instead of interleaving writes. The OS
 * releases it if the process dies, so a killed collect never leaves a stale lock.
 */
public final class CollectLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private CollectLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  public static CollectLock acquire(Path database) {
    Path file = database.resolveSibling(database.getFileName() + ".lock");
    FileChannel channel = null;
    try {
      DatabaseFile.refuseForeign(database);
      Files.createDirectories(file.toAbsolutePath().getParent());
      channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          DatabaseFile.ownerOnly());
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new LockedException("another costmon collect is running (lock " + file + " is held); try again later");
      }
      return new CollectLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw new LockedException("another costmon collect is running in this process (lock " + file + ")");
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException(Failures.describe("cannot create lock file " + file, file, e), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel below releases it too.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing more to release.
      }
    }
  }
}
