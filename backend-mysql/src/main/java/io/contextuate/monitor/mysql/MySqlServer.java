package io.contextuate.monitor.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 */
public record MySqlServer(boolean mariaDb, String version, int major, int minor, int patch, long maxAllowedPacket,
                          boolean localInfile) {

    private static final Pattern NUMBERS = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** Asks the server behind the connection. */
    public static MySqlServer detect(Connection connection) throws SQLException {
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
                return new MySqlServer(mariaDb, version, 0, 0, 0, row.getLong(3), row.getBoolean(4));
            }
            return new MySqlServer(mariaDb, version, Integer.parseInt(numbers.group(1)),
                    Integer.parseInt(numbers.group(2)), Integer.parseInt(numbers.group(3)), row.getLong(3),
                    row.getBoolean(4));
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
