package io.contextuate.monitor.benchmarks.migration;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.api.MonitorConfig;
import io.contextuate.monitor.api.MonitorPersistence;
import io.contextuate.monitor.spi.MonitorStore;
import io.contextuate.monitor.spi.ReadProblemListener;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What verification's digest of each record costs, without a server or a file read: the events of a store are read
 * into memory once, then digested in alternating passes by {@link CanonicalJson#sha256} (from the tree) and by the
 * earlier way, SHA-256 of the canonical JSON text. Prints each pass and the medians, then checks that both ways agree
 * on which events are equal, for each event and the one after it.
 *
 * <p>Usage: {@code DigestCost SOURCE_STORE [ROUNDS]} (5 rounds; give the JVM a heap for the whole store, -Xmx4g).
 */
public final class DigestCost {

    private DigestCost() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<JsonNode> records = new ArrayList<>();
        try (MonitorStore store = MonitorPersistence.openForReading(MonitorConfig.forStore(source),
                ReadProblemListener.NONE); Stream<String> ids = store.streamEventSessionIds()) {
            for (String id : ids.toList()) {
                try (Stream<MonitorEvent> s = store.streamEvents(id)) {
                    s.forEach(e -> records.add(MonitorJson.toJson(e)));
                }
            }
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Double> tree = new ArrayList<>();
        List<Double> text = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long sink = 0;
            for (JsonNode r : records) {
                sink += CanonicalJson.sha256(r).charAt(0);
            }
            tree.add((System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            for (JsonNode r : records) {
                sink += sha.digest(CanonicalJson.bytes(r))[0];
            }
            text.add((System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "round %d  from the tree %6.2f s   canonical text + SHA-256 %6.2f s  (%d)%n",
                    round, tree.get(round - 1), text.get(round - 1), sink & 1);
        }
        for (int i = 0; i + 1 < records.size(); i++) {
            boolean equalText = CanonicalJson.equal(records.get(i), records.get(i + 1));
            boolean equalTree = CanonicalJson.sha256(records.get(i)).equals(CanonicalJson.sha256(records.get(i + 1)));
            if (equalText != equalTree) {
                throw new IllegalStateException("the two ways disagree on event " + i);
            }
        }
        double t = median(tree);
        double x = median(text);
        System.out.printf(Locale.ROOT, "%d events: median from the tree %.2f s, canonical text + SHA-256 %.2f s;"
                + " ratio %.2f%n", records.size(), t, x, t / x);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
