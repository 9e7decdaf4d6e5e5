package dev.costmon.provider.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import dev.costmon.http.ApiRequest;
import dev.costmon.http.ApiResponse;
import dev.costmon.http.Pages;
import dev.costmon.provider.JsonFields;
import dev.costmon.provider.ProviderContext;
import dev.costmon.provider.ProviderException;
import dev.costmon.provider.ProviderException.Kind;
import java.net.URI;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The billing endpoints of one account: balance, invoice list and invoice preview items, with the
 * paginated lists followed through {@code links.pages.next} on the same host only (a link to the
 * public API is re-based onto {@code endpoint:}).
 */
final class BillingApi {
  static final String DEFAULT_BASE = "https://api.digitalocean.com";
  static final String BALANCE = "/v2/customers/my/balance";
  static final String INVOICES = "/v2/customers/my/invoices";
  /** The keyword {@code preview} in place of an invoice UUID gives the month-to-date items. */
  static final String PREVIEW_ITEMS = INVOICES + "/preview";
  static final String NO_BILLING_READ = "token lacks billing:read";

  /** Newest first, so one page holds the few closed months a collection wants. */
  static final int INVOICES_PER_PAGE = 20;
  /** The most DigitalOcean's lists return per page. */
  static final int ITEMS_PER_PAGE = 200;
  /** 10,000 preview items; a loop guard more than a limit anyone reaches. */
  static final int MAX_PAGES = 50;

  private final DigitalOceanSettings settings;
  private final ProviderContext context;

  BillingApi(DigitalOceanSettings settings, ProviderContext context) {
    this.settings = settings;
    this.context = context;
  }

  Balance balance() throws ProviderException {
    return Balance.from(get(request(BALANCE).build(), BALANCE).json());
  }

  /**
   * The closed invoices back to {@code oldest} and the invoice preview. Invoices come newest first,
   * so paging stops at the first page reaching back beyond {@code oldest}.
   */
  InvoiceList invoices(YearMonth oldest) throws ProviderException {
    List<JsonNode> pages = Pages.collect((URI next) -> {
      ApiRequest request = next == null
          ? request(INVOICES).query("per_page", INVOICES_PER_PAGE).build()
          : ApiRequest.get(next).bearer(settings.token()).allowStatus(403).build();
      JsonNode body = get(request, INVOICES).json();
      boolean reachedOldest = false;
      for (JsonNode invoice : JsonFields.array(body, "invoices", INVOICES)) {
        reachedOldest |= Invoice.from(invoice).period().isBefore(oldest);
      }
      return reachedOldest
          ? Pages.Page.last(List.of(body))
          : Pages.Page.of(List.of(body), nextLink(request, body, context));
    }, MAX_PAGES);
    List<Invoice> invoices = new ArrayList<>();
    for (JsonNode page : pages) {
      for (JsonNode node : JsonFields.array(page, "invoices", INVOICES)) {
        Invoice invoice = Invoice.from(node);
        if (!invoice.period().isBefore(oldest)) {
          invoices.add(invoice);
        }
      }
    }
    Optional<JsonNode> preview = Fields.optionalObject(pages.get(0), "invoice_preview", INVOICES);
    Optional<InvoicePreview> parsed =
        preview.isEmpty() ? Optional.empty() : Optional.of(InvoicePreview.from(preview.get()));
    return new InvoiceList(invoices, parsed);
  }

  /** Every item of the invoice preview, all pages. */
  List<InvoiceItem> previewItems() throws ProviderException {
    return items(PREVIEW_ITEMS);
  }

  /** Every item of a closed invoice, all pages. */
  List<InvoiceItem> invoiceItems(String uuid) throws ProviderException {
    return items(INVOICES + "/" + uuid);
  }

  private List<InvoiceItem> items(String path) throws ProviderException {
    List<JsonNode> nodes = Pages.collect((URI next) -> {
      ApiRequest request = next == null
          ? request(path).query("per_page", ITEMS_PER_PAGE).build()
          : ApiRequest.get(next).bearer(settings.token()).allowStatus(403).build();
      JsonNode body = get(request, path).json();
      List<JsonNode> items = new ArrayList<>();
      JsonFields.array(body, "invoice_items", path).forEach(items::add);
      return Pages.Page.of(items, nextLink(request, body, context));
    }, MAX_PAGES);
    List<InvoiceItem> items = new ArrayList<>();
    for (JsonNode node : nodes) {
      items.add(InvoiceItem.from(node));
    }
    return items;
  }

  private ApiRequest.Builder request(String path) {
    // 403 is read here: a token without the billing scope is a condition of the account, not a fault.
    return ApiRequest.get(context.baseUri(DEFAULT_BASE)).path(path).bearer(settings.token()).allowStatus(403);
  }

  private ApiResponse get(ApiRequest request, String path) throws ProviderException {
    ApiResponse response = context.http().send(request);
    if (response.status() == 403) {
      throw new ProviderException(
          Kind.CONDITION,
          NO_BILLING_READ + " (HTTP 403 from " + path + "): use a custom-scoped token with billing:read");
    }
    return response;
  }

  /**
   * {@code links.pages.next}, absent or null on the last page. DigitalOcean writes its public
   * address into the link whatever host was asked, so behind {@code endpoint:} the link is re-based
   * onto the endpoint.
   */
  private static URI nextLink(ApiRequest request, JsonNode body, ProviderContext context)
      throws ProviderException {
    JsonNode links = body.path("links").path("pages");
    Optional<String> next = links.isObject() ? Fields.optionalText(links, "next") : Optional.empty();
    return next.isEmpty()
        ? null
        : Pages.nextLink(request.uri(), next.get(), URI.create(DEFAULT_BASE), context.baseUri(DEFAULT_BASE));
  }
}
