package dev.costmon.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.costmon.model.Money;
import dev.costmon.notify.Channel;
import dev.costmon.notify.HardCap;
import dev.costmon.notify.Notifications;
import dev.costmon.model.Quantity;
import dev.costmon.model.Rate;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/**
 * The effective configuration as a tree, defaults filled in, every secret replaced by where it
 * comes from ({@code ${VERCEL_TOKEN}}, {@code credential:wasabi}): safe to paste into a ticket.
 */
public final class EffectiveConfig {
  private final ObjectMapper mapper;

  public EffectiveConfig() {
    SimpleModule module = new SimpleModule("costmon-effective-config");
    module.addSerializer(Secret.class, toText(Secret::reference));
    module.addSerializer(Money.class, toText(Money::toString));
    module.addSerializer(Quantity.class, toText(EffectiveConfig::quantity));
    module.addSerializer(Rate.class, toText(r -> r.price() + " per " + quantity(r.per())));
    module.addSerializer(Currency.class, toText(Currency::getCurrencyCode));
    module.addSerializer(Path.class, toText(Path::toString));
    // Every value type a settings record may hold is written in the form the loader reads back
    // (EffectiveConfigTest walks the settings records to keep it so).
    module.addSerializer(LocalDate.class, toText(LocalDate::toString));
    module.addSerializer(Duration.class, toText(Durations::format));
    module.addSerializer(ZoneId.class, toText(ZoneId::getId));
    module.addSerializer(URI.class, toText(URI::toString));
    module.addSerializer(Glob.class, toText(Glob::pattern));
    @SuppressWarnings({"unchecked", "rawtypes"})
    Class<Enum<?>> enums = (Class) Enum.class;
    module.addSerializer(enums, toText(e -> e.name().toLowerCase(Locale.ROOT)));
    mapper = JsonMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .addModule(module)
        // Labels, quotas and settings maps are held unordered: print them by key, the same every time.
        .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }

