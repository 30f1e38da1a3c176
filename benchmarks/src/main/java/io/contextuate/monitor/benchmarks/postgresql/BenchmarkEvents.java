package io.contextuate.monitor.benchmarks.postgresql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Upstream-shaped events for the benchmarks, made deterministically: sessions of 16 hex characters, UUID-like event
 * ids, a mix of tool calls, results and messages with payloads of a few hundred bytes.
 */
final class BenchmarkEvents {

    static final long T0 = 1_735_689_600_000L;
    private static final String OUTPUT = "drwxr-xr-x  5 dev dev  4096 Jan  1 00:00 src\n".repeat(8);

    private final int eventsPerSession;

    BenchmarkEvents(int eventsPerSession) {
        this.eventsPerSession = eventsPerSession;
    }

    static String sessionId(int session) {
        return String.format("%016x", 0x5eed0000_00000000L + session * 7919L);
    }

    SessionMeta session(int session) {
        return SessionMeta.builder().sessionId(sessionId(session)).machineId("bench-machine")
                .workingDirectory("/home/dev/project-" + session).startTime(T0 + session * 1000L)
                .status(session % 3 == 0 ? SessionStatus.COMPLETED : SessionStatus.ACTIVE).build();
    }

    /** Events number {@code from} (inclusive) to {@code to} (exclusive), sessions interleaved in blocks. */
    List<MonitorEvent> events(long from, long to) {
        List<MonitorEvent> out = new ArrayList<>((int) (to - from));
        for (long n = from; n < to; n++) {
            out.add(event(n));
        }
        return out;
    }

    MonitorEvent event(long n) {
        int session = (int) (n / eventsPerSession);
        long within = n % eventsPerSession;
        Random r = new Random(n);
        ObjectNode data = MonitorJson.newObject();
        EventType type;
        HookType hook;
        switch ((int) (within % 3)) {
            case 0 -> {
                type = EventType.TOOL_CALL;
                hook = HookType.PRE_TOOL_USE;
                data.put("toolName", "Bash");
                data.putObject("toolInput").put("command", "ls -la src/module-" + r.nextInt(1000));
            }
            case 1 -> {
                type = EventType.TOOL_RESULT;
                hook = HookType.POST_TOOL_USE;
                data.put("toolName", "Bash");
                data.put("toolOutput", OUTPUT);
                data.putObject("tokenUsage").put("input", r.nextInt(5000)).put("output", r.nextInt(500));
            }
            default -> {
                type = EventType.MESSAGE;
                hook = HookType.STOP;
                data.put("message", "Done: updated " + r.nextInt(50) + " files and ran the tests.");
                data.put("model", "claude-sonnet-4");
            }
        }
        return MonitorEvent.builder().id(new java.util.UUID(n * 0x9E3779B97F4A7C15L, ~n).toString())
                .timestamp(T0 + session * 1000L + within * 250L).sessionId(sessionId(session))
                .machineId("bench-machine").workingDirectory("/home/dev/project-" + session)
                .eventType(type).hookType(hook).data(data).build();
    }
}
