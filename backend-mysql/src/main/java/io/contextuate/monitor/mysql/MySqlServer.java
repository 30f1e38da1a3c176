package io.contextuate.monitor.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server a store talks to, as found when it opens: MySQL or MariaDB, its version, and the limits that change
 * what the store may send.
 *
 * @param mariaDb          whether the server is MariaDB (else MySQL or a compatible server)
 * @param version          the version string the server reports, for example {@code 10.11.6-MariaDB}
 * @param major            the major version number
 * @param minor            the minor version number
 * @param patch            the patch version number
 * @param maxAllowedPacket the largest packet the server accepts ({@code max_allowed_packet}), in bytes
 * @param localInfile      whether the server accepts {@code LOAD DATA LOCAL INFILE} ({@code local_infile}; off by
 *                         default on MySQL 8, on for MariaDB)
 * @param writesetLimit    on a Galera node, the most a transaction may write; {@link WritesetLimit#NONE} elsewhere
 */
public record MySqlServer(boolean mariaDb, String version, int major, int minor, int patch, long maxAllowedPacket,
                          boolean localInfile, WritesetLimit writesetLimit) {

    /**
     * What a Galera cluster lets one transaction replicate ({@code wsrep_max_ws_size}, {@code wsrep_max_ws_rows});
     * a transaction past either is refused at commit.
     *
     * @param bytes the most bytes of one writeset, or 0 for no limit
     * @param rows  the most rows of one writeset, or 0 for no limit
     */
    public record WritesetLimit(long bytes, long rows) {

        /** Not a cluster node, or one without limits. */
        public static final WritesetLimit NONE = new WritesetLimit(0, 0);
    }

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** Asks the server behind the connection. */
    public static MySqlServer detect(Connection connection) throws SQLException {
        WritesetLimit writesetLimit = writesetLimit(connection);
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT VERSION(), @@version_comment, @@max_allowed_packet, @@local_infile")) {
            row.next();
            String version = row.getString(1);
            String comment = row.getString(2);
            boolean mariaDb = version.toLowerCase().contains("mariadb")
                    || (comment != null && comment.toLowerCase().contains("mariadb"));
            Matcher numbers = NUMBERS.matcher(version);
            if (!numbers.find()) {
                return new MySqlServer(mariaDb, version, 0, 0, 0, row.getLong(3), row.getBoolean(4), writesetLimit);
            }
            return new MySqlServer(mariaDb, version, Integer.parseInt(numbers.group(1)),
                    Integer.parseInt(numbers.group(2)), Integer.parseInt(numbers.group(3)), row.getLong(3),
                    row.getBoolean(4), writesetLimit);
        }
    }

    /** The writeset limits when the server replicates as a Galera node ({@code wsrep_on}), else none. */
    private static WritesetLimit writesetLimit(Connection connection) throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(PrefixedSql.text("db/mysql-catalog/writeset-limits.sql"))) {
            while (rows.next()) {
                values.put(rows.getString(1).toLowerCase(Locale.ROOT), rows.getString(2));
            }
        }
        if (!"ON".equalsIgnoreCase(values.get("wsrep_on"))) {
            return WritesetLimit.NONE;
        }
        return new WritesetLimit(number(values.get("wsrep_max_ws_size")), number(values.get("wsrep_max_ws_rows")));
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether the server is one this backend supports: MySQL 8.0+ or MariaDB 10.6+. */
    public boolean supported() {
        return mariaDb ? atLeast(10, 6, 0) : atLeast(8, 0, 0);
    }

    /** Whether CHECK constraints are enforced (MariaDB 10.2+, MySQL 8.0.16+); older MySQL parses and ignores them. */
    public boolean enforcesChecks() {
        return mariaDb ? atLeast(10, 2, 1) : atLeast(8, 0, 16);
    }

    /** Whether {@code DESC} in an index definition makes a descending index (MariaDB 10.8+, MySQL 8.0+). */
    public boolean hasDescendingIndexes() {
        return mariaDb ? atLeast(10, 8, 0) : atLeast(8, 0, 0);
    }

    /** "MariaDB 10.11.6" or "MySQL 8.0.36". */
    public String describe() {
        return (mariaDb ? "MariaDB " : "MySQL ") + major + "." + minor + "." + patch;
    }

    private boolean atLeast(int wantMajor, int wantMinor, int wantPatch) {
        if (major != wantMajor) {
            return major > wantMajor;
        }
        if (minor != wantMinor) {
            return minor > wantMinor;
        }
        return patch >= wantPatch;
    }
}
