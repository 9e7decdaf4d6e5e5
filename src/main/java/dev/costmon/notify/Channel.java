package dev.costmon.notify;

import dev.costmon.config.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Where notifications go: a Slack incoming webhook, a generic webhook, or e-mail through sendmail. */
public sealed interface Channel {
  /** The channel's name in the config, used by {@code --channel} and {@code on_hard_cap: {webhook: NAME}}. */
  String name();

  /** {@code slack}, {@code webhook} or {@code email}. */
  String type();

  /** Why the channel cannot send (a secret reference that did not resolve); empty when it can. */
  default Optional<String> unusable() {
    return Optional.empty();
  }

  /** A Slack incoming webhook; the whole URL is the credential. */
  record Slack(String name, Secret url) implements Channel {
    public Slack {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(url, "url");
    }

    @Override
    public String type() {
      return "slack";
    }

    @Override
    public Optional<String> unusable() {
      return url.whyUnavailable();
    }
  }

  /**
   * A generic webhook: POST of {@code body} (a template over the message fields) to a URL that is a
   * secret reference, because such URLs usually carry a token.
   */
  record Webhook(String name, Secret url, Map<String, String> headers, Map<String, Secret> secretHeaders,
      Template body, String contentType) implements Channel {
    public Webhook {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(url, "url");
      headers = Map.copyOf(headers);
      secretHeaders = Map.copyOf(secretHeaders);
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public String type() {
      return "webhook";
    }

    @Override
    public Optional<String> unusable() {
      return url.whyUnavailable().or(() -> secretHeaders.values().stream()
          .flatMap(s -> s.whyUnavailable().stream()).findFirst());
    }
  }

  /** E-mail handed to the local MTA with {@code sendmail -t}. */
  record Email(String name, Path sendmail, List<String> to, Optional<String> from) implements Channel {
    public Email {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sendmail, "sendmail");
      to = List.copyOf(to);
      Objects.requireNonNull(from, "from");
    }

    @Override
    public String type() {
      return "email";
    }
  }
}
