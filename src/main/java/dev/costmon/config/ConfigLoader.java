package dev.costmon.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.costmon.model.Money;
import dev.costmon.model.Quantity;
import dev.costmon.notify.Notifications;
import dev.costmon.notify.NotifyBinder;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.provider.ProviderSettings;
import dev.costmon.provider.ProviderType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads and validates the YAML config strictly: an unknown key, a wrong type, a bad amount or
 * currency, a duplicate account id or an unresolvable secret is a {@link ConfigException} naming the
 * file, line and column, the account and key, and a suggestion for a misspelt key.
 */
public final class ConfigLoader {
  private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  /** The name check, notify and the metrics give the global cap. */
  private static final String TOTAL_ID = "total";
  static final Set<String> RESERVED_LABELS =
      Set.of("account", "provider", "currency", "service", "metric", "unit", "version", "le", "quantile");

  private final ProviderRegistry registry;
  private final Environment environment;

  public ConfigLoader(ProviderRegistry registry, Environment environment) {
    this.registry = registry;
    this.environment = environment;
  }

  public CostmonConfig load(Path file) {
    return parse(file, ConfigText.read(file));
  }

  public CostmonConfig parse(Path file, String text) {
    Path baseDir = file.toAbsolutePath().getParent();
    YAMLFactory factory = factory();
    YAMLMapper mapper = mapper(factory, new SecretResolver(environment, baseDir),
        p -> p.startsWith("~") ? environment.resolve(p) : baseDir.resolve(p));
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      // The reader stops without a position; the bound itself is what to say.
      throw new ConfigException(file + ": lists or mappings are nested more than 1000 levels deep; a costmon config"
          + " needs a few levels: look for a long run of [ or {");
    } catch (JsonProcessingException e) {
      throw new ConfigException(file + ":" + lineCol(e) + ": " + firstLine(e.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(file + ": the config file is empty; see config.example.yaml");
    }
    if (!root.isObject()) {
      throw new ConfigException(file + ":1:1: the config must be a mapping of keys such as currency: and accounts:");
    }
    YamlAliases.refuse(factory, file, text);
    return new Binder(file, baseDir, mapper, YamlLocations.of(factory, text)).bind((ObjectNode) root);
  }

  /**
   * Initialises the YAML parser and the mapper's machinery with a throwaway document, so that a later
   * {@link #load} finds them ready; called off the main thread at start-up.
   */
  public static void warmUp() {
    YAMLFactory factory = factory();
    String text = "currency: USD\naccounts: [{id: warm-up, provider: fixed}]\n";
    try {
      YAMLMapper mapper = mapper(factory, null, Path::of);
      JsonNode root = mapper.readTree(text);
      mapper.treeToValue(root, RawConfig.class);
      mapper.treeToValue(root.get("accounts").get(0), RawAccount.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parser the loader uses, for {@link ConfigSchema} to name keys as the loader does. */
  static YAMLFactory factoryForSchema() {
    return factory();
  }

  /** The YAML parser: a key written twice in one mapping is an error, not a silent override. */
  private static YAMLFactory factory() {
    return YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  static YAMLMapper mapper(YAMLFactory factory, SecretResolver secrets, Function<String, Path> paths) {
    SimpleModule module = new SimpleModule("costmon-config");
    // A path in a provider's settings (a FOCUS export directory) is relative to the config file.
    module.addDeserializer(Path.class, new JsonDeserializer<>() {
      @Override
      public Path deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString("");
        if (!p.currentToken().isScalarValue() || text.isBlank()) {
          throw JsonMappingException.from(p, "expected a file path");
        }
        try {
          return paths.apply(text);
        } catch (java.nio.file.InvalidPathException e) {
          throw JsonMappingException.from(p, "'" + text + "' is not a valid path");
        }
      }
    });
    module.addDeserializer(Secret.class, new JsonDeserializer<>() {
      @Override
      public Secret deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        try {
          return secrets.resolve(p.getValueAsString());
        } catch (UnresolvedSecretException e) {
          // In an account, a missing secret is that account's problem: noted, and bound as unavailable.
          if (ctxt.getAttribute(UNRESOLVED) instanceof UnresolvedSink sink) {
            sink.add(p.getParsingContext().pathAsPointer().toString(), e);
            return Secret.unavailable(e.reference(), e.getMessage());
          }
          throw JsonMappingException.from(p, e.getMessage());
        } catch (IllegalArgumentException e) {
          throw JsonMappingException.from(p, e.getMessage());
        }
      }
    });
    module.addDeserializer(Money.class, new JsonDeserializer<>() {
      @Override
      public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.currentToken().isScalarValue()) {
          throw JsonMappingException.from(p, "expected an amount such as '20 USD'");
        }
        try {
          return Money.parse(p.getValueAsString(""));
        } catch (IllegalArgumentException e) {
          throw JsonMappingException.from(p, e.getMessage());
        }
      }
    });
    module.addDeserializer(LocalDate.class, new JsonDeserializer<>() {
      @Override
      public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = p.getValueAsString("");
        try {
          return LocalDate.parse(text);
        } catch (DateTimeException e) {
          throw JsonMappingException.from(p, "'" + text + "' is not a date in the form 2026-01-31");
        }
      }
    });
    return YAMLMapper.builder(factory)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        // Numbers in the tree keep their scale: 0.920 stays 0.920, as it was written.
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .addModule(module)
        .build();
  }

