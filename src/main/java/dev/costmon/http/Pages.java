package dev.costmon.http;

import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Follows a paginated listing to its end with a hard page bound and a guard against a cursor that
 * comes back, so a provider bug cannot turn into an endless (and possibly billed) request loop. The
 * cursor is whatever the API uses: an {@code after_id}/{@code next_page} string, a page number, a
 * next-link URI.
 */
public final class Pages {
  private Pages() {}

  /**
   * One page: its items and the cursor of the next page, null on the last page.
   *
   * @param <C> the cursor type
   * @param <T> the item type
   */
  public record Page<C, T>(List<T> items, C next) {
    public Page {
      items = List.copyOf(items);
    }

    /** The last page. */
    public static <C, T> Page<C, T> last(List<T> items) {
      return new Page<>(items, null);
    }

    /**
     * A page followed by the page at {@code next}; a null {@code next} means this is the last page.
     */
    public static <C, T> Page<C, T> of(List<T> items, C next) {
      return new Page<>(items, next);
    }

    public boolean hasNext() {
      return next != null;
    }
  }

  /** Fetches the page at a cursor; the first call gets the first cursor, which may be null. */
  @FunctionalInterface
  public interface Fetcher<C, T> {
    Page<C, T> fetch(C cursor) throws ProviderException;
  }

  /** The items of every page, starting with a request without cursor (the fetcher gets null). */
  public static <C, T> List<T> collect(Fetcher<C, T> fetcher, int maxPages)
      throws ProviderException {
    return collect(null, fetcher, maxPages);
  }

  /**
   * The items of every page, in order.
   *
   * @param first the cursor of the first page, null when the first request has none
   * @param maxPages the most pages fetched; a listing with more fails rather than being cut short
   * @throws ProviderException BAD_RESPONSE "more than N pages" or "pagination cursor repeated: ..."
   */
  public static <C, T> List<T> collect(C first, Fetcher<C, T> fetcher, int maxPages)
      throws ProviderException {
    Objects.requireNonNull(fetcher, "fetcher");
    if (maxPages < 1) {
      throw new IllegalArgumentException("maxPages must be at least 1: " + maxPages);
    }
    List<T> items = new ArrayList<>();
    Set<C> seen = new HashSet<>();
    if (first != null) {
      seen.add(first);
    }
    C cursor = first;
    for (int fetched = 0; ; ) {
      Page<C, T> page = fetcher.fetch(cursor);
      fetched++;
      items.addAll(page.items());
      if (!page.hasNext()) {
        return List.copyOf(items);
      }
      if (!seen.add(page.next())) {
        throw new ProviderException(
            Kind.BAD_RESPONSE, "pagination cursor repeated: " + shown(page.next()));
      }
      // Silently returning a partial listing would under-report costs; failing is the honest
      // answer.
      if (fetched >= maxPages) {
        throw new ProviderException(Kind.BAD_RESPONSE, "more than " + maxPages + " pages");
      }
      cursor = page.next();
    }
  }

  /**
   * Resolves a server-sent next link (absolute or relative) against the current URL and refuses a
   * link to another origin: the engine would send the account's credential along with it.
   */
  public static URI nextLink(URI current, String link) throws ProviderException {
    return checked(current, resolve(current, link));
  }

  /**
   * {@link #nextLink(URI, String)} for an API that writes its public address into its next links
   * even when reached through the account's {@code endpoint:} (a proxy, a regional endpoint, a test
   * server): a link under {@code publicBase} is re-based onto {@code base}, the same path below it and
   * the same query, since following it to the public host would bypass the endpoint the user chose.
   * Any other origin is still refused.
   *
   * @param publicBase the provider's default base URL
   * @param base the base URL requests of this account go to (the endpoint, or the default)
   */
  public static URI nextLink(URI current, String link, URI publicBase, URI base)
      throws ProviderException {
    Objects.requireNonNull(publicBase, "publicBase");
    Objects.requireNonNull(base, "base");
    URI next = resolve(current, link);
    if (sameOrigin(current, next) || !below(next, publicBase)) {
      return checked(current, next);
    }
    String rest = next.getRawPath().substring(trimmedPath(publicBase).length());
    String query = next.getRawQuery() == null ? "" : "?" + next.getRawQuery();
    URI rebased = URI.create(stripSlash(base.toString()) + rest + query);
    return checked(current, rebased);
  }

  private static URI resolve(URI current, String link) throws ProviderException {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(link, "link");
    try {
      return current.resolve(link.strip());
    } catch (IllegalArgumentException e) {
      throw new ProviderException(Kind.BAD_RESPONSE, "invalid pagination link: " + shown(link));
    }
  }

  private static URI checked(URI current, URI next) throws ProviderException {
    if (!sameOrigin(current, next)) {
      throw new ProviderException(
          Kind.BAD_RESPONSE,
          "pagination link points to another host: " + shown(Redactor.maskCredentials(next)));
    }
    return next;
  }

  /** True when {@code link} is {@code base} or a path below it, on the same origin. */
  private static boolean below(URI link, URI base) {
    if (!sameOrigin(base, link) || link.getRawPath() == null) {
      return false;
    }
    String prefix = trimmedPath(base);
    String path = link.getRawPath();
    return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
  }

  private static String trimmedPath(URI base) {
    return stripSlash(base.getRawPath() == null ? "" : base.getRawPath());
  }

  private static String stripSlash(String text) {
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && b.getScheme() != null
        && a.getScheme().toLowerCase(Locale.ROOT).equals(b.getScheme().toLowerCase(Locale.ROOT))
        && a.getHost() != null
        && b.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b)
        && b.getRawUserInfo() == null;
  }

  private static int port(URI u) {
    if (u.getPort() != -1) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** Cursors can be next-link URLs: mask credential parameters before quoting them. */
  private static String shown(Object cursor) {
    String text = String.valueOf(cursor);
    if (cursor instanceof URI uri) {
      text = Redactor.maskCredentials(uri);
    } else if (text.startsWith("http://") || text.startsWith("https://")) {
      try {
        text = Redactor.maskCredentials(URI.create(text));
      } catch (IllegalArgumentException e) {
        // Not a URL after all: quote it as it is, shortened.
      }
    }
    return Texts.excerpt(text, Redactor.none());
  }
}
