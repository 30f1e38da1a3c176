package io.contextuate.monitor.migrator;

import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;

import java.util.Optional;

/** The check a dry run makes of each record: written as JSON and read back, it must be JSON-equal to itself. */
final class RoundTrip {

    private static final String CHANGED = "does not survive a JSON round trip unchanged";

    private RoundTrip() {
    }

    /** Why the session does not survive the round trip, if it does not. */
    static Optional<String> problemOf(SessionMeta session, byte[] json) {
        try {
            SessionMeta back = MonitorJson.readSession(json);
            return CanonicalJson.equal(MonitorJson.toJson(back), MonitorJson.toJson(session)) ? Optional.empty()
                    : Optional.of(CHANGED);
        } catch (InvalidRecordException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Why the event does not survive the round trip through its line, if it does not. */
    static Optional<String> problemOf(MonitorEvent event, byte[] line) {
        try {
            MonitorEvent back = MonitorJson.readEvent(line);
            return CanonicalJson.equal(MonitorJson.toJson(back), MonitorJson.toJson(event)) ? Optional.empty()
                    : Optional.of(CHANGED);
        } catch (InvalidRecordException e) {
            return Optional.of(e.getMessage());
        }
    }
}
