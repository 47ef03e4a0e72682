import java.sql.*;

/**
 * Drives the SQL API the way JDBC BI tools (Tableau, Metabase, DBeaver) do:
 * DatabaseMetaData for tables and columns, then prepared queries. The second one runs
 * ten times, so PgJDBC switches to a named server statement and binary results
 * (prepareThreshold) for bigint, numeric, timestamp and boolean.
 * Usage: SqlApiProbe <jdbc url> <user> <password> <status>; prints "section|value|value" lines.
 */
public class SqlApiProbe {
  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
      DatabaseMetaData md = c.getMetaData();
      System.out.println("product|" + md.getDatabaseProductName());
      try (ResultSet rs = md.getTables(null, "public", "%", new String[] {"TABLE"})) {
        while (rs.next()) System.out.println("table|" + rs.getString("TABLE_NAME"));
      }
      try (ResultSet rs = md.getColumns(null, "public", "users", "%")) {
        while (rs.next()) System.out.println("column|" + rs.getString("COLUMN_NAME") + "|" + rs.getString("TYPE_NAME"));
      }
      String sql = "SELECT user_group, COUNT(*) AS n FROM users WHERE status = ? GROUP BY 1 ORDER BY 1";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, args[3]);
        // Twice: the second run reuses the server-side prepared statement.
        for (int run = 0; run < 2; run++) {
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) System.out.println("row" + run + "|" + rs.getString(1) + "|" + rs.getLong(2));
          }
        }
      }
      String typed = "SELECT date_trunc('year', created_at) AS y, is_anonymized, COUNT(*) AS n, SUM(original_amount) AS amount"
          + " FROM fines_and_fees WHERE fee_status = ? GROUP BY 1, 2 ORDER BY 1, 2";
      try (PreparedStatement ps = c.prepareStatement(typed)) {
        ps.setString(1, "Open");
        for (int run = 0; run < 10; run++) {
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Timestamp year = rs.getTimestamp(1);
              System.out.println("typed" + run + "|" + (year == null ? "null" : year.toString()) + "|" + rs.getBoolean(2)
                  + "|" + rs.getLong(3) + "|" + (rs.getBigDecimal(4) == null ? "null" : rs.getBigDecimal(4).toPlainString()));
            }
          }
        }
      }
    }
  }
}
