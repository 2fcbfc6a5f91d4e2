package io.tasvie.common.testing.fuzz;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The row count of every table of the service's test database, in one query, to show that a refused
 * request changed nothing.
 */
public final class TableCounts {

  private final DataSource dataSource;
  private final Set<String> ignored;
  private String query;

  public TableCounts(DataSource dataSource, Set<String> ignored) {
    this.dataSource = dataSource;
    this.ignored = ignored;
    this.query = query();
  }

  /** One query counting every table there is now. */
  private String query() {
    List<String> tables = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "select table_name from information_schema.tables where table_schema ="
                    + " current_schema() and table_type = 'BASE TABLE' order by table_name")) {
      while (rows.next()) {
        String table = rows.getString(1);
        if (!table.startsWith("flyway_") && !ignored.contains(table)) {
          tables.add(table);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder sql = new StringBuilder();
    for (String table : tables) {
      if (!sql.isEmpty()) {
        sql.append(" union all ");
      }
      sql.append("select '").append(table).append("', count(*) from \"").append(table).append('"');
    }
    return sql.toString();
  }

  public Map<String, Long> snapshot() {
    try {
      return count();
    } catch (IllegalStateException e) {
      // a table went away (another run on this test database cleaned and migrated it anew)
      query = query();
      return count();
    }
  }

  private Map<String, Long> count() {
    Map<String, Long> counts = new TreeMap<>();
    if (query.isEmpty()) {
      return counts;
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  /** The tables whose count differs, as {@code table before→after}. */
  public static List<String> changes(Map<String, Long> before, Map<String, Long> after) {
    List<String> changes = new ArrayList<>();
    for (Map.Entry<String, Long> entry : after.entrySet()) {
      Long was = before.get(entry.getKey());
      if (was != null && !entry.getValue().equals(was)) {
        changes.add(entry.getKey() + " " + was + "→" + entry.getValue());
      }
    }
    return changes;
  }

  /** Waits (at most {@code millis}) until two snapshots 150 ms apart agree; returns the last. */
  public Map<String, Long> settled(long millis) {
    long deadline = System.currentTimeMillis() + millis;
    Map<String, Long> last = snapshot();
    while (System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(150);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      Map<String, Long> now = snapshot();
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    return last;
  }
}
