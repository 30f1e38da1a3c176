package io.contextuate.monitor.sql.internal;

import io.contextuate.monitor.spi.json.CanonicalJson;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.sql.EventRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** An event's payload read from a line goes to the data column as the text it was read from, when a column can hold it. */
class SourcedDataRowTest {

    private static final String HEAD = "{\"id\":\"e1\",\"timestamp\":1761000000123,\"sessionId\":\"s1\",\"machineId\":\"m\","
            + "\"workingDirectory\":\"/w\",\"eventType\":\"tool_call\",\"hookType\":\"PreToolUse\",\"data\":";

    private static MonitorEvent read(byte[] data) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(HEAD.getBytes(StandardCharsets.UTF_8));
        line.writeBytes(data);
        line.writeBytes("}".getBytes(StandardCharsets.UTF_8));
        return MonitorJson.readEvent(line.toByteArray());
    }

    private static MonitorEvent read(String data) {
        return read(data.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{ \"cmd\" : \"ls -la\\n\\\"x\\\"\\t\\\\\" , \"n\" : [1.50, -0, 1e400, 12345678901234567890] }",
            "{\"text\":\"größe 日本語 🚀\",\"escaped\":\"\\u00e9\\u001f\\/\",\"nested\":{\"a\":[{},[],null,true]}}",
            "{\"notAnEscape\":\"\\\\u0000 and \\\\ud83d are text here\"}"})
    void aPayloadAColumnCanHoldIsStoredAsTheTextItWasReadFrom(String data) {
        MonitorEvent e = read(data);
        EventRow row = RowMapping.toRow(e);
        assertThat(row.data().toString()).isEqualTo(data);
        assertThat(row.recordJson()).isNull();
        assertThat(CanonicalJson.equal(MonitorJson.toJson(RowMapping.toEvent(row)), MonitorJson.toJson(e))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ \"out\" : \"nul \\u0000 inside\" }",
            "{ \"out\" : \"cut emoji \\ud83d\" }",
            "{ \"out\" : \"lone low \\uDE00\" }",
            "{ \"k\\u0000ey\" : 1 }"})
    void aPayloadWithAStringNoColumnHoldsIsWrittenAnewSanitizedAndTheRecordKeptWhole(String data) {
        MonitorEvent e = read(data);
        EventRow row = RowMapping.toRow(e);
        assertThat(row.recordJson()).isNotNull();
        assertThat(row.data().toString()).isEqualTo(MonitorJson.toText(SqlText.sanitize(e.data())));
        assertThat(CanonicalJson.equal(MonitorJson.toJson(RowMapping.toEvent(row)), MonitorJson.toJson(e))).isTrue();
    }

    @Test
    void aPayloadWithAnEscapedSurrogatePairIsWrittenAnewWithTheCharacterAsUtf8() {
        MonitorEvent e = read("{ \"out\" : \"escaped \\ud83d\\ude80\" }");
        EventRow row = RowMapping.toRow(e);
        assertThat(row.recordJson()).isNull();
        assertThat(row.data().toString()).isEqualTo("{\"out\":\"escaped \uD83D\uDE80\"}");
    }

    @Test
    void bytesThatAreNotStrictUtf8AreNeverStoredAsTheyAre() {
        byte[][] invalid = {
                {'"', (byte) 0xC0, (byte) 0x80, '"'},                           // overlong NUL
                {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'},              // overlong 3-byte form
                {'"', (byte) 0xED, (byte) 0xA0, (byte) 0xBD, '"'},              // an encoded high surrogate
                {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // past U+10FFFF
                {'"', (byte) 0xE6, (byte) 0x97, '"'},                           // cut short
                {'"', (byte) 0xFF, '"'}};
        for (byte[] json : invalid) {
            assertThat(SqlText.isSafeJson(json)).as(java.util.Arrays.toString(json)).isFalse();
        }
        assertThat(SqlText.isSafeJson("\"größe 日本語 🚀 \\\\u0000\"".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(SqlText.isSafeJson("\"\\u0000\"".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(SqlText.isSafeJson("\"\\u00".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void whatMakesTextUnsafeIsFoundAtEveryOffsetOfAWordOfPlainText() {
        for (int at = 0; at < 20; at++) {
            String plain = "\"" + "a".repeat(at);
            String tail = "b".repeat(at % 9) + "\"";
            assertThat(SqlText.isSafeJson(utf8(plain + "\\u0000" + tail))).as("NUL escape at %d", at).isFalse();
            assertThat(SqlText.isSafeJson(utf8(plain + "\\uDbff" + tail))).as("surrogate escape at %d", at).isFalse();
            assertThat(SqlText.isSafeJson(utf8(plain + "\\\\u0000" + tail))).as("escaped backslash at %d", at).isTrue();
            assertThat(SqlText.isSafeJson(utf8(plain + "\\n日本 🚀" + tail))).as("escape and UTF-8 at %d", at).isTrue();
            byte[] overlong = utf8(plain + "XX" + tail);
            overlong[plain.length()] = (byte) 0xC0;
            overlong[plain.length() + 1] = (byte) 0x80;
            assertThat(SqlText.isSafeJson(overlong)).as("overlong form at %d", at).isFalse();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
