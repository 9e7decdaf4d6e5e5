package dev.costmon.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.costmon.store.History;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.sqlite.SQLiteConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cold-start floor of costmon's libraries alone, for {@code bench/library-floor.sh}: how long a
 * JVM takes to do the least that {@code costmon report} must do with them, and nothing of costmon's
 * own (no validation, no analysis, no table).
 *
 * <ul>
 *   <li>{@code --stage picocli}: parse {@code -c FILE} with picocli and return;
 *   <li>{@code --stage yaml}: then read the config into a Jackson YAML tree and count its accounts;
 *   <li>{@code --stage sqlite}: then open the history with sqlite-jdbc, run report's month query and
 *       read every column of every row.
 * </ul>
 */
@Command(name = "library-floor", mixinStandardHelpOptions = true)
public final class LibraryFloor implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, required = true)
  Path config;

  @Option(names = "--stage", defaultValue = "sqlite")
  String stage;

  public static void main(String... args) {
    System.exit(new CommandLine(new LibraryFloor()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (stage.equals("picocli")) {
      return 0;
    }
    JsonNode root = new YAMLMapper().readTree(Files.readString(config));
    int accounts = root.path("accounts").size();
    if (stage.equals("yaml")) {
      System.out.println(accounts + " accounts");
      return 0;
    }
    LocalDate today = LocalDate.now();
    int rows = 0;
    BigDecimal sum = BigDecimal.ZERO;
    // As costmon opens it: through sqlite-jdbc's own entry point, not DriverManager's driver scan.
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + config.resolveSibling("history.db"));
        PreparedStatement st = c.prepareStatement(History.LATEST_SQL)) {
      st.setString(1, today.minusDays(29).toString());
      st.setString(2, today.withDayOfMonth(today.lengthOfMonth()).toString());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows++;
          sum = sum.add(new BigDecimal(rs.getString(7)));
          for (int col = 1; col <= 11; col++) {
            rs.getString(col);
          }
        }
      }
    }
    System.out.println(accounts + " accounts, " + rows + " rows, sum " + sum);
    return 0;
  }
}
