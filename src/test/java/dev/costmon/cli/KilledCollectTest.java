package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A costmon process killed with SIGKILL in the middle of writing leaves a consistent database, and
 * the next collect works: every snapshot is its own transaction.
 */
class KilledCollectTest {
  @TempDir Path dir;

  @Test
  void theDatabaseSurvivesAKillAndTheNextCollectWorks() throws Exception {
    // A long demo backfill writes thousands of snapshots; kill it while it is busy doing so.
    Process p = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.costmon.Main", "demo", "--days", "3000"))
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
    Path db = dir.resolve("costmon-demo/history.db");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (snapshots(db) < 200 && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(50);
    }
    assertThat(p.isAlive()).as("the backfill should still be running").isTrue();
    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    long before = snapshots(db);
    CliHarness cli = new CliHarness(dir);
    CliHarness.Result r = cli.run("collect", "-c", "costmon-demo/costmon.yaml");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(snapshots(db)).isEqualTo(before + 7);   // one per demo account
    // The killed run is marked, not left looking as if it still ran.
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var rs = c.createStatement().executeQuery("SELECT command, coalesce(status, 'unfinished') FROM run ORDER BY id")) {
      List<String> runs = new java.util.ArrayList<>();
      while (rs.next()) {
        runs.add(rs.getString(1) + " " + rs.getString(2));
      }
      assertThat(runs).contains("demo interrupted").doesNotContain("demo unfinished").endsWith("collect ok");
    }
    assertThat(cli.run("report", "-c", "costmon-demo/costmon.yaml").exitCode()).isZero();
  }

  private static long snapshots(Path db) {
    if (!db.toFile().exists()) {
      return 0;
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var rs = c.createStatement().executeQuery("SELECT count(*) FROM snapshot")) {
      return rs.getLong(1);
    } catch (Exception e) {
      return 0; // not created yet
    }
  }

}
