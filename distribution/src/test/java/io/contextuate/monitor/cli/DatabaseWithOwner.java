package io.contextuate.monitor.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database {@code cm_cli_<random>} owned by a user of its own on the machine's PostgreSQL (127.0.0.1:5432, postgres, trust) or MariaDB
 * (127.0.0.1:3306, root, empty password), with a user of its own holding a password, dropped on close.
 */
final class DatabaseWithOwner implements AutoCloseable {

    /** The two servers. */
    enum Kind {
        POSTGRESQL("postgresql", "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", 5432),
        MARIADB("mysql", "jdbc:mysql://127.0.0.1:3306/", "root", 3306);

        final String type;
        final String adminUrl;
        final String admin;
        final int port;

        Kind(String type, String adminUrl, String admin, int port) {
            this.type = type;
            this.adminUrl = adminUrl;
            this.admin = admin;
            this.port = port;
        }
    }

    final Kind kind;
    final String name;
    final String user;
    final String password;

    private DatabaseWithOwner(Kind kind, String name, String user, String password) {
        this.kind = kind;
        this.name = name;
        this.user = user;
        this.password = password;
    }

    /** A database and its owner {@code user} identified by {@code password}. */
    static DatabaseWithOwner create(Kind kind, String password) throws SQLException {
        String name = "cm_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String user = name + "_u";
        try (Connection c = DriverManager.getConnection(kind.adminUrl, kind.admin, "");
             Statement s = c.createStatement()) {
            if (kind == Kind.POSTGRESQL) {
                s.execute("CREATE USER " + user + " PASSWORD '" + password + "'");
                s.execute("CREATE DATABASE " + name + " OWNER " + user);
            } else {
                s.execute("CREATE DATABASE " + name);
                s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
                s.execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'");
                s.execute("GRANT ALL ON " + name + ".* TO '" + user + "'@'%'");
                s.execute("GRANT ALL ON " + name + ".* TO '" + user + "'@'localhost'");
            }
        } catch (SQLException e) {
            throw new SQLException(kind + " is not reachable at " + kind.adminUrl + " as " + kind.admin + ": start it"
                    + " (see README: pg_ctlcluster ... start / start-stop-daemon ... mariadbd)", e);
        }
        return new DatabaseWithOwner(kind, name, user, password);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(kind.adminUrl, kind.admin, "");
             Statement s = c.createStatement()) {
            if (kind == Kind.POSTGRESQL) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                s.execute("DROP USER IF EXISTS " + user);
            } else {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                s.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }
}
