package io.contextuate.monitor.benchmarks.file;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.spi.model.TokenUsage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Writes a file store holding one session of N upstream-shaped events, as the upstream monitor would have left it
 * (arrival order with some events out of timestamp order, tool outputs of a few kilobytes), without going through
 * any store: the benchmark measures a first read of a store this library has never seen.
 *
 * <p>Usage: {@code LongSessionWriter BASE_DIR SESSION_ID EVENTS}
 */
public final class LongSessionWriter {

    private LongSessionWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args[0]);
        String sessionId = args[1];
        int count = Integer.parseInt(args[2]);
        Path dir = base.resolve("sessions").resolve(sessionId);
        Files.createDirectories(dir);
        Random random = new Random(42);
        long start = 1_761_000_000_000L;
        long t = start;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("events.jsonl")), 1 << 20)) {
            for (int i = 0; i < count; i++) {
                t += 1 + random.nextInt(2_000);
                // every 50th event arrives late, as re-routed events do
                long timestamp = i % 50 == 49 ? t - 30_000 : t;
                out.write(MonitorJson.toLine(event(sessionId, i, timestamp, random)));
                out.write('\n');
            }
        }
        SessionMeta meta = SessionMeta.builder().sessionId(sessionId).machineId("bench-host")
                .workingDirectory("/home/dev/project").startTime(start).status(SessionStatus.ACTIVE)
                .childSessionIds(List.of()).tokenUsage(TokenUsage.of(count * 10L, count * 3L)).build();
        Files.write(dir.resolve("meta.json"), MonitorJson.toMetaJson(meta));
    }

    private static MonitorEvent event(String sessionId, int i, long timestamp, Random random) {
        ObjectNode data = MonitorJson.newObject();
        boolean call = i % 2 == 0;
        data.put("toolName", "Bash");
        if (call) {
            data.putObject("toolInput").put("command", "ls -la src/module-" + i);
        } else {
            data.put("toolOutput", "x".repeat(200 + random.nextInt(3_000)));
        }
        return MonitorEvent.builder().id(new UUID(random.nextLong(), random.nextLong()).toString())
                .timestamp(timestamp).sessionId(sessionId).machineId("bench-host")
                .workingDirectory("/home/dev/project")
                .eventType(call ? EventType.TOOL_CALL : EventType.TOOL_RESULT)
                .hookType(call ? HookType.PRE_TOOL_USE : HookType.POST_TOOL_USE)
                .data(data).build();
    }
}
