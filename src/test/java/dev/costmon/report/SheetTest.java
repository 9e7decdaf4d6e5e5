package dev.costmon.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costmon.report.Sheet.Cell;
import dev.costmon.report.Sheet.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a sheet gives up width on a narrow terminal. */
class SheetTest {
  private static final Sheet WIDE = new Sheet(
      List.of(new Column("NAME", false), new Column("NOTE", false), new Column("AMOUNT", true)),
      List.of(List.of(Cell.of("a-rather-long-account-name"), Cell.of("a note that is longer still, really"),
          Cell.of("1234.56 EUR"))));

  @Test
  void narrowingsApplyInOrderUntilTheSheetFits() {
    Sheet sheet = WIDE.narrowedBy(List.of(s -> s.drop("NOTE"), s -> s.drop("NAME")));

    Sheet fitted = TableRenderer.fit(sheet, 40);

    assertThat(fitted.columns()).extracting(Column::header).containsExactly("NAME", "AMOUNT");
    assertThat(TableRenderer.fit(sheet, 200)).isSameAs(sheet);
  }

  @Test
  void theLastResortSharesTheCutBetweenTextColumnsAndNeverCutsNumbers() {
    Sheet fitted = TableRenderer.fit(WIDE, 50);

    assertThat(TableRenderer.layout(fitted, false)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(50));
    int[] widths = fitted.widths();
    assertThat(Math.abs(widths[0] - widths[1])).isLessThanOrEqualTo(1);
    assertThat(fitted.rows().get(0).get(0).text()).endsWith("…");
    assertThat(fitted.rows().get(0).get(2).text()).isEqualTo("1234.56 EUR");
  }

  @Test
  void compactTextsReplaceTheColumnAndItsHeader() {
    Sheet sheet = new Sheet(List.of(new Column("COLLECTED", false)),
        List.of(List.of(new Cell("2h ago", Ansi.PLAIN, "2h"))));

    Sheet compact = sheet.compact("COLLECTED", "AGE");

    assertThat(TableRenderer.layout(compact, false)).containsExactly("AGE", "2h");
  }
}
