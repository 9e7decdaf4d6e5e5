package dev.costmon.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.List;

/** RFC 4180 records written by Jackson's CSV module: quoted only when needed, CRLF line ends. */
public final class Csv {
  /** Immutable and thread-safe, so one instance serves every report and export. */
  private static final ObjectWriter ROW =
      CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build()
          .writer(CsvSchema.emptySchema().withLineSeparator("\r\n"));

  private Csv() {}

  /** One record with its line end. */
  public static String record(List<String> fields) {
    try {
      return ROW.writeValueAsString(fields.toArray(String[]::new));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
