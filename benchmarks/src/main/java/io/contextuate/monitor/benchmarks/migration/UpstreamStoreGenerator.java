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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Writes an upstream-shaped file store, streaming, without going through any store, whose shape matches what
 * issue 11 measured on a real store written by the upstream monitor:
 * <ul>
 *   <li>line sizes of {@code events.jsonl} drawn from a quantile function through the measured points (mean 972
 *       bytes, median 439, p90 1,875, p99 6,241, p99.9 15,209, 655 lines over 10 KB and 21 over 100 KB per 200,000,
 *       the largest about 1 MB), log-linear between them;</li>
 *   <li>events per session: one session of 31,746, a few with none (two without an events file, one with an empty
 *       one), the rest log-normal around a median of about 455, scaled to the asked total;</li>
 *   <li>payloads: tool calls and results, prompts, thinking, messages and notifications, whose strings hold line
 *       feeds, quotes, tabs, backslashes and non-ASCII text in realistic amounts, and, rarely, {@code \u0000} and a
 *       lone surrogate (a cut emoji); some sessions are subagents of an earlier one.</li>
 * </ul>
 * Deterministic for a given seed. Prints the distribution it wrote.
 *
 * <p>Usage: {@code UpstreamStoreGenerator DIR [SESSIONS] [EVENT_LINES] [SEED]} (200 sessions, 199,642 lines, seed 42).
 */
public final class UpstreamStoreGenerator {

    /** Cumulative probability and line size in bytes: the measured quantiles, plus the ends. */
    private static final double[][] LINE_QUANTILES = {
        {0, 240}, {0.1, 280}, {0.3, 330}, {0.5, 439}, {0.75, 680}, {0.9, 1_875}, {0.99, 6_241},
        {1 - 655.0 / 200_000, 10_000}, {0.999, 15_209}, {1 - 21.0 / 200_000, 100_000}, {1, 1_090_325}};
    private static final int LARGEST_SESSION = 31_746;
    private static final int EMPTY_SESSIONS = 3;
    private static final long START = 1_761_000_000_000L;

    private static final String[] ASCII_WORDS = {"src", "main", "java", "build", "OK", "error:", "warning", "test",
        "passed", "0x1f", "module-info.java", "mvn", "-B", "package", "const", "return", "function", "import",
        "=>", "{", "}", "(", ")", ";", "[INFO]", "npm", "run", "lint", "the", "a", "of", "to", "file", "line"};
    private static final String[] SPECIAL = {"\"quoted\"", "C:\\Users\\dev", "tab\there", "\\n", "say \"hi\""};
    private static final String[] NON_ASCII = {"naïve", "größe", "日本語", "λ", "→", "café", "🚀", "✓", "—"};
    private static final String[] TOOLS = {"Bash", "Read", "Edit", "Write", "Grep", "Glob", "Task", "WebFetch"};

    private final Random random;
    private final Distribution written = new Distribution();

    UpstreamStoreGenerator(long seed) {
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int sessions = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int lines = args.length > 2 ? Integer.parseInt(args[2]) : 199_642;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        long start = System.nanoTime();
        UpstreamStoreGenerator generator = new UpstreamStoreGenerator(seed);
        generator.write(dir, sessions, lines);
        System.out.printf(Locale.ROOT, "generated %s in %.1f s (seed %d)%n", dir, (System.nanoTime() - start) / 1e9,
                seed);
        generator.written.print();
    }

