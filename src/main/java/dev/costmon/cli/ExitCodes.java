package dev.costmon.cli;

/**
 * Every exit code costmon uses outside {@code check} (which follows the monitoring-plugin
 * convention 0/1/2/3, see {@link dev.costmon.budget.Status}). The 6x/7x codes are sysexits.h, so
 * cron mails and systemd logs tell a typo from a provider outage.
 */
public final class ExitCodes {
  /** Everything worked. */
  public static final int OK = 0;
  /** Some accounts failed, the others were collected and stored. */
  public static final int PARTIAL = 1;
  /** Every account failed. */
  public static final int FAILED = 2;
  /**
   * A public service costmon depends on besides the providers is unavailable and nothing stored stands
   * in for it: the ECB's exchange rates could not be fetched and none is stored for a currency in use.
   * The accounts were collected; a later run fetches the rates.
   */
  public static final int UNAVAILABLE = 69;
  /** The command line is wrong (unknown option, bad value): fix the invocation. */
  public static final int USAGE = 64;
  /** Input data is wrong (an import file, a date range). */
  public static final int DATA = 65;
  /** A bug in costmon; the message says what, --verbose shows the stack trace. */
  public static final int SOFTWARE = 70;
  /** The output cannot be created where asked: the demo's directory holds data the demo did not write. */
  public static final int CANT_CREATE = 73;
  /**
   * The history database cannot be read or written (not a costmon database, corrupt, permissions),
   * or standard output could not take what the command wrote (disk full under a redirection).
   */
  public static final int IO = 74;
  /** Another collect holds the lock: temporary, a later run will succeed. */
  public static final int TEMPFAIL = 75;
  /** The configuration is wrong (file, key, secret reference): nothing was written. */
  public static final int CONFIG = 78;

  private ExitCodes() {}
}