  /** The attribute under which an account's binding collects the secrets that did not resolve. */
  private static final String UNRESOLVED = "costmon.unresolved-secrets";

  /** Secrets of one account that did not resolve, by their JSON Pointer within the account's keys. */
  private static final class UnresolvedSink {
    final Map<String, UnresolvedSecretException> byPointer = new LinkedHashMap<>();

    void add(String pointer, UnresolvedSecretException e) {
      byPointer.put(pointer, e);
    }
  }

  /** Binding of one file; keeps the file name and locations for error messages. */
  private final class Binder implements ConfigBinding {
    private final Path file;
    private final Path baseDir;
    private final YAMLMapper mapper;
    private final YamlLocations locations;
    private final Map<Class<?>, Set<String>> propertyNames = new HashMap<>();

    Binder(Path file, Path baseDir, YAMLMapper mapper, YamlLocations locations) {
      this.file = file;
      this.baseDir = baseDir;
      this.mapper = mapper;
      this.locations = locations;
    }

    CostmonConfig bind(ObjectNode root) {
      RawConfig raw = convert(root, RawConfig.class, "", "", Set.of());
      Currency currency = raw.currency() == null
          ? fail("/currency", "", "currency is required (the reporting currency, e.g. currency: USD)")
          : value("/currency", "", () -> Money.currency(raw.currency()));
      ZoneId zone = raw.timezone() == null ? ZoneId.of("UTC") : value("/timezone", "", () -> zone(raw.timezone()));
      FxRates fx = fx(raw.fx(), currency);
      Optional<Money> cap = Optional.ofNullable(raw.cap()).map(c -> value("/cap", "", () -> Limits.cap(c, "cap")));
      cap.ifPresent(c -> requireRate(fx, c.currency(), "/cap", ""));
      Thresholds thresholds = value("/warn_at", "", () -> new Thresholds(
          orDefault(raw.warnAt(), Thresholds.DEFAULT.warnAt()),
          orDefault(raw.criticalAt(), Thresholds.DEFAULT.criticalAt())));
      int lookback = positive(raw.lookbackDays(), 3, "/lookback_days", 0, 60);
      Duration retention = raw.rawRetention() == null
          ? Duration.ofDays(90) : value("/raw_retention", "", () -> Durations.parse(raw.rawRetention()));
      // Every account at once (they wait on the network), up to the bound; providers with a per-user
      // rate limit run fewer of their own accounts at a time (ProviderType.accountsPerHost).
      int concurrency = positive(raw.concurrency(), 64, "/concurrency", 1, 64);
      Duration timeout = raw.timeout() == null
          ? Duration.ofMinutes(2) : value("/timeout", "", () -> Durations.parse(raw.timeout()));
      int breakdown = positive(raw.breakdownSeries(), 10, "/breakdown_series", 1, 100);
      Path database = raw.database() == null ? defaultDatabase() : path(raw.database());
      Optional<Path> textfile = Optional.ofNullable(raw.textfile()).map(this::path);
      textfile.ifPresent(t -> {
        if (!t.getFileName().toString().endsWith(".prom")) {
          fail("/textfile", "", "textfile must end in .prom, or node_exporter ignores it: " + t);
        }
      });
      List<Account> accounts = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      List<ObjectNode> rawAccounts = raw.accounts() == null ? List.of() : raw.accounts();
      for (int i = 0; i < rawAccounts.size(); i++) {
        Account account = account(rawAccounts.get(i), "/accounts/" + i, currency, thresholds, fx);
        if (!ids.add(account.id())) {
          fail("/accounts/" + i + "/id", "", "duplicate account id '" + account.id() + "'");
        }
        accounts.add(account);
      }
      Notifications notify = NotifyBinder.bind(this, raw.notifyChannels(), raw.debounce(), root, rawAccounts, accounts,
          fx);
      AttributionRules attribution = AttributionBinder.bind(this, raw.attribution(), accounts, registry.names());
      return new CostmonConfig(file, currency, zone, database, textfile, fx, cap, thresholds, lookback,
          retention, concurrency, timeout, breakdown, Boolean.TRUE.equals(raw.demo()), accounts, notify, attribution);
    }

