package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.spi.model.TokenUsage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes upstream's files directly, as upstream does (appends, in-place rewrites), for the sync tests. */
final class SyncFiles {

    static final long T0 = 1_761_000_000_000L;

    private SyncFiles() {
    }

    static MonitorEvent event(String session, String id, long i) {
        return MonitorEvent.builder().id(id).timestamp(T0 + i).sessionId(session).machineId("m1")
                .workingDirectory("/w").eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE)
                .data(MonitorJson.newObject().put("n", i)).build();
    }

    static SessionMeta session(String id, long tokens) {
        return SessionMeta.builder().sessionId(id).machineId("m1").workingDirectory("/w").startTime(T0)
                .status(SessionStatus.ACTIVE).tokenUsage(new TokenUsage(tokens, tokens, null, null, java.util.Map.of())).build();
    }

    static Path dir(Path base, String session) throws IOException {
        Path dir = base.resolve("sessions").resolve(session);
        Files.createDirectories(dir);
        return dir;
    }

    /** Appends the events' lines to the session's events file. */
    static void append(Path base, MonitorEvent... events) throws IOException {
        for (MonitorEvent e : events) {
            byte[] json = MonitorJson.toLine(e);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            Files.write(dir(base, e.sessionId()).resolve("events.jsonl"), line, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    static void appendBytes(Path base, String session, byte[] bytes) throws IOException {
        Files.write(dir(base, session).resolve("events.jsonl"), bytes, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Rewrites meta.json in place (truncate, then write), as upstream does. */
    static void writeMeta(Path base, SessionMeta s) throws IOException {
        Files.write(dir(base, s.sessionId()).resolve("meta.json"), MonitorJson.toMetaJson(s));
    }
}
