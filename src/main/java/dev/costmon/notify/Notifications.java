package dev.costmon.notify;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the config says about telling people: the channels of {@code notify:}, the {@code debounce:}
 * rules, the accounts' {@code hard_cap} with their {@code on_hard_cap} actions, and which events each
 * channel receives.
 *
 * @param hardCaps account id to its hard cap
 * @param totalHardCap the top-level {@code hard_cap} over all accounts
 * @param events channel name to the events it receives; a channel not listed receives all
 */
public record Notifications(List<Channel> channels, Debounce debounce, Map<String, HardCap> hardCaps,
    Optional<HardCap> totalHardCap, Map<String, Set<Event>> events) {
  /** No channels, default debounce, no hard caps. */
  public static final Notifications NONE =
      new Notifications(List.of(), Debounce.DEFAULT, Map.of(), Optional.empty(), Map.of());

  public Notifications {
    channels = List.copyOf(channels);
    Objects.requireNonNull(debounce, "debounce");
    hardCaps = Map.copyOf(hardCaps);
    Objects.requireNonNull(totalHardCap, "totalHardCap");
    events = Map.copyOf(events);
  }

  public Optional<Channel> channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Whether {@code channel} is sent messages of this kind (on_hard_cap calls are actions, not events). */
  public boolean receives(Channel channel, Event event) {
    return events.getOrDefault(channel.name(), EnumSet.allOf(Event.class)).contains(event);
  }

  /** The hard cap of an account, or with {@code ""} the top-level one over all accounts. */
  public Optional<HardCap> hardCap(String account) {
    return account.isEmpty() ? totalHardCap : Optional.ofNullable(hardCaps.get(account));
  }

  /** Whether some {@code on_hard_cap} calls this channel. */
  public boolean isHardCapHook(String channel) {
    return java.util.stream.Stream.concat(hardCaps.values().stream(), totalHardCap.stream())
        .anyMatch(h -> h.action().orElse(null) instanceof HardCap.Webhook w && w.channel().equals(channel));
  }
}
