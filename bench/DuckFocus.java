import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The aggregation `costmon import focus` does (sum of BilledCost per day, provider, service and
 * currency), done by DuckDB over the same CSV: the comparison row of bench/focus-import.sh. Benchmark
 * code only; DuckDB is fetched into target/bench by the script, never part of costmon.
 * Usage: java -cp duckdb_jdbc.jar:DIR DuckFocus FILE
 */
public class DuckFocus {
  public static void main(String[] args) throws Exception {
    String file = args[0].replace("'", "''");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT CAST(ChargePeriodStart AS DATE) AS day, ServiceProviderName, ServiceName, BillingCurrency,"
                + " sum(CAST(BilledCost AS DECIMAL(38, 12))) FROM read_csv('" + file + "', header = true)"
                + " GROUP BY ALL")) {
      int groups = 0;
      while (rs.next()) {
        groups++;
      }
      System.out.println(groups + " groups");
    }
  }
}
