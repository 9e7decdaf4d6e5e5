package dev.costmon.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.config.Account;
import dev.costmon.config.ConfigBinding;
import dev.costmon.config.Durations;
import dev.costmon.config.FxRates;
import dev.costmon.config.Limits;
import dev.costmon.config.Secret;
import dev.costmon.model.Money;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Binds {@code notify:}, {@code debounce:} and the accounts' {@code hard_cap}/{@code on_hard_cap}
 * through the config loader's strict binding, so every mistake names its file, line and column.
 */
public final class NotifyBinder {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>,;\"]+@[^\\s@<>,;\"]+");
  private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host",
      "connection", "transfer-encoding", "user-agent", "accept-encoding", "expect", "upgrade");
  private static final Map<String, Set<String>> KEYS_BY_TYPE = Map.of(
      "slack", Set.of("name", "type", "url", "events"),
      "webhook", Set.of("name", "type", "url", "headers", "secret_headers", "body", "content_type", "events"),
      "email", Set.of("name", "type", "to", "from", "sendmail", "events"));

  /** One channel as written. */
  record RawChannel(String name, String type, Secret url, Map<String, String> headers,
      Map<String, Secret> secretHeaders, String body, String contentType, JsonNode to, String from,
      String sendmail, JsonNode events) {}

  /** {@code debounce:} as written. */
  record RawDebounce(String repeat, String minInterval) {}

  /** {@code on_hard_cap:} as written. */
  record RawOnHardCap(List<String> command, String webhook, String timeout) {}

  private NotifyBinder() {}

  /** The keys of a {@code notify:} channel, by channel type. */
  public static Map<String, Set<String>> channelKeys() {
    return KEYS_BY_TYPE;
  }

  /** The record a {@code notify:} channel binds to, for tools that look for its secret keys. */
  public static Class<?> channelRecord() {
    return RawChannel.class;
  }

  /** The records {@code debounce:} and an account's {@code on_hard_cap:} bind to, by key. */
  public static Map<String, Class<?>> sections() {
    return Map.of("debounce", RawDebounce.class, "on_hard_cap", RawOnHardCap.class);
  }

  /**
   * @param root the top level, for its {@code hard_cap} and {@code on_hard_cap} over all accounts
   * @param rawAccounts the account mappings as written, index-aligned with {@code accounts}
   */
  public static Notifications bind(ConfigBinding b, List<ObjectNode> rawChannels, ObjectNode rawDebounce,
      ObjectNode root, List<ObjectNode> rawAccounts, List<Account> accounts, FxRates fx) {
    List<Channel> channels = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Map<String, Optional<Set<Event>>> listed = new LinkedHashMap<>();
    List<ObjectNode> list = rawChannels == null ? List.of() : rawChannels;
    for (int i = 0; i < list.size(); i++) {
      Channel c = channel(b, list.get(i), "/notify/" + i);
      if (!names.add(c.name())) {
        b.fail("/notify/" + i + "/name", "", "duplicate notify channel name '" + c.name() + "'");
      }
      channels.add(c);
      listed.put(c.name(), events(b, list.get(i).get("events"), "/notify/" + i + "/events",
          "notify channel '" + c.name() + "': "));
    }
    Debounce debounce = rawDebounce == null ? Debounce.DEFAULT : debounce(b, rawDebounce);
    Map<String, HardCap> hardCaps = new LinkedHashMap<>();
    for (int i = 0; i < rawAccounts.size(); i++) {
      Account account = accounts.get(i);
      hardCap(b, rawAccounts.get(i), "/accounts/" + i, "account '" + account.id() + "': ", fx, names)
          .ifPresent(h -> hardCaps.put(account.id(), h));
    }
    Optional<HardCap> total = hardCap(b, root, "", "", fx, names);
    Map<String, Set<Event>> events = new LinkedHashMap<>();
    Notifications partial = new Notifications(channels, debounce, hardCaps, total, Map.of());
    listed.forEach((name, explicit) -> {
      // A hook channel hears only its on_hard_cap calls unless it asks for more.
      if (explicit.isPresent() || partial.isHardCapHook(name)) {
        events.put(name, explicit.orElse(EnumSet.noneOf(Event.class)));
      }
    });
    return new Notifications(channels, debounce, hardCaps, total, events);
  }

  private static Optional<Set<Event>> events(ConfigBinding b, JsonNode node, String at, String who) {
    if (node == null) {
      return Optional.empty();
    }
    String known = String.join(", ", Arrays.stream(Event.values()).map(Event::key).toList());
    if (!node.isArray()) {
      b.fail(at, who, "events: is a list such as [critical, resolved] (of " + known + ")");
    }
    Set<Event> events = EnumSet.noneOf(Event.class);
    for (int i = 0; i < node.size(); i++) {
      JsonNode e = node.get(i);
      int index = i;
      String key = e.isTextual() ? e.asText().toLowerCase(Locale.ROOT) : "";
      events.add(Event.of(key).orElseGet(() -> b.fail(at + "/" + index, who, "unknown event '" + e.asText()
          + "' (one of " + known + ")")));
    }
    return Optional.of(events);
  }

  private static Channel channel(ConfigBinding b, ObjectNode node, String at) {
    JsonNode nameNode = node.get("name");
    String label = nameNode != null && nameNode.isTextual() ? "notify channel '" + nameNode.asText() + "': " : "";
    // A channel whose secret is not set fails when it is used, as an account does when it is collected:
    // the nightly collect and check must not stop because a webhook variable is missing.
    RawChannel raw = b.convertKeepingUnresolved(node, RawChannel.class, at, label);
    if (raw.name() == null) {
      b.fail(at, "", "a notify channel needs a name:");
    }
    String who = "notify channel '" + raw.name() + "': ";
    if (!NAME.matcher(raw.name()).matches()) {
      b.fail(at + "/name", who, "the name must be lower case letters, digits, '.', '_' or '-'");
    }
    if (raw.type() == null) {
      b.fail(at, who, "type: is required (slack, webhook or email)");
    }
    String type = raw.type().toLowerCase(Locale.ROOT);
    Set<String> allowed = KEYS_BY_TYPE.get(type);
    if (allowed == null) {
      b.fail(at + "/type", who, "unknown type '" + raw.type() + "' (one of slack, webhook, email)");
    }
    node.fieldNames().forEachRemaining(key -> {
      if (!allowed.contains(key)) {
        b.fail(at + "/" + key, who, "key '" + key + "' does not apply to a " + type + " channel (its keys: "
            + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    });
    return switch (type) {
      case "slack" -> new Channel.Slack(raw.name(), url(b, raw, at, who));
      case "webhook" -> webhook(b, raw, at, who);
      default -> email(b, raw, at, who);
    };
  }

  private static Secret url(ConfigBinding b, RawChannel raw, String at, String who) {
    if (raw.url() == null) {
      b.fail(at, who, "url: is required, as a secret reference such as ${SLACK_WEBHOOK}");
    }
    if (!raw.url().available()) {
      return raw.url();
    }
    String value = raw.url().reveal();
    // Never quote the value: the URL is the credential.
    if (!(value.startsWith("https://") || value.startsWith("http://"))) {
      b.fail(at + "/url", who, raw.url().reference() + " does not hold an http(s) URL");
    }
    b.value(at + "/url", who, () -> {
      try {
        java.net.URI uri = new java.net.URI(value);
        if (uri.getHost() == null || uri.getRawFragment() != null) {
          throw new IllegalArgumentException(raw.url().reference() + " does not hold an http(s) URL with a host");
        }
        return uri;
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(raw.url().reference() + " does not hold a valid URL");
      }
    });
    return raw.url();
  }

  private static Channel webhook(ConfigBinding b, RawChannel raw, String at, String who) {
    Secret url = url(b, raw, at, who);
    Map<String, String> headers = raw.headers() == null ? Map.of() : raw.headers();
    Map<String, Secret> secretHeaders = raw.secretHeaders() == null ? Map.of() : raw.secretHeaders();
    headers.forEach((name, value) -> header(b, at + "/headers/" + name, who, name, value));
    secretHeaders.forEach((name, secret) -> {
      header(b, at + "/secret_headers/" + name, who, name, "");
      if (secret == null || secret.available() && secret.reveal().chars().anyMatch(c -> c < 32 && c != '\t' || c == 127)) {
        b.fail(at + "/secret_headers/" + name, who, "header " + name + ": "
            + (secret == null ? "needs a secret reference" : secret.reference() + " contains a control character"));
      }
      if (headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name))) {
        b.fail(at + "/secret_headers/" + name, who, "header " + name + " is also under headers:");
      }
    });
    String contentType = raw.contentType() == null ? "application/json" : raw.contentType();
    header(b, at + "/content_type", who, "Content-Type", contentType);
    boolean json = contentType.toLowerCase(Locale.ROOT).contains("json");
    Template body = raw.body() == null ? Template.defaultJson()
        : b.value(at + "/body", who, () -> Template.parse(raw.body()));
    if (json) {
      String sample = body.render(sample().fields(), true);
      try {
        new ObjectMapper().readTree(sample);
      } catch (JsonProcessingException e) {
        b.fail(at + "/body", who, "the body is not JSON once its placeholders are filled in ("
            + (e.getLocation() == null ? "malformed" : "line " + e.getLocation().getLineNr() + ", column "
            + e.getLocation().getColumnNr()) + "); placeholders go inside quotes: \"{{message}}\"");
      }
    }
    return new Channel.Webhook(raw.name(), url, headers, secretHeaders, body, contentType);
  }

  private static void header(ConfigBinding b, String pointer, String who, String name, String value) {
    if (!HEADER_NAME.matcher(name).matches()) {
      b.fail(pointer, who, "'" + name + "' is not a valid header name");
    }
    if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !pointer.endsWith("/content_type")) {
      b.fail(pointer, who, "header " + name + " is set by costmon" + (name.equalsIgnoreCase("content-type")
          ? "; use content_type:" : ""));
    }
    if (value == null || value.chars().anyMatch(c -> c < 32 && c != '\t' || c == 127)) {
      b.fail(pointer, who, "header " + name + " needs a value on one line");
    }
  }

  private static Channel email(ConfigBinding b, RawChannel raw, String at, String who) {
    List<String> to = new ArrayList<>();
    JsonNode node = raw.to();
    if (node == null || node.isNull()) {
      b.fail(at, who, "to: is required (an address or a list of addresses)");
    } else if (node.isTextual()) {
      to.add(node.asText());
    } else if (node.isArray() && !node.isEmpty()) {
      node.forEach(n -> to.add(n.isTextual() ? n.asText() : b.fail(at + "/to", who, "expected addresses")));
    } else {
      b.fail(at + "/to", who, "expected an address or a list of addresses");
    }
    for (String address : to) {
      if (!ADDRESS.matcher(address).matches()) {
        b.fail(at + "/to", who, "'" + address + "' is not an e-mail address such as ops@example.com");
      }
    }
    Optional<String> from = Optional.ofNullable(raw.from());
    from.ifPresent(f -> {
      if (!ADDRESS.matcher(f).matches()) {
        b.fail(at + "/from", who, "'" + f + "' is not an e-mail address such as costmon@example.com");
      }
    });
    Path sendmail = raw.sendmail() == null ? Path.of("/usr/sbin/sendmail") : b.path(raw.sendmail());
    return new Channel.Email(raw.name(), sendmail, to, from);
  }

  private static Debounce debounce(ConfigBinding b, ObjectNode node) {
    RawDebounce raw = b.convert(node, RawDebounce.class, "/debounce", "debounce: ");
    Optional<Duration> repeat = Optional.empty();
    if (raw.repeat() != null && !raw.repeat().equals("period")) {
      repeat = Optional.of(b.value("/debounce/repeat", "debounce: ", () -> positive(raw.repeat(),
          "repeat is 'period' (once per billing period per level) or a duration such as 7d")));
    }
    Duration minInterval = raw.minInterval() == null ? Debounce.DEFAULT.minInterval()
        : b.value("/debounce/min_interval", "debounce: ", () -> Durations.parse(raw.minInterval()));
    return new Debounce(repeat, minInterval);
  }

  private static Optional<HardCap> hardCap(ConfigBinding b, ObjectNode node, String at, String who,
      FxRates fx, Set<String> channels) {
    JsonNode capNode = node.get("hard_cap");
    JsonNode actionNode = node.get("on_hard_cap");
    if (capNode == null || capNode.isNull()) {
      if (actionNode != null && !actionNode.isNull()) {
        b.fail(at + "/on_hard_cap", who, "on_hard_cap needs a hard_cap: amount");
      }
      return Optional.empty();
    }
    Money cap = b.value(at + "/hard_cap", who, () -> Limits.cap(capNode.asText(), "hard_cap"));
    if (!fx.canObtain(cap.currency())) {
      b.fail(at + "/hard_cap", who, "no conversion rate for " + cap.currency().getCurrencyCode()
          + "; add it under fx:");
    }
    if (actionNode == null || actionNode.isNull()) {
      return Optional.of(new HardCap(cap, Optional.empty()));
    }
    String where = at + "/on_hard_cap";
    RawOnHardCap raw = b.convert(actionNode, RawOnHardCap.class, where, who + "on_hard_cap: ");
    if ((raw.command() == null) == (raw.webhook() == null)) {
      b.fail(where, who, "on_hard_cap takes either command: [/path, args...] or webhook: <notify channel name>");
    }
    if (raw.webhook() != null) {
      if (raw.timeout() != null) {
        b.fail(where + "/timeout", who, "timeout applies to command: only");
      }
      if (!channels.contains(raw.webhook())) {
        b.fail(where + "/webhook", who, "no notify channel named '" + raw.webhook() + "'"
            + (channels.isEmpty() ? " (notify: lists none)" : " (known: " + String.join(", ", new TreeSet<>(channels))
            + ")"));
      }
      return Optional.of(new HardCap(cap, Optional.of(new HardCap.Webhook(raw.webhook()))));
    }
    if (raw.command().isEmpty() || raw.command().get(0) == null || raw.command().get(0).isBlank()) {
      b.fail(where + "/command", who, "command must name a program: [/usr/local/bin/revoke-key, arg...]");
    }
    List<String> command = new ArrayList<>(raw.command());
    command.set(0, b.path(command.get(0)).normalize().toString());
    Duration timeout = raw.timeout() == null ? Duration.ofSeconds(60)
        : b.value(where + "/timeout", who, () -> positive(raw.timeout(), "timeout must be more than 0s"));
    return Optional.of(new HardCap(cap, Optional.of(new HardCap.Command(command, timeout))));
  }

  private static Duration positive(String text, String problem) {
    Duration d;
    try {
      d = Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(problem);
    }
    if (d.isZero()) {
      throw new IllegalArgumentException(problem);
    }
    return d;
  }

  /** Field values for checking that a JSON body stays JSON once filled in. */
  static Message sample() {
    return new Message("CRITICAL", "acct", "cap", "spend \"x\" is 1%", "1", "2026-01", "1", "1", "EUR", false);
  }
}
