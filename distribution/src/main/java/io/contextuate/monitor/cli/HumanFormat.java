package io.contextuate.monitor.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How values look in human output: times as ISO-8601 UTC, long ids and paths shortened, text kept to one line. */
final class HumanFormat {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String ELLIPSIS = "...";

    private HumanFormat() {
    }

    /** Unix milliseconds as ISO-8601 UTC with milliseconds, or "-" when absent. */
    static String time(Long epochMs) {
        if (epochMs == null) {
            return "-";
        }
        try {
            return UTC.format(Instant.ofEpochMilli(epochMs));
        } catch (RuntimeException outOfRange) {
            return Long.toString(epochMs);
        }
    }

    /** The text, cut at the end to at most {@code max} characters when longer; "-" when absent. */
    static String head(String text, int max) {
        if (text == null) {
            return "-";
        }
        String flat = oneLine(text);
        return flat.length() <= max ? flat : flat.substring(0, max - ELLIPSIS.length()) + ELLIPSIS;
    }

    /** The text, cut at the start to at most {@code max} characters (the end of a path says most); "-" when absent. */
    static String tail(String text, int max) {
        if (text == null) {
            return "-";
        }
        String flat = oneLine(text);
        return flat.length() <= max ? flat : ELLIPSIS + flat.substring(flat.length() - (max - ELLIPSIS.length()));
    }

    /** Control characters (line breaks, tabs, NUL) as spaces, so that one record stays on one line. */
    static String oneLine(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString();
    }
}
