package dev.costmon.store;

import java.time.LocalDate;

/**
 * Days as the history stores them, {@code 2026-11-30}. A month's report reads thousands, and
 * {@link LocalDate#parse}'s general formatter is most of the time a cold JVM spends on them; the
 * fixed layout costmon writes is read directly, anything else still goes through the formatter.
 */
final class StoredDay {
  private StoredDay() {}

  static LocalDate parse(String text) {
    if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      if (year >= 0 && month >= 0 && day >= 0) {
        return LocalDate.of(year, month, day);
      }
    }
    return LocalDate.parse(text);
  }

  /** The number the digits in [from, to) spell, or -1 if one is not a digit. */
  private static int digits(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }
}
