package dev.costmon.notify;

import java.util.Objects;

/**
 * A scheduled summary (the digest), already rendered in every form a channel takes: Slack gets
 * {@code slack} (a Block Kit payload), e-mail {@code text} and {@code html} as the two parts of one
 * message, a webhook {@code json}.
 *
 * @param subject one line: the e-mail subject
 */
public record Summary(String subject, String text, String html, String json, String slack) {
  public Summary {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(slack, "slack");
  }
}
