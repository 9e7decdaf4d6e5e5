package dev.costmon.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

  @Test
  void rendersGitHubTables() {
    String text = Render.render(Views.sample(), Views.options(ReportFormat.MARKDOWN));

    assertThat(text).startsWith("""
        ## costmon report — November 2026 (month to date, 23 of 30 days)

        | ACCOUNT     | PROVIDER  |     SPEND | IN USD |       CAP | % OF CAP |  FORECAST | TREND                          | SOURCE       | COLLECTED    |
        | ----------- | --------- | --------: | -----: | --------: | -------: | --------: | ------------------------------ | ------------ | ------------ |
        | ionos       | fixed     |  4.60 EUR |   4.97 | 10.00 EUR |      46% |  6.00 EUR | ██████████████████████████████ | fixed        | 2h ago       |
        """);
    assertThat(text).contains("""
        | TOTAL       |           |           |  22.09 | 50.00 USD |      44% | 29.78 USD |                                |              |              |

        ### Usage vs quota

        | ACCOUNT     | METRIC        |       USAGE |   QUOTA |   % |
        | ----------- | ------------- | ----------: | ------: | --: |
        | openai-prod | input\\_tokens | 1.2M tokens |       - |   - |
        | openai-prod | storage       |     0.85 GB | 1.00 GB | 85% |

        ### Notes

        - **!** anthropic: no admin access (UNKNOWN)
        - anthropic: no data for November 2026 (no figure of that month is stored; - is no data, not zero)
        - **!** anthropic: stale, last successful collection 3d ago, max age 36h (UNKNOWN)
        - fx: 1 EUR = 1.08 USD
        """);
  }

  @Test
  void neverColouredAndSaysWhenDemo() {
    String text = Render.render(Views.sample(), Views.options(ReportFormat.MARKDOWN).withColour(true).withDemo(true));

    assertThat(text).doesNotContain("\u001b[");
    assertThat(text).startsWith(
        "> **DEMO DATA — synthetic figures from costmon's demo provider, not real spend**\n\n## costmon report");
  }

  @Test
  void escapesCharactersThatWouldBreakTheTable() {
    assertThat(MarkdownRenderer.escape("a|b *c* d_e")).isEqualTo("a\\|b \\*c\\* d\\_e");
  }

  @Test
  void showsGroupSubtotalsThatAddUpToTheTotal() {
    String text = Render.render(Views.sample(), Views.options(ReportFormat.MARKDOWN).withGrouping(Grouping.PROVIDER));

    assertThat(text)
        .contains("| subtotal anthropic |           |           |      - |")
        .contains("| subtotal fixed     |           |           |   4.97 |")
        .contains("| subtotal openai    |           |           |  17.12 |")
        .contains("| TOTAL              |           |           |  22.09 |");
  }
}
