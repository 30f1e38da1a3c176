package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A seeded, deterministic generator of stores shaped like what the upstream monitor really writes
 * (shared/UPSTREAM-FORMAT.md): session ids of 16 hex, 8 hex and 8-17 character agent ids; UUID and other event ids;
 * all sixteen event types and twelve hook types, {@code Unknown}, and types no one has seen; {@code data} that is
 * {@code {}} where upstream leaves it empty, tool inputs and outputs, thinking blocks, token usage, errors,
 * subagents, the {@code <synthetic>} model; NUL, lone surrogates, emoji and Windows paths inside strings; unknown
 * members; optional members absent; member order varying ({@code parentSessionId} last on re-routed records);
 * events out of timestamp order, ties, and identical duplicate lines; deep nesting and numbers beyond 64 bits.
 *
 * <p>The first nine sessions (when asked for that many) have these shapes, in this order of generation:
 * a main session; its subagent child (written before its parent); a virtual 8-hex child with a {@code meta.json} and
 * no events; a session that is its own parent; a session whose parent does not exist; a session that ended before
 * it started; an old {@code meta.json} without {@code isUserInitiated}/{@code isPinned} and without label; an
 * {@code events.jsonl} without {@code meta.json}; a pinned session in error. The rest are ordinary sessions and
 * children. The main session holds, in order, the deeply nested output, the big numbers and the tricky strings
 * (when it has at least five events), an identical duplicate line, a pair of lines out of order, and the model
 * {@code <synthetic>}.
 *
 * <p>Use: {@code UpstreamDataset data = UpstreamData.generate(UpstreamDataOptions.small(42));}
 */
public final class UpstreamData {

    /** The start of the generated timeline, Unix ms (October 2025). */
    public static final long BASE_TIME = 1_761_000_000_000L;

    /** An event type no upstream version knows, with a hook no upstream version knows. */
    public static final String UNSEEN_EVENT_TYPE = "worktree_create";
    public static final String UNSEEN_HOOK_TYPE = "WorktreeCreate";
    /** A hook upstream does not know, which its hook maps to event type {@code message}. */
    public static final String UNRECOGNISED_HOOK = "TeammateIdle";

    private enum Shape {
        MAIN, SUBAGENT_CHILD, VIRTUAL_WITHOUT_EVENTS, SELF_PARENT, MISSING_PARENT, ENDS_BEFORE_START, OLD_META,
        EVENTS_WITHOUT_META, PINNED_ERROR, ORDINARY
    }

    private record TypePair(String eventType, String hookType) {
    }

    private record Plan(int index, Shape shape, String sessionId, String parentSessionId, String workingDirectory,
                        boolean subagent) {
    }

    /** Every known event and hook type, Unknown, and unseen types: the first events of a dataset use each once. */
    private static final List<TypePair> COVERAGE = List.of(
            new TypePair("user_prompt", "UserPromptSubmit"),
            new TypePair("tool_call", "PreToolUse"),
            new TypePair("tool_result", "PostToolUse"),
            new TypePair("thinking", "Stop"),
            new TypePair("tool_error", "PostToolUseFailure"),
            new TypePair("notification", "Notification"),
            new TypePair("permission_request", "PermissionRequest"),
            new TypePair("agent_spawn", "PreToolUse"),
            new TypePair("subagent_start", "SubagentStart"),
            new TypePair("subagent_stop", "SubagentStop"),
            new TypePair("agent_complete", "PostToolUse"),
            new TypePair("pre_compact", "PreCompact"),
            new TypePair("error", "Unknown"),
            new TypePair("message", "Unknown"),
            new TypePair("message", UNRECOGNISED_HOOK),
            new TypePair(UNSEEN_EVENT_TYPE, UNSEEN_HOOK_TYPE),
            new TypePair("session_end", "Stop"),
            new TypePair("session_end", "SessionEnd"),
            new TypePair("session_start", "SessionStart"));

    /** What ordinary events are drawn from, weighted by repetition as in real sessions. */
    private static final List<TypePair> COMMON = List.of(
            new TypePair("tool_call", "PreToolUse"), new TypePair("tool_result", "PostToolUse"),
            new TypePair("tool_call", "PreToolUse"), new TypePair("tool_result", "PostToolUse"),
            new TypePair("tool_call", "PreToolUse"), new TypePair("tool_result", "PostToolUse"),
            new TypePair("user_prompt", "UserPromptSubmit"), new TypePair("session_end", "Stop"),
            new TypePair("notification", "Notification"), new TypePair("tool_error", "PostToolUseFailure"),
            new TypePair("thinking", "Stop"), new TypePair("permission_request", "PermissionRequest"));

