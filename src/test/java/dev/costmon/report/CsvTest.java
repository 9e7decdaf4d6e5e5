package dev.costmon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void quotesOnlyFieldsThatNeedIt() {
    assertThat(Csv.field("plain")).isEqualTo("plain");
    assertThat(Csv.field("")).isEqualTo("");
    assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Csv.field("cr\r")).isEqualTo("\"cr\r\"");
    assertThat(Csv.field(" spaced ")).isEqualTo(" spaced ");
  }

  @Test
  void endsRecordsWithCrlf() {
    assertThat(Csv.record(List.of("a", "b,c", ""))).isEqualTo("a,\"b,c\",\r\n");
  }
}
