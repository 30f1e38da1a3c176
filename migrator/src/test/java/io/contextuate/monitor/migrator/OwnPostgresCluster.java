package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 cluster of the test's own ({@code pg_createcluster}, trust authentication, a free loopback port),
 * so that a test may kill it without disturbing the machine's main server. {@link #close()} drops it.
 */
final class OwnPostgresCluster implements AutoCloseable {

    final String name;
    final int port;

    private OwnPostgresCluster(String name, int port) {
        this.name = name;
        this.port = port;
    }

    /** Creates and starts a cluster; fails with the command's output when the machine cannot make one. */
    static OwnPostgresCluster start() throws IOException, InterruptedException {
        String name = "hostile" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        int port = freePort();
        OwnPostgresCluster c = new OwnPostgresCluster(name, port);
        try {
            run("pg_createcluster", "15", name, "--port", String.valueOf(port), "--start", "--",
                    "--auth=trust");
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Kills the postmaster with SIGKILL, as a crash does. */
    void kill() throws IOException, InterruptedException {
        Path pidFile = Path.of("/var/lib/postgresql/15", name, "postmaster.pid");
        String pid = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim();
        run("kill", "-9", pid);
    }

    /** Starts the cluster again (after a kill: with crash recovery). */
    void restart() throws IOException, InterruptedException {
        run("pg_ctlcluster", "--skip-systemctl-redirect", "15", name, "start");
    }

    /** Makes a database and writes a configuration naming it, with short pool timeouts, into {@code dir}. */
    Path database(Path dir, String db) throws IOException, SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return config(dir, db, url(db));
    }

    /** The JDBC URL of a database of this cluster. */
    String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    /** A configuration naming a PostgreSQL store at {@code url}, with a 2 s pool timeout. */
    static Path config(Path dir, String name, String url) throws IOException {
        ObjectNode root = MonitorJson.newObject();
        ObjectNode persistence = root.putObject("persistence");
        persistence.put("type", "postgresql");
        ObjectNode database = persistence.putObject("database");
        database.put("url", url);
        database.put("user", "postgres");
        database.put("connectTimeout", "2s");
        database.putObject("pool").put("maximumPoolSize", 2).put("connectionTimeout", "2s");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".json");
        Files.write(file, MonitorJson.toUpstreamPretty(root));
        return file;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("pg_dropcluster", "15", name, "--stop");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
