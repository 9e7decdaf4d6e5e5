package dev.costmon.collect;

import dev.costmon.config.Account;

/**
 * What {@code costmon reprocess} did for one account: snapshots rebuilt from the archive, figures
 * they produced, snapshots without an archive, and the error that stopped it (empty if none).
 */
public record ReprocessOutcome(Account account, int snapshots, int figures, int withoutArchive, String error) {}