  public ObjectNode tree(CostmonConfig c) {
    // The file it came from is not a key of the config (the YAML form names it in a comment), so
    // the output reads back as a config.
    ObjectNode root = mapper.createObjectNode();
    root.put("currency", c.currency().getCurrencyCode());
    root.put("timezone", c.timezone().getId());
    root.put("database", c.database().toString());
    c.textfile().ifPresent(t -> root.put("textfile", t.toString()));
    ObjectNode fx = root.putObject("fx");
    // By code: the rates are held unordered, and the same config must print the same.
    c.fx().toReporting().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Currency::getCurrencyCode)))
        .forEach(e -> fx.put(e.getKey().getCurrencyCode(), e.getValue()));
    FxSource source = c.fx().source();
    if (source.ecb()) {
      fx.put("source", source.name());
      if (!source.endpoint().equals(FxSource.ECB_ENDPOINT)) {
        fx.put("endpoint", source.endpoint().toString());
      }
    }
    source.maxAge().filter(age -> !(source.ecb() && age.equals(FxSource.ECB_MAX_AGE)))
        .ifPresent(age -> fx.put("max_age", Durations.format(age)));
    c.cap().ifPresent(cap -> root.put("cap", cap.toString()));
    c.notifications().totalHardCap().ifPresent(h -> {
      root.put("hard_cap", h.cap().toString());
      h.action().ifPresent(action -> root.put("on_hard_cap", action.describe()));
    });
    root.put("warn_at", c.thresholds().warnAt());
    root.put("critical_at", c.thresholds().criticalAt());
    root.put("lookback_days", c.lookbackDays());
    root.put("raw_retention", Durations.format(c.rawRetention()));
    root.put("concurrency", c.concurrency());
    root.put("timeout", Durations.format(c.accountTimeout()));
    root.put("breakdown_series", c.breakdownSeries());
    if (c.demo()) {
      root.put("demo", true);
    }
    ObjectNode attribution = root.putObject("attribution");
    attribution.put("top", c.attribution().top());
    var rules = attribution.putArray("rules");
    for (AttributionRule rule : c.attribution().rules()) {
      ObjectNode r = rules.addObject();
      rule.account().ifPresent(g -> r.put("account", g.pattern()));
      rule.provider().ifPresent(g -> r.put("provider", g.pattern()));
      rule.service().ifPresent(g -> r.put("service", g.pattern()));
      putMap(r, "tags", rule.tags());
      r.set("labels", mapper.valueToTree(rule.labels()));
    }
    notifications(root, c.notifications());
    var accounts = root.putArray("accounts");
    for (Account a : c.accounts()) {
      ObjectNode n = accounts.addObject();
      n.put("id", a.id());
      n.put("provider", a.providerName());
      if (!a.labels().isEmpty()) {
        n.set("labels", mapper.valueToTree(a.labels()));
      }
      n.put("currency", a.currency().getCurrencyCode());
      a.cap().ifPresent(cap -> n.put("cap", cap.toString()));
      n.put("warn_at", a.thresholds().warnAt());
      n.put("critical_at", a.thresholds().criticalAt());
      putMap(n, "quotas", a.quotas());
      putMap(n, "floors", a.floors());
      boolean plain = a.rates().stream().allMatch(r -> r.dimension().pattern().equals(PriceRule.ANY)
          && r.free().isEmpty() && r.service().isEmpty())
          && a.rates().stream().map(PriceRule::metric).distinct().count() == a.rates().size();
      if (plain && !a.rates().isEmpty()) {
        // Written as a mapping, shown as one.
        ObjectNode rates = n.putObject("rates");
        a.rates().forEach(rule -> rates.set(rule.metric(), mapper.valueToTree(rule.price())));
      } else if (!a.rates().isEmpty()) {
        var rates = n.putArray("rates");
        for (PriceRule rule : a.rates()) {
          ObjectNode r = rates.addObject();
          r.put("metric", rule.metric());
          r.put("dimension", rule.dimension().pattern());
          r.set("price", mapper.valueToTree(rule.price()));
          rule.free().ifPresent(f -> r.set("free", mapper.valueToTree(f)));
          rule.service().ifPresent(g -> r.put("service", g.pattern()));
        }
      }
      n.put("max_age", Durations.format(a.maxAge()));
      a.endpoint().ifPresent(e -> n.put("endpoint", e.toString()));
      a.moved().ifPresent(m -> {
        ObjectNode moved = n.putObject("moved");
        moved.put("over", m.over().toString());
        moved.put("by", m.percent());
      });
      HardCap hardCap = c.notifications().hardCaps().get(a.id());
      if (hardCap != null) {
        n.put("hard_cap", hardCap.cap().toString());
        hardCap.action().ifPresent(action -> n.set("on_hard_cap", onHardCap(action)));
      }
      n.setAll((ObjectNode) mapper.valueToTree(a.settings()));
    }
    return root;
  }

  /** The channels with their secrets as references, the debounce; hard caps go with their accounts. */
  private void notifications(ObjectNode root, Notifications notifications) {
    if (notifications.channels().isEmpty()) {
      return;
    }
    var channels = root.putArray("notify");
    for (Channel channel : notifications.channels()) {
      ObjectNode n = channels.addObject();
      n.put("name", channel.name());
      n.put("type", channel.type());
      if (channel instanceof Channel.Slack slack) {
        n.put("url", slack.url().reference());
      } else if (channel instanceof Channel.Webhook hook) {
        n.put("url", hook.url().reference());
        putMap(n, "headers", hook.headers());
        putMap(n, "secret_headers", hook.secretHeaders());
        n.put("content_type", hook.contentType());
        n.put("body", hook.body().text());
      } else if (channel instanceof Channel.Email mail) {
        n.put("sendmail", mail.sendmail().toString());
        n.set("to", mapper.valueToTree(mail.to()));
        mail.from().ifPresent(from -> n.put("from", from));
      }
    }
    ObjectNode debounce = root.putObject("debounce");
    debounce.put("repeat", notifications.debounce().repeat().map(Durations::format).orElse("period"));
    debounce.put("min_interval", Durations.format(notifications.debounce().minInterval()));
  }

  /** {@code on_hard_cap:} as it is written, so it reads back: a channel, or the command and its timeout. */
  private ObjectNode onHardCap(HardCap.Action action) {
    ObjectNode n = mapper.createObjectNode();
    if (action instanceof HardCap.Webhook hook) {
      n.put("webhook", hook.channel());
    } else if (action instanceof HardCap.Command command) {
      n.set("command", mapper.valueToTree(command.command()));
      n.put("timeout", Durations.format(command.timeout()));
    }
    return n;
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  private void putMap(ObjectNode n, String key, Map<String, ?> map) {
    if (!map.isEmpty()) {
      n.set(key, mapper.valueToTree(map));
    }
  }

  /** A quantity in its base unit, written as the config writes it: 10000000, 8000000000 bytes, 14400s. */
  static String quantity(Quantity q) {
    String value = q.value().toPlainString();
    return switch (q.unit()) {
      case Quantity.COUNT -> value;
      case "seconds" -> value + "s";
      case "gb_hours" -> value + "GB-h";
      default -> value + " " + q.unit();
    };
  }

  private static <T> JsonSerializer<T> toText(java.util.function.Function<T, String> f) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
        gen.writeString(f.apply(value));
      }
    };
  }

}
