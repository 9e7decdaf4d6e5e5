package dev.costmon.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.model.Aggregation;
import dev.costmon.model.Money;
import dev.costmon.model.Observation;
import dev.costmon.model.Provenance;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {
  @TempDir Path dir;

  private static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 2);
  private static final Instant T = Instant.parse("2026-11-02T06:00:00Z");

  private static Observation spend(LocalDate day, String service, String amount) {
    return Observation.spend(day, service, Money.of(amount, "USD"), Provenance.API);
  }

  private static AccountSnapshot snapshot(String account, Instant at, Observation... obs) {
    return new AccountSnapshot(account, "demo", at, at, SnapshotStatus.OK, null, null, null, List.of(obs));
  }

  @Test
  void theLatestSnapshotOfADayReplacesEarlierOnesWithAllItsServices() {
    try (Database db = Database.open(dir.resolve("h.db"), true)) {
      History h = new History(db);
      long run1 = h.startRun("collect", T);
      h.append(run1, snapshot("a", T, spend(D1, "x", "1.10"), spend(D1, "y", "2.00"), spend(D2, "x", "5")));
      long run2 = h.startRun("collect", T.plusSeconds(86400));
      // A revision of day 1: service y disappeared, x changed. Day 2 is not in this snapshot.
      h.append(run2, snapshot("a", T.plusSeconds(86400), spend(D1, "x", "1.15")));

      List<StoredObservation> latest = h.latest(D1, D2);

      assertThat(latest).extracting(s -> s.observation().day() + " " + s.observation().dimension() + " "
          + s.observation().value().toPlainString())
          .containsExactly("2026-11-01 x 1.15", "2026-11-02 x 5");
    }
  }

  @Test
  void collectingTheSameDataTwiceCountsItOnce() {
    try (Database db = Database.open(dir.resolve("h.db"), true)) {
      History h = new History(db);
      for (int i = 0; i < 2; i++) {
        h.append(h.startRun("collect", T), snapshot("a", T, spend(D1, "x", "0.123456789012345678")));
      }
      assertThat(h.latest(D1, D1)).singleElement()
          .satisfies(s -> assertThat(s.observation().value().toPlainString()).isEqualTo("0.123456789012345678"));
    }
  }

  @Test
  void collectionStatesKnowTheLastSuccessAndTheLastFailure() {
    try (Database db = Database.open(dir.resolve("h.db"), true)) {
      History h = new History(db);
      long run = h.startRun("collect", T);
      h.append(run, snapshot("a", T, spend(D1, "x", "1")));
      h.append(run, new AccountSnapshot("a", "demo", T.plusSeconds(60), T.plusSeconds(90), SnapshotStatus.FAILED,
          "HTTP 503", null, null, List.of()));

      CollectionState state = h.collectionStates().get("a");

      assertThat(state.lastSuccess()).contains(T);
      assertThat(state.lastStatus()).isEqualTo(SnapshotStatus.FAILED);
      assertThat(state.lastError()).contains("HTTP 503");
      assertThat(state.lastDuration()).hasSeconds(30);
    }
  }

  @Test
  void tagsAreStoredSortedAndFiguresDifferingOnlyInTagsAreBothKept() {
    try (Database db = Database.open(dir.resolve("h.db"), true)) {
      History h = new History(db);
      Observation web = spend(D1, "x", "1.10").withTags(Map.of("team", "web", "env", "prod"));
      Observation data = spend(D1, "x", "2.20").withTags(Map.of("team", "data"));
      Observation none = spend(D1, "x", "0.01");
      h.append(h.startRun("collect", T), snapshot("a", T, web, data, none));

      List<Observation> latest = h.latest(D1, D1).stream().map(StoredObservation::observation).toList();

      assertThat(latest).containsExactlyInAnyOrder(web, data, none);
      assertThat(latest).filteredOn(o -> o.tags().containsKey("env")).singleElement()
          .satisfies(o -> assertThat(o.tags().keySet()).containsExactly("env", "team"));
    }
  }

  /** The schema as a costmon that knew only the first {@code version} steps left it. */
  private static void schemaAt(java.sql.Statement st, int version) throws java.sql.SQLException {
    for (String step : Migrations.STEPS.subList(0, version)) {
      for (String sql : step.split(";\\s*\\n")) {
        if (!sql.isBlank()) {
          st.execute(sql);
        }
      }
    }
    st.execute("PRAGMA application_id = " + Migrations.APPLICATION_ID);
    st.execute("PRAGMA user_version = " + version);
  }

  @Test
  void aVersion4DatabaseIsMigratedAndItsFiguresHaveNoTags() throws Exception {
    Path file = dir.resolve("v4.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
      schemaAt(st, 4);
      st.execute("INSERT INTO run(id, command, started_at) VALUES (1, 'collect', 0)");
      st.execute("INSERT INTO snapshot(id, run_id, account, provider, started_at, finished_at, status)"
          + " VALUES (1, 1, 'a', 'demo', 0, 0, 'ok')");
      st.execute("INSERT INTO observation VALUES (1, 'a', 'spend', 'spend', 'x', '2026-11-01', '1.50', 'USD',"
          + " 'api', 'sum')");
    }

    try (Database db = Database.open(file, false)) {
      assertThat(new History(db).latest(D1, D1)).singleElement()
          .satisfies(s -> assertThat(s.observation()).isEqualTo(spend(D1, "x", "1.50")));
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var rs = c.createStatement().executeQuery("PRAGMA user_version")) {
      assertThat(rs.getInt(1)).isEqualTo(Migrations.STEPS.size()).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void aVersion10DatabaseIsMigratedWithEachDaysNewestFiguresFound() throws Exception {
    Path file = dir.resolve("v10.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
      schemaAt(st, 10);
      st.execute("INSERT INTO run(id, command, started_at) VALUES (1, 'collect', 0)");
      for (int id = 1; id <= 2; id++) {
        st.execute("INSERT INTO snapshot(id, run_id, account, provider, started_at, finished_at, status)"
            + " VALUES (" + id + ", 1, 'a', 'demo', 0, 0, 'ok')");
      }
      // Snapshot 1: two services and a usage figure on day 1; snapshot 2 revises day 1's spend only.
      st.execute("INSERT INTO observation VALUES (1, 'a', 'spend', 'spend', 'x', '2026-11-01', '1.50', 'USD',"
          + " 'api', 'sum', ''), (1, 'a', 'spend', 'spend', 'y', '2026-11-01', '2.00', 'USD', 'api', 'sum', ''),"
          + " (1, 'a', 'usage', 'requests', '', '2026-11-01', '7', 'requests', 'api', 'sum', ''),"
          + " (2, 'a', 'spend', 'spend', 'x', '2026-11-01', '1.75', 'USD', 'api', 'sum', '')");
    }

    try (Database db = Database.open(file, false)) {
      assertThat(new History(db).latest(D1, D1)).extracting(s -> s.observation().kind().label() + " "
          + s.observation().dimension() + " " + s.observation().value().toPlainString())
          .containsExactly("spend x 1.75", "usage  7");
      assertThat(new History(db).spendByDay(D1, D1)).containsExactly(new DaySpend("a", D1, Money.of("1.75", "USD")));
    }
  }

  @Test
  void spendByDayIsEachDaysNewestSpendExactlyInItsOwnCurrencies() {
    try (Database db = Database.open(dir.resolve("h.db"), true)) {
      History h = new History(db);
      Observation requests = Observation.usage(D2, "requests", "", new BigDecimal("7"), "requests",
          Aggregation.SUM, Provenance.API);
      h.append(h.startRun("collect", T), snapshot("a", T, spend(D1, "x", "1.10"), spend(D1, "y", "2.00"), requests));
      h.append(h.startRun("collect", T.plusSeconds(60)), snapshot("a", T.plusSeconds(60),
          Observation.spend(D1, "x", Money.of("0.1", "EUR"), Provenance.API),
          Observation.spend(D1, "y", Money.of("0.20000000000000001", "USD"), Provenance.API)));

      assertThat(h.spendByDay(D1, D2)).containsExactlyInAnyOrder(
          new DaySpend("a", D1, Money.of("0.1", "EUR")), new DaySpend("a", D1, Money.of("0.20000000000000001", "USD")));
    }
  }

  @Test
  void aNewSnapshotReplacesOnlyTheKindsAndMetricsOfTheDaysItHas() {
    try (Database db = Database.open(dir.resolve("h.db"), true)) {
      History h = new History(db);
      Observation requests = Observation.usage(D1, "requests", "", new BigDecimal("7"), "requests",
          Aggregation.SUM, Provenance.API);
      h.append(h.startRun("collect", T), snapshot("a", T, spend(D1, "x", "1"), requests, spend(D2, "x", "2")));
      h.append(h.startRun("collect", T.plusSeconds(60)), snapshot("a", T.plusSeconds(60), spend(D1, "y", "3")));
      h.append(h.startRun("collect", T.plusSeconds(120)), snapshot("b", T.plusSeconds(120), spend(D1, "x", "9")));

      assertThat(h.latest(D1, D2)).extracting(s -> s.account() + " " + s.observation().day() + " "
          + s.observation().metric() + " " + s.observation().dimension() + " " + s.observation().value().toPlainString())
          .containsExactly("a 2026-11-01 spend y 3", "a 2026-11-01 requests  7", "a 2026-11-02 spend x 2",
              "b 2026-11-01 spend x 9");
    }
  }

  @Test
  void reopeningKeepsTheDataAndTheSchema() {
    Path file = dir.resolve("h.db");
    try (Database db = Database.open(file, true)) {
      new History(db).append(new History(db).startRun("collect", T), snapshot("a", T, spend(D1, "x", "1")));
    }
    try (Database db = Database.open(file, false)) {
      assertThat(new History(db).latest(D1, D1)).hasSize(1);
    }
  }

  @Test
  void aMissingDatabaseIsNotCreatedForReading() {
    assertThatThrownBy(() -> Database.open(dir.resolve("none.db"), false))
        .isInstanceOf(StoreException.class).hasMessageEndingWith("none.db yet; run 'costmon collect' first");
  }

  @Test
  void aFileThatIsNotSqliteIsAClearError() throws IOException {
    Path file = dir.resolve("notes.db");
    Files.writeString(file, "these are my notes, not a database, and they are long enough to have a header".repeat(20));
    assertThatThrownBy(() -> Database.open(file, false))
        .isInstanceOf(StoreException.class).hasMessage(file + " is not a costmon database (not an SQLite file)");
  }

  @Test
  void anotherApplicationsDatabaseIsRefusedAndLeftAlone() throws Exception {
    Path file = dir.resolve("other.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.createStatement().execute("CREATE TABLE invoices(id INTEGER)");
    }
    assertThatThrownBy(() -> Database.open(file, true))
        .isInstanceOf(StoreException.class).hasMessageContaining("is not a costmon database (it holds other data)");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var rs = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master")) {
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  @SuppressWarnings("try") // the lock is held, not used
  void aSecondCollectLockFailsWhileTheFirstIsHeld() {
    Path db = dir.resolve("h.db");
    try (CollectLock first = CollectLock.acquire(db)) {
      assertThatThrownBy(() -> CollectLock.acquire(db)).isInstanceOf(LockedException.class)
          .hasMessageContaining("another costmon collect is running");
    }
    try (CollectLock again = CollectLock.acquire(db)) {
      assertThat(again).isNotNull();
    }
  }
}
