package dev.costmon.report;

/** The few terminal styles the table uses; nothing is styled unless colour was asked for. */
enum Ansi {
  PLAIN(""),
  RED("\u001b[31m"),
  YELLOW("\u001b[33m"),
  DIM("\u001b[2m");

  private static final String RESET = "\u001b[0m";

  private final String code;

  Ansi(String code) {
    this.code = code;
  }

  String paint(String text, boolean colour) {
    return !colour || this == PLAIN || text.isEmpty() ? text : code + text + RESET;
  }
}
