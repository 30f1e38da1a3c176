package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A database server of the test's own on a free loopback port (a PostgreSQL 15 cluster made with
 * {@code pg_createcluster}, or a {@code mariadbd} on its own data directory), so a test may stop and start it
 * without disturbing anyone else's tests on the main servers. Removed on close.
 */
final class OwnServer implements AutoCloseable {

    private final ScratchDatabase.Kind kind;
    private final int port;
    private final String name;
    private final Path dataDir;
    private Process mariadb;

    private OwnServer(ScratchDatabase.Kind kind, int port, String name, Path dataDir) {
        this.kind = kind;
        this.port = port;
        this.name = name;
        this.dataDir = dataDir;
    }

    static OwnServer create(ScratchDatabase.Kind kind, Path work) throws Exception {
        int port = freePort();
        OwnServer s = new OwnServer(kind, port, "sync" + port, work.resolve("mariadb-" + port));
        try {
            if (kind == ScratchDatabase.Kind.POSTGRESQL) {
                run("pg_createcluster", "15", s.name, "--port", Integer.toString(port), "--",
                        "--auth-host=trust", "--auth-local=trust");
            } else {
                Files.createDirectories(s.dataDir);
                run("mariadb-install-db", "--no-defaults", "--datadir=" + s.dataDir.resolve("data"), "--user=root",
                        "--auth-root-authentication-method=normal", "--skip-test-db");
            }
            s.start();
            try (Connection c = s.connect("")) {
                c.createStatement().execute("CREATE DATABASE monitor");
            }
        } catch (Exception | AssertionError e) {
            s.close();
            throw e;
        }
        return s;
    }

    void start() throws Exception {
        if (kind == ScratchDatabase.Kind.POSTGRESQL) {
            run("pg_ctlcluster", "--skip-systemctl-redirect", "15", name, "start");
        } else {
            mariadb = new ProcessBuilder("mariadbd", "--no-defaults", "--datadir=" + dataDir.resolve("data"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dataDir.resolve("sock"),
                    "--pid-file=" + dataDir.resolve("pid"), "--user=root")
                    .redirectErrorStream(true).redirectOutput(dataDir.resolve("server.log").toFile()).start();
        }
        for (int i = 0; i < 300; i++) {
            try (Connection c = connect("")) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError(kind + " on port " + port + " did not start");
    }

    void stop() throws Exception {
        if (kind == ScratchDatabase.Kind.POSTGRESQL) {
            run("pg_ctlcluster", "--skip-systemctl-redirect", "15", name, "stop", "-m", "fast");
        } else if (mariadb != null) {
            mariadb.destroy();
            if (!mariadb.waitFor(60, TimeUnit.SECONDS)) {
                mariadb.destroyForcibly();
            }
            mariadb = null;
        }
    }

    /** A configuration file naming the {@code monitor} database of this server. */
    Path writeConfig(Path dir) throws IOException {
        ObjectNode root = MonitorJson.newObject();
        ObjectNode persistence = root.putObject("persistence");
        persistence.put("enabled", true);
        persistence.put("type", kind.type);
        ObjectNode db = persistence.putObject("database");
        db.put("url", url("monitor"));
        db.put("user", kind == ScratchDatabase.Kind.POSTGRESQL ? "postgres" : "root");
        db.putObject("pool").put("maximumPoolSize", 4).put("connectionTimeout", 3000);
        Path file = dir.resolve(name + ".json");
        Files.write(file, MonitorJson.toUpstreamPretty(root));
        return file;
    }

    private String url(String database) {
        return kind == ScratchDatabase.Kind.POSTGRESQL
                ? "jdbc:postgresql://127.0.0.1:" + port + "/" + (database.isEmpty() ? "postgres" : database)
                : "jdbc:mysql://127.0.0.1:" + port + "/" + database;
    }

    private Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", kind == ScratchDatabase.Kind.POSTGRESQL ? "postgres" : "root");
        p.setProperty("password", "");
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(url(database), p);
    }

    @Override
    public void close() throws Exception {
        if (kind == ScratchDatabase.Kind.POSTGRESQL) {
            runQuietly("pg_dropcluster", "15", name, "--stop");
        } else {
            stop();
            try (var all = Files.walk(dataDir)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // the temporary directory goes anyway
            }
        }
    }

    private static int freePort() throws IOException {
        for (int port = 5470 + (int) (Math.random() * 25); ; port++) {
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                if (port > 5520) {
                    throw taken;
                }
            }
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }

    private static void runQuietly(String... command) {
        try {
            new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(120, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort at the end of a test
        }
    }
}
