package dev.costmon.notify;

import dev.costmon.config.Secret;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.HttpEngine;
import dev.costmon.http.HttpSettings;
import dev.costmon.http.ResponseArchive;
import dev.costmon.http.SharedClient;
import dev.costmon.http.Sleeper;
import dev.costmon.process.ProcessTree;
import dev.costmon.provider.ProviderException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers one {@link Message} over one {@link Channel}: Slack and webhooks through the HTTP engine
 * (retries, size bounds, redaction; nothing archived: these are not provider responses), e-mail
 * through {@code sendmail -t}. Failures are {@link DeliveryException}s without secrets.
 */
final class Sender implements AutoCloseable {
  /** Short: a notification that cannot get through in half a minute will be retried next run. */
  static final HttpSettings HTTP = new HttpSettings(
      Duration.ofSeconds(10), Duration.ofSeconds(30), 3, Duration.ofSeconds(30), 1024 * 1024);
  static final Duration SENDMAIL_TIMEOUT = Duration.ofSeconds(60);
  /** The only environment programs started by costmon get, besides their own variables. */
  static final Map<String, String> BASE_ENVIRONMENT =
      Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG", "C.UTF-8");

  private final Clock clock;
  private final Consumer<String> verbose;
  private final SharedClient client = new SharedClient(HTTP);

  Sender(Clock clock, Consumer<String> verbose) {
    this.clock = clock;
    this.verbose = verbose;
  }

  /** Sends; returns what the receiver answered ({@code HTTP 200}, {@code sendmail exit 0}). */
  String send(Channel channel, Message message) throws DeliveryException {
    Optional<String> unusable = channel.unusable();
    if (unusable.isPresent()) {
      throw new DeliveryException("not sent: " + unusable.get());
    }
    if (channel instanceof Channel.Slack s) {
      return post(s.name(), s.url(), "application/json", "{\"text\": \"" + json(message.text()) + "\"}",
          Map.of(), Map.of());
    }
    if (channel instanceof Channel.Webhook w) {
      boolean json = w.contentType().toLowerCase(java.util.Locale.ROOT).contains("json");
      return post(w.name(), w.url(), w.contentType(), w.body().render(message.fields(), json), w.headers(),
          w.secretHeaders());
    }
    return mail((Channel.Email) channel, message);
  }

  /**
   * Sends a summary in the channel's form: Slack its blocks, a webhook the JSON (its {@code body:}
   * template is for alerts), e-mail one message with a plain-text and an HTML part.
   */
  String send(Channel channel, Summary summary) throws DeliveryException {
    if (channel instanceof Channel.Slack s) {
      return post(s.name(), s.url(), "application/json", summary.slack(), Map.of(), Map.of());
    }
    if (channel instanceof Channel.Webhook w) {
      return post(w.name(), w.url(), "application/json", summary.json(), w.headers(), w.secretHeaders());
    }
    return mail((Channel.Email) channel, summary);
  }

