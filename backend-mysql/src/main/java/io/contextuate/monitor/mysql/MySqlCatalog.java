package io.contextuate.monitor.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code information_schema} says of the connection's current database (and only that database), plus the
 * few DDL statements whose object names come from it.
 */
final class MySqlCatalog {

    private final Connection connection;
    private final MySqlServer server;

    MySqlCatalog(Connection connection, MySqlServer server) {
        this.connection = connection;
        this.server = server;
    }

    /** The database the connection uses, or {@code null} when it names none. */
    String database() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(PrefixedSql.text("db/mysql-catalog/current-database.sql"))) {
            row.next();
            return row.getString(1);
        }
    }

    boolean hasTable(String table) throws SQLException {
        return count("db/mysql-catalog/table-exists.sql", table) > 0;
    }

    boolean hasColumn(String table, String column) throws SQLException {
        return count("db/mysql-catalog/column-exists.sql", table, column) > 0;
    }

    boolean hasConstraint(String table, String constraint) throws SQLException {
        return count("db/mysql-catalog/constraint-exists.sql", table, constraint) > 0;
    }

    List<String> foreignKeys(String table) throws SQLException {
        return names("db/mysql-catalog/foreign-keys.sql", table);
    }

    /** The table-level CHECK constraints (those that can be dropped by name). */
    List<String> checks(String table) throws SQLException {
        return names(server.mariaDb() ? "db/mysql-catalog/table-checks-mariadb.sql"
                : "db/mysql-catalog/table-checks-mysql.sql", table);
    }

    List<String> indexes(String table) throws SQLException {
        return names("db/mysql-catalog/indexes.sql", table);
    }

    // DDL cannot take parameters: the names below come from information_schema or from the checked prefix, and
    // are quoted as identifiers.

    void dropForeignKey(String table, String name) throws SQLException {
        execute("ALTER TABLE " + quoted(table) + " DROP FOREIGN KEY " + quoted(name));
    }

    /** MySQL 8.0.16-8.0.18 know only DROP CHECK; MariaDB only DROP CONSTRAINT. */
    void dropCheck(String table, String name) throws SQLException {
        execute("ALTER TABLE " + quoted(table) + (server.mariaDb() ? " DROP CONSTRAINT " : " DROP CHECK ")
                + quoted(name));
    }

    void dropIndex(String table, String name) throws SQLException {
        execute("ALTER TABLE " + quoted(table) + " DROP INDEX " + quoted(name));
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static String quoted(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private long count(String resource, String... parameters) throws SQLException {
        try (PreparedStatement statement = prepared(resource, parameters); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private List<String> names(String resource, String... parameters) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = prepared(resource, parameters); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private PreparedStatement prepared(String resource, String... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(PrefixedSql.text(resource));
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
        return statement;
    }
}
