package dev.costmon.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A shell-like pattern that matches a whole name: {@code *} any run of characters (slashes included),
 * {@code ?} exactly one, everything else itself, case-sensitive. Character classes and braces are
 * refused rather than taken literally, because {@code {web,shop}} written expecting alternation
 * would silently match nothing.
 */
public final class Glob {
  private final String pattern;
  private final Pattern regex;

  private Glob(String pattern, Pattern regex) {
    this.pattern = pattern;
    this.regex = regex;
  }

  /**
   * @throws IllegalArgumentException with a message fit for a configuration error
   */
  public static Glob parse(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("a pattern must not be empty; use * to match anything");
    }
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '[' || c == ']' || c == '{' || c == '}') {
        throw new IllegalArgumentException("'" + pattern + "' is not a valid pattern: only * and ? are wildcards,"
            + " '" + c + "' is not supported (use ? for a literal '" + c + "')");
      }
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return new Glob(pattern, Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  /** Whether the pattern has a wildcard; one without is a plain name. */
  public boolean hasWildcard() {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
  }

  public String pattern() {
    return pattern;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Glob g && g.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pattern);
  }

  @Override
  public String toString() {
    return pattern;
  }
}
