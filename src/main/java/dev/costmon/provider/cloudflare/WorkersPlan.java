package dev.costmon.provider.cloudflare;

/** The account's Workers plan, which decides the default Workers request quota. */
public enum WorkersPlan {
  /** 100,000 requests per day (Workers and Pages Functions together), reset at 00:00 UTC. */
  FREE,
  /** 10 million requests a month included, then billed per million. */
  PAID
}
