package dev.costmon.digest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How {@code costmon digest --format} prints a digest. */
public enum DigestFormat {
  TEXT, MARKDOWN, JSON, HTML;

  /**
   * @throws IllegalArgumentException naming the formats there are
   */
  public static DigestFormat fromLabel(String label) {
    return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(label)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("--format '" + label + "' is not one of "
            + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
  }

  /** The digest in this format, ending with a newline. */
  public String render(Digest digest) {
    return switch (this) {
      case TEXT -> TextDigest.render(digest);
      case MARKDOWN -> MarkdownDigest.render(digest);
      case JSON -> JsonDigest.render(digest);
      case HTML -> HtmlDigest.render(digest);
    };
  }
}
