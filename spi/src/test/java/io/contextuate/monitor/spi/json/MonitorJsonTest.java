package io.contextuate.monitor.spi.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.model.MonitorEvent;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorJsonTest {

    private static final String EVENT = "{\"id\":\"0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b\",\"timestamp\":1761000000123,"
            + "\"sessionId\":\"3f2a9c1b7d4e8f60\",\"machineId\":\"dev-laptop\",\"workingDirectory\":\"C:\\\\Users\\\\dev\","
            + "\"eventType\":\"tool_call\",\"hookType\":\"PreToolUse\",\"data\":{\"toolName\":\"Bash\"},"
            + "\"hookVersion\":\"0.9.3\",\"parentSessionId\":\"aa11bb22\"}";

    @Test
    void anEventReadsIntoItsMembersAndKeepsUnknownOnes() {
        MonitorEvent e = MonitorJson.readEvent(bytes(EVENT));
        assertThat(e.id()).isEqualTo("0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b");
        assertThat(e.timestamp()).isEqualTo(1_761_000_000_123L);
        assertThat(e.workingDirectory()).isEqualTo("C:\\Users\\dev");
        assertThat(e.parentSessionId()).isEqualTo("aa11bb22");
        assertThat(e.eventType().isKnown()).isTrue();
        assertThat(e.extra()).containsOnlyKeys("hookVersion");
        assertThat(CanonicalJson.equal(MonitorJson.toJson(e), parse(EVENT))).isTrue();
    }

    @Test
    void anEventLineIsCompactWithoutALineFeed() {
        byte[] line = MonitorJson.toLine(MonitorJson.readEvent(bytes(EVENT)));
        assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain("\n", ": ").startsWith("{\"id\":");
    }

    @Test
    void typesNoOneKnowsAreKeptAsTheyCame() {
        String json = EVENT.replace("tool_call", "worktree_create").replace("PreToolUse", "WorktreeCreate");
        MonitorEvent e = MonitorJson.readEvent(bytes(json));
        assertThat(e.eventType().value()).isEqualTo("worktree_create");
        assertThat(e.eventType().isKnown()).isFalse();
        assertThat(e.hookType().value()).isEqualTo("WorktreeCreate");
        assertThat(CanonicalJson.equal(MonitorJson.toJson(e), parse(json))).isTrue();
    }

    @Test
    void aKnownEventMemberWithAnUnexpectedTypeIsKeptInExtra() {
        String json = EVENT.replace("\"parentSessionId\":\"aa11bb22\"", "\"parentSessionId\":null");
        MonitorEvent e = MonitorJson.readEvent(bytes(json));
        assertThat(e.parentSessionId()).isNull();
        assertThat(e.extra().get("parentSessionId").isNull()).isTrue();
        assertThat(CanonicalJson.equal(MonitorJson.toJson(e), parse(json))).isTrue();
    }

    @Test
    void sessionMembersWithUnexpectedTypesAreKeptInExtra() {
        String json = "{\"sessionId\":\"s1\",\"machineId\":\"m\",\"workingDirectory\":\"/w\",\"startTime\":1,"
                + "\"status\":\"active\",\"label\":null,\"tokenUsage\":{\"totalInput\":\"x\",\"totalOutput\":2},"
                + "\"isPinned\":\"yes\",\"endTime\":1.5,\"childSessionIds\":[1]}";
        SessionMeta s = MonitorJson.readSession(bytes(json));
        assertThat(s.label()).isNull();
        assertThat(s.tokenUsage()).isNull();
        assertThat(s.isPinned()).isNull();
        assertThat(s.pinned()).isFalse();
        assertThat(s.endTime()).isNull();
        assertThat(s.childSessionIds()).isNull();
        assertThat(s.extra()).containsOnlyKeys("label", "tokenUsage", "isPinned", "endTime", "childSessionIds");
        assertThat(CanonicalJson.equal(MonitorJson.toJson(s), parse(json))).isTrue();
    }

    @Test
    void tokenUsageKeepsOptionalCountsOfUnexpectedTypeAndUnknownCounts() {
        String json = "{\"sessionId\":\"s1\",\"machineId\":\"m\",\"workingDirectory\":\"/w\",\"startTime\":1,"
                + "\"status\":\"active\",\"tokenUsage\":{\"totalInput\":1,\"totalOutput\":2,"
                + "\"totalCacheRead\":\"n/a\",\"totalCacheCreation\":4,\"totalReasoning\":5}}";
        SessionMeta s = MonitorJson.readSession(bytes(json));
        assertThat(s.tokenUsage().totalCacheRead()).isNull();
        assertThat(s.tokenUsage().totalCacheCreation()).isEqualTo(4);
        assertThat(s.tokenUsage().extra()).containsOnlyKeys("totalCacheRead", "totalReasoning");
        assertThat(CanonicalJson.equal(MonitorJson.toJson(s), parse(json))).isTrue();
    }

    @Test
    void aSessionWithTheRequiredMembersOnlyStaysThatSmall() {
        String json = "{\"sessionId\":\"s1\",\"machineId\":\"m\",\"workingDirectory\":\"/w\",\"startTime\":1,"
                + "\"status\":\"error\"}";
        SessionMeta s = MonitorJson.readSession(bytes(json));
        assertThat(s.status()).isEqualTo(SessionStatus.ERROR);
        assertThat(MonitorJson.toJson(s).toString()).isEqualTo(json);
    }

    @Test
    void metaJsonIsByteForByteWhatJsonStringifyWithIndentTwoWrites() {
        String json = "{\"sessionId\":\"3f2a9c1b7d4e8f60\",\"machineId\":\"dev-laptop\","
                + "\"workingDirectory\":\"C:\\\\Users\\\\dev\\\\shop\",\"startTime\":1761000000000,"
                + "\"endTime\":1761000360000,\"status\":\"completed\",\"childSessionIds\":[\"a1b2c3d4\",\"agentx9\"],"
                + "\"tokenUsage\":{\"totalInput\":1200,\"totalOutput\":340,\"totalCacheRead\":0},"
                + "\"isUserInitiated\":true,\"isPinned\":false,\"label\":\"Fix \ud83d\udc1b caf\u00e9\","
                + "\"model\":\"<synthetic>\",\"uiState\":{\"tags\":[],\"extra\":{}}}";
        // what node -e 'process.stdout.write(JSON.stringify(JSON.parse(json), null, 2))' prints
        String expected = """
                {
                  "sessionId": "3f2a9c1b7d4e8f60",
                  "machineId": "dev-laptop",
                  "workingDirectory": "C:\\\\Users\\\\dev\\\\shop",
                  "startTime": 1761000000000,
                  "endTime": 1761000360000,
                  "status": "completed",
                  "childSessionIds": [
                    "a1b2c3d4",
                    "agentx9"
                  ],
                  "tokenUsage": {
                    "totalInput": 1200,
                    "totalOutput": 340,
                    "totalCacheRead": 0
                  },
                  "isUserInitiated": true,
                  "isPinned": false,
                  "label": "Fix \ud83d\udc1b caf\u00e9",
                  "model": "<synthetic>",
                  "uiState": {
                    "tags": [],
                    "extra": {}
                  }
                }""";
        byte[] meta = MonitorJson.toMetaJson(MonitorJson.readSession(bytes(json)));
        assertThat(new String(meta, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void loneSurrogatesAndNulAreWrittenAsEscapesInValidUtf8() throws Exception {
        JsonNode node = MonitorJson.newObject().put("s", "cut \ud83d, low \udc00, nul \u0000, whole \ud83d\ude00");
        byte[] out = MonitorJson.toBytes(node);
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out)); // throws if not UTF-8
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).contains("\\ud83d,", "\\udc00,", "\\u0000", "\ud83d\ude00");
        assertThat(MonitorJson.parse(out).get("s").textValue())
                .isEqualTo("cut \ud83d, low \udc00, nul \u0000, whole \ud83d\ude00");
    }

    @Test
    void escapesAreSpelledAsJsonStringifySpellsThem() {
        JsonNode node = MonitorJson.newObject().put("s", "a\u0000b\ud83dc\u001f\ud83d\ude00\b\f\n\r\t\u007f\u2028\\\"");
        // what JSON.stringify writes for the same string (checked with node)
        String expected = "{\"s\":\"a\\u0000b\\ud83dc\\u001f\ud83d\ude00\\b\\f\\n\\r\\t\u007f\u2028\\\\\\\"\"}";
        assertThat(MonitorJson.toText(node)).isEqualTo(expected);
    }

    @Test
    void numbersAreReadAndWrittenExactly() throws Exception {
        String json = "{\"big\":123456789012345678901234567890,\"dec\":0.1000000000000000055511151231257827,"
                + "\"neg\":-18446744073709551617}";
        assertThat(MonitorJson.toText(MonitorJson.parse(json))).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "data missing              | \"data\":{\"toolName\":\"Bash\"}, | | data",
            "data an array             | \"data\":{\"toolName\":\"Bash\"} | \"data\":[] | data",
            "id missing                | \"id\":\"0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b\", | | id",
            "id empty                  | 0b6f2a8e-4c1d-4e5f-9a7b-3c2d1e0f9a8b | | id",
            "timestamp a string        | 1761000000123 | \"soon\" | timestamp",
            "timestamp beyond 64 bits  | 1761000000123 | 18446744073709551616000 | timestamp",
            "timestamp a fraction      | 1761000000123 | 1761000000123.5 | timestamp",
            "sessionId a number        | \"3f2a9c1b7d4e8f60\" | 7 | sessionId",
            "eventType missing         | \"eventType\":\"tool_call\", | | eventType",
            "hookType null             | \"PreToolUse\" | null | hookType",
            "machineId missing         | \"machineId\":\"dev-laptop\", | | machineId",
    })
    void anEventWithoutARequiredMemberIsRefusedNamingIt(String why, String replace, String with, String field) {
        String json = EVENT.replace(replace, with == null ? "" : with);
        assertThatThrownBy(() -> MonitorJson.readEvent(bytes(json)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains("'" + field + "'");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "startTime missing | \"startTime\":1, | | startTime",
            "status a number   | \"active\" | 3 | status",
            "sessionId empty   | \"sessionId\":\"s1\" | \"sessionId\":\"\" | sessionId",
            "workingDirectory  | \"workingDirectory\":\"/w\", | | workingDirectory",
    })
    void aSessionWithoutARequiredMemberIsRefusedNamingIt(String why, String replace, String with, String field) {
        String json = "{\"sessionId\":\"s1\",\"machineId\":\"m\",\"workingDirectory\":\"/w\",\"startTime\":1,"
                + "\"status\":\"active\"}";
        assertThatThrownBy(() -> MonitorJson.readSession(bytes(json.replace(replace, with == null ? "" : with))))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void textThatIsNotJsonOrNotAnObjectIsRefusedAsAWhole() {
        assertThatThrownBy(() -> MonitorJson.readEvent(bytes("{\"id\":\"x\",")))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.field()).isNull();
                    assertThat(e.reason()).startsWith("not valid JSON");
                });
        assertThatThrownBy(() -> MonitorJson.readEvent(bytes("[1,2]")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).contains("must be a JSON object"));
        assertThatThrownBy(() -> MonitorJson.readSession(bytes("")))
                .isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> MonitorJson.readEvent(bytes(EVENT.replace("1761000000123", "1e9999999999"))))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).startsWith("not valid JSON"));
        assertThatThrownBy(() -> MonitorJson.readSession(bytes("{\"sessionId\":\"s\",\"startTime\":1e9999999999}")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).startsWith("not valid JSON"));
    }

    @Test
    void anEventsDataKeepsTheTextItWasReadFromExactly() {
        String data = "{ \"cmd\" : \"a\\tb\\u0000\\ud83d\\\\\" ,\"n\":[1.50, -0, 1e400],\"é\":{\"}\":\"{\"}}";
        String json = "{\"id\":\"e1\",\"data\":{\"first\":1},\"timestamp\":1,\"sessionId\":\"s\",\"machineId\":\"m\","
                + "\"workingDirectory\":\"/\",\"eventType\":\"x\",\"hookType\":\"y\",\"data\" :\t" + data + " , \"z\":[]}";
        MonitorEvent e = MonitorJson.readEvent(bytes(json));
        assertThat(e.data()).isInstanceOfSatisfying(SourcedObject.class, sourced -> {
            assertThat(new String(sourced.source(), StandardCharsets.UTF_8)).isEqualTo(data);
            assertThat(sourced.sourceLength()).isEqualTo(bytes(data).length);
        });
        assertThat(CanonicalJson.equal(e.data(), parse(data))).isTrue();
        assertThat(e.data()).isEqualTo(parse(data)).hasSameHashCodeAs(parse(data));
        assertThat(e.data().deepCopy()).isNotInstanceOf(SourcedObject.class).isEqualTo(e.data());
        assertThat(e.extra()).containsOnlyKeys("z");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"n\":1e9999999999}                 | not valid JSON",
        "{\"s\":\"a\\qb\"}                    | not valid JSON: Unrecognized character escape",
        "{\"deep\":[[[[[[[[[[[1,2]]]]]]]]]],\"x\"} | not valid JSON",
        "{\"a\":tru}                          | not valid JSON: Unrecognized token 'tru'",
    })
    void dataThatCouldNotBecomeATreeIsRefusedWhenTheLineIsRead(String data, String reason) {
        String json = EVENT.substring(0, EVENT.indexOf("\"data\":")) + "\"data\":" + data + "}";
        assertThatThrownBy(() -> MonitorJson.readEvent(bytes(json)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).startsWith(reason));
    }

    @Test
    void dataWithInvalidUtf8IsRefusedWhenTheLineIsRead() {
        byte[] line = bytes(EVENT.substring(0, EVENT.indexOf("\"data\":")) + "\"data\":{\"s\":\"a?b\"}}");
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '?') {
                line[i] = (byte) 0xC3; // a lead byte followed by an ASCII letter
            }
        }
        assertThatThrownBy(() -> MonitorJson.readEvent(line))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).startsWith("not valid JSON: Invalid UTF-8"));
    }

    @Test
    void dataReadFromALineIsTheTreeItsTextParsesTo() throws Exception {
        String data = "{\"big\":123456789012345678901234567890,\"dec\":0.1000,\"neg\":-0.0,\"e\":2.5E-7,"
                + "\"s\":\"caf\u00e9 \\u00e9 \\ud83d\\ude80 \\\"q\\\" 日本\",\"a\":[null,true,false,{},[]],"
                + "\"dup\":1,\"dup\":2,\"o\":{\"k\":{\"k\":{\"k\":[1,[2,[3]]]}}}}";
        String json = EVENT.substring(0, EVENT.indexOf("\"data\":")) + "\"data\":" + data + "}";
        MonitorEvent e = MonitorJson.readEvent(bytes(json));
        JsonNode whole = MonitorJson.parse(data);
        assertThat(e.data()).isInstanceOf(SourcedObject.class).isEqualTo(whole).hasSameHashCodeAs(whole);
        assertThat(MonitorJson.toBytes(e.data())).isEqualTo(MonitorJson.toBytes(whole));
        assertThat(e.data().get("dup").intValue()).isEqualTo(2);
        assertThat(e.data().get("big").bigIntegerValue()).isEqualTo(new java.math.BigInteger(
                "123456789012345678901234567890"));
        assertThat(e.data().get("dec").decimalValue()).isEqualTo(new java.math.BigDecimal("0.1000"));
        assertThat(e.data().size()).isEqualTo(whole.size());
    }

    @Test
    void textAfterTheEventObjectIsRefusedAsBefore() {
        assertThatThrownBy(() -> MonitorJson.readEvent(bytes(EVENT + " {}")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).startsWith("not valid JSON: Trailing token"));
        assertThatThrownBy(() -> MonitorJson.readEvent(bytes(EVENT.replace("{\"toolName\"", "{\"toolName\":}"))))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).startsWith("not valid JSON: Unexpected character ('}'"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String s) {
        try {
            return MonitorJson.parse(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
