package io.contextuate.monitor.sql.internal;

import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.sql.SessionColumn;
import io.contextuate.monitor.sql.SessionRow;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import static io.contextuate.monitor.sql.SessionColumn.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mapping between a session, its JSON and the columns of {@link SessionColumn}. */
class SessionMappingTest {

    private static final String FULL = "{\"sessionId\":\"s-full\",\"machineId\":\"m1\",\"workingDirectory\":\"/w\","
            + "\"startTime\":1700000000000,\"endTime\":1700000005000,\"status\":\"completed\","
            + "\"parentSessionId\":\"p1\",\"childSessionIds\":[\"c1\",\"c2\"],\"tokenUsage\":{\"totalInput\":10,"
            + "\"totalOutput\":20,\"totalCacheRead\":3,\"totalCacheCreation\":4,\"reasoning\":5},\"hidden\":false,"
            + "\"agentType\":\"explore\",\"isUserInitiated\":true,\"isPinned\":false,\"manualParentSessionId\":\"mp\","
            + "\"label\":\"L\",\"model\":\"opus\",\"transcriptPath\":\"/t.jsonl\",\"zeta\":{\"a\":1},\"alpha\":[1]}";

    private static SessionMeta session(String json) {
        return MonitorJson.readSession(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A row with these values (column, value, column, value...), NULL elsewhere, not a placeholder. */
    private static SessionRow row(Object... pairs) {
        Object[] values = new Object[SessionColumn.all().size()];
        values[IS_PLACEHOLDER.ordinal()] = false;
        for (int i = 0; i < pairs.length; i += 2) {
            values[((SessionColumn) pairs[i]).ordinal()] = pairs[i + 1];
        }
        return new SessionRow(values);
    }

    private static void assertStoredAsAndReadBack(String json, SessionRow expected) {
        SessionMeta s = session(json);
        SessionRow row = RowMapping.toRow(s);
        assertThat(row).isEqualTo(expected);
        assertThat(RowMapping.toSession(row)).isEqualTo(s);
        assertThat(MonitorJson.toJson(RowMapping.toSession(row))).isEqualTo(MonitorJson.toJson(s));
    }

    // the expected values below are what the mapping before SessionColumn (one record component per column) wrote

    @Test
    void everyColumnTakesItsMemberAsBeforeAndGivesItBack() {
        assertStoredAsAndReadBack(FULL, row(SESSION_ID, "s-full", MACHINE_ID, "m1", WORKING_DIRECTORY, "/w",
                START_TIME, 1700000000000L, END_TIME, 1700000005000L, STATUS, "completed", PARENT_SESSION_ID, "p1",
                CHILD_SESSION_IDS, "[\"c1\",\"c2\"]", TOKEN_USAGE_INPUT, 10L, TOKEN_USAGE_OUTPUT, 20L,
                TOKEN_USAGE_CACHE_READ, 3L, TOKEN_USAGE_CACHE_CREATION, 4L, TOKEN_USAGE_EXTRA, "{\"reasoning\":5}",
                HIDDEN, false, AGENT_TYPE, "explore", IS_USER_INITIATED, true, IS_PINNED, false,
                MANUAL_PARENT_SESSION_ID, "mp", LABEL, "L", MODEL, "opus", TRANSCRIPT_PATH, "/t.jsonl",
                EXTRA, "{\"zeta\":{\"a\":1},\"alpha\":[1]}"));
    }

    @Test
    void theFullSessionFillsEveryColumnThatHasAMember() {
        SessionRow row = RowMapping.toRow(session(FULL));
        EnumSet<SessionColumn> empty = EnumSet.noneOf(SessionColumn.class);
        SessionColumn.all().stream().filter(c -> row.get(c) == null).forEach(empty::add);
        // status_other: the status is known; record_json: every string can be stored
        assertThat(empty).containsExactlyInAnyOrder(STATUS_OTHER, RECORD_JSON);
    }

    @Test
    void anUnknownStatusGoesToStatusOtherAndAbsentMembersAreNull() {
        assertStoredAsAndReadBack("{\"sessionId\":\"s-min\",\"machineId\":\"m\",\"workingDirectory\":\"\","
                        + "\"startTime\":-5,\"status\":\"paused\"}",
                row(SESSION_ID, "s-min", MACHINE_ID, "m", WORKING_DIRECTORY, "", START_TIME, -5L,
                        STATUS_OTHER, "paused"));
    }

    @Test
    void aStringNoColumnCanHoldKeepsTheRecordWholeAndTheColumnsSanitized() {
        String json = "{\"sessionId\":\"s-unsafe\",\"machineId\":\"m\\u0000x\",\"workingDirectory\":\"/w\","
                + "\"startTime\":1,\"status\":\"odd\\ud800\",\"label\":\"a\\u0000b\",\"childSessionIds\":[\"c\\udc00\"],"
                + "\"tokenUsage\":{\"totalInput\":1,\"totalOutput\":2,\"n\\u0000\":\"v\\u0000\"},\"k\\u0000\":\"x\\u0000\"}";
        assertStoredAsAndReadBack(json, row(SESSION_ID, "s-unsafe", MACHINE_ID, "m\uFFFDx", WORKING_DIRECTORY, "/w",
                START_TIME, 1L, STATUS_OTHER, "odd\uFFFD", CHILD_SESSION_IDS, "[\"c\uFFFD\"]",
                TOKEN_USAGE_INPUT, 1L, TOKEN_USAGE_OUTPUT, 2L, TOKEN_USAGE_EXTRA, "{\"n\uFFFD\":\"v\uFFFD\"}",
                LABEL, "a\uFFFDb", EXTRA, "{\"k\uFFFD\":\"x\uFFFD\"}",
                RECORD_JSON, "{\"sessionId\":\"s-unsafe\",\"machineId\":\"m\\u0000x\",\"workingDirectory\":\"/w\","
                        + "\"startTime\":1,\"status\":\"odd\\ud800\",\"childSessionIds\":[\"c\\udc00\"],"
                        + "\"tokenUsage\":{\"totalInput\":1,\"totalOutput\":2,\"n\\u0000\":\"v\\u0000\"},"
                        + "\"label\":\"a\\u0000b\",\"k\\u0000\":\"x\\u0000\"}"));
    }

    @Test
    void aKnownMemberOfAnotherTypeStaysInExtraNotInItsColumn() {
        assertStoredAsAndReadBack("{\"sessionId\":\"s-types\",\"machineId\":\"m\",\"workingDirectory\":\"/w\","
                        + "\"startTime\":1,\"status\":\"active\",\"hidden\":\"yes\",\"endTime\":1.5,"
                        + "\"childSessionIds\":[1],\"tokenUsage\":{\"totalInput\":1,\"totalOutput\":2,"
                        + "\"totalCacheRead\":\"x\",\"totalCacheCreation\":2.5},\"isPinned\":null,\"label\":7}",
                row(SESSION_ID, "s-types", MACHINE_ID, "m", WORKING_DIRECTORY, "/w", START_TIME, 1L,
                        STATUS, "active", TOKEN_USAGE_INPUT, 1L, TOKEN_USAGE_OUTPUT, 2L,
                        TOKEN_USAGE_EXTRA, "{\"totalCacheRead\":\"x\",\"totalCacheCreation\":2.5}",
                        EXTRA, "{\"hidden\":\"yes\",\"endTime\":1.5,\"childSessionIds\":[1],\"isPinned\":null,"
                                + "\"label\":7}"));
        assertStoredAsAndReadBack("{\"sessionId\":\"s-tokens\",\"machineId\":\"m\",\"workingDirectory\":\"/w\","
                        + "\"startTime\":2.0,\"status\":\"error\",\"tokenUsage\":{\"totalInput\":5},"
                        + "\"endTime\":99999999999999999999}",
                row(SESSION_ID, "s-tokens", MACHINE_ID, "m", WORKING_DIRECTORY, "/w", START_TIME, 2L,
                        STATUS, "error",
                        EXTRA, "{\"tokenUsage\":{\"totalInput\":5},\"endTime\":99999999999999999999}"));
    }

    @Test
    void aMemberOfTheModelWithNoColumnYetLandsInExtraAndComesBack() {
        // as if model and tokenUsage.totalCacheRead were new members whose migration has not come yet
        List<SessionColumn> older = SessionColumn.all().stream()
                .filter(c -> c != MODEL && c != TOKEN_USAGE_CACHE_READ).toList();
        SessionMapping mapping = new SessionMapping(older);
        SessionMeta s = session(FULL);
        SessionRow row = mapping.toRow(s);
        assertThat(row.get(MODEL)).isNull();
        assertThat(row.get(TOKEN_USAGE_CACHE_READ)).isNull();
        assertThat(row.get(TOKEN_USAGE_EXTRA)).isEqualTo("{\"totalCacheRead\":3,\"reasoning\":5}");
        assertThat(row.get(EXTRA)).isEqualTo("{\"model\":\"opus\",\"zeta\":{\"a\":1},\"alpha\":[1]}");
        assertThat(mapping.toSession(row)).isEqualTo(s);
        // and once the column exists, a row written before it still reads back the same
        assertThat(RowMapping.toSession(row)).isEqualTo(s);
    }

    @Test
    void aPlaceholderHoldsWhatTheReferenceKnows() {
        SessionRow placeholder = RowMapping.placeholder("s1", "m\u0000", "/w", 7L);
        assertThat(placeholder).isEqualTo(new SessionRow(placeholderValues()));
        assertThat(placeholder.placeholder()).isTrue();
    }

    private static Object[] placeholderValues() {
        Object[] values = new Object[SessionColumn.all().size()];
        values[SESSION_ID.ordinal()] = "s1";
        values[MACHINE_ID.ordinal()] = "m\uFFFD";
        values[WORKING_DIRECTORY.ordinal()] = "/w";
        values[START_TIME.ordinal()] = 7L;
        values[STATUS.ordinal()] = "active";
        values[IS_PLACEHOLDER.ordinal()] = true;
        return values;
    }

    @Test
    void aRowRefusesAValueOfAnotherTypeThanItsColumn() {
        Object[] values = placeholderValues();
        values[START_TIME.ordinal()] = "7";
        assertThatThrownBy(() -> new SessionRow(values)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("start_time");
        assertThatThrownBy(() -> new SessionRow("s1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTableIsTheContractsColumnsInOrder() {
        assertThat(SessionColumn.names()).isEqualTo("session_id, machine_id, working_directory, start_time,"
                + " end_time, status, status_other, parent_session_id, child_session_ids, token_usage_input,"
                + " token_usage_output, token_usage_cache_read, token_usage_cache_creation, token_usage_extra, hidden,"
                + " agent_type, is_user_initiated, is_pinned, manual_parent_session_id, label, model, transcript_path,"
                + " extra, record_json, is_placeholder");
    }
}
