package io.contextuate.monitor.spi;

import io.contextuate.monitor.spi.model.MonitorEvent;

import java.util.OptionalLong;

/**
 * Fingerprints of the events a store holds, summed per session where it keeps them (by its database server, say),
 * and the fingerprint it would hold for a given event: a verification compares a session's sum with the sum over the
 * events it was given, in any order, without reading the events back.
 *
 * <p>A fingerprint is 64 bits; a session's is the number of its events and the sum of their fingerprints modulo
 * 2<sup>64</sup>, so it does not depend on the order the events are read in. An equal sum means the store holds the
 * events as it would store the given ones; an unequal one proves nothing by itself (an event may have been stored
 * another way and still be JSON-equal), so a caller settles a mismatch by comparing the events themselves. A
 * fingerprint is a checksum against accidental differences, not a defence against forged ones.
 *
 * <p>Both methods may be called from several threads at once: a migration fingerprints what each of its lanes sends,
 * and asks for the sums of two sessions at a time.
 *
 * @see MonitorStore#eventFingerprints()
 */
@MayChange("new: sums per session since 2026-12-07; may still change as more backends offer them")
public interface EventFingerprints {

    /**
     * The fingerprint this store holds for {@code event} once it has saved it as given, computed without the store;
     * empty when the store would refuse the event or cannot tell without storing it.
     */
    OptionalLong of(MonitorEvent event);

    /** The number and the summed fingerprints of the events the store holds for the session (none: zero and zero). */
    SessionFingerprint session(String sessionId);

    /**
     * How many events a session holds and the sum of their fingerprints modulo 2<sup>64</sup>.
     *
     * @param events how many events
     * @param sum    the sum of their fingerprints, wrapped around as {@code long} addition does
     */
    record SessionFingerprint(long events, long sum) {

        /** The fingerprint of a session without events. */
        public static final SessionFingerprint NONE = new SessionFingerprint(0, 0);

        /** This session's fingerprint with one more event, of this fingerprint. */
        public SessionFingerprint plus(long fingerprint) {
            return new SessionFingerprint(events + 1, sum + fingerprint);
        }
    }
}
