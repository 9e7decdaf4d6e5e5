package dev.costmon.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The directory of the {@code .prom} file must exist (collect does not create node_exporter's
 * directory: a typo there would otherwise create a directory nobody reads) and be writable, since
 * the file is written to a temporary file beside it and renamed into place.
 */
final class TextfileCheck {
  private static final String TOPIC = "textfile";

  Finding run(Optional<Path> textfile) {
    if (textfile.isEmpty()) {
      return Finding.ok(TOPIC, "not configured (no textfile: key), no .prom file is written");
    }
    Path file = textfile.get().toAbsolutePath();
    Path dir = file.getParent();
    if (!Files.exists(dir)) {
      return Finding.fail(TOPIC, dir + ": no such directory (for " + file + "); create it or fix textfile:");
    }
    if (!Files.isDirectory(dir)) {
      return Finding.fail(TOPIC, dir + " is not a directory (for " + file + ")");
    }
    if (!Files.isWritable(dir)) {
      return Finding.fail(TOPIC, dir + " is not writable: " + file + " cannot be replaced atomically");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      return Finding.fail(TOPIC, file + " exists and is not a regular file");
    }
    return Finding.ok(TOPIC, dir + " exists and is writable" + (Files.exists(file) ? "" : " (" + file.getFileName()
        + " not written yet)"));
  }
}
