package io.contextuate.monitor.conformance;

import java.util.List;
import java.util.Optional;

/**
 * One injected {@link Damage} and what a reader must make of it.
 *
 * @param damage          what was done
 * @param sessionId       the session directory that holds it (each damage has its own)
 * @param problems        what a reader must report, with file and line (none for harmless damage)
 * @param session         the session record that must still arrive, or {@code null} when the damage makes it
 *                        unreadable or absent
 * @param eventsToArrive  every event that must still arrive, each once, in arrival order (read the store with
 *                        {@code getEvents}/{@code streamEvents} for the session directory {@link #sessionId()})
 */
public record DamageCase(Damage damage, String sessionId, List<ExpectedProblem> problems, UpstreamSession session,
                         List<UpstreamEvent> eventsToArrive) {

    public DamageCase {
        problems = List.copyOf(problems);
        eventsToArrive = List.copyOf(eventsToArrive);
    }

    /** The session record that must arrive, if any. */
    public Optional<UpstreamSession> sessionToArrive() {
        return Optional.ofNullable(session);
    }
}
