package dev.costmon.digest;

import dev.costmon.notify.Channel;
import dev.costmon.notify.DeliveryException;
import dev.costmon.notify.NotifyService;
import dev.costmon.notify.Summary;
import dev.costmon.store.DigestLog;
import dev.costmon.store.History;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends a digest through the notify channels once per period: a channel that got this period's
 * digest is skipped unless {@code force}, a failed one is tried again by the next run.
 */
public final class DigestService {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  private final NotifyService notify;
  private final Clock clock;

  public DigestService(NotifyService notify, Clock clock) {
    this.notify = notify;
    this.clock = clock;
  }

  /** What happened at one channel. */
  public enum Outcome { SENT, ALREADY_SENT, FAILED }

  /** @param detail the receiver's answer, when it was sent before, or why it failed (redacted) */
  public record Delivery(Channel channel, Outcome outcome, String detail) {}

  /** The digest in every form a channel takes. */
  public static Summary summary(Digest digest) {
    return new Summary(Sections.headline(digest), TextDigest.render(digest), HtmlDigest.render(digest),
        JsonDigest.render(digest), SlackDigest.render(digest));
  }

  /** The channels that take digests; empty when none do. */
  public List<Channel> channels() {
    return notify.summaryChannels();
  }

  public List<Delivery> send(History history, Digest digest, boolean force) {
    DigestLog log = new DigestLog(history);
    String period = digest.period().key();
    Map<String, DigestLog.Delivery> before = log.of(period);
    Summary summary = summary(digest);
    List<Delivery> out = new ArrayList<>();
    for (Channel c : channels()) {
      DigestLog.Delivery known = before.get(c.name());
      if (!force && known != null && known.sentAt().isPresent()) {
        out.add(new Delivery(c, Outcome.ALREADY_SENT, TIME.format(known.sentAt().get())));
        continue;
      }
      Instant at = clock.instant();
      try {
        String answer = notify.deliver(c, summary);
        log.sent(period, c.name(), at);
        out.add(new Delivery(c, Outcome.SENT, answer));
      } catch (DeliveryException e) {
        log.failed(period, c.name(), e.getMessage(), at);
        out.add(new Delivery(c, Outcome.FAILED, e.getMessage()));
      }
    }
    return out;
  }
}
