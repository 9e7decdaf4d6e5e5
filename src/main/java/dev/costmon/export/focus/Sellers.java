package dev.costmon.export.focus;

import java.util.Map;

/**
 * Who sells what, per provider type: the name FOCUS wants in ProviderName, ServiceProviderName and
 * InvoiceIssuerName, and the one ServiceCategory of the provider's services. Providers that sell
 * many kinds of service (clouds, FOCUS imports) and costmon's own kinds of account (fixed fees,
 * commands, JSON endpoints) are "Other", as FOCUS asks when no category fits; their seller is the
 * account itself, named by its id, because costmon does not know it.
 */
final class Sellers {
  /** A seller's display name and the FOCUS ServiceCategory of what it sells. */
  record Seller(String name, String category) {}

  private static final Map<String, Seller> KNOWN = Map.ofEntries(
      Map.entry("anthropic", new Seller("Anthropic", "AI and Machine Learning")),
      Map.entry("openai", new Seller("OpenAI", "AI and Machine Learning")),
      Map.entry("openrouter", new Seller("OpenRouter", "AI and Machine Learning")),
      Map.entry("vercel", new Seller("Vercel", "Web")),
      Map.entry("supabase", new Seller("Supabase", "Databases")),
      Map.entry("wasabi", new Seller("Wasabi", "Storage")),
      Map.entry("cloudflare", new Seller("Cloudflare", "Other")),
      Map.entry("digitalocean", new Seller("DigitalOcean", "Compute")),
      Map.entry("hetzner", new Seller("Hetzner", "Compute")),
      Map.entry("ovh", new Seller("OVHcloud", "Other")),
      Map.entry("gcp", new Seller("Google Cloud", "Other")),
      Map.entry("aws", new Seller("AWS", "Other")));

  private Sellers() {}

  /** The seller of an account of {@code provider}; the account id where costmon does not know it. */
  static Seller of(String provider, String account) {
    Seller known = KNOWN.get(provider);
    return known != null ? known : new Seller(account, "Other");
  }
}
