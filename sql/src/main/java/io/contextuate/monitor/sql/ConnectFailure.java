package io.contextuate.monitor.sql;

import io.contextuate.monitor.spi.ConfigurationException;
import io.contextuate.monitor.spi.StoreUnavailableException;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * What a failure to connect means to the person who configured the store, the same for every command: the server
 * could not be reached (retry later: exit 1), it refused the login or has no such database (fix the configuration:
 * exit 2), or something else the driver said.
 */
enum ConnectFailure {
    /** Nothing answered, or the connection broke: the server is down, or host and port are wrong. */
    UNREACHABLE,
    /** The server refused the user or the password. */
    LOGIN_REFUSED,
    /** The server has no database of that name. */
    NO_SUCH_DATABASE,
    /** Anything else. */
    OTHER;

    /** MySQL/MariaDB: access denied (1044 to a database, 1045 for the user, 1698 without password); 1049 unknown db. */
    private static final Set<Integer> MYSQL_LOGIN = Set.of(1044, 1045, 1698);
    private static final int MYSQL_UNKNOWN_DATABASE = 1049;

    /** The kind of a connection failure, from the SQLStates, vendor codes and network errors in its causes. */
    static ConnectFailure of(Throwable failure) {
        boolean network = false;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("28") || MYSQL_LOGIN.contains(sql.getErrorCode())) {
                    return LOGIN_REFUSED;
                }
                if (state.equals("3D000") || sql.getErrorCode() == MYSQL_UNKNOWN_DATABASE) {
                    return NO_SUCH_DATABASE;
                }
                network |= sql instanceof SQLTransientConnectionException && sql.getCause() == null;
            }
            network |= t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException;
        }
        return network ? UNREACHABLE : OTHER;
    }

    /**
     * The exception a person should see for this kind of failure, or {@code null} for {@link #OTHER}, whose
     * meaning depends on what was being done.
     *
     * @param where the store, for people (no password)
     * @param why   the driver's reason, redacted
     * @param cause the failure
     */
    RuntimeException toException(String where, String why, Throwable cause) {
        return switch (this) {
            case UNREACHABLE -> new StoreUnavailableException("Cannot reach " + where + ": " + why + ". Check that"
                    + " the server is running and reachable at the host and port of persistence.database.", cause);
            case LOGIN_REFUSED -> new ConfigurationException("The server at " + where + " refused the login: " + why
                    + ". Check persistence.database.user and the password (password, passwordEnv or passwordFile).",
                    cause);
            case NO_SUCH_DATABASE -> new ConfigurationException("The server at " + where + " has no such database: "
                    + why + ". Check persistence.database.database (or the url), or create the database.", cause);
            case OTHER -> null;
        };
    }
}
