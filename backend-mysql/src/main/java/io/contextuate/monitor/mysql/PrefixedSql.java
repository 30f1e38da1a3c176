package io.contextuate.monitor.mysql;

import io.contextuate.monitor.sql.SqlTables;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * SQL kept as a resource of this module, optionally with the table prefix put in place of {@code ${prefix}} (the
 * prefix is an identifier that {@link SqlTables} has already checked, never a value).
 */
final class PrefixedSql {

    private PrefixedSql() {
    }

    /** The resource's text with the tables' prefix in place of {@code ${prefix}}. */
    static String load(String resource, SqlTables tables) {
        return text(resource).replace("${prefix}", tables.prefix());
    }

    /** The resource's text as it is in the jar. */
    static String text(String resource) {
        try (InputStream in = PrefixedSql.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " in the MySQL backend's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
