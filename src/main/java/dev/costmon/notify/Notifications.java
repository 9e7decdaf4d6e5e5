package dev.costmon.notify;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the config says about telling people: the channels of {@code notify:}, the {@code debounce:}
 * rules, and the accounts' {@code hard_cap} with their {@code on_hard_cap} actions.
 *
 * @param hardCaps account id to its hard cap
 */
public record Notifications(List<Channel> channels, Debounce debounce, Map<String, HardCap> hardCaps) {
  /** No channels, default debounce, no hard caps. */
  public static final Notifications NONE = new Notifications(List.of(), Debounce.DEFAULT, Map.of());

  public Notifications {
    channels = List.copyOf(channels);
    Objects.requireNonNull(debounce, "debounce");
    hardCaps = Map.copyOf(hardCaps);
  }

  public Optional<Channel> channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
