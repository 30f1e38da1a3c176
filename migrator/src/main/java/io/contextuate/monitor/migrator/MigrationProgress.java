package io.contextuate.monitor.migrator;

import java.time.Duration;

/**
 * A snapshot of a running migration, for progress displays.
 *
 * @param phase         what the run is doing
 * @param sessionsDone  sessions handled so far (records in the session phase, sessions with events afterwards)
 * @param sessionsTotal sessions to handle in this phase
 * @param eventsDone    events handled so far, those of resumed sessions included
 * @param eventsTotal   events in the source, as its statistics count them
 * @param rejected      rejects so far
 * @param elapsed       time since the run started
 */
public record MigrationProgress(Phase phase, long sessionsDone, long sessionsTotal, long eventsDone,
                                long eventsTotal, long rejected, Duration elapsed) {

    /** The stages of a run. */
    public enum Phase {
        SESSIONS, EVENTS, VERIFYING, DONE
    }
}
