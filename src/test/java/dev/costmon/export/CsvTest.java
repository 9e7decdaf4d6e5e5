package dev.costmon.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

  @Test
  void quotesOnlyFieldsThatNeedIt() {
    assertThat(Csv.record(List.of("plain", "", "a,b", "say \"hi\"", "two\nlines", " spaced ")))
        .isEqualTo("plain,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\", spaced \r\n");
  }

  @Test
  void endsRecordsWithCrlf() {
    assertThat(Csv.record(List.of("a", "b,c", ""))).isEqualTo("a,\"b,c\",\r\n");
  }
}