    /**
     * {@code fx:}: rates under ISO codes ({@code USD: 0.92}), settings under lower-case keys
     * ({@code source: ecb}). With the ECB as source a rate it publishes may not be written too: one
     * currency, one source, so a month is never converted now with one and later with the other.
     */
    private FxRates fx(ObjectNode node, Currency currency) {
      Map<Currency, BigDecimal> rates = new LinkedHashMap<>();
      ObjectNode settings = node == null ? null : node.objectNode();
      if (node != null) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          String code = e.getKey();
          // Three letters are a currency, written right or not ("usd" says it is no ISO code); the
          // settings have longer names.
          if (!code.matches("[A-Za-z]{3}")) {
            settings.set(code, e.getValue());
            continue;
          }
          Currency c = value("/fx/" + code, "", () -> Money.currency(code));
          if (!e.getValue().isNumber() || e.getValue().decimalValue().signum() <= 0) {
            fail("/fx/" + code, "", "the rate for " + code + " must be a positive number");
          }
          rates.put(c, e.getValue().decimalValue());
        }
      }
      RawConfig.RawFx raw = settings == null ? new RawConfig.RawFx(null, null, null)
          : convert(settings, RawConfig.RawFx.class, "/fx", "");
      String name = raw.source() == null ? FxSource.CONFIG : raw.source().trim().toLowerCase(Locale.ROOT);
      URI endpoint = raw.endpoint() == null ? FxSource.ECB_ENDPOINT : value("/fx/endpoint", "", () -> uri(raw.endpoint()));
      Optional<Duration> maxAge = raw.maxAge() == null
          ? (FxSource.ECB.equals(name) ? Optional.of(FxSource.ECB_MAX_AGE) : Optional.empty())
          : Optional.of(value("/fx/max_age", "", () -> Durations.parse(raw.maxAge())));
      if (maxAge.isPresent() && maxAge.get().toDays() < 1) {
        fail("/fx/max_age", "", "max_age must be at least 1d: rates are daily");
      }
      FxSource source = value("/fx/source", "", () -> new FxSource(name, endpoint, maxAge));
      if (source.ecb() && !source.publishes(currency)) {
        fail("/fx/source", "", "the ECB publishes no rate for the reporting currency " + currency.getCurrencyCode()
            + " (it has " + FxSource.ecbCurrencies() + "); set fx: rates of your own instead of source: ecb");
      }
      for (Currency c : rates.keySet()) {
        if (source.publishes(c)) {
          fail("/fx/" + c.getCurrencyCode(), "", "the ECB publishes " + c.getCurrencyCode() + " and source: ecb"
              + " uses its rate; remove " + c.getCurrencyCode() + " from fx:, or drop source: ecb to keep your own rate");
        }
      }
      return new FxRates(currency, rates, source);
    }

    private Account account(ObjectNode node, String at, Currency reporting, Thresholds defaults, FxRates fx) {
      ObjectNode common = node.objectNode();
      ObjectNode specific = node.objectNode();
      node.properties().forEach(e ->
          (RawAccount.KEYS.contains(e.getKey()) ? common : specific).set(e.getKey(), e.getValue()));
      RawAccount raw = convert(common, RawAccount.class, at, "", Set.of());
      if (raw.id() == null) {
        fail(at, "", "an account needs an id:");
      }
      String id = raw.id();
      String who = "account '" + id + "': ";
      if (!ACCOUNT_ID.matcher(id).matches()) {
        fail(at + "/id", "", "account id '" + id + "' must be lower case letters, digits, '.', '_' or '-'");
      }
      if (id.equals(TOTAL_ID)) {
        // check, notify and the .prom file name the global cap's line "total"; an account of that
        // name would be indistinguishable from it.
        fail(at + "/id", "", "account id 'total' is reserved for the global cap; choose another id");
      }
      if (raw.provider() == null) {
        fail(at, who, "provider: is required (one of " + String.join(", ", registry.names()) + ")");
      }
      ProviderType<?> type = registry.find(raw.provider()).orElseGet(() -> fail(at + "/provider", who,
          "unknown provider '" + raw.provider() + "'" + suggestion(raw.provider(), registry.names())
              + " (known: " + String.join(", ", registry.names()) + ")"));
      Set<String> knownKeys = new TreeSet<>(RawAccount.KEYS);
      UnresolvedSink unresolved = new UnresolvedSink();
      ProviderSettings settings = convert(specific, type.settingsType(), at, who, knownKeys, unresolved);
      List<UnresolvedSecret> missing = new ArrayList<>();
      unresolved.byPointer.forEach((pointer, e) -> missing.add(new UnresolvedSecret(
          pointer.substring(1).replace('/', '.'), e.reference(), e.shortCause(), locations.line(at + pointer))));
      Map<String, String> labels = raw.labels() == null ? Map.of() : raw.labels();
      labels.forEach((k, v) -> {
        if (!allowedLabel(k)) {
          fail(at + "/labels/" + k, who, "label '" + k + "' is not allowed: use [a-zA-Z_][a-zA-Z0-9_]*, not one of "
              + new TreeSet<>(RESERVED_LABELS));
        }
        if (v == null) {
          fail(at + "/labels/" + k, who, "label '" + k + "' has no value");
        }
      });
      Optional<Money> cap = Optional.ofNullable(raw.cap()).map(c -> value(at + "/cap", who, () -> Limits.cap(c, "cap")));
      Set<Currency> currencies = new HashSet<>(currencies(type, settings));
      cap.ifPresent(c -> currencies.add(c.currency()));
      Currency currency = raw.currency() != null
          ? value(at + "/currency", who, () -> Money.currency(raw.currency()))
          : cap.map(Money::currency).orElse(currencies.size() == 1 ? currencies.iterator().next() : reporting);
      currencies.add(currency);
      for (Currency c : currencies) {
        requireRate(fx, c, at, who);
      }
      Thresholds thresholds = value(at + "/warn_at", who, () -> new Thresholds(
          orDefault(raw.warnAt(), defaults.warnAt()), orDefault(raw.criticalAt(), defaults.criticalAt())));
      Map<String, Quantity> quotas = new LinkedHashMap<>(defaultQuotas(type, settings));
      if (raw.quotas() != null) {
        raw.quotas().forEach((metric, limit) ->
            quotas.put(metric, value(at + "/quotas/" + metric, who, () -> Limits.usage(limit, "quota"))));
      }
      Map<String, Quantity> floors = new LinkedHashMap<>();
      if (raw.floors() != null) {
        raw.floors().forEach((metric, level) ->
            floors.put(metric, value(at + "/floors/" + metric, who, () -> Limits.usage(level, "floor"))));
      }
      List<PriceRule> rates = RatesBinder.bind(this, raw.rates(), at + "/rates", who);
      Optional<Set<String>> metrics = usageMetrics(type, settings);
      for (int r = 0; r < rates.size(); r++) {
        PriceRule rule = rates.get(r);
        String where = at + "/rates/" + (raw.rates().isArray() ? r + "/price" : rule.metric());
        requireRate(fx, rule.price().price().currency(), where, who);
        if (metrics.isPresent() && metrics.get().stream().noneMatch(m -> Glob.parse(m).matches(rule.metric()))) {
          fail(where, who, "rates: names the metric '" + rule.metric() + "', which " + type.name()
              + " never reports (" + (metrics.get().isEmpty() ? "it reports no usage"
                  : "it reports " + String.join(", ", new TreeSet<>(metrics.get()))) + ")");
        }
      }
      Duration maxAge = raw.maxAge() == null
          ? Duration.ofHours(36) : value(at + "/max_age", who, () -> Durations.parse(raw.maxAge()));
      Optional<URI> endpoint = Optional.ofNullable(raw.endpoint()).map(e -> value(at + "/endpoint", who, () -> uri(e)));
      Optional<MovedThreshold> moved = MovedBinder.bind(this, raw.moved(), at + "/moved", who, fx);
      return new Account(id, type, labels, currency, cap, thresholds, quotas, floors, rates, maxAge, endpoint, settings,
          missing, moved);
    }

    @Override
    public <T> T convert(JsonNode node, Class<T> type, String at, String who) {
      return convert(node, type, at, who, Set.of());
    }

    @Override
    public <T> T convertKeepingUnresolved(JsonNode node, Class<T> type, String at, String who) {
      // The reasons travel in the Secret itself; the sink only switches the lenient binding on.
      return convert(node, type, at, who, Set.of(), new UnresolvedSink());
    }

    private <T> T convert(JsonNode node, Class<T> type, String at, String who, Set<String> extraKeys) {
      return convert(node, type, at, who, extraKeys, null);
    }

    /** With {@code unresolved}, secrets that do not resolve are collected there instead of failing. */
    private <T> T convert(JsonNode node, Class<T> type, String at, String who, Set<String> extraKeys,
        UnresolvedSink unresolved) {
      // Records are built only after all keys are read, so a misspelt key would otherwise surface as
      // "amount is required" instead of "unknown key 'amout'": check the keys first.
      Set<String> known = new TreeSet<>(extraKeys);
      known.addAll(propertyNames.computeIfAbsent(type, this::propertyNames));
      node.fieldNames().forEachRemaining(key -> {
        if (!known.contains(key)) {
          fail(at + "/" + key, who, "unknown key '" + key + "'" + suggestion(key, known)
              + " (known keys: " + String.join(", ", known) + ")");
        }
      });
      try {
        return unresolved == null
            ? mapper.treeToValue(node, type)
            : mapper.readerFor(type).withAttribute(UNRESOLVED, unresolved).readValue(node);
      } catch (UnrecognizedPropertyException e) {
        Set<String> names = new TreeSet<>();
        for (Object k : e.getKnownPropertyIds()) {
          names.add(k.toString());
        }
        return fail(at + pointer(e), who, "unknown key '" + e.getPropertyName() + "'"
            + suggestion(e.getPropertyName(), names) + " (known keys: " + String.join(", ", names) + ")");
      } catch (JsonMappingException e) {
        return fail(at + pointer(e), who + key(e), cause(e));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        return fail(at, who, firstLine(e.getMessage()));
      } catch (IOException e) {
        // A tree in memory has nothing to read; the reader declares it all the same.
        return fail(at, who, firstLine(e.getMessage()));
      }
    }

    /** The keys a type binds, as the mapper names them; introspection is costly, and every account repeats it. */
    private Set<String> propertyNames(Class<?> type) {
      Set<String> names = new HashSet<>();
      mapper.getDeserializationConfig().introspect(mapper.constructType(type)).findProperties()
          .forEach(p -> names.add(p.getName()));
      return names;
    }

    @Override
    public <T> T value(String pointer, String who, Supplier<T> parse) {
      try {
        return parse.get();
      } catch (IllegalArgumentException | DateTimeException e) {
        return fail(pointer, who, e.getMessage());
      }
    }

    private void requireRate(FxRates fx, Currency c, String pointer, String who) {
      if (!fx.canObtain(c)) {
        fail(pointer, who, "no conversion rate for " + c.getCurrencyCode() + " into "
            + fx.reporting().getCurrencyCode() + "; add it under fx:, e.g. fx: {" + c.getCurrencyCode() + ": 1.08}");
      }
    }

    private int positive(Integer value, int dflt, String pointer, int min, int max) {
      int v = value == null ? dflt : value;
      if (v < min || v > max) {
        fail(pointer, "", pointer.substring(1) + " must be between " + min + " and " + max);
      }
      return v;
    }

    @Override
    public Path path(String text) {
      return text.startsWith("~") ? environment.resolve(text) : baseDir.resolve(text);
    }

    private Path defaultDatabase() {
      String state = environment.get("STATE_DIRECTORY");
      if (state != null && !state.isBlank()) {
        return Path.of(state.split(":")[0], "history.db");
      }
      if (file.toAbsolutePath().startsWith("/etc/costmon")) {
        return Path.of("/var/lib/costmon/history.db");
      }
      String xdg = environment.get("XDG_DATA_HOME");
      Path dataHome = xdg != null && !xdg.isBlank() ? Path.of(xdg) : environment.home().resolve(".local/share");
      return dataHome.resolve("costmon/history.db");
    }

    @Override
    public <T> T fail(String pointer, String who, String message) {
      String where = locations.describe(pointer);
      throw new ConfigException(file + (where.isEmpty() ? "" : ":" + where) + ": " + who + message);
    }
  }

  /** A label name Prometheus accepts and costmon does not use itself. */
  static boolean allowedLabel(String name) {
    return LABEL_NAME.matcher(name).matches() && !name.startsWith("__") && !RESERVED_LABELS.contains(name);
  }

  @SuppressWarnings("unchecked")
  private static <S extends ProviderSettings> Map<String, Quantity> defaultQuotas(ProviderType<S> type, Object s) {
    return type.defaultQuotas((S) s);
  }

  @SuppressWarnings("unchecked")
  private static <S extends ProviderSettings> Optional<Set<String>> usageMetrics(ProviderType<S> type, Object s) {
    return type.usageMetrics((S) s);
  }

  @SuppressWarnings("unchecked")
  private static <S extends ProviderSettings> Collection<Currency> currencies(ProviderType<S> type, Object s) {
    return type.currencies((S) s);
  }

  private static <T> T orDefault(T value, T dflt) {
    return value == null ? dflt : value;
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("'" + id + "' is not a time zone such as UTC or Europe/Berlin");
    }
  }

  private static URI uri(String text) {
    URI uri = URI.create(text);
    if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("endpoint '" + text + "' must be an http(s) URL");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException("endpoint must not carry credentials; use the provider's secret keys");
    }
    return uri;
  }

  private static String pointer(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      sb.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
    }
    return sb.toString();
  }

  private static String key(JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    for (int i = path.size() - 1; i >= 0; i--) {
      if (path.get(i).getFieldName() != null) {
        return path.get(i).getFieldName() + ": ";
      }
    }
    return "";
  }

  private static String cause(JsonMappingException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null) {
      return firstLine(root.getMessage());
    }
    String msg = e.getOriginalMessage();
    if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
      return "'" + f.getValue() + "' is not one of " + String.join(", ", java.util.Arrays.stream(
          f.getTargetType().getEnumConstants()).map(c -> c.toString().toLowerCase(java.util.Locale.ROOT)).toList());
    }
    if (msg.startsWith("Cannot deserialize value of type") || msg.startsWith("Cannot coerce")) {
      return "wrong type: " + simplifyType(msg);
    }
    return firstLine(msg);
  }

  private static String simplifyType(String message) {
    String m = firstLine(message);
    if (m.contains("`java.math.BigDecimal`") || m.contains("`java.lang.Integer`") || m.contains("`int`")) {
      return "expected a number";
    }
    if (m.contains("`java.lang.String`")) {
      return "expected a single value (text or number)";
    }
    if (m.contains("java.util.Map") || m.contains("ObjectNode") || m.contains("from Array")) {
      return "expected a mapping of key: value";
    }
    if (m.contains("java.util.List") || m.contains("ArrayList")) {
      return "expected a list";
    }
    return m.replaceAll("`([a-z]+\\.)+([A-Za-z]+)`", "$2");
  }

  private static String lineCol(JsonProcessingException e) {
    return e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /** " (did you mean 'amount'?)" for a key within edit distance 2 of a known one, else "". */
  static String suggestion(String given, Collection<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d = distance(given, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
