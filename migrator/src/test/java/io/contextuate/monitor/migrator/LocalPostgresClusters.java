package io.contextuate.monitor.migrator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL clusters of this test's own on loopback ports, made with Debian's {@code pg_createcluster} (trust
 * authentication on 127.0.0.1), a streaming standby filled by {@code pg_basebackup -R}, and every cluster dropped on
 * close even when the test failed. The machine's main cluster is never touched.
 */
final class LocalPostgresClusters implements AutoCloseable {

    private static final String VERSION = "15";

    private final String stem = "cmfo" + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    private final List<String> made = new ArrayList<>();

    /** A new primary cluster, started. */
    int primary(String suffix, int port) throws IOException, InterruptedException {
        String name = stem + suffix;
        made.add(name);
        run("pg_createcluster", VERSION, name, "--port", Integer.toString(port), "--start", "--", "--auth=trust");
        return port;
    }

    /**
     * A standby of the primary on {@code primaryPort}, streaming from it, started; the primary then commits only
     * what the standby has too (synchronous replication), so a failover loses no confirmed write.
     */
    int standby(String suffix, int port, int primaryPort) throws IOException, InterruptedException, SQLException {
        String name = stem + suffix;
        made.add(name);
        run("pg_createcluster", VERSION, name, "--port", Integer.toString(port), "--", "--auth=trust");
        Path data = Path.of("/var/lib/postgresql", VERSION, name);
        try (var files = Files.list(data)) {
            for (Path p : files.toList()) {
                run("rm", "-rf", p.toString());
            }
        }
        run("runuser", "-u", "postgres", "--", "pg_basebackup", "-h", "127.0.0.1", "-p",
                Integer.toString(primaryPort), "-U", "postgres", "-D", data.toString(), "-R", "-X", "stream");
        run("pg_ctlcluster", VERSION, name, "start");
        try (Connection c = connect(primaryPort, "postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET synchronous_standby_names = '*'");
            s.execute("SELECT pg_reload_conf()");
        }
        return port;
    }

    /** Promotes a standby to primary. */
    void promote(String suffix) throws IOException, InterruptedException {
        run("pg_ctlcluster", VERSION, stem + suffix, "promote");
    }

    /** Stops a cluster at once, as a crash would. */
    void stopImmediately(String suffix) throws IOException, InterruptedException {
        run("pg_ctlcluster", VERSION, stem + suffix, "stop", "-m", "immediate");
    }

    /** A loopback port nothing listens on now (several worktrees may run these tests at the same time). */
    static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * A base port {@code b} such that {@code b..b+2} and {@code b+1200..b+1208} are free: what
     * {@code scripts/galera-cluster.sh} takes for a cluster's SQL and Galera ports.
     */
    static int freeGaleraBasePort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            // below Linux's ephemeral range (32768 up): a node killed and restarted must find its ports free, and a
            // client connection's local port could take one of them while the node is down
            int base = 20_000 + random.nextInt(10_000);
            if (free(base, 3) && free(base + 1200, 9)) {
                return base;
            }
        }
        throw new IOException("no free ports for a Galera cluster");
    }

    private static boolean free(int from, int count) {
        for (int port = from; port < from + count; port++) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException inUse) {
                return false;
            }
        }
        return true;
    }

    static Connection connect(int port, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", null);
    }

    static boolean inRecovery(int port) throws SQLException {
        try (Connection c = connect(port, "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        for (int i = made.size() - 1; i >= 0; i--) {
            run("pg_dropcluster", VERSION, made.get(i), "--stop");
        }
        made.clear();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
