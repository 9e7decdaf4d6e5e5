package dev.costmon.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.http.Pages.Page;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagesTest {
  @Test
  void followsStringCursorsFromANullFirstCursor() throws Exception {
    Map<String, Page<String, Integer>> pages = new java.util.HashMap<>();
    pages.put(null, Page.of(List.of(1, 2), "p2"));
    pages.put("p2", Page.of(List.of(3), "p3"));
    pages.put("p3", Page.last(List.of(4)));
    List<String> asked = new ArrayList<>();

    List<Integer> items =
        Pages.collect(
            (String cursor) -> {
              asked.add(cursor);
              return pages.get(cursor);
            },
            3);

    assertThat(items).containsExactly(1, 2, 3, 4);
    assertThat(asked).containsExactly(null, "p2", "p3");
  }

  @Test
  void followsPageNumbers() throws Exception {
    List<Integer> items = Pages.collect(1, n -> Page.of(List.of(n), n < 5 ? n + 1 : null), 10);

    assertThat(items).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void failsRatherThanCuttingAListingShort() {
    assertThatThrownBy(() -> Pages.collect(1, n -> Page.of(List.of(n), n + 1), 3))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage("more than 3 pages");
  }

  @Test
  void guardsAgainstARepeatedCursor() {
    assertThatThrownBy(
            () ->
                Pages.collect(
                    (String c) ->
                        Page.<String, String>of(
                            List.of("x"), c == null ? "a" : c.equals("a") ? "b" : "a"),
                    50))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage("pagination cursor repeated: a");
  }

  @Test
  void guardsAgainstANextLinkPointingBack() {
    URI first = URI.create("https://api.digitalocean.com/v2/invoices?page=1&token=x");

    assertThatThrownBy(() -> Pages.collect(first, u -> Page.of(List.of(1), first), 50))
        .hasMessage(
            "pagination cursor repeated:"
                + " https://api.digitalocean.com/v2/invoices?page=1&token=***");
  }

  @Test
  void resolvesNextLinksOnTheSameOriginOnly() throws Exception {
    URI current = URI.create("https://api.digitalocean.com/v2/invoices?per_page=20");

    assertThat(
            Pages.nextLink(current, "https://api.digitalocean.com/v2/invoices?page=2&per_page=20"))
        .hasToString("https://api.digitalocean.com/v2/invoices?page=2&per_page=20");
    assertThat(Pages.nextLink(current, "/v2/invoices?page=3"))
        .hasToString("https://api.digitalocean.com/v2/invoices?page=3");
    assertThatThrownBy(() -> Pages.nextLink(current, "https://evil.example/steal?api_key=1"))
        .isInstanceOfSatisfying(
            ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage(
            "pagination link points to another host: https://evil.example/steal?api_key=***");
    assertThatThrownBy(() -> Pages.nextLink(current, "http://api.digitalocean.com/v2/x"))
        .hasMessageStartingWith("pagination link points to another host");
  }

  @Test
  void aNextLinkToThePublicBaseIsRebasedOntoTheConfiguredEndpoint() throws Exception {
    URI publicBase = URI.create("https://api.digitalocean.com");
    URI endpoint = URI.create("http://127.0.0.1:8080/do/");
    URI current = URI.create("http://127.0.0.1:8080/do/v2/invoices?per_page=20");

    assertThat(Pages.nextLink(current,
            "https://api.digitalocean.com/v2/invoices?page=2&per_page=20", publicBase, endpoint))
        .hasToString("http://127.0.0.1:8080/do/v2/invoices?page=2&per_page=20");
    assertThat(Pages.nextLink(current, "/do/v2/invoices?page=3", publicBase, endpoint))
        .hasToString("http://127.0.0.1:8080/do/v2/invoices?page=3");
    assertThatThrownBy(() -> Pages.nextLink(current,
            "https://api.digitalocean.com.evil.example/v2/x?token=1", publicBase, endpoint))
        .hasMessage("pagination link points to another host: "
            + "https://api.digitalocean.com.evil.example/v2/x?token=***");
    assertThatThrownBy(() -> Pages.nextLink(current, "https://evil.example/v2/x", publicBase, endpoint))
        .hasMessageStartingWith("pagination link points to another host");
    assertThatThrownBy(() -> Pages.nextLink(current,
            "https://user:pw@api.digitalocean.com/v2/x", publicBase, endpoint))
        .hasMessageStartingWith("pagination link points to another host");
  }

  @Test
  void onlyLinksBelowAPublicBasePathAreRebased() throws Exception {
    URI publicBase = URI.create("https://api.example.com/v1");
    URI endpoint = URI.create("http://127.0.0.1:8080/proxy");
    URI current = URI.create("http://127.0.0.1:8080/proxy/items");

    assertThat(Pages.nextLink(current, "https://api.example.com/v1/items?page=2", publicBase, endpoint))
        .hasToString("http://127.0.0.1:8080/proxy/items?page=2");
    assertThatThrownBy(() -> Pages.nextLink(current, "https://api.example.com/v10/items", publicBase,
            endpoint))
        .hasMessageStartingWith("pagination link points to another host");
  }
}
