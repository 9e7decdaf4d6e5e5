package dev.costmon.collect;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What importing one file (or the parts of one export) did.
 *
 * @param files the files, one unless they were parts of one export
 * @param skipped already imported into the account: nothing changed
 * @param importedAt when they were imported, this time or before
 * @param rows data rows read
 * @param counted rows that passed the account's filters
 * @param figures observations stored
 */
public record ImportOutcome(
    List<Path> files,
    boolean skipped,
    Instant importedAt,
    long rows,
    long counted,
    int figures,
    Optional<LocalDate> firstDay,
    Optional<LocalDate> lastDay) {

  public ImportOutcome {
    files = List.copyOf(files);
  }
}
