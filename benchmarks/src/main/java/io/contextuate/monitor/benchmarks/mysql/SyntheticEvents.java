package io.contextuate.monitor.benchmarks.mysql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.EventType;
import io.contextuate.monitor.spi.model.HookType;
import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic events shaped like upstream's: 16-hex session ids, UUID event ids, tool calls and results with a
 * payload of roughly the given size, a few events per millisecond. Sessions take turns in runs of a given length:
 * runs of 1 interleave them as live sessions do; long runs group each session's events as a migration sends them.
 */
final class SyntheticEvents {

    private static final List<EventType> TYPES = List.of(EventType.TOOL_CALL, EventType.TOOL_RESULT,
            EventType.MESSAGE, EventType.THINKING, EventType.USER_PROMPT);
    private static final List<HookType> HOOKS = List.of(HookType.PRE_TOOL_USE, HookType.POST_TOOL_USE,
            HookType.STOP, HookType.USER_PROMPT_SUBMIT, HookType.NOTIFICATION);
    private static final long START = 1_730_000_000_000L;

    private final int sessions;
    private final int run;
    private final int payloadChars;
    private final String filler;

    /**
     * @param sessions     how many sessions the events are spread over
     * @param run          how many consecutive events go to one session before the next takes its turn
     * @param payloadChars about how long the payload's tool output is
     */
    SyntheticEvents(int sessions, int run, int payloadChars) {
        this.sessions = sessions;
        this.run = run;
        this.payloadChars = payloadChars;
        StringBuilder text = new StringBuilder();
        Random random = new Random(7);
        while (text.length() < payloadChars + 64) {
            text.append("line ").append(random.nextInt(100_000)).append(": src/main/java/Foo.java ✓\n");
        }
        this.filler = text.toString();
    }

    /** The session id of session number {@code n}. */
    static String sessionId(int n) {
        return String.format("%016x", 0x5e55_0000_0000L + n);
    }

    private int session(long n) {
        return (int) ((n / run) % sessions);
    }

    /** Event number {@code n} (the same n gives the same event). */
    MonitorEvent event(long n) {
        Random random = new Random(n * 7919 + 13);
        int type = (int) (n % TYPES.size());
        ObjectNode data = MonitorJson.newObject();
        data.put("toolName", "Bash");
        data.putObject("toolInput").put("command", "grep -rn pattern src/ | head -" + (n % 50));
        int offset = random.nextInt(64);
        data.put("toolOutput", filler.substring(offset, offset + payloadChars));
        data.putObject("tokenUsage").put("input", random.nextInt(5000)).put("output", random.nextInt(900));
        return MonitorEvent.builder()
                .id(new UUID(0x4000_0000_0000_0000L | n, 0x8000_0000_0000_0000L | (n * 31)).toString())
                .sessionId(sessionId(session(n)))
                .timestamp(START + n / 3)
                .machineId("bench-machine")
                .workingDirectory("/home/dev/project-" + (session(n) % 17))
                .eventType(TYPES.get(type))
                .hookType(HOOKS.get(type))
                .data(data)
                .build();
    }
}
