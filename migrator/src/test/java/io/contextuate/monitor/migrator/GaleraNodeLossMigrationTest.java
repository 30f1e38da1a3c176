package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.RetryPolicy;
import io.contextuate.monitor.conformance.UpstreamDataset;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.json.MonitorJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upstream-shaped store of 200,000 events migrated into a three-node MariaDB Galera cluster of its own
 * ({@code scripts/galera-cluster.sh}, on free loopback ports) through node 1, while node 2 is killed and started
 * again: the run completes (or a rerun does), and node 1 and the rejoined node 2 both hold exactly the source.
 */
class GaleraNodeLossMigrationTest {

    private int basePort;
    private static final Path SCRIPT = Path.of("..", "scripts", "galera-cluster.sh").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    private Path clusterDir;

    @AfterEach
    void stopCluster() throws Exception {
        if (clusterDir != null) {
            try {
                script("stop");
            } finally {
                Files.deleteIfExists(clusterDir.getParent());
            }
        }
    }

    @Test
    void aMigrationThroughOneNodeSurvivesAnotherNodesKillAndRestart() throws Exception {
        Path source = tmp.resolve("source");
        UpstreamDataset data = GeneratedStores.write(source, GeneratedStores.quick(71).withSessions(400)
                .withEventsPerSession(500).withLargePayloads(0, 0));
        long total = data.distinctEvents().size();
        Path base = Files.createTempDirectory("contextuate-galera-migration");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        basePort = LocalPostgresClusters.freeGaleraBasePort();
        clusterDir = base.resolve("cluster");
        script("start");
        try (Connection c = connect(1); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE galera_migration CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        Path node1 = config(tmp.resolve("config"), 1);
        Path node2 = config(tmp.resolve("config"), 2);

        CountDownLatch third = new CountDownLatch(1);
        MigrationListener listener = new MigrationListener() {
            @Override
            public void progressed(MigrationProgress p) {
                if (p.phase() == MigrationProgress.Phase.EVENTS && p.eventsDone() >= total / 3) {
                    third.countDown();
                }
            }
        };
        MigrationOptions options = MigrationOptions.defaults().withRejectsDir(tmp.resolve("rejects"))
                .withRetry(RetryPolicy.within(Duration.ofSeconds(30)).withDelays(Duration.ofMillis(250), Duration.ofSeconds(3)));
        CompletableFuture<MigrationSummary> run = CompletableFuture.supplyAsync(
                () -> new Migrator(options, listener).migrate(source, node1));
        assertThat(third.await(300, TimeUnit.SECONDS)).as("the run reached a third of the events").isTrue();
        script("kill", "2");
        Thread.sleep(2000);
        script("restart", "2");
        MigrationSummary first = run.get(600, TimeUnit.SECONDS);
        MigrationSummary last = first.outcome() == Outcome.COMPLETED ? first
                : new Migrator(options).migrate(source, node1);
        assertThat(last.outcome()).as(last.describe()).isEqualTo(Outcome.COMPLETED);

        StoreContents before = StoreContents.of(source);
        for (Path node : new Path[]{node1, node2}) {
            StoreContents after = StoreContents.of(node);
            assertThat(after.events()).as(node.getFileName().toString()).isEqualTo(before.events());
            before.sessions().forEach((id, record) -> assertThat(after.sessions().get(id)).as(id).isEqualTo(record));
            try (MonitorStore target = StoreOpener.at(node).open(ReadProblemListener.NONE)) {
                assertThat(target.stats().events()).as("no event twice").isEqualTo(total);
            }
        }
    }

    private Path config(Path dir, int node) throws Exception {
        ObjectNode root = MonitorJson.newObject();
        ObjectNode persistence = root.putObject("persistence");
        persistence.put("enabled", true);
        persistence.put("type", "mysql");
        ObjectNode db = persistence.putObject("database");
        db.put("host", "127.0.0.1");
        db.put("port", basePort + node - 1);
        db.put("database", "galera_migration");
        db.put("user", "root");
        db.put("password", "");
        db.putObject("ssl").put("mode", "DISABLED");
        db.putObject("pool").put("maximumPoolSize", 4);
        Files.createDirectories(dir);
        Path file = dir.resolve("node" + node + ".json");
        Files.write(file, MonitorJson.toUpstreamPretty(root));
        return file;
    }

    private Connection connect(int node) throws Exception {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + (basePort + node - 1)
                + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true", "root", "");
    }

    private void script(String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = SCRIPT.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        Path log = tmp.resolve("galera-" + String.join("-", args) + ".log");
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().put("GALERA_DIR", clusterDir.toString());
        b.environment().put("GALERA_BASE_PORT", Integer.toString(basePort));
        Process p = b.start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }
}
