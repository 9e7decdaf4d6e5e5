package dev.costmon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database among file-system faults: another application's file, a full disk, permissions. */
class StoreFaultsTest {
  private static final Instant T = Instant.parse("2026-11-02T06:00:00Z");

  @TempDir Path dir;
  Path mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      new ProcessBuilder("umount", mounted.toString()).inheritIO().start().waitFor();
    }
  }

  private List<String> listing() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anotherApplicationsDatabaseIsRefusedBeforeAnythingIsWrittenToItOrBesideIt() throws Exception {
    Path foreign = dir.resolve("app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)");
      st.execute("INSERT INTO customers(name) VALUES ('ada')");
    }
    byte[] before = Files.readAllBytes(foreign);
    long modified = Files.getLastModifiedTime(foreign).toMillis();

    assertThatThrownBy(() -> CollectLock.acquire(foreign)).isInstanceOf(StoreException.class)
        .hasMessage(foreign + " is not a costmon database (it holds other data); choose another database: path."
            + " Nothing was changed in it.");
    assertThatThrownBy(() -> Database.open(foreign, true)).isInstanceOf(StoreException.class)
        .hasMessageContaining("is not a costmon database (it holds other data)");

    assertThat(listing()).containsExactly("app.db");
    assertThat(Files.readAllBytes(foreign)).isEqualTo(before);
    assertThat(Files.getLastModifiedTime(foreign).toMillis()).isEqualTo(modified);
  }

  @Test
  void aFileThatIsNotSqliteIsRefusedUntouched() throws Exception {
    Path notes = Files.writeString(dir.resolve("notes.db"), "x".repeat(200));

    assertThatThrownBy(() -> Database.open(notes, true))
        .hasMessage(notes + " is not a costmon database (not an SQLite file)");
    assertThat(listing()).containsExactly("notes.db");
  }

  @Test
  void anEmptyFileOrACostmonDatabaseIsOpened() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.db"));
    Database.open(empty, true).close();
    Database.open(empty, false).close();
  }

  @Test
  @SuppressWarnings("try") // the lock is held for its lock file, not used
  void theDatabaseAndItsCompanionFilesAreOwnerOnlyWhateverTheUmask() throws Exception {
    Path db = dir.resolve("sub/history.db");
    try (CollectLock lock = CollectLock.acquire(db); Database d = Database.open(db, true)) {
      History h = new History(d);
      h.append(h.startRun("collect", T), snapshot(T, "1.00"));
      for (String name : List.of("history.db", "history.db.lock", "history.db-wal", "history.db-shm")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db.resolveSibling(name))))
            .as(name).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void permissionAndDiskErrorsAreSaidInPlainWords() throws IOException {
    Path db = Files.createDirectories(dir.resolve("state")).resolve("history.db");
    assertThat(Failures.describe("cannot create lock file " + db + ".lock", db,
        new AccessDeniedException(db + ".lock")))
        .isEqualTo("permission denied: cannot create lock file " + db + ".lock (" + db + " is not writable for this"
            + " user)");
    assertThat(Failures.describe("cannot write " + db, dir, new IOException("No space left on device")))
        .startsWith("cannot write " + db + ": disk full");
  }

  /** A real full disk: a 192 KiB tmpfs, where root may mount one; skipped elsewhere. */
  @Test
  void aFullDiskIsReportedAsSuchAndWhatWasStoredStays() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("small"));
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=192k", "tmpfs", mount.toString())
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    Assumptions.assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here (not root)");
    mounted = mount;
    Path file = mount.resolve("history.db");
    List<String> stored = new ArrayList<>();
    StoreException full = null;
    try (Database db = Database.open(file, true)) {
      History h = new History(db);
      String big = "9".repeat(4000);
      for (int i = 0; i < 200 && full == null; i++) {
        try {
          h.append(h.startRun("collect", T.plusSeconds(i)), new AccountSnapshot("a" + i, "demo", T, T,
              SnapshotStatus.OK, big, null, null, List.of(spend("1." + i))));
          stored.add("a" + i);
        } catch (StoreException e) {
          full = e;
        }
      }
    }
    assertThat(full).as("the disk filled up").isNotNull();
    System.out.println("full disk: " + full.getMessage());
    assertThat(full.getMessage()).startsWith("cannot write " + file + ": disk full (")
        .contains(" bytes free on " + mount).doesNotContain("no transaction is active");
    assertThat(full.getCause()).isInstanceOf(java.sql.SQLException.class);
    try (Database db = Database.open(file, false)) {
      assertThat(new History(db).latest(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 1)))
          .hasSize(stored.size());
    }
  }

  private static Observation spend(String amount) {
    return Observation.spend(LocalDate.of(2026, 11, 1), "x", Money.of(amount, "USD"), Provenance.API);
  }

  private static AccountSnapshot snapshot(Instant at, String amount) {
    return new AccountSnapshot("a", "demo", at, at, SnapshotStatus.OK, null, null, null, List.of(spend(amount)));
  }
}
