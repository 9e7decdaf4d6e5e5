package dev.costmon.provider.vercel;

/** The Vercel plan of the account; it decides which usage quotas apply by default. */
public enum VercelPlan {
  /** Free, non-commercial: included usage is a hard monthly allowance. */
  HOBBY,
  /** Paid per seat with a usage credit: no default quotas, the config sets its own. */
  PRO
}
