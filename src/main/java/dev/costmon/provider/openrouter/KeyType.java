package dev.costmon.provider.openrouter;

/** Which kind of OpenRouter key an account holds, and so which endpoints costmon reads. */
public enum KeyType {
  /** A management key: account-wide daily spend per model from {@code /activity}, credits from {@code /credits}. */
  MANAGEMENT,
  /** An inference key: only that key's month-to-date usage and remaining limit from {@code /key}. */
  INFERENCE
}
