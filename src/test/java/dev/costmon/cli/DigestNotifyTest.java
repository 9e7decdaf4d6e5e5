package dev.costmon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.digest.DigestHistory;
import dev.costmon.provider.ProviderFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code costmon digest --notify} through the real command line: a webhook and a Slack receiver on
 * loopback, e-mail through a sendmail script, the once-per-period debounce kept in the real SQLite
 * history, and no secret in anything sent, printed or written.
 */
class DigestNotifyTest {
  static final String TOKEN = NotifyTest.TOKEN;
  static final String HOOK_PATH_SECRET = NotifyTest.HOOK_PATH_SECRET;
  static final String SLACK_PATH_SECRET = NotifyTest.SLACK_PATH_SECRET;

  @TempDir Path dir;
  CliHarness cli;
  ProviderFixture server;
  final List<NotifyTest.Received> received = new CopyOnWriteArrayList<>();
  final AtomicInteger hookStatus = new AtomicInteger(200);
  final List<String> outputs = new ArrayList<>();

  static final String CHANNELS = """
      notify:
        - name: hook
          type: webhook
          url: ${HOOK_URL}
          secret_headers:
            Authorization: ${HOOK_TOKEN}
          body: '{"alert": "{{text}}"}'
        - name: chat
          type: slack
          url: ${SLACK_WEBHOOK}
        - name: mail
          type: email
          to: ops@example.com
          sendmail: %s
      """;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(dir);
    server = new ProviderFixture();
    server.route("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getPath();
      received.add(new NotifyTest.Received(path, Map.copyOf(exchange.getRequestHeaders()), body));
      int status = path.startsWith("/hook/") ? hookStatus.get() : 200;
      ProviderFixture.send(exchange, status, "text/plain", status == 200 ? "ok" : "boom");
    });
    cli.env.put("HOOK_URL", server.base() + "/hook/" + HOOK_PATH_SECRET);
    cli.env.put("HOOK_TOKEN", TOKEN);
    cli.env.put("SLACK_WEBHOOK", server.base() + "/services/T0/B0/" + SLACK_PATH_SECRET);
    cli.env.put("DO_TOKEN", "do-token");
    Path sendmail = cli.write("sendmail", "#!/bin/sh\ncat >> '" + dir.resolve("mail.out") + "'\necho '.' >> '"
        + dir.resolve("mail.out") + "'\n");
    Files.setPosixFilePermissions(sendmail, PosixFilePermissions.fromString("rwx------"));
    cli.write("costmon.yaml", DigestHistory.CONFIG + CHANNELS.formatted(sendmail));
    DigestHistory.write(dir.resolve("history.db"));
  }

  @AfterEach
  void noSecretAnywhere() throws IOException {
    server.close();
    List<String> visible = new ArrayList<>(outputs);
    received.forEach(r -> visible.add(r.body()));
    visible.add(cli.filesText());
    assertThat(String.join("\n", visible)).doesNotContain(TOKEN).doesNotContain(HOOK_PATH_SECRET)
        .doesNotContain(SLACK_PATH_SECRET);
  }

  CliHarness.Result run(String at, String... args) {
    cli.at(at);
    CliHarness.Result r = cli.run(args);
    outputs.add(r.out());
    outputs.add(r.err());
    return r;
  }

  List<NotifyTest.Received> at(String prefix) {
    return received.stream().filter(r -> r.path().startsWith(prefix)).toList();
  }

  /** The messages sendmail was given, split on the line the script appends after each. */
  List<String> mails() {
    try {
      Path out = dir.resolve("mail.out");
      if (!Files.exists(out)) {
        return List.of();
      }
      return List.of(Files.readString(out).split("(?m)^\\.$\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The decoded body of a MIME part of this content type. */
  static String part(String mail, String contentType) {
    Matcher m = Pattern.compile("Content-Type: " + Pattern.quote(contentType)
        + "; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n([A-Za-z0-9+/=\n]+?)\n\n").matcher(mail);
    assertThat(m.find()).as("a %s part in %s", contentType, mail).isTrue();
    return new String(Base64.getMimeDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
  }

  @Test
  void eachChannelGetsTheDigestInItsOwnFormOncePerPeriod() throws IOException {
    CliHarness.Result first = run("2026-11-23T07:00:00Z", "digest", "--notify");

    assertThat(first.err()).isEmpty();
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).isEqualTo("""
        sent the digest of day 2026-11-22 to 'hook' (webhook): HTTP 200
        sent the digest of day 2026-11-22 to 'chat' (slack): HTTP 200
        sent the digest of day 2026-11-22 to 'mail' (email): sendmail exit 0
        """);
    // The webhook gets the digest's JSON (its body: template is for alerts), with its secret header.
    NotifyTest.Received hook = at("/hook/").get(0);
    assertThat(hook.headers().get("Authorization")).containsExactly(TOKEN);
    assertThat(hook.headers().get("Content-type")).containsExactly("application/json");
    JsonNode json = hook.json();
    assertThat(json.path("period").path("name").asText()).isEqualTo("2026-11-22");
    assertThat(json.path("movers").get(0).path("dimension").asText()).isEqualTo("Droplets / ml-test");
    assertThat(json.path("movers").get(0).path("difference").path("amount").asText()).isEqualTo("25.50");
    assertThat(json.path("movers").get(0).path("change").asText()).isEqualTo("new");
    // Slack: Block Kit, a header and mrkdwn sections, the plain text as the notification fallback.
    JsonNode slack = at("/services/").get(0).json();
    assertThat(slack.path("text").asText()).startsWith("costmon digest: Sunday 2026-11-22\n");
    assertThat(slack.path("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(slack.path("blocks").get(0).path("text").path("text").asText())
        .isEqualTo("costmon digest: Sunday 2026-11-22");
    List<String> sections = new ArrayList<>();
    slack.path("blocks").forEach(b -> sections.add(b.path("text").path("text").asText()));
    assertThat(sections).anySatisfy(s -> assertThat(s).startsWith("*Top movers (against the median day of 15-21 Nov 2026)*")
        .contains("• *do: Droplets / ml-test* +25.50 USD (new)"));
    assertThat(slack.path("blocks").size()).isLessThanOrEqualTo(50);
    // E-mail: one message, the text and the HTML as alternatives.
    assertThat(mails()).hasSize(1);
    String mail = mails().get(0);
    assertThat(mail).contains("To: ops@example.com\n", "Subject: costmon digest: Sunday 2026-11-22\n",
        "Content-Type: multipart/alternative; boundary=");
    assertThat(part(mail, "text/plain")).contains("  do: Droplets / ml-test +25.50 USD (new)\n");
    assertThat(part(mail, "text/html")).startsWith("<!DOCTYPE html>")
        .contains("<strong>do: Droplets / ml-test</strong>").doesNotContain("<script");

    CliHarness.Result again = run("2026-11-23T09:30:00Z", "digest", "--notify");

    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).isEqualTo("""
        skipped 'hook' (webhook): the digest of day 2026-11-22 was sent 2026-11-23 07:00Z (--force sends it again)
        skipped 'chat' (slack): the digest of day 2026-11-22 was sent 2026-11-23 07:00Z (--force sends it again)
        skipped 'mail' (email): the digest of day 2026-11-22 was sent 2026-11-23 07:00Z (--force sends it again)
        """);
    assertThat(received).hasSize(2);
    assertThat(mails()).hasSize(1);

    CliHarness.Result forced = run("2026-11-23T10:00:00Z", "digest", "--notify", "--force");
    assertThat(forced.exitCode()).isZero();
    assertThat(forced.out()).contains("sent the digest of day 2026-11-22 to 'hook' (webhook): HTTP 200");
    assertThat(received).hasSize(4);
    assertThat(mails()).hasSize(2);

    CliHarness.Result nextDay = run("2026-11-24T07:00:00Z", "digest", "--notify");
    assertThat(nextDay.exitCode()).isZero();
    assertThat(nextDay.out()).contains("sent the digest of day 2026-11-23 to 'chat' (slack): HTTP 200");
    assertThat(at("/hook/")).hasSize(3).last().satisfies(r ->
        assertThat(r.json().path("period").path("name").asText()).isEqualTo("2026-11-23"));

    // A week is its own period: sent once, whatever the daily digests did.
    assertThat(run("2026-11-24T07:00:00Z", "digest", "--notify", "--period", "week").out())
        .contains("sent the digest of week 2026-W47 to 'hook' (webhook): HTTP 200");
    assertThat(run("2026-11-25T07:00:00Z", "digest", "--notify", "--period", "week").out())
        .contains("skipped 'hook' (webhook): the digest of week 2026-W47 was sent 2026-11-24 07:00Z");
  }

  @Test
  void aChannelThatFailedIsTriedAgainByTheNextRunAndOnlyIt() {
    hookStatus.set(500);
    CliHarness.Result failed = run("2026-11-23T07:00:00Z", "digest", "--notify");

    assertThat(failed.exitCode()).isEqualTo(ExitCodes.PARTIAL);
    assertThat(failed.err()).startsWith("costmon: digest to 'hook' (webhook) failed: HTTP 500")
        .endsWith("(tried again next run)\n");
    assertThat(failed.out()).contains("sent the digest of day 2026-11-22 to 'chat' (slack): HTTP 200");

    hookStatus.set(200);
    CliHarness.Result retried = run("2026-11-23T08:00:00Z", "digest", "--notify");

    assertThat(retried.exitCode()).isZero();
    assertThat(retried.out()).contains("sent the digest of day 2026-11-22 to 'hook' (webhook): HTTP 200")
        .contains("skipped 'chat' (slack)").contains("skipped 'mail' (email)");
    assertThat(at("/services/")).hasSize(1);
    assertThat(mails()).hasSize(1);
  }

  @Test
  void aChannelThatListsItsEventsGetsTheDigestOnlyWhenItListsDigest() {
    cli.write("costmon.yaml", DigestHistory.CONFIG + """
        notify:
          - name: hook
            type: webhook
            url: ${HOOK_URL}
            events: [critical, digest]
          - name: chat
            type: slack
            url: ${SLACK_WEBHOOK}
            events: [critical]
        """);

    CliHarness.Result r = run("2026-11-23T07:00:00Z", "digest", "--notify");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("sent the digest of day 2026-11-22 to 'hook' (webhook): HTTP 200\n");
    assertThat(at("/services/")).isEmpty();
  }

  @Test
  void withoutAChannelThatTakesDigestsItSaysSoAndSendsNothing() {
    cli.write("costmon.yaml", DigestHistory.CONFIG);

    CliHarness.Result r = run("2026-11-23T07:00:00Z", "digest", "--notify");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
    assertThat(r.err()).startsWith("costmon: no notify: channel in ").endsWith(
        " takes digests (a channel with events: needs 'digest' in them)\n");
  }

  @Test
  void withoutAHistoryNothingIsSentAndNoDatabaseIsCreated() {
    cli.write("costmon.yaml", DigestHistory.CONFIG.replace("database: history.db", "database: elsewhere.db")
        + CHANNELS.formatted(dir.resolve("sendmail")));

    CliHarness.Result r = run("2026-11-23T07:00:00Z", "digest", "--notify");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.IO);
    assertThat(r.err()).isEqualTo("costmon: no history at " + dir.resolve("elsewhere.db")
        + " yet; run 'costmon collect' first\n");
    assertThat(received).isEmpty();
    assertThat(dir.resolve("elsewhere.db")).doesNotExist();
  }

  @Test
  void contradictoryOrUnknownOptionsAreUsageErrors() {
    CliHarness.Result both = run("2026-11-23T07:00:00Z", "digest", "--notify", "--format", "json");
    assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).startsWith("costmon: --notify and --format cannot be used together");
    CliHarness.Result force = run("2026-11-23T07:00:00Z", "digest", "--force");
    assertThat(force.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(force.err()).startsWith("costmon: --force only applies with --notify");
    CliHarness.Result period = run("2026-11-23T07:00:00Z", "digest", "--period", "year");
    assertThat(period.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(period.err()).startsWith("costmon: --period 'year' is not one of day, week, month");
    CliHarness.Result format = run("2026-11-23T07:00:00Z", "digest", "--format", "pdf");
    assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(format.err()).startsWith("costmon: --format 'pdf' is not one of text, markdown, json, html");
    assertThat(received).isEmpty();
  }
}
