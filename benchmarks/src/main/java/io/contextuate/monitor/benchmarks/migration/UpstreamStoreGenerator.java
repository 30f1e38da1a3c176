package io.contextuate.monitor.benchmarks.migration;

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
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Writes an upstream-shaped file store, streaming, without going through any store: sessions of a prompt, tool
 * calls and results, some messages and a session end; tool outputs are multi-line text (tabs, quotes, backslashes,
 * non-ASCII) of log-uniform size between 200 bytes and a maximum, and one event in 2,000 carries an output of 100 to
 * 150 KB. Deterministic for a given seed.
 *
 * <p>Usage: {@code UpstreamStoreGenerator DIR SESSIONS EVENTS_PER_SESSION [MAX_OUTPUT_BYTES]} (default 5,000).
 */
public final class UpstreamStoreGenerator {

    private static final String[] WORDS = {"src", "main", "java", "build", "OK", "error:", "warning", "\"quoted\"",
        "C:\\Users\\dev", "tab\there", "naïve", "größe", "日本語", "->", "{", "}", "[INFO]", "test", "passed", "0x1f",
        "module-info.java", "mvn", "-B", "package", "λ", "🚀"};
    private static final long START = 1_761_000_000_000L;

    private final Random random;
    private final int maxOutputBytes;

    UpstreamStoreGenerator(long seed, int maxOutputBytes) {
        this.random = new Random(seed);
        this.maxOutputBytes = maxOutputBytes;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int sessions = Integer.parseInt(args[1]);
        int events = Integer.parseInt(args[2]);
        int maxOutput = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        long start = System.nanoTime();
        long bytes = new UpstreamStoreGenerator(42, maxOutput).write(dir, sessions, events);
        System.out.printf(Locale.ROOT, "generated %d sessions x %d events (%.1f MB of events.jsonl) in %.1f s%n",
                sessions, events, bytes / 1e6, (System.nanoTime() - start) / 1e9);
    }

    /** Writes the store; the bytes of events written. */
    long write(Path dir, int sessions, int eventsPerSession) throws IOException {
        long bytes = 0;
        for (int s = 0; s < sessions; s++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            bytes += writeSession(dir.resolve("sessions").resolve(id), id, s, eventsPerSession);
        }
        return bytes;
    }

    private long writeSession(Path dir, String id, int index, int count) throws IOException {
        Files.createDirectories(dir);
        String cwd = "/home/dev/project-" + (index % 17);
        long t = START + index * 3_600_000L;
        long bytes = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("events.jsonl")), 1 << 16)) {
            for (int i = 0; i < count; i++) {
                t += 1 + random.nextInt(4_000);
                byte[] line = MonitorJson.toLine(event(id, cwd, i, count, t));
                out.write(line);
                out.write('\n');
                bytes += line.length + 1;
            }
        }
        SessionMeta meta = SessionMeta.builder().sessionId(id).machineId("bench-host").workingDirectory(cwd)
                .startTime(START + index * 3_600_000L).endTime(t).status(SessionStatus.COMPLETED)
                .childSessionIds(List.of()).tokenUsage(TokenUsage.of(count * 120L, count * 45L))
                .model("claude-sonnet-4").build();
        Files.write(dir.resolve("meta.json"), MonitorJson.toMetaJson(meta));
        return bytes;
    }

    private MonitorEvent event(String sessionId, String cwd, int i, int count, long timestamp) {
        ObjectNode data = MonitorJson.newObject();
        EventType type;
        HookType hook;
        if (i == 0) {
            type = EventType.SESSION_START;
            hook = HookType.SESSION_START;
            data.put("source", "startup");
        } else if (i == count - 1) {
            type = EventType.SESSION_END;
            hook = HookType.SESSION_END;
            data.put("reason", "exit");
        } else if (i % 50 == 1) {
            type = EventType.USER_PROMPT;
            hook = HookType.USER_PROMPT_SUBMIT;
            data.put("prompt", text(80 + random.nextInt(600)));
        } else if (i % 25 == 0) {
            type = EventType.MESSAGE;
            hook = HookType.STOP;
            data.put("message", text(100 + random.nextInt(1_500)));
        } else if (i % 2 == 0) {
            type = EventType.TOOL_CALL;
            hook = HookType.PRE_TOOL_USE;
            data.put("toolName", "Bash");
            data.put("toolUseId", "toolu_" + Long.toHexString(random.nextLong()));
            ObjectNode input = data.putObject("toolInput");
            input.put("command", "mvn -B -q -pl module-" + random.nextInt(9) + " package -DskipTests");
            input.put("description", text(40));
        } else {
            type = EventType.TOOL_RESULT;
            hook = HookType.POST_TOOL_USE;
            data.put("toolName", "Bash");
            data.put("toolUseId", "toolu_" + Long.toHexString(random.nextLong()));
            data.put("toolOutput", text(outputSize()));
            data.put("durationMs", random.nextInt(20_000));
            data.put("success", true);
        }
        return MonitorEvent.builder().id(new UUID(random.nextLong(), random.nextLong()).toString())
                .timestamp(timestamp).sessionId(sessionId).machineId("bench-host").workingDirectory(cwd)
                .eventType(type).hookType(hook).data(data).build();
    }

    /** Log-uniform between 200 bytes and the maximum; one output in 1,000 (one event in 2,000) of 100-150 KB. */
    private int outputSize() {
        if (random.nextInt(1_000) == 0) {
            return 100_000 + random.nextInt(50_000);
        }
        double span = Math.log(Math.max(maxOutputBytes, 201) / 200.0);
        return (int) (200 * Math.exp(random.nextDouble() * span));
    }

    private String text(int approxChars) {
        StringBuilder b = new StringBuilder(approxChars + 16);
        while (b.length() < approxChars) {
            b.append(WORDS[random.nextInt(WORDS.length)]);
            b.append(random.nextInt(8) == 0 ? '\n' : ' ');
        }
        return b.toString();
    }
}
