package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes upstream-layout sessions carrying the damage real stores have ({@link Damage}), one session directory per
 * damage, and says what a reader must report and which records must still arrive.
 *
 * <p>Use, in a file-store or migrator test:
 * <pre>{@code
 * DamagedStore store = UpstreamDamage.write(tempDir, 7, EnumSet.allOf(Damage.class));
 * // open a reader on store.baseDir() with a ReadProblemListener collecting problems, read everything, then:
 * assertThat(store.unreported(problems)).isEmpty();
 * assertThat(store.unexpected(problems)).isEmpty();
 * for (DamageCase c : store.cases()) { ... c.eventsToArrive() ... c.sessionToArrive() ... }
 * }</pre>
 * The damaged sessions can share a base directory with an intact dataset written by {@link UpstreamStoreWriter}.
 */
public final class UpstreamDamage {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] NOT_UTF8 = {'b', (byte) 0xC3, '(', (byte) 0xFF, (byte) 0xFE, 'a'};
    private static final String NOT_UTF8_MARK = "NOT-UTF8-GOES-HERE";

    private UpstreamDamage() {
    }

    /** Writes one damaged session per damage under {@code baseDir}; deterministic for a seed. */
    public static DamagedStore write(Path baseDir, long seed, Set<Damage> damages) {
        UpstreamStoreWriter writer = new UpstreamStoreWriter(baseDir);
        Set<String> used = new HashSet<>();
        List<DamageCase> cases = new ArrayList<>();
        for (Damage damage : damages) {
            UpstreamSessionData session = sessionFor(seed, damage, used);
            cases.add(write(writer, damage, session));
        }
        return new DamagedStore(baseDir, cases);
    }

    private static UpstreamSessionData sessionFor(long seed, Damage damage, Set<String> used) {
        for (long s = seed * 31 + damage.ordinal(); ; s += 1_000) {
            UpstreamSessionData session = UpstreamData.generate(new UpstreamDataOptions(s, 1, 6, 0, 0, 5))
                    .sessions().get(0);
            if (used.add(session.sessionId())) {
                return session;
            }
        }
    }

    private static DamageCase write(UpstreamStoreWriter writer, Damage damage, UpstreamSessionData session) {
        String id = session.sessionId();
        Path meta = writer.metaFile(id);
        Path events = writer.eventsFile(id);
        Map<Integer, byte[]> inserted = new LinkedHashMap<>(); // 0-based position in the final file -> bytes
        List<UpstreamEvent> arriving = new ArrayList<>(session.lines());
        int middle = session.lines().size() / 2;
        byte[] metaBytes = session.session().metaJson();
        boolean writeMeta = true;
        String lineEnd = "\n";
        boolean bom = false;
        byte[] cutTail = null;
        List<ExpectedProblem> problems = new ArrayList<>();
        UpstreamSession arrivingSession = session.session();

        switch (damage) {
            case CUT_FINAL_LINE -> {
                byte[] line = extra(session, damage).line();
                cutTail = Arrays.copyOf(line, line.length / 2);
                problems.add(new ExpectedProblem(damage, id, events, session.lines().size() + 1));
            }
            case MALFORMED_LINE_IN_MIDDLE -> {
                inserted.put(middle, "{\"id\":\"broken\",\"timestamp\":1761000000000,oops}".getBytes(
                        StandardCharsets.UTF_8));
                problems.add(new ExpectedProblem(damage, id, events, middle + 1));
            }
            case EMPTY_META -> {
                metaBytes = new byte[0];
                arrivingSession = null;
                problems.add(new ExpectedProblem(damage, id, meta, 0));
            }
            case CUT_META -> {
                metaBytes = Arrays.copyOf(metaBytes, metaBytes.length / 2);
                arrivingSession = null;
                problems.add(new ExpectedProblem(damage, id, meta, 0));
            }
            case EVENTS_WITHOUT_META -> {
                writeMeta = false;
                arrivingSession = null;
                problems.add(new ExpectedProblem(damage, id, meta, 0));
            }
            case INVALID_UTF8 -> {
                inserted.put(middle, notUtf8Line(session));
                problems.add(new ExpectedProblem(damage, id, events, middle + 1));
            }
            case UTF8_BOM -> {
                bom = true;
                metaBytes = concat(BOM, metaBytes);
            }
            case CRLF_LINE_ENDS -> {
                lineEnd = "\r\n";
                metaBytes = new String(metaBytes, StandardCharsets.UTF_8).replace("\n", "\r\n")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case NON_OBJECT_LINE -> {
                inserted.put(middle, "[\"tool_call\",1761000000000]".getBytes(StandardCharsets.UTF_8));
                problems.add(new ExpectedProblem(damage, id, events, middle + 1));
            }
            case TIMESTAMP_BEYOND_64_BITS -> {
                ObjectNode json = extra(session, damage).json().deepCopy();
                json.put("timestamp", new BigInteger("18446744073709551616000"));
                inserted.put(middle, MonitorJson.toBytes(json));
                problems.add(new ExpectedProblem(damage, id, events, middle + 1));
            }
            case SESSION_ID_OF_300_CHARS -> {
                ObjectNode json = extra(session, damage).json().deepCopy();
                json.put("sessionId", (id + "-").repeat(300 / (id.length() + 1) + 1).substring(0, 300));
                inserted.put(middle, UpstreamEvent.of(json).line());
                problems.add(new ExpectedProblem(damage, id, events, middle + 1));
            }
            case FIVE_MEGABYTE_LINE -> {
                ObjectNode json = extra(session, damage).json().deepCopy();
                json.set("data", UpstreamSpecimens.largeToolResult(5 * 1024 * 1024));
                UpstreamEvent event = UpstreamEvent.of(json);
                inserted.put(middle, event.line());
                arriving.add(middle, event);
            }
            default -> throw new IllegalArgumentException("unknown damage " + damage);
        }
        writeFiles(writer, id, writeMeta ? metaBytes : null,
                eventsFile(session.lines(), inserted, lineEnd, bom, cutTail));
        List<UpstreamEvent> distinct = new UpstreamSessionData(id, null, arriving).distinctEvents();
        return new DamageCase(damage, id, problems, arrivingSession, distinct);
    }

    /** A well-formed event for this session, not among its lines, named after the damage. */
    private static UpstreamEvent extra(UpstreamSessionData session, Damage damage) {
        ObjectNode json = session.lines().get(0).json().deepCopy();
        json.put("id", "damage-" + damage.name().toLowerCase());
        json.put("eventType", "notification");
        json.put("hookType", "Notification");
        json.putObject("data").put("message", "injected for " + damage);
        return UpstreamEvent.of(json);
    }

    private static byte[] notUtf8Line(UpstreamSessionData session) {
        ObjectNode json = session.lines().get(0).json().deepCopy();
        json.put("id", "damage-invalid_utf8");
        json.putObject("data").put("message", NOT_UTF8_MARK);
        String text = MonitorJson.toText(json);
        int at = text.indexOf(NOT_UTF8_MARK);
        return concat(concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8), NOT_UTF8),
                text.substring(at + NOT_UTF8_MARK.length()).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] eventsFile(List<UpstreamEvent> lines, Map<Integer, byte[]> inserted, String lineEnd,
                                     boolean bom, byte[] cutTail) {
        List<byte[]> all = new ArrayList<>();
        lines.forEach(l -> all.add(l.line()));
        inserted.forEach((at, bytes) -> all.add(at, bytes));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(BOM);
        }
        byte[] end = lineEnd.getBytes(StandardCharsets.US_ASCII);
        for (byte[] line : all) {
            out.writeBytes(line);
            out.writeBytes(end);
        }
        if (cutTail != null) {
            out.writeBytes(cutTail);
        }
        return out.toByteArray();
    }

    private static void writeFiles(UpstreamStoreWriter writer, String id, byte[] meta, byte[] events) {
        try {
            Files.createDirectories(writer.sessionDir(id));
            if (meta != null) {
                Files.write(writer.metaFile(id), meta);
            }
            Files.write(writer.eventsFile(id), events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write damaged session " + id, e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
