package dev.costmon.provider.focus;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The export files a {@code path:} names: one file, a directory's CSV files, or a glob's matches. */
final class FocusFiles {
  private FocusFiles() {}

  /** A file and when it was last modified. */
  record Found(Path path, FileTime modified) {}

  /** The matching regular files, oldest first (then by name), so later exports are applied last. */
  static List<Found> expand(Path pattern) throws IOException {
    Path absolute = pattern.toAbsolutePath().normalize();
    List<Path> paths = new ArrayList<>();
    if (!isGlob(absolute.toString())) {
      if (Files.isDirectory(absolute)) {
        try (Stream<Path> s = Files.list(absolute)) {
          s.filter(Files::isRegularFile).filter(FocusFiles::looksLikeCsv).forEach(paths::add);
        }
      } else if (Files.isRegularFile(absolute)) {
        paths.add(absolute);
      }
    } else {
      Path base = absolute.getRoot();
      int depth = 0;
      boolean deep = false;
      boolean inGlob = false;
      for (Path segment : absolute) {
        if (!inGlob && !isGlob(segment.toString())) {
          base = base.resolve(segment);
        } else {
          inGlob = true;
          depth++;
          deep |= segment.toString().contains("**");
        }
      }
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
      if (Files.isDirectory(base)) {
        try (Stream<Path> s = Files.walk(base, deep ? Integer.MAX_VALUE : depth)) {
          s.filter(Files::isRegularFile).filter(matcher::matches).forEach(paths::add);
        }
      }
    }
    List<Found> out = new ArrayList<>();
    for (Path p : paths) {
      out.add(new Found(p, Files.getLastModifiedTime(p)));
    }
    out.sort(Comparator.comparing(Found::modified).thenComparing(Found::path));
    return out;
  }

  private static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }

  private static boolean looksLikeCsv(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".csv") || name.endsWith(".csv.gz");
  }
}
