package io.contextuate.monitor.migrator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures a file-to-file migration of a synthetic store: {@code generate DIR SESSIONS EVENTS_PER_SESSION
 * [OUTPUT_BYTES]} writes the source, {@code migrate FROM TO REJECTS [--no-verify]} migrates it and prints events per second and the peak
 * heap (summed peaks of the heap pools). Run it with a small {@code -Xmx} to show memory stays flat. Not a test.
 */
public final class MigrationMemoryProbe {

    private MigrationMemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? Integer.parseInt(args[4]) : 0);
            return;
        }
        MigrationOptions options = MigrationOptions.defaults().withRejectsDir(Path.of(args[3]))
                .withVerify(args.length < 5 || !args[4].equals("--no-verify"));
        long t0 = System.nanoTime();
        MigrationSummary s = new Migrator(options).migrate(Path.of(args[1]), Path.of(args[2]));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(s.describe());
        System.out.printf(Locale.ROOT, "probe: events=%d seconds=%.1f events/s=%.0f peakHeapMiB=%.1f maxHeapMiB=%.0f%n",
                s.events().read(), seconds, s.events().read() / seconds, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    /** Writes the synthetic store; each tool output is padded to {@code outputBytes} (0: short outputs). */
    static void generate(Path dir, int sessions, int eventsPerSession, int outputBytes) throws IOException {
        long ts = 1_761_000_000_000L;
        for (int s = 0; s < sessions; s++) {
            String id = String.format(Locale.ROOT, "%016x", 0x5eed0000L + s);
            Path sessionDir = Files.createDirectories(dir.resolve("sessions").resolve(id));
            ObjectNode meta = MonitorJson.newObject();
            meta.put("sessionId", id);
            meta.put("machineId", "probe");
            meta.put("workingDirectory", "/work/probe");
            meta.put("startTime", ts);
            meta.put("status", "active");
            meta.putArray("childSessionIds");
            ObjectNode usage = meta.putObject("tokenUsage");
            usage.put("totalInput", 0);
            usage.put("totalOutput", 0);
            Files.write(sessionDir.resolve("meta.json"), MonitorJson.toUpstreamPretty(meta));
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(sessionDir.resolve("events.jsonl")),
                    1 << 16)) {
                for (int e = 0; e < eventsPerSession; e++) {
                    ObjectNode ev = MonitorJson.newObject();
                    ev.put("id", String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", s, e));
                    ev.put("timestamp", ts++);
                    ev.put("sessionId", id);
                    ev.put("machineId", "probe");
                    ev.put("workingDirectory", "/work/probe");
                    ev.put("eventType", e % 2 == 0 ? "tool_call" : "tool_result");
                    ev.put("hookType", e % 2 == 0 ? "PreToolUse" : "PostToolUse");
                    ObjectNode data = ev.putObject("data");
                    data.put("toolName", "Bash");
                    data.putObject("toolInput").put("command", "ls -la /work/probe/" + e);
                    String output = "total 42\n-rw-r--r-- 1 dev dev 1234 file-" + e + ".txt\n".repeat(3);
                    data.put("toolOutput", output + "x".repeat(Math.max(0, outputBytes - output.length())));
                    out.write(MonitorJson.toBytes(ev));
                    out.write('\n');
                }
            }
        }
    }
}
