package dev.costmon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawArchiveTest {
  private static final Instant T = Instant.parse("2026-11-23T07:00:00Z");
  private static final String DIGEST = "a".repeat(64);

  @TempDir Path dir;

  private static RawResponse response(String body, String digest) {
    return new RawResponse(0, 0, "aws", "POST", "https://ce.us-east-1.amazonaws.com/", 200, T,
        "application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8), digest);
  }

  @Test
  void keepsTheRequestDigestWithTheResponse() {
    try (Database db = Database.open(dir.resolve("h.db"), true)) {
      History history = new History(db);
      RawArchive raw = new RawArchive(history);
      long run = history.startRun("collect", T);

      raw.store(run, response("{\"a\":1}", DIGEST));
      raw.store(run, response("{\"b\":2}", null));

      assertThat(raw.ofRun("aws", run)).extracting(RawResponse::requestSha256).containsExactly(DIGEST, null);
      assertThat(raw.ofRun("aws", run).get(0).body()).asString(StandardCharsets.UTF_8).isEqualTo("{\"a\":1}");
    }
  }

  @Test
  void aDatabaseOfTheStepBeforeGainsTheColumnAndKeepsItsRowsWithoutADigest() throws Exception {
    Path file = dir.resolve("old.db");
    int before = 5; // step 6 added the column
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      for (String step : Migrations.STEPS.subList(0, before)) {
        for (String sql : step.split(";\\s*\\n")) {
          if (!sql.isBlank()) {
            st.execute(sql);
          }
        }
      }
      st.execute("PRAGMA application_id = " + Migrations.APPLICATION_ID);
      st.execute("PRAGMA user_version = " + before);
      st.execute("INSERT INTO run(id, command, started_at) VALUES (1, 'collect', 0)");
    }
    // A row archived by the costmon before: written through the old column list.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("INSERT INTO raw_response(run_id, account, method, url, status, fetched_at, content_type, size, body)"
          + " VALUES (1, 'aws', 'POST', 'https://ce/', 200, 0, 'application/json', 2, x'1f8b08000000000002ffabae050043bfa6a302000000')");
    }

    try (Database db = Database.open(file, true)) {
      RawArchive raw = new RawArchive(new History(db));
      RawResponse old = raw.ofRun("aws", 1).get(0);
      assertThat(old.requestSha256()).isNull();
      assertThat(old.body()).asString(StandardCharsets.UTF_8).isEqualTo("{}");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      assertThat(rs.getInt(1)).isEqualTo(Migrations.STEPS.size());
    }
  }
}
