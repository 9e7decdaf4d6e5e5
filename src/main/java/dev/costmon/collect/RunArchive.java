package dev.costmon.collect;

import dev.costmon.http.ArchivedResponse;
import dev.costmon.http.ResponseArchive;
import dev.costmon.store.RawArchive;
import dev.costmon.store.RawResponse;

/** Keeps every provider response of one run in the SQLite raw archive. */
public record RunArchive(RawArchive raw, long runId) implements ResponseArchive {
  @Override
  public void store(ArchivedResponse r) {
    raw.store(runId, new RawResponse(0, runId, r.account(), r.method(), r.url(), r.status(), r.fetchedAt(),
        r.contentType(), r.body(), r.requestSha256()));
  }
}
