package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.costmon.config.Account;
import dev.costmon.config.Environment;
import dev.costmon.config.Secret;
import dev.costmon.http.ApiRequest;
import dev.costmon.model.Observation;
import dev.costmon.provider.CollectWindow;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderRegistry;
import dev.costmon.provider.ProviderSettings;
import dev.costmon.provider.ProviderType;
import dev.costmon.provider.demo.DemoProvider;
import dev.costmon.provider.fixed.FixedProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code costmon doctor} through the real command line: each misconfiguration it must find. */
class DoctorTest {
  @TempDir Path dir;
  CliHarness cli;

  private static final String FIXED = "accounts:\n  - id: ionos\n    provider: fixed\n    amount: 6 EUR\n";

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliHarness(dir);
    Files.createDirectories(dir.resolve("textfiles"));
    config("currency: EUR\ndatabase: history.db\ntextfile: textfiles/costmon.prom\n" + FIXED);
  }

  private Path config(String yaml) throws Exception {
    Path file = cli.write("costmon.yaml", yaml);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    return file;
  }

  private void collect() {
    assertThat(cli.run("collect").exitCode()).isZero();
  }

  @Test
  void aHealthyInstallationIsAllOk() {
    collect();

    CliHarness.Result r = cli.run("doctor");

    assertThat(r.err()).isEmpty();
    assertThat(r.out()).isEqualTo(String.join("\n",
        "OK    config       " + dir.resolve("costmon.yaml") + ": 1 account",
        "OK    secrets      no secret references in the config",
        "OK    permissions  the config file is not readable by others",
        "OK    database     " + dir.resolve("history.db")
            + ": opens, schema current, history 2026-11-01 .. 2026-11-23",
        "OK    textfile     " + dir.resolve("textfiles") + " exists and is writable",
        "OK    provider     ionos (fixed): no API",
        ""));
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void aConfigReadableByOthersIsAWarningWithTheChmodThatFixesIt() throws Exception {
    collect();
    Path file = dir.resolve("costmon.yaml");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    CliHarness.Result r = cli.run("doctor", "--offline");

    assertThat(r.out())
        .contains("WARN  permissions  " + file + " is readable by others (mode 0644): chmod 640 " + file);
    assertThat(r.out()).doesNotContain("FAIL");
    assertThat(r.exitCode()).as("a WARN alone is advice, not a failure").isZero();

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
    assertThat(cli.run("doctor", "--offline").out()).contains("(mode 0604): chmod 600 " + file);
  }

  @Test
  void aMissingTextfileDirectoryFails() throws Exception {
    collect();
    Files.delete(dir.resolve("textfiles/costmon.prom"));
    Files.delete(dir.resolve("textfiles"));

    CliHarness.Result r = cli.run("doctor", "--offline");

    assertThat(r.out()).contains("FAIL  textfile     " + dir.resolve("textfiles") + ": no such directory (for "
        + dir.resolve("textfiles/costmon.prom") + "); create it or fix textfile:");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void aMissingDatabaseIsAWarningAndIsNotCreated() {
    CliHarness.Result r = cli.run("doctor", "--offline");

    assertThat(r.out()).contains("WARN  database     " + dir.resolve("history.db")
        + ": no history yet, run costmon collect");
    assertThat(r.out()).contains("OK    provider     1 accounts not asked (--offline)");
    assertThat(r.exitCode()).isZero();
    assertThat(dir.resolve("history.db")).doesNotExist();
  }

  @Test
  void aFileThatIsNotACostmonDatabaseFails() throws Exception {
    Files.writeString(dir.resolve("history.db"), "not sqlite at all, just some text that is long enough".repeat(20));

    CliHarness.Result r = cli.run("doctor", "--offline");

    assertThat(r.out()).contains("FAIL  database     " + dir.resolve("history.db") + " is not a costmon database");
    assertThat(r.exitCode()).isEqualTo(1);
  }

  @Test
  void aBadConfigFailsWithItsMessageAndStops() throws Exception {
    config("currency: EURO\n" + FIXED);

    CliHarness.Result r = cli.run("doctor");

    assertThat(r.out()).isEqualTo("FAIL  config       " + dir.resolve("costmon.yaml")
        + ":1:1: 'EURO' is not an ISO 4217 currency code like USD or EUR\n");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEmpty();
  }

  @Test
  void noConfigAtAllFails() {
    CliHarness.Result r = cli.run("doctor", "-c", "missing.yaml");

    assertThat(r.out()).isEqualTo("FAIL  config       " + dir.resolve("missing.yaml") + ": no such config file\n");
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void theDemosOwnConfigIsAllOk() throws Exception {
    assertThat(cli.run("demo", "--days", "2").exitCode()).isZero();
    Path config = dir.resolve("costmon-demo/costmon.yaml");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");

    CliHarness.Result r = cli.run("doctor", "--offline", "-c", config.toString());

    assertThat(r.out()).doesNotContain("WARN").doesNotContain("FAIL")
        .contains("OK    permissions  the config file is not readable by others");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void usageErrorsKeepTheirCode() {
    assertThat(cli.run("doctor", "--bogus").exitCode()).isEqualTo(64);
  }

  @Test
  void helpDocumentsTheExitCodes() {
    assertThat(cli.run("doctor", "--help").out())
        .contains(" 0  no line is FAIL", " 1  the config loads, but at least one line is FAIL");
  }

  /** Accounts of a provider with a secret and an API, served from loopback. */
  @Nested
  class WithAnApi {
    HttpServer server;
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/v1/me", exchange -> {
        requests.incrementAndGet();
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status.get(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      collect();
    }

    @AfterEach
    void stop() {
      server.stop(0);
    }

    private String api(String id, String token) {
      return "  - id: " + id + "\n    provider: api\n    endpoint: http://127.0.0.1:" + server.getAddress().getPort()
          + "\n    token: " + token + "\n";
    }

    private CliHarness.Result doctor(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CliContext context = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true),
          new Environment(cli.env, dir, dir.resolve("home"), false), cli.clock,
          new ProviderRegistry(List.of(new FixedProvider(), new DemoProvider(), new ApiProvider())));
      int code = Cli.run(context, args);
      return new CliHarness.Result(code, out.toString(), err.toString());
    }

    @Test
    void everyUnresolvedSecretIsNamedNotOnlyTheFirst() throws Exception {
      config("currency: EUR\ndatabase: history.db\n" + FIXED + api("one", "${ONE_TOKEN}")
          + api("two", "file:secrets/two.token") + api("three", "credential:three"));

      CliHarness.Result r = doctor("doctor");

      assertThat(r.out()).contains(
          "FAIL  secrets      account 'one' token: environment variable ONE_TOKEN is not set",
          "FAIL  secrets      account 'two' token: cannot read file:secrets/two.token: no such file",
          "FAIL  secrets      account 'three' token: credential:three needs $CREDENTIALS_DIRECTORY");
      // The config itself is fine: the accounts with missing secrets are not asked.
      assertThat(r.out()).startsWith("OK    config       " + dir.resolve("costmon.yaml") + ": 4 accounts")
          .contains("FAIL  provider     one (api): not asked: secret not available: token ${ONE_TOKEN} (not set");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(requests).hasValue(0);
    }

    @Test
    void aNotifyChannelsMissingSecretIsNamed() throws Exception {
      config("currency: EUR\ndatabase: history.db\n" + FIXED
          + "notify:\n  - {name: ops, type: webhook, url: \"${OPS_URL}\", secret_headers: {Authorization: file:ops.token}}\n");

      CliHarness.Result r = doctor("doctor");

      assertThat(r.out()).contains(
          "FAIL  secrets      notify channel 'ops' url: environment variable OPS_URL is not set",
          "FAIL  secrets      notify channel 'ops' secret_headers.Authorization: cannot read file:ops.token: no such file");
      assertThat(r.exitCode()).isEqualTo(1);
    }

    @Test
    void aSecretFileReadableByOthersIsAWarningAndValuesAreNeverShown() throws Exception {
      Path token = cli.write("secrets/two.token", "s3cret-value\n");
      Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
      cli.env.put("ONE_TOKEN", "env-s3cret");
      config("currency: EUR\ndatabase: history.db\n" + FIXED + api("one", "${ONE_TOKEN}")
          + api("two", "file:secrets/two.token"));

      CliHarness.Result r = doctor("doctor");

      assertThat(r.out()).contains("OK    secrets      2 secret references resolve");
      assertThat(r.out()).contains("WARN  permissions  secret file " + token + " (account 'two' token) is readable"
          + " by others (mode 0644): chmod 600 " + token);
      assertThat(r.out()).doesNotContain("s3cret");
      assertThat(r.exitCode()).isZero();

      Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
      assertThat(doctor("doctor").out())
          .contains("OK    permissions  the config file and 1 secret file are not readable by others");
    }

    @Test
    void eachAccountIsProbedAndAFailureShowsTheProvidersError() throws Exception {
      cli.env.put("ONE_TOKEN", "env-s3cret");
      config("currency: EUR\ndatabase: history.db\n" + FIXED + api("one", "${ONE_TOKEN}"));

      CliHarness.Result ok = doctor("doctor");
      assertThat(ok.out()).contains("OK    provider     ionos (fixed): no API",
          "OK    provider     one (api): GET /v1/me answered 200");
      assertThat(ok.exitCode()).isZero();

      status.set(401);
      CliHarness.Result denied = doctor("doctor");
      assertThat(denied.out()).containsPattern("FAIL  provider     one \\(api\\): .*401");
      assertThat(denied.out()).doesNotContain("env-s3cret");
      assertThat(denied.exitCode()).isEqualTo(1);

      int before = requests.get();
      CliHarness.Result offline = doctor("doctor", "--offline");
      assertThat(offline.out()).contains("OK    provider     2 accounts not asked (--offline)");
      assertThat(offline.exitCode()).isZero();
      assertThat(requests).hasValue(before);
    }
  }

  /** {@code provider: api}: a token and one endpoint, like the real API providers. */
  record ApiSettings(Secret token) implements ProviderSettings {}

  static final class ApiProvider implements ProviderType<ApiSettings> {
    @Override
    public String name() {
      return "api";
    }

    @Override
    public Class<ApiSettings> settingsType() {
      return ApiSettings.class;
    }

    @Override
    public List<Observation> collect(Account account, ApiSettings settings, CollectWindow window,
        ProviderContext context) {
      return List.of();
    }

    @Override
    public Optional<String> probe(Account account, ApiSettings settings, ProviderContext context)
        throws ProviderException {
      int status = context.http().send(ApiRequest.get(context.baseUri("https://api.invalid")).path("/v1/me")
          .bearer(settings.token()).build()).status();
      return Optional.of("GET /v1/me answered " + status);
    }
  }
}
