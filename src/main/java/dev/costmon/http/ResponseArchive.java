package dev.costmon.http;

/** Keeps raw provider responses for audit; receives them already redacted. */
@FunctionalInterface
public interface ResponseArchive {
  /** An archive that keeps nothing, for tests and one-off commands. */
  ResponseArchive NONE = response -> {};

  void store(ArchivedResponse response);
}
