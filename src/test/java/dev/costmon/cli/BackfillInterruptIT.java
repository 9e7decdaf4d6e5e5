package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.provider.ProviderFixture;
import dev.costmon.provider.anthropic.AnthropicMonths;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a backfill, as a user does it: the packaged jar ({@code target/costmon.jar}, so this runs
 * after {@code package}, under failsafe) backfills ten months from a loopback Anthropic that answers
 * slowly, gets SIGINT once two months are stored, and must leave whole months only, its run marked
 * interrupted; the same command again asks for none of the months already stored.
 */
class BackfillInterruptIT {
  /** See {@link #signalDefaults()}; probed once. */
  static final List<String> SIGNAL_DEFAULTS = signalDefaults();
  private static final String KEY = "sk-ant-admin01-TESTinterruptSECRET";

  @TempDir Path dir;
  final ProviderFixture anthropic = new ProviderFixture();
  final AnthropicMonths costs = new AnthropicMonths(true, 0);
  final AnthropicMonths usage = new AnthropicMonths(false, 0);

  @AfterEach
  void tearDown() {
    anthropic.close();
  }

  @Test
  void sigintStopsCleanlyAndTheSameCommandResumesWithoutAskingAgain() throws Exception {
    anthropic.route("/v1/organizations/cost_report", costs);
    anthropic.route("/v1/organizations/usage_report/messages", usage);
    costs.delayMillis = 150;
    usage.delayMillis = 150;
    Files.writeString(dir.resolve("costmon.yaml"), """
        currency: USD
        database: history.db
        accounts:
          - id: claude
            provider: anthropic
            endpoint: %s
            admin_key: ${ANTHROPIC_ADMIN_KEY}
        """.formatted(anthropic.base()));
    // Ten whole months that are past whatever day this runs on.
    YearMonth first = YearMonth.now(ZoneOffset.UTC).minusMonths(11);
    String from = first.atDay(1).toString();
    String to = first.plusMonths(9).atEndOfMonth().toString();
    Path db = dir.resolve("history.db");

    Process backfill = costmon("collect", "--from", from, "--to", to);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (storedWindows(db).size() < 2 && backfill.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(backfill.isAlive()).as("the backfill should still be running: " + output()).isTrue();
    new ProcessBuilder("kill", "-INT", String.valueOf(backfill.pid())).start().waitFor();
    assertThat(backfill.waitFor(60, TimeUnit.SECONDS)).as("exits after SIGINT").isTrue();

    // 128 + SIGINT, as a shell reports a command stopped by Ctrl-C.
    assertThat(backfill.exitValue()).as(output()).isEqualTo(130);
    assertThat(output()).doesNotContain(KEY).doesNotContain("Exception");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThat(single(c, "PRAGMA integrity_check")).isEqualTo("ok");
      assertThat(single(c, "SELECT group_concat(command || ' ' || coalesce(status, 'unfinished')) FROM run"))
          .contains("backfill interrupted").doesNotContain("unfinished");
    }
    List<String> stored = storedWindows(db);
    assertThat(stored).hasSizeBetween(2, 9);
    // Every window stored is whole: each of its days, as the provider reported it; none after it.
    for (String window : stored) {
      LocalDate start = LocalDate.parse(window.substring(0, 10));
      LocalDate end = LocalDate.parse(window.substring(12));
      assertThat(dailySpend(db, start, end)).as(window).isEqualTo(expected(start, end));
    }
    LocalDate lastStored = LocalDate.parse(stored.get(stored.size() - 1).substring(12));
    assertThat(dailySpend(db, lastStored.plusDays(1), LocalDate.parse(to))).isEmpty();
    int askedBefore = costs.asked.size();

    costs.delayMillis = 0;
    usage.delayMillis = 0;
    Process again = costmon("collect", "--from", from, "--to", to);
    assertThat(again.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(again.exitValue()).as(output()).isZero();
    List<String> askedAgain = costs.asked.subList(askedBefore, costs.asked.size());
    for (String window : stored) {
      assertThat(askedAgain).as("asked again for " + window).noneMatch(a -> a.startsWith(window.substring(0, 10)));
    }
    assertThat(dailySpend(db, LocalDate.parse(from), LocalDate.parse(to)))
        .isEqualTo(expected(LocalDate.parse(from), LocalDate.parse(to)));
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      assertThat(single(c, "SELECT group_concat(command || ' ' || status) FROM run"))
          .endsWith("backfill interrupted,backfill ok");
    }
  }

  private Process costmon(String... args) throws IOException {
    List<String> command = new ArrayList<>(SIGNAL_DEFAULTS);
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of(System.getProperty("costmon.jar", "target/costmon.jar")).toAbsolutePath().toString(),
        "-c", dir.resolve("costmon.yaml").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out.txt").toFile()));
    pb.environment().put("ANTHROPIC_ADMIN_KEY", KEY);
    pb.environment().put("HOME", dir.toString());
    return pb.start();
  }

  /**
   * A build started in the background of a shell without job control (a CI runner, {@code mvn ... &})
   * inherits SIGINT ignored, and the JVM then keeps ignoring it, as nohup intends. A user's Ctrl-C
   * reaches a process that has the default disposition: give the child that, where env can.
   */
  private static List<String> signalDefaults() {
    try {
      Process probe = new ProcessBuilder("env", "--default-signal=INT", "true")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0
          ? List.of("env", "--default-signal=INT") : List.of();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private String output() throws IOException {
    Path out = dir.resolve("out.txt");
    return Files.exists(out) ? Files.readString(out) : "";
  }

  /** The windows a backfill stored, oldest first, as {@code from..to}. */
  private static List<String> storedWindows(Path db) throws SQLException {
    List<String> out = new ArrayList<>();
    if (!Files.exists(db)) {
      return out;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        ResultSet rs = c.createStatement().executeQuery("SELECT window_from || '..' || window_to FROM snapshot"
            + " WHERE status = 'ok' ORDER BY window_from")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    } catch (SQLException e) {
      if (!String.valueOf(e.getMessage()).contains("no such table")) {
        throw e;
      }
    }
    return out;
  }

  /** The stored spend per day (the latest snapshot of each day), read with SQL, not with costmon. */
  private static Map<LocalDate, BigDecimal> dailySpend(Path db, LocalDate from, LocalDate to) throws SQLException {
    Map<LocalDate, BigDecimal> out = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var st = c.prepareStatement("SELECT o.day, o.value FROM observation o WHERE o.kind = 'spend'"
            + " AND o.day BETWEEN ? AND ? AND o.snapshot_id = (SELECT max(p.snapshot_id) FROM observation p"
            + " WHERE p.day = o.day AND p.account = o.account AND p.kind = o.kind)")) {
      st.setString(1, from.toString());
      st.setString(2, to.toString());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.merge(LocalDate.parse(rs.getString(1)), new BigDecimal(rs.getString(2)), BigDecimal::add);
        }
      }
    }
    out.replaceAll((day, v) -> v.stripTrailingZeros());
    return out;
  }

  private static Map<LocalDate, BigDecimal> expected(LocalDate from, LocalDate to) {
    Map<LocalDate, BigDecimal> out = new TreeMap<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      out.put(d, AnthropicMonths.usd(d).stripTrailingZeros());
    }
    return out;
  }

  private static String single(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      return rs.getString(1);
    }
  }
}
