package io.contextuate.monitor.file;

/** A 64-bit FNV-1a hash of an event id, which the index keeps instead of the id; a match is always verified. */
final class IdHash {

    private IdHash() {
    }

    static long of(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            h ^= c & 0xff;
            h *= 0x100000001b3L;
            h ^= c >>> 8;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