  private String post(String channel, Secret url, String contentType, String body, Map<String, String> headers,
      Map<String, Secret> secretHeaders) throws DeliveryException {
    ApiRequest request;
    try {
      URI uri = URI.create(url.reveal());
      ApiRequest.Builder b = ApiRequest.post(uri)
          .body(contentType, body.getBytes(StandardCharsets.UTF_8))
          .notArchived();
      // The whole URL is the credential, but error messages name host and path: mask the path too.
      for (String part : new String[] {uri.getRawPath(), uri.getRawQuery()}) {
        if (part != null && part.length() > 1) {
          b.redact(new Secret(url.reference(), part));
        }
      }
      headers.forEach(b::header);
      secretHeaders.forEach(b::secretHeader);
      request = b.build();
    } catch (IllegalArgumentException e) {
      // Its message could quote the URL.
      throw new DeliveryException("the URL in " + url.reference() + " or a header is not usable");
    }
    HttpEngine engine = new HttpEngine(client.get(), HTTP, clock, Sleeper.system(), new SplittableRandom(),
        ResponseArchive.NONE, line -> verbose.accept("notify " + channel + ": " + line));
    try {
      ApiResponse response = engine.send("notify:" + channel, request);
      return "HTTP " + response.status();
    } catch (ProviderException e) {
      throw new DeliveryException(e.getMessage());
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private static String mail(Channel.Email e, Message message) throws DeliveryException {
    StringBuilder mail = new StringBuilder();
    mail.append("To: ").append(String.join(", ", e.to())).append('\n');
    e.from().ifPresent(f -> mail.append("From: ").append(f).append('\n'));
    mail.append("Subject: ").append(subject(message.text())).append('\n');
    mail.append("MIME-Version: 1.0\n");
    mail.append("Content-Type: text/plain; charset=UTF-8\n");
    mail.append("Content-Transfer-Encoding: 8bit\n");
    mail.append("Auto-Submitted: auto-generated\n\n");
    mail.append(message.text()).append("\n\n");
    message.fields().forEach((k, v) -> {
      if (!k.equals("text") && !v.isEmpty()) {
        mail.append(k).append(": ").append(v).append('\n');
      }
    });
    List<String> command = new ArrayList<>(List.of(e.sendmail().toString(), "-t", "-i"));
    int exit = run(command, Map.of(), mail.toString().getBytes(StandardCharsets.UTF_8), SENDMAIL_TIMEOUT,
        e.sendmail().toString());
    if (exit != 0) {
      throw new DeliveryException(e.sendmail() + " exited " + exit);
    }
    return "sendmail exit 0";
  }

  /** One message with the text and the HTML as alternatives: mail clients show the HTML, others the text. */
  private static String mail(Channel.Email e, Summary summary) throws DeliveryException {
    String boundary = "costmon-" + Integer.toHexString(summary.html().hashCode()) + "-alternative";
    StringBuilder mail = new StringBuilder();
    mail.append("To: ").append(String.join(", ", e.to())).append('\n');
    e.from().ifPresent(f -> mail.append("From: ").append(f).append('\n'));
    mail.append("Subject: ").append(subject(summary.subject())).append('\n');
    mail.append("MIME-Version: 1.0\n");
    mail.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\n");
    mail.append("Auto-Submitted: auto-generated\n\n");
    // Base64 keeps each part's lines short and its bytes intact through any MTA.
    for (String[] part : new String[][] {{"text/plain", summary.text()}, {"text/html", summary.html()}}) {
      mail.append("--").append(boundary).append('\n');
      mail.append("Content-Type: ").append(part[0]).append("; charset=UTF-8\n");
      mail.append("Content-Transfer-Encoding: base64\n\n");
      mail.append(Base64.getMimeEncoder(76, new byte[] {'\n'})
          .encodeToString(part[1].getBytes(StandardCharsets.UTF_8))).append("\n\n");
    }
    mail.append("--").append(boundary).append("--\n");
    int exit = run(List.of(e.sendmail().toString(), "-t", "-i"), Map.of(),
        mail.toString().getBytes(StandardCharsets.UTF_8), SENDMAIL_TIMEOUT, e.sendmail().toString());
    if (exit != 0) {
      throw new DeliveryException(e.sendmail() + " exited " + exit);
    }
    return "sendmail exit 0";
  }

  /** A subject on one line; RFC 2047 encoded when it is not ASCII. */
  private static String subject(String text) {
    String line = text.replaceAll("[\\r\\n]+", " ");
    if (line.chars().allMatch(c -> c >= 32 && c < 127)) {
      return line;
    }
    return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8)) + "?=";
  }

  /**
   * Runs a program with the minimal environment plus {@code env}, feeding it {@code input}, its
   * output discarded (it may print credentials), killed after {@code timeout}.
   *
   * @return its exit code
   */
  static int run(List<String> command, Map<String, String> env, byte[] input, Duration timeout, String what)
      throws DeliveryException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(BASE_ENVIRONMENT);
    pb.environment().putAll(env);
    Process process;
    try {
      process = pb.start();
    } catch (IOException ex) {
      throw new DeliveryException("cannot run " + what + " (" + (ex.getMessage() != null
          && ex.getMessage().contains("error=2") ? "no such file" : ex.getMessage() != null
          && ex.getMessage().contains("error=13") ? "permission denied" : "it could not be started") + ")");
    }
    try {
      try (OutputStream in = process.getOutputStream()) {
        in.write(input);
      } catch (IOException ex) {
        // The program did not read its input; its exit code says whether that mattered.
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessTree.kill(process);
        throw new DeliveryException(what + " timed out after " + dev.costmon.config.Durations.format(timeout));
      }
      return process.exitValue();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new DeliveryException(what + " was interrupted");
    }
  }

  private static String json(String text) {
    return new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text));
  }
}
