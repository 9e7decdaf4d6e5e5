package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.costmon.provider.ProviderFixture;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications end to end: fixed-fee accounts collected and checked through the real command line
 * with a real SQLite history, the clock moved to produce breaches, and loopback receivers recording
 * what the channels got.
 */
class NotifyTest {
  static final String TOKEN = "tok-SECRET-4711";
  static final String HOOK_PATH_SECRET = "hookpathSECRET42";
  static final String SLACK_PATH_SECRET = "slackpathSECRET17";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  CliHarness cli;
  ProviderFixture server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger status = new AtomicInteger(200);
  final List<String> outputs = new ArrayList<>();

  /** One request a receiver got. */
  record Received(String path, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static final String CHANNELS = """
      notify:
        - name: hook
          type: webhook
          url: ${HOOK_URL}
          headers: {X-Source: costmon}
          secret_headers:
            Authorization: ${HOOK_TOKEN}
        - name: chat
          type: slack
          url: ${SLACK_WEBHOOK}
      """;

  static final String ACCOUNTS = """
      currency: EUR
      database: history.db
      accounts:
        - id: ovh
          provider: fixed
          amount: 300 EUR
          accrual: daily
          cap: 200 EUR
      """;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir);
    server = new ProviderFixture();
    server.route("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body));
      ProviderFixture.send(exchange, status.get(), "text/plain", status.get() == 200 ? "ok" : "boom");
    });
    cli.env.put("HOOK_URL", server.base() + "/hook/" + HOOK_PATH_SECRET);
    cli.env.put("HOOK_TOKEN", TOKEN);
    cli.env.put("SLACK_WEBHOOK", server.base() + "/services/T0/B0/" + SLACK_PATH_SECRET);
  }

  @AfterEach
  void noSecretAnywhere() throws IOException {
    server.close();
    List<String> visible = new ArrayList<>(outputs);
    received.forEach(r -> visible.add(r.body()));
    visible.add(cli.filesText());
    String all = String.join("\n", visible);
    assertThat(all).doesNotContain(TOKEN).doesNotContain(HOOK_PATH_SECRET).doesNotContain(SLACK_PATH_SECRET);
  }

  CliHarness.Result run(String at, String... args) {
    cli.at(at);
    CliHarness.Result r = cli.run(args);
    outputs.add(r.out());
    outputs.add(r.err());
    return r;
  }

  /** The webhook messages about one threshold, in order. */
  List<JsonNode> hook(String account, String name) {
    return received.stream().filter(r -> r.path().startsWith("/hook/")).map(Received::json)
        .filter(j -> j.path("account").asText().equals(account) && j.path("name").asText().equals(name)).toList();
  }

  List<String> slack(String containing) {
    return received.stream().filter(r -> r.path().startsWith("/services/"))
        .map(r -> r.json().path("text").asText()).filter(t -> t.contains(containing)).toList();
  }

  static List<String> statuses(List<JsonNode> messages) {
    return messages.stream().map(j -> j.path("status").asText()).toList();
  }

  @Test
  void aBreachIsSentOnceResentOnEscalationAndResolvedOnce() {
    cli.write("costmon.yaml", ACCOUNTS + CHANNELS);

    run("2026-11-17T07:00:00Z", "collect");
    CliHarness.Result first = run("2026-11-17T07:00:00Z", "check", "--notify");

    assertThat(first.exitCode()).isEqualTo(1);
    assertThat(first.err()).isEmpty();
    assertThat(statuses(hook("ovh", "cap"))).containsExactly("WARNING");
    JsonNode warning = hook("ovh", "cap").get(0);
    assertThat(warning.path("message").asText()).isEqualTo("spend 170.00 EUR is 85.0% of cap 200.00 EUR");
    assertThat(warning.path("ratio").asText()).isEqualTo("0.85");
    assertThat(warning.path("period").asText()).isEqualTo("2026-11");
    assertThat(warning.path("spend").asText()).isEqualTo("170");
    assertThat(warning.path("cap").asText()).isEqualTo("200");
    assertThat(slack("ovh cap")).containsExactly("[costmon] WARNING ovh cap: spend 170.00 EUR is 85.0% of cap 200.00 EUR");
    Received request = received.stream().filter(r -> r.path().startsWith("/hook/")).findFirst().orElseThrow();
    assertThat(request.headers().get("Authorization")).containsExactly(TOKEN);
    assertThat(request.headers().get("X-source")).containsExactly("costmon");
    assertThat(request.headers().get("Content-type")).containsExactly("application/json");

    run("2026-11-18T07:00:00Z", "collect");
    CliHarness.Result again = run("2026-11-18T07:00:00Z", "check", "--notify");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(statuses(hook("ovh", "cap"))).containsExactly("WARNING");

    CliHarness.Result escalated = run("2026-11-21T07:00:00Z", "collect", "--notify", "--verbose");
    assertThat(escalated.err()).contains("notify: sent CRITICAL ovh cap to hook (HTTP 200)")
        .contains("notify hook: POST " + server.base() + "*** -> 200");
    assertThat(statuses(hook("ovh", "cap"))).containsExactly("WARNING", "CRITICAL");
    assertThat(slack("ovh cap")).hasSize(2).last().asString().startsWith("[costmon] CRITICAL ovh cap: spend 210.00 EUR");

    cli.write("costmon.yaml", (ACCOUNTS + CHANNELS).replace("cap: 200 EUR", "cap: 1000 EUR"));
    run("2026-11-22T08:00:00Z", "collect", "--notify");
    run("2026-11-23T08:00:00Z", "collect", "--notify");
    CliHarness.Result last = run("2026-11-24T08:00:00Z", "check", "--notify", "--verbose");

    assertThat(last.exitCode()).isZero();
    assertThat(statuses(hook("ovh", "cap"))).containsExactly("WARNING", "CRITICAL", "RESOLVED");
    assertThat(statuses(hook("ovh", "forecast"))).containsExactly("WARNING", "RESOLVED");
    assertThat(slack("RESOLVED ovh cap")).hasSize(1);
    assertThat(last.out())
        .contains("NOTIFIED ovh cap: RESOLVED sent 2026-11-22 08:00Z to channel hook")
        .contains("NOTIFIED ovh cap: RESOLVED sent 2026-11-22 08:00Z to channel chat")
        .contains("NOTIFIED ovh forecast: RESOLVED sent 2026-11-22 08:00Z to channel hook");
  }

  @Test
  void aQuotaMessageCarriesTheUsageAndTheQuotaNotTheAccountsSpendAndCap() {
    cli.write("costmon.yaml", """
        currency: USD
        database: history.db
        accounts:
          - id: supabase
            provider: demo
            scenario: quota
            amount: 25 USD
            cap: 40 USD
        """ + CHANNELS);

    run("2026-11-17T07:00:00Z", "collect");
    run("2026-11-17T07:00:00Z", "check", "--notify");

    JsonNode quota = hook("supabase", "quota:database_size").get(0);
    assertThat(quota.path("status").asText()).isEqualTo("WARNING");
    assertThat(quota.path("unit").asText()).isEqualTo("bytes");
    assertThat(new BigDecimal(quota.path("quota").asText())).isEqualByComparingTo("8000000000");
    // The ratio is rounded to four places; usage and quota are exact.
    assertThat(new BigDecimal(quota.path("usage").asText()).divide(new BigDecimal("8000000000"))
        .setScale(4, java.math.RoundingMode.HALF_EVEN)).isEqualByComparingTo(quota.path("ratio").asText());
    assertThat(quota.path("spend").asText()).isEmpty();
    assertThat(quota.path("cap").asText()).isEmpty();
  }

  @Test
  void aStaleAccountIsNotifiedAndNothingElseAboutItWhileStale() {
    cli.write("costmon.yaml", (ACCOUNTS + CHANNELS).replace("cap: 200 EUR", "cap: 110 EUR"));
    run("2026-11-10T07:00:00Z", "collect");

    CliHarness.Result stale = run("2026-11-12T00:00:00Z", "check", "--notify");

    // The forecast over the cap is still a WARNING in check, which outranks UNKNOWN; it is not sent while stale.
    assertThat(stale.exitCode()).isEqualTo(1);
    assertThat(received).hasSize(2);
    assertThat(statuses(hook("ovh", "freshness"))).containsExactly("UNKNOWN");
    assertThat(hook("ovh", "freshness").get(0).path("message").asText())
        .isEqualTo("no successful collection for 41h (max_age 36h)");
    assertThat(slack("")).containsExactly(
        "[costmon] UNKNOWN ovh freshness: no successful collection for 41h (max_age 36h)");

    run("2026-11-12T01:00:00Z", "collect", "--notify");

    assertThat(statuses(hook("ovh", "freshness"))).containsExactly("UNKNOWN", "RESOLVED");
    assertThat(statuses(hook("ovh", "cap"))).containsExactly("CRITICAL");
    assertThat(statuses(hook("ovh", "forecast"))).containsExactly("WARNING");
  }

  @Test
  void theHardCapHookRunsExactlyOncePerPeriodWithAMinimalEnvironment() throws IOException {
    Path envFile = dir.resolve("hook-env.txt");
    Path script = cli.write("revoke.sh", "#!/bin/sh\n{ env; echo ---; } >> '" + envFile + "'\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    cli.write("costmon.yaml", (ACCOUNTS + """
            hard_cap: 150 EUR
            on_hard_cap: {command: [./revoke.sh, --really], timeout: 10s}
        """ + CHANNELS).replace("cap: 200 EUR", "cap: 1000 EUR"));

    run("2026-11-10T07:00:00Z", "collect", "--notify");
    assertThat(envFile).doesNotExist();
    run("2026-11-16T07:00:00Z", "collect", "--notify");
    run("2026-11-17T07:00:00Z", "collect", "--notify");
    CliHarness.Result verbose = run("2026-11-17T08:00:00Z", "check", "--notify", "--verbose");
    run("2026-12-01T07:00:00Z", "collect", "--notify");
    run("2026-12-16T07:00:00Z", "collect", "--notify");
    run("2026-12-17T07:00:00Z", "collect", "--notify");

    String[] runs = Files.readString(envFile).split("---\n");
    assertThat(runs).hasSize(2);
    assertThat(runs[0].lines()).contains("COSTMON_ACCOUNT=ovh", "COSTMON_PROVIDER=fixed", "COSTMON_SPEND=160",
        "COSTMON_HARD_CAP=150", "COSTMON_CURRENCY=EUR", "COSTMON_PERIOD=2026-11");
    assertThat(runs[1].lines()).contains("COSTMON_PERIOD=2026-12");
    // An explicit environment: nothing of costmon's own (HOME, JAVA_HOME, the secrets) leaks in.
    for (String line : runs[0].lines().toList()) {
      String name = line.substring(0, line.indexOf('='));
      assertThat(name).matches("COSTMON_[A-Z_]+|PATH|LANG|PWD|SHLVL|_");
    }
    assertThat(verbose.out()).contains("HARD CAP ovh: on_hard_cap command " + dir.resolve("revoke.sh")
        + " ran 2026-11-16 07:00Z: exit 0");
    assertThat(statuses(hook("ovh", "hard_cap"))).containsExactly("CRITICAL", "CRITICAL");
    assertThat(hook("ovh", "hard_cap").get(0).path("message").asText()).isEqualTo(
        "spend 160.00 EUR reached the hard cap 150.00 EUR; on_hard_cap command " + dir.resolve("revoke.sh")
            + ": exit 0");
  }

  @Test
  void aHardCapWebhookGetsOneHardCapCallPerPeriod() {
    cli.write("costmon.yaml", (ACCOUNTS + """
            hard_cap: 150 EUR
            on_hard_cap: {webhook: hook}
        """ + CHANNELS).replace("cap: 200 EUR", "cap: 1000 EUR"));

    run("2026-11-16T07:00:00Z", "collect", "--notify");
    run("2026-11-17T07:00:00Z", "collect", "--notify");

    assertThat(statuses(hook("ovh", "hard_cap"))).containsExactly("HARD_CAP");
    assertThat(slack("ovh hard_cap")).containsExactly("[costmon] CRITICAL ovh hard_cap: spend 160.00 EUR reached the"
        + " hard cap 150.00 EUR; on_hard_cap webhook hook: HTTP 200");
  }

  @Test
  void underSystemdAFailedDeliveryIsAWarningNotAnError() {
    cli.write("costmon.yaml", ACCOUNTS + CHANNELS.substring(0, CHANNELS.indexOf("  - name: chat")));
    cli.env.put("JOURNAL_STREAM", "8:12345");
    run("2026-11-17T07:00:00Z", "collect");
    status.set(500);

    CliHarness.Result failing = run("2026-11-17T07:00:00Z", "check", "--notify");

    // The check did its job; the journal keeps the undelivered message at warning priority.
    assertThat(failing.exitCode()).isEqualTo(1);
    assertThat(failing.err().lines()).singleElement().asString()
        .startsWith("<4>costmon: notify channel 'hook' (webhook): 2 messages not delivered");
  }

  @Test
  void aChannelWhoseSecretIsNotSetFailsAloneAndStopsNothingElse() {
    cli.write("costmon.yaml", ACCOUNTS.replace("cap: 200 EUR", "cap: 1000 EUR") + CHANNELS);
    cli.env.remove("SLACK_WEBHOOK");

    CliHarness.Result collect = run("2026-11-10T07:00:00Z", "collect", "--notify");
    assertThat(collect.exitCode()).as(collect.err()).isZero();
    // Nothing is due yet, and still the broken channel is named on every run that would use it.
    assertThat(collect.err().lines()).containsExactly(
        "costmon: notify channel 'chat' (slack): cannot send: environment variable SLACK_WEBHOOK is not set");
    cli.write("costmon.yaml", ACCOUNTS + CHANNELS);
    run("2026-11-17T07:00:00Z", "collect");
    assertThat(run("2026-11-17T07:00:00Z", "report").exitCode()).isZero();
    CliHarness.Result check = run("2026-11-17T07:00:00Z", "check", "--notify");

    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.out()).startsWith("COSTMON WARNING");
    assertThat(statuses(hook("ovh", "cap"))).containsExactly("WARNING");
    assertThat(slack("")).isEmpty();
    assertThat(check.err().lines()).singleElement().asString()
        .startsWith("costmon: notify channel 'chat' (slack): 2 messages not delivered")
        .contains("environment variable SLACK_WEBHOOK is not set");
    CliHarness.Result test = run("2026-11-17T07:00:00Z", "notify", "test", "--channel", "chat");
    assertThat(test.exitCode()).isNotZero();
    assertThat(test.err()).contains("'chat'").contains("SLACK_WEBHOOK is not set");
  }

  @Test
  void aChannelCalledByOnHardCapHearsNothingButItsHardCapCalls() {
    cli.write("costmon.yaml", ACCOUNTS + """
            hard_cap: 190 EUR
            on_hard_cap: {webhook: hook}
        """ + CHANNELS);

    run("2026-11-17T07:00:00Z", "collect", "--notify");
    run("2026-11-21T07:00:00Z", "collect", "--notify");

    // cap WARNING, forecast WARNING, cap CRITICAL: none of them reaches the revoking receiver.
    List<JsonNode> toHook = received.stream().filter(r -> r.path().startsWith("/hook/")).map(Received::json).toList();
    assertThat(toHook).singleElement().satisfies(j -> {
      assertThat(j.path("status").asText()).isEqualTo("HARD_CAP");
      assertThat(j.path("message").asText()).isEqualTo("spend 210.00 EUR reached the hard cap 190.00 EUR");
    });
    assertThat(slack("ovh cap")).hasSize(2);
    assertThat(slack("ovh hard_cap")).containsExactly("[costmon] CRITICAL ovh hard_cap: spend 210.00 EUR reached the"
        + " hard cap 190.00 EUR; on_hard_cap webhook hook: HTTP 200");
  }

  @Test
  void aHookChannelThatListsEventsGetsThemToo() {
    cli.write("costmon.yaml", ACCOUNTS + """
            hard_cap: 190 EUR
            on_hard_cap: {webhook: hook}
        """ + CHANNELS.replace("  - name: chat", "    events: [critical]\n  - name: chat"));

    run("2026-11-17T07:00:00Z", "collect", "--notify");
    run("2026-11-21T07:00:00Z", "collect", "--notify");

    assertThat(statuses(hook("ovh", "cap"))).containsExactly("CRITICAL");
    assertThat(statuses(hook("ovh", "forecast"))).isEmpty();
    assertThat(statuses(hook("ovh", "hard_cap"))).containsExactly("HARD_CAP");
  }

  @Test
  void aChannelReceivesOnlyTheEventsItLists() {
    String config = ACCOUNTS + CHANNELS.replace("url: ${SLACK_WEBHOOK}\n",
        "url: ${SLACK_WEBHOOK}\n    events: [critical, resolved]\n");
    cli.write("costmon.yaml", config);

    run("2026-11-17T07:00:00Z", "collect", "--notify");
    assertThat(slack("")).isEmpty();
    assertThat(statuses(hook("ovh", "cap"))).containsExactly("WARNING");
    run("2026-11-21T07:00:00Z", "collect", "--notify");
    cli.write("costmon.yaml", config.replace("cap: 200 EUR", "cap: 1000 EUR"));
    run("2026-11-22T08:00:00Z", "collect", "--notify");

    assertThat(slack("")).containsExactly(
        "[costmon] CRITICAL ovh cap: spend 210.00 EUR is 105.0% of cap 200.00 EUR",
        "[costmon] RESOLVED ovh cap: spend 220.00 EUR is 22.0% of cap 1000.00 EUR");
    assertThat(statuses(hook("ovh", "forecast"))).containsExactly("WARNING", "RESOLVED");
  }

  @Test
  void anUnknownEventIsAConfigurationError() {
    cli.write("costmon.yaml", ACCOUNTS + CHANNELS + "    events: [critical, sometimes]\n");

    CliHarness.Result r = run("2026-11-17T07:00:00Z", "collect");

    assertThat(r.exitCode()).isEqualTo(78);
    assertThat(r.err().strip()).isEqualTo("costmon: " + dir.resolve("costmon.yaml") + ":19:24: notify channel"
        + " 'chat': unknown event 'sometimes' (one of warning, critical, unknown, resolved, hard_cap, digest)");
  }

  @Test
  void notifyTestLeavesAHardCapHookAloneUnlessNamed() {
    cli.write("costmon.yaml", ACCOUNTS + """
            hard_cap: 190 EUR
            on_hard_cap: {webhook: hook}
        """ + CHANNELS);

    CliHarness.Result all = run("2026-11-17T07:00:00Z", "notify", "test");

    assertThat(all.exitCode()).isZero();
    assertThat(all.out().lines()).containsExactly(
        "skipped 'hook' (webhook): on_hard_cap calls it; test it with --channel hook",
        "sent a test message to 'chat' (slack): HTTP 200");
    assertThat(hook("costmon", "test")).isEmpty();

    CliHarness.Result named = run("2026-11-17T07:00:00Z", "notify", "test", "--channel", "hook");
    assertThat(named.out()).startsWith("sent a test message to 'hook' (webhook)");
    assertThat(hook("costmon", "test")).hasSize(1);
  }

  @Test
  void theGlobalHardCapRunsItsCommandOncePerPeriodOverAllAccounts() throws IOException {
    Path envFile = dir.resolve("hook-env.txt");
    Path script = cli.write("revoke.sh", "#!/bin/sh\n{ env; echo ---; } >> '" + envFile + "'\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    cli.write("costmon.yaml", (ACCOUNTS + """
          - id: ionos
            provider: fixed
            amount: 30 EUR
        hard_cap: 160 EUR
        on_hard_cap: {command: [./revoke.sh], timeout: 10s}
        """ + CHANNELS).replace("cap: 200 EUR", "cap: 1000 EUR"));

    run("2026-11-14T07:00:00Z", "collect", "--notify");
    assertThat(envFile).doesNotExist();
    run("2026-11-15T07:00:00Z", "collect", "--notify");
    run("2026-11-16T07:00:00Z", "collect", "--notify");
    CliHarness.Result verbose = run("2026-11-16T08:00:00Z", "check", "--notify", "--verbose");
    run("2026-12-16T07:00:00Z", "collect", "--notify");

    String[] runs = Files.readString(envFile).split("---\n");
    assertThat(runs).hasSize(2);
    // 150 EUR of ovh and 15 EUR of ionos on the 15th.
    assertThat(runs[0].lines()).contains("COSTMON_ACCOUNT=total", "COSTMON_SPEND=165", "COSTMON_HARD_CAP=160",
        "COSTMON_CURRENCY=EUR", "COSTMON_PERIOD=2026-11");
    assertThat(runs[1].lines()).contains("COSTMON_PERIOD=2026-12");
    assertThat(verbose.out()).contains("HARD CAP total: on_hard_cap command " + dir.resolve("revoke.sh")
        + " ran 2026-11-15 07:00Z: exit 0");
    assertThat(slack("total hard_cap")).first().isEqualTo("[costmon] CRITICAL total hard_cap: total spend 165.00 EUR"
        + " reached the hard cap 160.00 EUR; on_hard_cap command " + dir.resolve("revoke.sh") + ": exit 0");
  }

  @Test
  void theGlobalHardCapCallsItsWebhookOnceAndTheHookHearsNothingElse() {
    cli.write("costmon.yaml", ACCOUNTS + """
        hard_cap: 150 USD
        on_hard_cap: {webhook: hook}
        fx: {USD: 1.25}
        """ + CHANNELS);

    run("2026-11-18T07:00:00Z", "collect", "--notify");
    run("2026-11-19T07:00:00Z", "collect", "--notify");
    run("2026-11-20T07:00:00Z", "collect", "--notify");

    List<JsonNode> toHook = received.stream().filter(r -> r.path().startsWith("/hook/")).map(Received::json).toList();
    assertThat(toHook).singleElement().satisfies(j -> {
      assertThat(j.path("status").asText()).isEqualTo("HARD_CAP");
      assertThat(j.path("account").asText()).isEqualTo("total");
      assertThat(j.path("message").asText()).isEqualTo("total spend 152.00 USD reached the hard cap 150.00 USD");
      assertThat(j.path("currency").asText()).isEqualTo("USD");
    });
  }

  @Test
  void aNegativeGlobalHardCapIsAConfigurationError() {
    cli.write("costmon.yaml", ACCOUNTS + "hard_cap: -1 EUR\n");

    CliHarness.Result r = run("2026-11-17T07:00:00Z", "collect");

    assertThat(r.exitCode()).isEqualTo(78);
    assertThat(r.err().strip()).isEqualTo("costmon: " + dir.resolve("costmon.yaml") + ":9:1: hard_cap -1 EUR is"
        + " negative; write a positive amount, or 0 EUR for an account that must not spend anything");
  }

  @Test
  void aFailedDeliveryIsRetriedNextRunWithoutChangingTheExitCode() {
    cli.write("costmon.yaml", ACCOUNTS + CHANNELS.substring(0, CHANNELS.indexOf("  - name: chat")));
    run("2026-11-17T07:00:00Z", "collect");
    int expected = run("2026-11-17T07:00:00Z", "check").exitCode();
    status.set(500);

    CliHarness.Result failing = run("2026-11-17T07:00:00Z", "check", "--notify");

    assertThat(failing.exitCode()).isEqualTo(expected).isEqualTo(1);
    assertThat(failing.err().lines()).containsExactly("costmon: notify channel 'hook' (webhook): 2 messages not"
        + " delivered, tried again next run: HTTP 500 Internal Server Error from 127.0.0.1:"
        + server.base().getPort() + "*** after 3 attempts: boom");
    assertThat(received).hasSize(6); // cap and forecast, three attempts each
    CliHarness.Result shown = run("2026-11-17T07:10:00Z", "check", "--verbose");
    assertThat(shown.out()).contains("NOTIFY FAILED ovh cap: WARNING to channel hook failed 1 time, last"
        + " 2026-11-17 07:00Z: HTTP 500");

    status.set(200);
    received.clear();
    CliHarness.Result retried = run("2026-11-17T08:00:00Z", "check", "--notify");

    assertThat(retried.exitCode()).isEqualTo(1);
    assertThat(retried.err()).isEmpty();
    assertThat(statuses(hook("ovh", "cap"))).containsExactly("WARNING");
    assertThat(statuses(hook("ovh", "forecast"))).containsExactly("WARNING");

    received.clear();
    run("2026-11-17T09:00:00Z", "check", "--notify");
    assertThat(received).isEmpty();
  }

  @Test
  void aBodyTemplateWithAnUnknownFieldIsAConfigurationError() {
    cli.write("costmon.yaml", ACCOUNTS + """
        notify:
          - name: hook
            type: webhook
            url: ${HOOK_URL}
            body: '{"text": "{{status}} {{acount}}: {{message}}"}'
        """);

    CliHarness.Result collect = run("2026-11-17T07:00:00Z", "collect");
    CliHarness.Result check = run("2026-11-17T07:00:00Z", "check", "--notify");

    assertThat(collect.exitCode()).isEqualTo(78);
    assertThat(collect.err().strip()).isEqualTo("costmon: " + dir.resolve("costmon.yaml") + ":13:5: notify channel"
        + " 'hook': unknown placeholder {{acount}} in body (known: status, account, name, message, ratio, period,"
        + " spend, cap, currency, usage, quota, unit, text)");
    assertThat(check.exitCode()).isEqualTo(3);
    assertThat(dir.resolve("history.db")).doesNotExist();
  }

  @Test
  void configErrorsNameTheChannelAndKey() {
    cli.write("costmon.yaml", ACCOUNTS + """
        notify:
          - name: chat
            type: slack
            url: ${SLACK_WEBHOOK}
            to: ops@example.com
        """);
    assertThat(run("2026-11-17T07:00:00Z", "collect").err()).contains(":13:5: notify channel 'chat': key 'to' does"
        + " not apply to a slack channel (its keys: events, name, type, url)");

    cli.write("costmon.yaml", ACCOUNTS + "notify:\n  - {name: chat, type: slack, url: https://hooks.example/x}\n");
    assertThat(run("2026-11-17T07:00:00Z", "collect").err()).contains("a secret must be a reference");

    cli.write("costmon.yaml", ACCOUNTS + "    on_hard_cap: {webhook: nowhere}\n    hard_cap: 1 EUR\n");
    CliHarness.Result r = run("2026-11-17T07:00:00Z", "collect");
    assertThat(r.exitCode()).isEqualTo(78);
    assertThat(r.err()).contains(":9:19: account 'ovh': no notify channel named 'nowhere' (notify: lists none)");
  }

  @Test
  void notifyTestSendsAMarkedMessageToEveryChannelOrOne() throws IOException {
    Path mailFile = dir.resolve("mail.txt");
    Path sendmail = cli.write("fake-sendmail", "#!/bin/sh\necho \"args: $*\" > '" + mailFile + "'\ncat >> '"
        + mailFile + "'\n");
    Files.setPosixFilePermissions(sendmail, PosixFilePermissions.fromString("rwx------"));
    cli.write("costmon.yaml", ACCOUNTS + CHANNELS + """
          - name: mail
            type: email
            to: [ops@example.com, cfo@example.com]
            from: costmon@example.com
            sendmail: ./fake-sendmail
        """);

    CliHarness.Result all = run("2026-11-17T07:00:00Z", "notify", "test");

    assertThat(all.exitCode()).isZero();
    assertThat(all.out().lines()).containsExactly(
        "sent a test message to 'hook' (webhook): HTTP 200",
        "sent a test message to 'chat' (slack): HTTP 200",
        "sent a test message to 'mail' (email): sendmail exit 0");
    assertThat(hook("costmon", "test")).singleElement().satisfies(j -> assertThat(j.path("status").asText())
        .isEqualTo("TEST"));
    assertThat(slack("[costmon] TEST costmon test: test message")).hasSize(1);
    String mail = Files.readString(mailFile);
    assertThat(mail).startsWith("args: -t -i\nTo: ops@example.com, cfo@example.com\nFrom: costmon@example.com\n"
        + "Subject: [costmon] TEST costmon test: test message from 'costmon notify test'");
    assertThat(dir.resolve("history.db")).doesNotExist();

    received.clear();
    CliHarness.Result one = run("2026-11-17T07:00:00Z", "notify", "test", "--channel", "chat");
    assertThat(one.exitCode()).isZero();
    assertThat(received).singleElement().satisfies(r -> assertThat(r.path()).startsWith("/services/"));

    CliHarness.Result unknown = run("2026-11-17T07:00:00Z", "notify", "test", "--channel", "nope");
    assertThat(unknown.exitCode()).isEqualTo(64);
    assertThat(unknown.err()).contains("no notify channel named 'nope' (known: hook, chat, mail)");

    status.set(500);
    CliHarness.Result failing = run("2026-11-17T07:00:00Z", "notify", "test", "--channel", "hook");
    assertThat(failing.exitCode()).isEqualTo(2);
    assertThat(failing.err()).contains("costmon: test message to 'hook' (webhook) failed: HTTP 500");
  }
}
