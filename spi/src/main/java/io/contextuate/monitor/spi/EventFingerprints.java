package io.contextuate.monitor.spi;

import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fingerprints of the events a store holds, computed where it keeps them (by its database server, say), and the
 * fingerprint it would hold for a given event: a verification compares the two without reading the events back.
 *
 * <p>An equal fingerprint means the store holds the event as it would store the given one; an unequal one proves
 * nothing by itself (the event may have been stored another way and still be JSON-equal), so a caller settles a
 * mismatch by comparing the events themselves. A fingerprint is a checksum against accidental differences, not a
 * defence against forged ones.
 *
 * @see MonitorStore#eventFingerprints()
 */
@MayChange("new: how a store whose server normalises what it keeps (PostgreSQL's jsonb) offers them is not settled")
public interface EventFingerprints {

    /**
     * The fingerprint this store holds for {@code event} once it has saved it as given, computed without the store;
     * empty when the store would refuse the event.
     */
    Optional<String> of(MonitorEvent event);

    /**
     * The id, timestamp and fingerprint of every event of the session the store holds, in the order of
     * {@link MonitorStore#streamEvents}, in constant memory. Close the stream.
     */
    Stream<Fingerprint> stream(String sessionId);

    /** One stored event's fingerprint. */
    record Fingerprint(String id, long timestamp, String value) {
    }
}
