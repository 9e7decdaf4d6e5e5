package dev.costmon.store;

import java.util.List;

/**
 * The schema, one entry per version; {@code PRAGMA user_version} says how many have been applied.
 * Never edit an applied entry: add a new one.
 */
final class Migrations {
  /** "Cost" in ASCII: marks the file as a costmon database for {@code PRAGMA application_id}. */
  static final int APPLICATION_ID = 0x436f7374;

  /**
   * Step 5: each observation's provider labels ({@link dev.costmon.model.Tags}), part of its
   * identity: a JSON object with sorted keys, or '' for none, which every earlier row gets.
   */
  private static final String OBSERVATION_TAGS = """
      ALTER TABLE observation ADD COLUMN tags TEXT NOT NULL DEFAULT '';
      """;

  static final List<String> STEPS = List.of(
      // 1: runs, per-account snapshots and their observations. Money is decimal text, never REAL.
      """
      CREATE TABLE run (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        status TEXT
      );
      CREATE TABLE snapshot (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES run(id),
        account TEXT NOT NULL,
        provider TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'condition')),
        error TEXT,
        observations INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX snapshot_by_account ON snapshot(account, finished_at);
      CREATE TABLE observation (
        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
        account TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('spend', 'usage', 'forecast')),
        metric TEXT NOT NULL,
        dimension TEXT NOT NULL,
        day TEXT NOT NULL,
        value TEXT NOT NULL,
        unit TEXT NOT NULL,
        provenance TEXT NOT NULL,
        aggregation TEXT NOT NULL
      );
      CREATE INDEX observation_latest ON observation(account, kind, metric, day, snapshot_id);
      CREATE INDEX observation_by_day ON observation(day);
      """,
      // 2: the window each snapshot covered (so an archived run can be replayed exactly), and the
      // raw provider responses, gzip-compressed, kept for raw_retention.
      """
      ALTER TABLE snapshot ADD COLUMN window_from TEXT;
      ALTER TABLE snapshot ADD COLUMN window_to TEXT;
      CREATE TABLE raw_response (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES run(id),
        account TEXT NOT NULL,
        method TEXT NOT NULL,
        url TEXT NOT NULL,
        status INTEGER NOT NULL,
        fetched_at INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        body BLOB NOT NULL
      );
      CREATE INDEX raw_response_by_account ON raw_response(account, run_id);
      CREATE INDEX raw_response_by_time ON raw_response(fetched_at);
      """,
      // 3: files imported into an account (costmon import focus), by the SHA-256 of their bytes, so
      // importing the same file twice changes nothing; written in the transaction of their snapshot.
      """
      CREATE TABLE imported_file (
        account TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        first_day TEXT,
        last_day TEXT,
        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id),
        imported_at INTEGER NOT NULL,
        PRIMARY KEY (account, sha256)
      );
      """,
      // 4: what each notification channel was last told about each threshold in each billing period
      // (the debounce), and every attempt of an on_hard_cap action.
      """
      CREATE TABLE notification (
        subject TEXT NOT NULL,
        threshold TEXT NOT NULL,
        period TEXT NOT NULL,
        channel TEXT NOT NULL,
        last_level TEXT,
        max_level TEXT,
        last_sent_at INTEGER,
        last_attempt_at INTEGER NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        failed_level TEXT,
        last_error TEXT,
        PRIMARY KEY (subject, threshold, period, channel)
      );
      CREATE TABLE hard_cap_action (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        period TEXT NOT NULL,
        attempted_at INTEGER NOT NULL,
        action TEXT NOT NULL,
        ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
        result TEXT NOT NULL
      );
      CREATE INDEX hard_cap_action_by_period ON hard_cap_action(account, period);
      """,
      // 5: see OBSERVATION_TAGS.
      OBSERVATION_TAGS,
      // 6: the SHA-256 of each archived response's request body (redacted), so reprocess answers
      // each request with the response to the same body (AWS's calls are all POST /); NULL for
      // requests without a body and for rows archived before, which replay in order as before.
      """
      ALTER TABLE raw_response ADD COLUMN request_sha256 TEXT;
      """,
      // 7: one index for the month's figures, read by day range: it finds each day's newest snapshot
      // per account, kind and metric without reading a table row (report on 3 years' history: the
      // query 35 -> 7 ms). It replaces both indexes of step 1, so the file does not grow.
      // Later steps go on their own line below this one.
      """
      DROP INDEX observation_latest;
      DROP INDEX observation_by_day;
      CREATE INDEX observation_by_day ON observation(day, account, kind, metric, snapshot_id);
      """,
      // 8: the exchange rates costmon used, each with the day it is valid from and its source
      // (config), so a closed month keeps its rate when fx: is edited later. Rates are decimal text.
      """
      CREATE TABLE fx_rate (
        day TEXT NOT NULL,
        currency TEXT NOT NULL,
        reporting TEXT NOT NULL,
        rate TEXT NOT NULL,
        source TEXT NOT NULL,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (currency, reporting, source, day)
      );
      """,
      // 9: which digest (costmon digest --notify) each channel got, one row per period and channel
      // ('day 2026-11-22', 'week 2026-W47', 'month 2026-11'), so a second run in the same period sends
      // nothing unless --force; a failed delivery keeps no sent_at and is tried again next run.
      """
      CREATE TABLE digest_delivery (
        period TEXT NOT NULL,
        channel TEXT NOT NULL,
        sent_at INTEGER,
        last_attempt_at INTEGER NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        PRIMARY KEY (period, channel)
      );
      """,
      // 10: the windows successful collects asked about, read by day range for the trend's "was this
      // day asked about" (History.coveredWindows): without it the query scans every snapshot (110k rows
      // at 300 accounts x 1 year, 160 ms in the sqlite3 shell), with it only those whose window reaches
      // into the range (10 ms).
      """
      CREATE INDEX snapshot_window ON snapshot(window_to, window_from, account) WHERE status = 'ok';
      """,
      // 11: the newest snapshot of each account's day, kind and metric, kept up to date by every
      // insert (History.insert): the figures of a range are read from it directly. Before, the month's
      // query grouped every snapshot's rows of the range to find the newest (a nightly collect asks
      // again for the last days, so 164k index entries for 15k figures at 300 accounts).
      """
      CREATE TABLE figure_newest (
        day TEXT NOT NULL,
        account TEXT NOT NULL,
        kind TEXT NOT NULL,
        metric TEXT NOT NULL,
        snapshot_id INTEGER NOT NULL,
        PRIMARY KEY (day, account, kind, metric)
      ) WITHOUT ROWID;
      INSERT INTO figure_newest(day, account, kind, metric, snapshot_id)
        SELECT day, account, kind, metric, max(snapshot_id) FROM observation GROUP BY day, account, kind, metric;
      """,
      // 12: a spend key's figures as decimal text with their currencies ('1.10 USD 2.00 USD'), so the
      // trend's days before the month are summed from figure_newest alone, exactly, without looking
      // up each figure's row (half the time of a 300-account report's day-by-day spend).
      """
      ALTER TABLE figure_newest ADD COLUMN amounts TEXT;
      UPDATE figure_newest SET amounts = (
        SELECT group_concat(o.value || ' ' || o.unit, ' ') FROM observation o
        WHERE o.day = figure_newest.day AND o.account = figure_newest.account AND o.kind = figure_newest.kind
          AND o.metric = figure_newest.metric AND o.snapshot_id = figure_newest.snapshot_id)
      WHERE kind = 'spend';
      """);

  private Migrations() {}
}
