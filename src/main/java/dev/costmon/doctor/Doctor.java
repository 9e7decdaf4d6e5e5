package dev.costmon.doctor;

import dev.costmon.config.Account;
import dev.costmon.config.ConfigException;
import dev.costmon.config.ConfigLoader;
import dev.costmon.config.ConfigLocator;
import dev.costmon.config.CostmonConfig;
import dev.costmon.config.Environment;
import dev.costmon.http.Http;
import dev.costmon.provider.ProviderRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code costmon doctor}: checks an installation in the order a person would fix it (config,
 * secrets, permissions, database, textfile directory, providers) and reports one line per check.
 * Writes nothing but what opening the database always does (a schema migration).
 */
public final class Doctor implements AutoCloseable {
  private final Environment environment;
  private final Clock clock;
  private final ProviderRegistry providers;
  private final String user;
  private final Consumer<String> verbose;
  private final Function<Account, Http> http;

  /**
   * @param user the user costmon runs as, for file permissions
   * @param verbose receives one line per request a probe sends
   */
  public Doctor(Environment environment, Clock clock, ProviderRegistry providers, String user,
      Consumer<String> verbose) {
    this(environment, clock, providers, user, verbose, new ProbeHttp(clock, verbose));
  }

  Doctor(Environment environment, Clock clock, ProviderRegistry providers, String user, Consumer<String> verbose,
      Function<Account, Http> http) {
    this.environment = environment;
    this.clock = clock;
    this.providers = providers;
    this.user = user;
    this.verbose = verbose;
    this.http = http;
  }

  /**
   * Runs every check, handing each finding to {@code sink} as soon as it is known (probes can take
   * a while). Stops after the config checks when the config cannot be used.
   *
   * @param explicitConfig {@code -c FILE}, else the usual search
   * @param offline skip the provider probes: no network requests at all
   */
  public DoctorResult run(Optional<Path> explicitConfig, boolean offline, Consumer<Finding> sink) {
    List<Finding> findings = new ArrayList<>();
    Consumer<Finding> report = f -> {
      findings.add(f);
      sink.accept(f);
    };
    Path file;
    try {
      file = new ConfigLocator(environment).locate(explicitConfig);
    } catch (ConfigException e) {
      report.accept(Finding.fail("config", e.getMessage()));
      return new DoctorResult(false, findings);
    }
    CostmonConfig config;
    try {
      config = new ConfigLoader(providers, environment).load(file);
    } catch (ConfigException e) {
      report.accept(Finding.fail("config", e.getMessage()));
      // The loader stops at the first unresolved secret; name every one of them.
      guarded("secrets", () -> new SecretsCheck(environment, providers).run(file, false).findings())
          .forEach(report);
      return new DoctorResult(false, findings);
    }
    report.accept(Finding.ok("config", file + ": " + config.accounts().size()
        + (config.accounts().size() == 1 ? " account" : " accounts")));
    SecretsCheck.Outcome secrets = guardedOne("secrets",
        () -> new SecretsCheck(environment, providers).run(file, true),
        f -> new SecretsCheck.Outcome(List.of(f), List.of()));
    secrets.findings().forEach(report);
    guarded("permissions", () -> new PermissionsCheck(user).run(file, secrets.resolved())).forEach(report);
    guarded("database", () -> List.of(new DatabaseCheck().run(config.database()))).forEach(report);
    guarded("rates", () -> new DatabaseCheck().rates(config.database(), config.accounts(),
        LocalDate.ofInstant(clock.instant(), config.timezone()))).forEach(report);
    guarded("textfile", () -> List.of(new TextfileCheck().run(config.textfile()))).forEach(report);
    if (offline) {
      report.accept(Finding.ok("provider", config.accounts().size() + " accounts not asked (--offline)"));
    } else {
      try {
        new ProbeCheck(clock, verbose, http).run(config, report);
      } catch (RuntimeException e) {
        report.accept(Finding.fail("provider", "internal error: " + e));
      }
    }
    return new DoctorResult(true, findings);
  }

  /** A check that throws is a FAIL line of its own: doctor always gets to the end. */
  private static List<Finding> guarded(String topic, Supplier<List<Finding>> check) {
    return guardedOne(topic, check, List::of);
  }

  private static <T> T guardedOne(String topic, Supplier<T> check, Function<Finding, T> onError) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return onError.apply(Finding.fail(topic, "internal error: " + e));
    }
  }

  /** Releases the HTTP client the probes used, if any. */
  @Override
  public void close() {
    if (http instanceof ProbeHttp probes) {
      probes.close();
    }
  }
}
