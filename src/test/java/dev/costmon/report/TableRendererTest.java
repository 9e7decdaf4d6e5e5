package dev.costmon.report;

import static dev.costmon.report.Views.EUR;
import static dev.costmon.report.Views.USD;
import static dev.costmon.report.Views.account;
import static dev.costmon.report.Views.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.costmon.budget.AccountView;
import dev.costmon.budget.MonthView;
import dev.costmon.model.Money;
import dev.costmon.model.Provenance;
import dev.costmon.provider.fixed.FixedProvider;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableRendererTest {

  @Test
  void rendersAccountsTotalUsageAndNotes() {
    assertThat(Render.render(Views.sample(), Views.options(ReportFormat.TABLE))).isEqualTo("""
        costmon report — November 2026 (month to date, 23 of 30 days)

        ACCOUNT      PROVIDER       SPEND  IN USD        CAP  % OF CAP   FORECAST  TREND                           SOURCE        COLLECTED
        ionos        fixed       4.60 EUR    4.97  10.00 EUR       46%   6.00 EUR  ██████████████████████████████  fixed         2h ago
        openai-prod  openai     17.12 USD   17.12  20.00 USD       85%  23.30 USD  ▁▁▂▂▃▅█▂                        api+estimate  45m ago
        anthropic    anthropic          -       -          -         -          -  ▁▁                              -             stale 3d ago
        TOTAL                               22.09  50.00 USD       44%  29.78 USD

        Usage vs quota
        ACCOUNT      METRIC              USAGE    QUOTA    %
        openai-prod  input_tokens  1.2M tokens        -    -
        openai-prod  storage           0.85 GB  1.00 GB  85%

        ! anthropic: no admin access (UNKNOWN)
        anthropic: no data for November 2026 (no figure of that month is stored; - is no data, not zero)
        ! anthropic: stale, last successful collection 3d ago, max age 36h (UNKNOWN)
        fx: 1 EUR = 1.08 USD
        """);
  }

  @Test
  void colouredOnlyWhenAskedFor() {
    AccountView over = of(account("vercel", new NamedProvider("vercel"), Map.of(), USD,
        Optional.of(Money.parse("20 USD"))))
        .spend("21", Provenance.API).forecast("30", Provenance.ESTIMATE).collected(Duration.ofHours(1)).build();
    MonthView view = Views.month(Optional.empty(), over, Views.sample().accounts().get(1),
        Views.sample().accounts().get(2));

    String plain = Render.render(view, Views.options(ReportFormat.TABLE));
    String coloured = Render.render(view, Views.options(ReportFormat.TABLE).withColour(true));

    assertThat(plain).doesNotContain("\u001b[");
    assertThat(coloured)
        .contains("\u001b[31m105%\u001b[0m")
        .contains("\u001b[33m85%\u001b[0m")
        .contains("\u001b[33m23.30 USD\u001b[0m")
        .contains("\u001b[2mstale 3d ago\u001b[0m");
  }

  @Test
  void colourCodesDoNotShiftColumns() {
    String plain = Render.render(Views.sample(), Views.options(ReportFormat.TABLE));
    String coloured = Render.render(Views.sample(), Views.options(ReportFormat.TABLE).withColour(true));

    assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
  }

  @Test
  void demoDataSaysSoFirst() {
    String text = Render.render(Views.sample(), Views.options(ReportFormat.TABLE).withDemo(true));

    assertThat(text).startsWith("DEMO DATA — synthetic figures from costmon's demo provider, not real spend\n"
        + "costmon report — November 2026");
    assertThat(Render.render(Views.sample(), Views.options(ReportFormat.TABLE))).doesNotContain("DEMO");
  }

  @Test
  void breaksSpendDownByServiceBelowEachAccount() {
    String text = Render.render(Views.sample(), Views.options(ReportFormat.TABLE).withGrouping(Grouping.SERVICE));

    assertThat(text).contains("""
        openai-prod      openai     17.12 USD   17.12  20.00 USD       85%  23.30 USD  ▁▁▂▂▃▅█▂                        api+estimate  45m ago
          · gpt-4o                  12.50 USD   12.50                                                                  api
          · embeddings               4.62 USD    4.62                                                                  estimate
        anthropic""");
  }

  @Test
  void groupsByLabelWithSubtotalsAndUnattributedLast() {
    String text = Render.render(Views.sample(), Views.options(ReportFormat.TABLE).withGrouping(Grouping.label("team")));

    assertThat(text).contains("""
        ACCOUNT                     PROVIDER       SPEND  IN USD        CAP  % OF CAP   FORECAST  TREND                           SOURCE        COLLECTED
        ionos                       fixed       4.60 EUR    4.97  10.00 EUR       46%   6.00 EUR  ██████████████████████████████  fixed         2h ago
        subtotal team=infra                                 4.97                        6.48 USD                                  fixed
        openai-prod                 openai     17.12 USD   17.12  20.00 USD       85%  23.30 USD  ▁▁▂▂▃▅█▂                        api+estimate  45m ago
        subtotal team=ml                                   17.12                       23.30 USD                                  api+estimate
        anthropic                   anthropic          -       -          -         -          -  ▁▁                              -             stale 3d ago
        subtotal team=unattributed                             -                               -                                  -
        TOTAL                                              22.09  50.00 USD       44%  29.78 USD
        """);
  }

  @Test
  void totalIsRoundedFromTheExactSumNotFromRoundedRows() {
    // Each half cent rounds (half even) to 0.00, their exact sum of 0.015 to 0.02.
    MonthView view = Views.month(Optional.empty(),
        halfCent("a", "x"), halfCent("b", "y"), halfCent("c", "z"));

    String text = Render.render(view, Views.options(ReportFormat.TABLE).withGrouping(Grouping.label("team")));

    assertThat(text)
        .contains("subtotal team=x                        0.00                 0.00 USD")
        .contains("TOTAL                                  0.02    -         -  0.02 USD");
  }

  @Test
  void showsAccountNeverCollectedAndClosedMonth() {
    AccountView never = of(account("hostinger", new FixedProvider(), Map.of(), EUR, Optional.empty())).build();
    MonthView view = new MonthView(java.time.YearMonth.of(2026, 10), Views.NOW, java.util.List.of(never),
        Money.zero(USD), Money.zero(USD), Optional.empty(), Optional.empty());

    String text = Render.render(view, Views.options(ReportFormat.TABLE));

    assertThat(text)
        .startsWith("costmon report — October 2026 (closed month, 31 days)\n")
        .contains("hostinger  fixed         -       -    -         -         -         -       never\n")
        .contains("! hostinger: never collected successfully, no data (UNKNOWN)\n");
  }

  @Test
  void refusesViewInAnotherCurrencyThanAsked() {
    ReportOptions euros = ReportOptions.defaults(Currency.getInstance("EUR"), ZoneOffset.UTC);

    assertThatThrownBy(() -> Render.render(Views.sample(), euros))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the report is in EUR but the month's totals are in USD");
  }

  private static AccountView halfCent(String id, String team) {
    return of(account(id, new NamedProvider("openai"), Map.of("team", team), USD, Optional.empty()))
        .spend("0.005", Provenance.API).forecast("0.005", Provenance.API).collected(Duration.ofHours(1)).build();
  }
}
