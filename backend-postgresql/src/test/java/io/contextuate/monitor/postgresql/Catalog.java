package io.contextuate.monitor.postgresql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Reads what a schema holds from PostgreSQL's catalog, for assertions. */
final class Catalog {

    private final Connection connection;
    private final String schema;

    Catalog(Connection connection, String schema) {
        this.connection = connection;
        this.schema = schema;
    }

    /** Relation names of a kind ('r' table, 'v' view, 'i' index, 'S' sequence) in the schema. */
    TreeSet<String> relations(char kind) throws SQLException {
        return strings("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind = ?", schema, String.valueOf(kind));
    }

    /** The labels of an ENUM type, in order. */
    List<String> enumLabels(String type) throws SQLException {
        return new ArrayList<>(list("SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                + " JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? AND t.typname = ?"
                + " ORDER BY e.enumsortorder", schema, type));
    }

    /** Function names in the schema. */
    TreeSet<String> functions() throws SQLException {
        return strings("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                + " WHERE n.nspname = ?", schema);
    }

    /** View names from pg_views. */
    TreeSet<String> views() throws SQLException {
        return strings("SELECT viewname FROM pg_views WHERE schemaname = ?", schema);
    }

    /** User trigger names on a table. */
    TreeSet<String> triggers(String table) throws SQLException {
        return strings("SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?"
                + " AND NOT t.tgisinternal", schema, table);
    }

    /** Index name to definition (pg_indexes) for a table. */
    Map<String, String> indexes(String table) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ?")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Constraint name to its definition for a table. */
    Map<String, String> constraints(String table) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT con.conname, pg_get_constraintdef(con.oid)"
                + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Column name to "type nullability" for a table. */
    Map<String, String> columns(String table) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT a.attname,"
                + " format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END"
                + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** Whether a table or column has a comment (column null: the table). */
    boolean hasComment(String table, String column) throws SQLException {
        String sql = column == null
                ? "SELECT obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?"
                : "SELECT col_description(c.oid, a.attnum) FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid"
                + " WHERE n.nspname = ? AND c.relname = ? AND a.attname = ?";
        List<String> found = column == null ? list(sql, schema, table) : list(sql, schema, table, column);
        return !found.isEmpty() && found.get(0) != null && !found.get(0).isBlank();
    }

    /** Rows of a query with string parameters, first column as text. */
    List<String> list(String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private TreeSet<String> strings(String sql, String... params) throws SQLException {
        return new TreeSet<>(list(sql, params));
    }
}
