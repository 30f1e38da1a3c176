package io.contextuate.monitor.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What information_schema says of the tables of one prefix in one database, one line per object, for tests that
 * check the schema without going through the code that made it.
 *
 * @param tables      "name engine collation"
 * @param columns     "table.column type nullable collation default extra"
 * @param constraints "table.name type"
 * @param checks      "table.name clause"
 * @param foreignKeys "table.name -> referenced ON DELETE rule"
 * @param indexes     "table.name unique? (columns)"
 */
record CatalogSnapshot(Set<String> tables, Set<String> columns, Set<String> constraints, Set<String> checks,
                       Set<String> foreignKeys, Set<String> indexes) {

    static CatalogSnapshot of(Connection connection, String database, String prefix) throws SQLException {
        String[] where = {database, prefix + "sessions", prefix + "events", prefix + "schema_history"};
        return new CatalogSnapshot(
                lines(connection, "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES "
                        + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?, ?)", where),
                columns(connection, where),
                lines(connection, "SELECT CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME), CONSTRAINT_TYPE "
                        + "FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?, ?)",
                        where),
                lines(connection, "SELECT CONCAT(c.TABLE_NAME, '.', c.CONSTRAINT_NAME), k.CHECK_CLAUSE "
                        + "FROM information_schema.TABLE_CONSTRAINTS c JOIN information_schema.CHECK_CONSTRAINTS k "
                        + "ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME "
                        + "WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME IN (?, ?, ?) AND c.CONSTRAINT_TYPE = 'CHECK'",
                        where),
                lines(connection, "SELECT CONCAT(TABLE_NAME, '.', CONSTRAINT_NAME), '->', REFERENCED_TABLE_NAME, "
                        + "'ON DELETE', DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
                        + "WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME IN (?, ?, ?)", where),
                lines(connection, "SELECT CONCAT(TABLE_NAME, '.', INDEX_NAME), "
                        + "IF(NON_UNIQUE = 0, 'unique', 'non-unique'), "
                        + "CONCAT('(', GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX), ')') "
                        + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?, ?) "
                        + "GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE", where));
    }

    /**
     * Columns, written the same on both servers: MySQL 8.0.19+ drops integer display widths, reports a missing
     * default as SQL NULL (MariaDB as the text NULL) and marks expression defaults DEFAULT_GENERATED.
     */
    private static Set<String> columns(Connection connection, String[] where) throws SQLException {
        Set<String> lines = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME),"
                + " COLUMN_TYPE, IS_NULLABLE, COALESCE(COLLATION_NAME, '-'), COLUMN_DEFAULT, EXTRA"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?, ?)")) {
            for (int i = 0; i < where.length; i++) {
                statement.setString(i + 1, where[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2).toLowerCase().replaceAll("^(bigint|int)\\(\\d+\\)", "$1");
                    boolean nullable = rows.getString(3).equals("YES");
                    String fallback = rows.getString(5);
                    String shownDefault = fallback == null || fallback.equals("NULL") ? (nullable ? "NULL" : "-")
                            : fallback.toLowerCase();
                    String extra = rows.getString(6).toLowerCase().replace("default_generated", "").trim();
                    lines.add(String.join(" ", rows.getString(1), type, rows.getString(3), rows.getString(4),
                            shownDefault, extra));
                }
            }
        }
        return lines;
    }

    private static Set<String> lines(Connection connection, String sql, String... parameters) throws SQLException {
        Set<String> lines = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                int width = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 1; i <= width; i++) {
                        cells.add(rows.getString(i));
                    }
                    lines.add(String.join(" ", cells));
                }
            }
        }
        return lines;
    }
}
