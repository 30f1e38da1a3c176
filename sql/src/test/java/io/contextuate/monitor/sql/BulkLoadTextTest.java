package io.contextuate.monitor.sql;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BulkLoadTextTest {

    private static String text(BulkLoadText t) {
        return new String(t.buffer(), 0, t.length(), StandardCharsets.UTF_8);
    }

    @Test
    void columnsAreTabSeparatedRowsEndWithALineFeedAndNullIsBackslashN() {
        BulkLoadText t = new BulkLoadText(0);
        t.column("a").column((String) null).column(42).endRow().column("b").endRow();
        assertThat(text(t)).isEqualTo("a\t\\N\t42\nb\n");
    }

    @Test
    void backslashTabLineFeedCarriageReturnAndNulAreEscapedAndEverythingElseIsUtf8AsItIs() {
        BulkLoadText t = new BulkLoadText(4);
        t.column("{\"p\":\"C:\\\\dev\ttab\nline\rret\u0000nul größe 日本語 🚀 \\\"q\\\"\"}").endRow();
        assertThat(text(t)).isEqualTo(
                "{\"p\":\"C:\\\\\\\\dev\\ttab\\nline\\rret\\0nul größe 日本語 🚀 \\\\\"q\\\\\"\"}\n");
    }

    @Test
    void jsonHeldAsUtf8IsEscapedAsTheSameJsonHeldAsAString() {
        String json = "{\"p\":\"C:\\\\dev\",\t\"q\" : \"größe 日本語 🚀\\n\"}\r";
        BulkLoadText fromString = new BulkLoadText(4);
        fromString.column(JsonText.of(json)).column("x").endRow();
        BulkLoadText fromBytes = new BulkLoadText(4);
        fromBytes.column(JsonText.ofUtf8(json.getBytes(StandardCharsets.UTF_8))).column("x").endRow();

        assertThat(text(fromBytes)).isEqualTo(text(fromString))
                .isEqualTo("{\"p\":\"C:\\\\\\\\dev\",\\t\"q\" : \"größe 日本語 🚀\\\\n\"}\\r\tx\n");
        assertThat(JsonText.ofUtf8(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(JsonText.of(json))
                .hasSameHashCodeAs(JsonText.of(json)).hasToString(json);
    }

    @Test
    void everyCharacterToEscapeIsFoundAtEveryOffsetOfAWord() {
        for (String special : new String[]{"\\", "\t", "\n", "\r", "\u0000", "\u001f", "é", "\u007f"}) {
            for (int at = 0; at < 20; at++) {
                String value = "a".repeat(at) + special + "b".repeat(at % 11) + special;
                String expected = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                        .replace("\r", "\\r").replace("\u0000", "\\0");
                BulkLoadText t = new BulkLoadText(4);
                t.column(JsonText.ofUtf8(value.getBytes(StandardCharsets.UTF_8))).endRow();
                assertThat(text(t)).as("%s at %d", special, at).isEqualTo(expected + "\n");
            }
        }
    }

    @Test
    void numbersAreWrittenInFullIncludingTheExtremes() {
        BulkLoadText t = new BulkLoadText(8);
        t.column(0).column(-7).column(1_761_000_000_123L).column(Long.MIN_VALUE).column(Long.MAX_VALUE).endRow();
        assertThat(text(t)).isEqualTo("0\t-7\t1761000000123\t-9223372036854775808\t9223372036854775807\n");
    }

    @Test
    void clearKeepsNothingOfThePreviousRows() {
        BulkLoadText t = new BulkLoadText(8);
        t.column("x".repeat(1_000)).endRow();
        t.clear();
        t.column("y").endRow();
        assertThat(text(t)).isEqualTo("y\n");
    }
}
