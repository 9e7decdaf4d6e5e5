package dev.costmon.provider;

/**
 * Marker for a provider's own account keys, a record bound strictly from the account's YAML
 * (unknown keys are errors). Secrets in it are {@link dev.costmon.config.Secret}s.
 */
public interface ProviderSettings {}
