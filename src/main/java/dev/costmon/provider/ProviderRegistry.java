package dev.costmon.provider;

import dev.costmon.provider.anthropic.AnthropicProvider;
import dev.costmon.provider.aws.AwsProvider;
import dev.costmon.provider.cloudflare.CloudflareProvider;
import dev.costmon.provider.command.CommandProvider;
import dev.costmon.provider.demo.DemoProvider;
import dev.costmon.provider.digitalocean.DigitalOceanProvider;
import dev.costmon.provider.focus.FocusProvider;
import dev.costmon.provider.fixed.FixedProvider;
import dev.costmon.provider.gcp.GcpProvider;
import dev.costmon.provider.hetzner.HetznerProvider;
import dev.costmon.provider.httpjson.HttpJsonProvider;
import dev.costmon.provider.openai.OpenAiProvider;
import dev.costmon.provider.openrouter.OpenRouterProvider;
import dev.costmon.provider.ovh.OvhProvider;
import dev.costmon.provider.supabase.SupabaseProvider;
import dev.costmon.provider.vercel.VercelProvider;
import dev.costmon.provider.wasabi.WasabiProvider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The provider types costmon knows, by their config name. */
public final class ProviderRegistry {
  private final Map<String, ProviderType<?>> byName = new LinkedHashMap<>();

  public ProviderRegistry(List<ProviderType<?>> types) {
    for (ProviderType<?> type : types) {
      if (byName.put(type.name(), type) != null) {
        throw new IllegalArgumentException("provider " + type.name() + " registered twice");
      }
    }
  }

  /** Every built-in provider; adding a provider is one line here. */
  public static ProviderRegistry builtIn() {
    return new ProviderRegistry(List.of(
        new FixedProvider(),
        new DemoProvider(),
        new HttpJsonProvider(),
        new OpenAiProvider(),
        new AnthropicProvider(),
        new VercelProvider(),
        new OpenRouterProvider(),
        new WasabiProvider(),
        new CloudflareProvider(),
        new SupabaseProvider(),
        new DigitalOceanProvider(),
        new FocusProvider(),
        new AwsProvider(),
        new GcpProvider(),
        new OvhProvider(),
        new HetznerProvider(),
        new CommandProvider()));
  }

  public Optional<ProviderType<?>> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Set<String> names() {
    return byName.keySet();
  }
}