    private static final String[] TOOLS = {"Bash", "Read", "Edit", "Write", "Grep", "Glob"};
    private static final String[] MODELS = {"claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "<synthetic>"};
    private static final String[] AGENT_TYPES = {"general-purpose", "Explore", "code-reviewer"};
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final UpstreamDataOptions options;
    private final Random random;
    private final Set<String> sessionIds = new HashSet<>();
    private int coverageNext;
    private int eventCounter;
    private int toolResults;

    private UpstreamData(UpstreamDataOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
    }

    /** Generates a dataset; the same options always give the same dataset, byte for byte. */
    public static UpstreamDataset generate(UpstreamDataOptions options) {
        return new UpstreamData(options).dataset();
    }

    private UpstreamDataset dataset() {
        List<Plan> plans = plans();
        List<UpstreamSessionData> written = new ArrayList<>();
        for (Plan plan : plans) {
            List<UpstreamEvent> lines = plan.shape() == Shape.VIRTUAL_WITHOUT_EVENTS ? List.of() : lines(plan);
            UpstreamSession meta = plan.shape() == Shape.EVENTS_WITHOUT_META ? null : meta(plan, plans, lines);
            UpstreamSessionData data = new UpstreamSessionData(plan.sessionId(), meta, lines);
            if (plan.shape() == Shape.SUBAGENT_CHILD) {
                written.add(written.size() - 1, data); // upstream can write a child before its parent
            } else {
                written.add(data);
            }
        }
        return new UpstreamDataset(written);
    }

    // ---------------------------------------------------------------- who is who

    private List<Plan> plans() {
        List<Plan> plans = new ArrayList<>();
        Shape[] shapes = Shape.values();
        for (int i = 0; i < options.sessions(); i++) {
            Shape shape = i < shapes.length - 1 ? shapes[i] : Shape.ORDINARY;
            String dir = i % 4 == 3 ? "C:\\Users\\dev\\projects\\shop-api" : "/home/dev/projects/shop-api";
            String main = plans.isEmpty() ? null : plans.get(0).sessionId();
            plans.add(switch (shape) {
                case SUBAGENT_CHILD -> new Plan(i, shape, newId(agentId()), main, dir, true);
                case VIRTUAL_WITHOUT_EVENTS -> new Plan(i, shape, newId(hex(8)), main, dir, true);
                case SELF_PARENT -> {
                    String id = newId(hex(16));
                    yield new Plan(i, shape, id, id, dir, false);
                }
                case MISSING_PARENT -> new Plan(i, shape, newId(hex(16)), hex(16), dir, true);
                case ORDINARY -> ordinary(plans, dir);
                default -> new Plan(i, shape, newId(hex(16)), null, dir, false);
            });
        }
        return plans;
    }

    private Plan ordinary(List<Plan> earlier, String dir) {
        int kind = random.nextInt(5);
        Plan parent = earlier.get(random.nextInt(earlier.size()));
        return switch (kind) {
            case 0 -> new Plan(earlier.size(), Shape.ORDINARY, newId(hex(8)), parent.sessionId(), dir, true);
            case 1 -> new Plan(earlier.size(), Shape.ORDINARY, newId(agentId()), parent.sessionId(), dir, true);
            default -> new Plan(earlier.size(), Shape.ORDINARY, newId(hex(16)), null, dir, false);
        };
    }

    private String newId(String candidate) {
        String id = candidate;
        while (!sessionIds.add(id)) {
            id = hex(id.length());
        }
        return id;
    }

    private String hex(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }

    private String agentId() {
        int length = 8 + random.nextInt(10);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    private String eventId() {
        eventCounter++;
        return switch (eventCounter % 13) {
            case 5 -> "evt-" + eventCounter;
            case 11 -> BASE_TIME + "-" + hex(6);
            default -> {
                long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
                long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                yield new UUID(msb, lsb).toString();
            }
        };
    }

    // ---------------------------------------------------------------- events

    private List<UpstreamEvent> lines(Plan plan) {
        String model = plan.shape() == Shape.MAIN ? "<synthetic>" : MODELS[random.nextInt(MODELS.length)];
        SessionContext ctx = new SessionContext(plan, model);
        long ts = BASE_TIME + plan.index() * 3_600_000L + random.nextInt(600_000);
        List<UpstreamEvent> inOrder = new ArrayList<>();
        for (int k = 0; k < options.eventsPerSession(); k++) {
            if (k > 0) {
                ts += random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(4_000); // equal timestamps happen
            }
            boolean specimen = plan.shape() == Shape.MAIN && options.eventsPerSession() >= 5 && k >= 2 && k <= 4;
            TypePair type = specimen ? new TypePair("tool_result", "PostToolUse")
                    : k == 0 ? firstType(plan) : nextType();
            ObjectNode data = specimen ? specimen(k) : data(type, ctx);
            inOrder.add(UpstreamEvent.of(event(plan, type, ts, data)));
        }
        return arrivalOrder(plan, inOrder);
    }

    private ObjectNode specimen(int k) {
        ObjectNode data = MonitorJson.newObject();
        data.put("toolName", "Bash");
        data.putObject("toolInput").put("command", "./inspect --all");
        data.set("toolOutput", switch (k) {
            case 2 -> UpstreamSpecimens.deepNesting(options.nestingDepth());
            case 3 -> UpstreamSpecimens.bigNumbers();
            default -> UpstreamSpecimens.trickyStrings();
        });
        return data;
    }

    private TypePair firstType(Plan plan) {
        return plan.subagent() ? new TypePair("subagent_start", "SubagentStart")
                : new TypePair("session_start", "SessionStart");
    }

    private TypePair nextType() {
        if (coverageNext < COVERAGE.size()) {
            return COVERAGE.get(coverageNext++);
        }
        return COMMON.get(random.nextInt(COMMON.size()));
    }

    private ObjectNode event(Plan plan, TypePair type, long ts, ObjectNode data) {
        ObjectNode e = MonitorJson.newObject();
        e.put("id", eventId());
        e.put("timestamp", ts);
        e.put("sessionId", plan.sessionId());
        boolean parentLast = plan.parentSessionId() != null && random.nextInt(3) == 0; // re-routed by the daemon
        if (plan.parentSessionId() != null && !parentLast) {
            e.put("parentSessionId", plan.parentSessionId());
        }
        e.put("machineId", "dev-laptop-7f3a");
        e.put("workingDirectory", plan.workingDirectory());
        e.put("eventType", type.eventType());
        e.put("hookType", type.hookType());
        e.set("data", data);
        switch (random.nextInt(10)) {
            case 0 -> e.put("hookVersion", "0.9.3");
            case 1 -> e.putObject("source").put("pid", 4242).put("tty", (String) null);
            default -> { }
        }
        if (parentLast) {
            e.put("parentSessionId", plan.parentSessionId());
        }
        return e;
    }

    /** Swaps some neighbours and repeats some lines, as upstream's appends and daemon restarts do. */
    private List<UpstreamEvent> arrivalOrder(Plan plan, List<UpstreamEvent> inOrder) {
        List<UpstreamEvent> lines = new ArrayList<>(inOrder);
        for (int k = 1; k < lines.size(); k++) {
            if (random.nextInt(8) == 0 || (plan.shape() == Shape.MAIN && k == 6)) {
                lines.set(k - 1, lines.set(k, lines.get(k - 1)));
            }
        }
        int duplicates = plan.shape() == Shape.MAIN ? 1 : (random.nextInt(4) == 0 ? 1 : 0);
        for (int d = 0; d < duplicates && lines.size() > 1; d++) {
            int from = random.nextInt(lines.size() - 1);
            lines.add(from + 1 + random.nextInt(lines.size() - from), lines.get(from));
        }
        return lines;
    }

    private ObjectNode data(TypePair type, SessionContext ctx) {
        ObjectNode d = MonitorJson.newObject();
        switch (type.eventType()) {
            case "session_start", "pre_compact" -> { }
            case "user_prompt" -> d.put("message", pick("Fix the failing test in OrderServiceTest",
                    "Why is the build slow? \ud83e\udd14", "Rename parseCsv to readCsv everywhere"));
            case "tool_call" -> toolCall(d, ctx);
            case "tool_result" -> toolResult(d, ctx);
            case "tool_error" -> {
                toolCall(d, ctx);
                d.putObject("error").put("code", "TOOL_FAILED").put("message", "Exit code 1");
            }
            case "notification" -> d.put("message", "Claude needs your permission to use Bash");
            case "permission_request" -> {
                toolCall(d, ctx);
                d.put("message", "Allow Bash to run `rm -rf build`?");
            }
            case "thinking" -> {
                d.put("thinking", "Let me look at the stack trace first.");
                d.set("thinkingBlocks", ctx.thinkingBlocks(random));
            }
            case "session_end" -> {
                if (type.hookType().equals("Stop")) {
                    stop(d, ctx);
                }
            }
            case "error" -> d.putObject("error").put("code", "UNKNOWN").put("message", "An error occurred");
            case "agent_spawn", "agent_complete", "subagent_start", "subagent_stop" -> subagent(d, type, ctx);
            case "message" -> d.put("message", "Hook " + type.hookType() + " fired");
            default -> d.put("worktree", ctx.plan.workingDirectory() + (ctx.windows() ? "\\" : "/") + ".wt-1");
        }
        return d;
    }

    private void toolCall(ObjectNode d, SessionContext ctx) {
        String tool = TOOLS[random.nextInt(TOOLS.length)];
        d.put("toolName", tool);
        ObjectNode input = d.putObject("toolInput");
        if (tool.equals("Bash")) {
            input.put("command", "mvn -q test -pl core").put("description", "Run the core tests");
        } else {
            input.put("file_path", ctx.path("src", "main", "java", "App.java"));
            if (tool.equals("Edit")) {
                input.put("old_string", "parseCsv(").put("new_string", "readCsv(").put("replace_all", true);
            }
        }
    }

    private void toolResult(ObjectNode d, SessionContext ctx) {
        boolean large = options.largePayloadEvery() > 0 && toolResults % options.largePayloadEvery() == 0;
        toolResults++;
        if (large) {
            d.setAll(UpstreamSpecimens.largeToolResult(options.largePayloadBytes()));
            return;
        }
        toolCall(d, ctx);
        if (random.nextBoolean()) {
            d.put("toolOutput", "Tests run: " + random.nextInt(300) + ", Failures: 0\n");
        } else {
            ObjectNode out = d.putObject("toolOutput");
            out.put("stdout", pick("ok", "binary\u0000blob", "cut \ud83d", "done \u2705",
                    ctx.path("target", "classes")));
            out.put("stderr", "");
            out.put("interrupted", false);
            out.put("isImage", false);
        }
    }

    private void stop(ObjectNode d, SessionContext ctx) {
        d.put("assistantResponse", "I fixed the test: the fixture used the wrong time zone.");
        d.set("thinkingBlocks", ctx.thinkingBlocks(random));
        ObjectNode usage = d.putObject("tokenUsage");
        usage.put("input", 1_200 + random.nextInt(900)).put("output", 300 + random.nextInt(500));
        usage.put("cacheRead", random.nextInt(90_000)).put("cacheWrite", random.nextInt(9_000));
        if (random.nextBoolean()) {
            usage.put("cacheCreation5m", random.nextInt(5_000)).put("cacheCreation1h", 0);
        }
        ctx.input += usage.get("input").longValue();
        ctx.output += usage.get("output").longValue();
        d.putObject("sessionTokenUsage").put("input", ctx.input).put("output", ctx.output);
        d.put("model", ctx.model);
        d.put("transcriptPath", ctx.transcriptPath());
    }

    private void subagent(ObjectNode d, TypePair type, SessionContext ctx) {
        String agentType = AGENT_TYPES[random.nextInt(AGENT_TYPES.length)];
        ObjectNode sub = MonitorJson.newObject();
        sub.put("type", agentType);
        sub.put("prompt", "Find every caller of OrderService.place and list them");
        if (!type.eventType().equals("agent_spawn")) {
            sub.put("agentId", agentId());
        }
        sub.put("description", "Find callers");
        if (type.eventType().startsWith("agent_")) {
            d.put("toolName", "Task");
            d.putObject("toolInput").put("subagent_type", agentType).put("prompt", sub.get("prompt").textValue());
        }
        d.set("subagent", sub);
        if (type.eventType().equals("subagent_stop")) {
            d.put("transcriptPath", ctx.transcriptPath());
        }
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    // ---------------------------------------------------------------- session records

    private UpstreamSession meta(Plan plan, List<Plan> plans, List<UpstreamEvent> lines) {
        long start = lines.isEmpty() ? BASE_TIME + random.nextInt(1_000_000) : lines.get(0).timestamp();
        long last = lines.stream().mapToLong(UpstreamEvent::timestamp).max().orElse(start);
        String status = switch (plan.shape()) {
            case MAIN, ENDS_BEFORE_START, OLD_META, SELF_PARENT -> "completed";
            case PINNED_ERROR -> "error";
            case ORDINARY -> plan.subagent() ? "active" : pick("completed", "completed", "active", "error");
            default -> "active";
        };
        Long end = switch (plan.shape()) {
            case ENDS_BEFORE_START -> start - 60_000;
            default -> status.equals("active") ? null : last;
        };
        ObjectNode m = MonitorJson.newObject();
        m.put("sessionId", plan.sessionId());
        m.put("machineId", "dev-laptop-7f3a");
        m.put("workingDirectory", plan.workingDirectory());
        m.put("startTime", start);
        if (end != null) {
            m.put("endTime", end);
        }
        m.put("status", status);
        boolean parentLast = plan.parentSessionId() != null && random.nextBoolean();
        if (plan.parentSessionId() != null && !parentLast) {
            m.put("parentSessionId", plan.parentSessionId());
        }
        ArrayNode children = m.putArray("childSessionIds");
        plans.stream().filter(p -> plan.sessionId().equals(p.parentSessionId()))
                .forEach(p -> children.add(p.sessionId()));
        ObjectNode usage = m.putObject("tokenUsage");
        usage.put("totalInput", random.nextInt(200_000)).put("totalOutput", random.nextInt(40_000));
        if (random.nextInt(3) > 0) {
            usage.put("totalCacheRead", random.nextInt(2_000_000)).put("totalCacheCreation", random.nextInt(90_000));
        }
        if (random.nextInt(4) == 0) {
            m.put("hidden", random.nextBoolean());
        }
        if (plan.subagent()) {
            m.put("agentType", AGENT_TYPES[random.nextInt(AGENT_TYPES.length)]);
        }
        if (plan.shape() != Shape.OLD_META) {
            m.put("isUserInitiated", !plan.subagent());
            m.put("isPinned", plan.shape() == Shape.PINNED_ERROR);
        }
        if (random.nextInt(6) == 0) {
            m.put("manualParentSessionId", hex(16));
        }
        if (plan.shape() == Shape.MAIN || (plan.shape() == Shape.ORDINARY && random.nextInt(3) == 0)) {
            m.put("label", "Fix flaky \ud83d\udc1b in checkout");
        }
        if (!lines.isEmpty()) {
            m.put("model", plan.shape() == Shape.MAIN ? "<synthetic>" : MODELS[random.nextInt(MODELS.length)]);
            m.put("transcriptPath", new SessionContext(plan, "").transcriptPath());
        }
        if (random.nextInt(4) == 0 || plan.shape() == Shape.MAIN) {
            m.putObject("uiState").put("collapsed", true).putArray("tags").add("billing");
        }
        if (parentLast) {
            m.put("parentSessionId", plan.parentSessionId());
        }
        return UpstreamSession.of(m);
    }

    /** What the daemon carries from event to event within one session. */
    private static final class SessionContext {
        private final Plan plan;
        private final String model;
        private final List<String> thoughts = new ArrayList<>();
        private long input;
        private long output;

        SessionContext(Plan plan, String model) {
            this.plan = plan;
            this.model = model;
        }

        boolean windows() {
            return plan.workingDirectory().startsWith("C:");
        }

        String path(String... parts) {
            String sep = windows() ? "\\" : "/";
            return plan.workingDirectory() + sep + String.join(sep, parts);
        }

        String transcriptPath() {
            return windows()
                    ? "C:\\Users\\dev\\.claude\\projects\\C--Users-dev-projects-shop-api\\" + plan.sessionId() + ".jsonl"
                    : "/home/dev/.claude/projects/-home-dev-projects-shop-api/" + plan.sessionId() + ".jsonl";
        }

        /** Thinking blocks repeat and grow from one Stop to the next. */
        ArrayNode thinkingBlocks(Random random) {
            thoughts.add("Step " + (thoughts.size() + 1) + ": check " + (random.nextBoolean() ? "the fixture"
                    : "the clock"));
            ArrayNode blocks = MonitorJson.newObject().arrayNode();
            for (int i = 0; i < thoughts.size(); i++) {
                ObjectNode block = blocks.addObject();
                block.put("content", thoughts.get(i));
                block.put("timestamp", BASE_TIME + i * 1000L);
                if (i % 2 == 0) {
                    block.put("requestId", "req_" + (1000 + i));
                }
            }
            return blocks;
        }
    }
}
