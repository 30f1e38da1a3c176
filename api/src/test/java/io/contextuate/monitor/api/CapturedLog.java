package io.contextuate.monitor.api;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What slf4j-simple writes while open. The test resources point slf4j-simple at {@code System.err}, which it looks
 * up at every call, so swapping the stream captures its lines.
 */
final class CapturedLog implements AutoCloseable {

    private final ByteArrayOutputStream lines = new ByteArrayOutputStream();
    private final PrintStream original = System.err;

    CapturedLog() {
        System.setErr(new PrintStream(lines, true, StandardCharsets.UTF_8));
    }

    String text() {
        return lines.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
