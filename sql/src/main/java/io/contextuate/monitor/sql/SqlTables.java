package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.ConfigurationException;
import org.jdbi.v3.core.Jdbi;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a SQL store's tables live: an optional schema and a table prefix, so several applications (or several
 * stores of one application) can share a database. SQL text refers to the tables through JDBI attributes defined by
 * {@link #defineOn(Jdbi)}: {@code <sessions>}, {@code <events>} (qualified names), {@code <prefix>} and
 * {@code <schema>}.
 *
 * @param schema the schema (PostgreSQL) or {@code null} for the connection's default
 * @param prefix the table prefix, possibly empty
 */
public record SqlTables(String schema, String prefix) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,47}");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9_]{0,32}");

    public SqlTables {
        if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
            throw new ConfigurationException("persistence.database.schema must be lower-case letters, digits and"
                    + " underscores, starting with a letter or underscore (at most 48); found '" + schema + "'");
        }
        prefix = prefix == null ? "" : prefix;
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ConfigurationException("persistence.database.tablePrefix must be lower-case letters, digits"
                    + " and underscores (at most 32); found '" + prefix + "'");
        }
    }

    /** The unqualified name of the sessions table. */
    public String sessions() {
        return prefix + "sessions";
    }

    /** The unqualified name of the events table. */
    public String events() {
        return prefix + "events";
    }

    /** The unqualified name of the migration history table. */
    public String history() {
        return prefix + "schema_history";
    }

    /** A name qualified with the schema, when there is one. */
    public String qualified(String name) {
        return schema == null ? name : schema + "." + name;
    }

    /** Defines {@code <sessions>}, {@code <events>}, {@code <prefix>} and {@code <schema>} for every statement. */
    public Jdbi defineOn(Jdbi jdbi) {
        attributes().forEach(jdbi::define);
        return jdbi;
    }

    /** The attributes {@link #defineOn} defines, by name. */
    public Map<String, String> attributes() {
        return Map.of("sessions", qualified(sessions()), "events", qualified(events()), "prefix", prefix,
                "schema", schema == null ? "" : schema);
    }

    /** For messages: "schema s, prefix p_" or "default schema, no prefix". */
    public String describe() {
        return (schema == null ? "default schema" : "schema " + schema)
                + (prefix.isEmpty() ? ", no table prefix" : ", table prefix " + prefix);
    }
}
