package dev.costmon.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void quotesOnlyFieldsThatNeedItAndDoublesQuotes() {
    assertThat(Csv.field("plain value")).isEqualTo("plain value");
    assertThat(Csv.field("")).isEmpty();
    assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Csv.field("cr\r")).isEqualTo("\"cr\r\"");
  }

  @Test
  void aRecordEndsInCrLf() {
    assertThat(Csv.record(List.of("a", "b,c", ""))).isEqualTo("a,\"b,c\",\r\n");
  }
}