    /** Writes the store. */
    void write(Path dir, int sessions, int lines) throws IOException {
        int[] counts = sessionSizes(sessions, lines);
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            // about one session in eight is a subagent of an earlier one
            String parent = s > 0 && random.nextInt(8) == 0 ? ids.get(random.nextInt(ids.size())) : null;
            ids.add(id);
            writeSession(dir.resolve("sessions").resolve(id), id, parent, s, counts[s]);
        }
    }

    /** Events per session: the largest, a few empty (-1: no events file), the rest log-normal scaled to the total. */
    private int[] sessionSizes(int sessions, int lines) {
        int[] counts = new int[sessions];
        double[] draws = new double[sessions];
        double sum = 0;
        for (int s = 0; s < sessions; s++) {
            draws[s] = Math.exp(Math.log(455) + 1.2 * random.nextGaussian());
        }
        int largest = random.nextInt(sessions);
        List<Integer> empty = new ArrayList<>();
        while (empty.size() < Math.min(EMPTY_SESSIONS, sessions - 1)) {
            int e = random.nextInt(sessions);
            if (e != largest && !empty.contains(e)) {
                empty.add(e);
            }
        }
        for (int s = 0; s < sessions; s++) {
            if (s != largest && !empty.contains(s)) {
                sum += draws[s];
            }
        }
        int rest = Math.max(0, lines - Math.min(LARGEST_SESSION, lines));
        int assigned = 0;
        for (int s = 0; s < sessions; s++) {
            if (s == largest) {
                counts[s] = Math.min(LARGEST_SESSION, lines);
            } else if (empty.contains(s)) {
                counts[s] = empty.indexOf(s) < 2 ? -1 : 0;
            } else {
                counts[s] = Math.max(1, (int) Math.round(draws[s] * rest / sum));
                assigned += counts[s];
            }
        }
        // rounding: the difference goes to (or comes from) the first ordinary session big enough
        for (int s = 0; s < sessions && assigned != rest; s++) {
            if (s != largest && counts[s] > Math.abs(rest - assigned) + 1) {
                counts[s] += rest - assigned;
                assigned = rest;
            }
        }
        return counts;
    }

    private void writeSession(Path dir, String id, String parent, int index, int count) throws IOException {
        Files.createDirectories(dir);
        String cwd = "/Users/dev/projects/app-" + (index % 17);
        long t = START + index * 3_600_000L;
        written.session(Math.max(count, 0));
        if (count >= 0) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve("events.jsonl")),
                    1 << 16)) {
                for (int i = 0; i < count; i++) {
                    t += 1 + random.nextInt(4_000);
                    byte[] line = MonitorJson.toLine(event(id, parent, cwd, i, count, t));
                    out.write(line);
                    out.write('\n');
                    written.line(line.length + 1);
                }
            }
        }
        SessionMeta meta = SessionMeta.builder().sessionId(id).machineId("dev-mbp").workingDirectory(cwd)
                .startTime(START + index * 3_600_000L).endTime(t).status(SessionStatus.COMPLETED)
                .parentSessionId(parent).childSessionIds(List.of())
                .tokenUsage(TokenUsage.of(Math.max(count, 1) * 120L, Math.max(count, 1) * 45L))
                .model("claude-sonnet-4-5-20250929").build();
        Files.write(dir.resolve("meta.json"), MonitorJson.toMetaJson(meta));
    }

    private MonitorEvent event(String sessionId, String parent, String cwd, int i, int count, long timestamp) {
        MonitorEvent.Builder b = MonitorEvent.builder().id(new UUID(random.nextLong(), random.nextLong()).toString())
                .timestamp(timestamp).sessionId(sessionId).parentSessionId(parent).machineId("dev-mbp")
                .workingDirectory(cwd);
        ObjectNode data = MonitorJson.newObject();
        ObjectNode holder = data; // the object that holds the growing member
        String grow; // the member that carries the bulk of the line
        int kind = random.nextInt(100);
        if (i == 0) {
            b.eventType(EventType.SESSION_START).hookType(HookType.SESSION_START);
            data.put("source", "startup");
            grow = null;
        } else if (i == count - 1) {
            b.eventType(EventType.SESSION_END).hookType(HookType.SESSION_END);
            data.put("reason", "exit");
            grow = null;
        } else if (kind < 4) {
            b.eventType(EventType.USER_PROMPT).hookType(HookType.USER_PROMPT_SUBMIT);
            grow = "prompt";
        } else if (kind < 44) {
            b.eventType(EventType.TOOL_CALL).hookType(HookType.PRE_TOOL_USE);
            data.put("toolName", TOOLS[random.nextInt(TOOLS.length)]);
            data.put("toolUseId", "toolu_" + Long.toHexString(random.nextLong()));
            holder = data.putObject("toolInput");
            grow = "command";
        } else if (kind < 84) {
            b.eventType(EventType.TOOL_RESULT).hookType(HookType.POST_TOOL_USE);
            data.put("toolName", TOOLS[random.nextInt(TOOLS.length)]);
            data.put("toolUseId", "toolu_" + Long.toHexString(random.nextLong()));
            data.put("success", random.nextInt(20) != 0);
            data.put("durationMs", random.nextInt(20_000));
            grow = "toolOutput";
        } else if (kind < 92) {
            b.eventType(EventType.THINKING).hookType(HookType.STOP);
            grow = "content";
        } else if (kind < 97) {
            b.eventType(EventType.MESSAGE).hookType(HookType.STOP);
            data.put("role", "assistant");
            grow = "message";
        } else {
            b.eventType(EventType.NOTIFICATION).hookType(HookType.NOTIFICATION);
            grow = "message";
        }
        MonitorEvent event = b.data(data).build();
        if (grow == null) {
            return event;
        }
        holder.put(grow, "");
        int envelope = MonitorJson.toLine(event).length + 1;
        holder.put(grow, text(Math.max(0, lineSize() - envelope)));
        return event;
    }

    /** A line size drawn from {@link #LINE_QUANTILES}. */
    private int lineSize() {
        double u = random.nextDouble();
        for (int k = 1; k < LINE_QUANTILES.length; k++) {
            if (u <= LINE_QUANTILES[k][0]) {
                double[] lo = LINE_QUANTILES[k - 1];
                double[] hi = LINE_QUANTILES[k];
                double f = (u - lo[0]) / (hi[0] - lo[0]);
                return (int) Math.round(Math.exp(Math.log(lo[1]) + f * (Math.log(hi[1]) - Math.log(lo[1]))));
            }
        }
        return (int) LINE_QUANTILES[LINE_QUANTILES.length - 1][1];
    }

    /**
     * Text whose compact JSON encoding (quotes excluded) takes about {@code bytes} bytes: words, line feeds every
     * few words, quotes, tabs and backslashes, non-ASCII words now and then; one text in 3,000 holds a NUL and one
     * in 3,000 ends with half an emoji.
     */
    private String text(int bytes) {
        StringBuilder b = new StringBuilder(bytes);
        int size = 0;
        boolean nul = random.nextInt(3_000) == 0;
        boolean cut = random.nextInt(3_000) == 0;
        int reserve = (nul ? 6 : 0) + (cut ? 6 : 0);
        while (size + reserve < bytes) {
            int pick = random.nextInt(100);
            String word;
            if (pick < 3) {
                word = SPECIAL[random.nextInt(SPECIAL.length)];
            } else if (pick < 5) {
                word = NON_ASCII[random.nextInt(NON_ASCII.length)];
            } else {
                word = ASCII_WORDS[random.nextInt(ASCII_WORDS.length)];
            }
            int cost = jsonBytes(word) + (random.nextInt(8) == 0 ? 2 : 1);
            if (size + reserve + cost > bytes) {
                while (size + reserve < bytes) { // pad exactly
                    b.append('.');
                    size++;
                }
                break;
            }
            b.append(word);
            size += jsonBytes(word);
            if (cost - jsonBytes(word) == 2) {
                b.append('\n');
                size += 2;
            } else {
                b.append(' ');
                size++;
            }
        }
        if (nul) {
            b.insert(b.length() / 2, '\u0000');
            written.nul();
        }
        if (cut) {
            b.append('\ud83d');
            written.loneSurrogate();
        }
        return b.toString();
    }

    /** The bytes a string takes inside a compact JSON string as MonitorJson writes it (UTF-8, short escapes). */
    private static int jsonBytes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\t' || c == '\r') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** What was written, to print. */
    private static final class Distribution {
        private int[] lines = new int[1 << 16];
        private int lineCount;
        private long bytes;
        private final List<Integer> sessions = new ArrayList<>();
        private int nuls;
        private int loneSurrogates;

        void line(int size) {
            if (lineCount == lines.length) {
                lines = Arrays.copyOf(lines, lines.length * 2);
            }
            lines[lineCount++] = size;
            bytes += size;
        }

        void session(int events) {
            sessions.add(events);
        }

        void nul() {
            nuls++;
        }

        void loneSurrogate() {
            loneSurrogates++;
        }

        void print() {
            int[] sorted = Arrays.copyOf(lines, lineCount);
            Arrays.sort(sorted);
            long over10k = Arrays.stream(sorted).filter(s -> s > 10_000).count();
            long over100k = Arrays.stream(sorted).filter(s -> s > 100_000).count();
            System.out.printf(Locale.ROOT, "lines: %,d, %.1f MiB; bytes per line (line feed included): mean %.0f, "
                            + "median %d, p90 %d, p99 %d, p99.9 %d, max %,d; over 10 KB %d, over 100 KB %d%n",
                    lineCount, bytes / 1048576.0, (double) bytes / Math.max(1, lineCount), at(sorted, 0.5),
                    at(sorted, 0.9), at(sorted, 0.99), at(sorted, 0.999),
                    lineCount == 0 ? 0 : sorted[lineCount - 1], over10k, over100k);
            int[] perSession = sessions.stream().mapToInt(Integer::intValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "sessions: %d; events per session: median %d, max %,d, empty %d; strings "
                            + "with U+0000: %d, ending in a lone surrogate: %d%n", perSession.length,
                    at(perSession, 0.5), perSession.length == 0 ? 0 : perSession[perSession.length - 1],
                    Arrays.stream(perSession).filter(n -> n == 0).count(), nuls, loneSurrogates);
        }

        private static int at(int[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        }
    }
}
