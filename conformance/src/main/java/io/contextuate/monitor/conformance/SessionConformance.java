package io.contextuate.monitor.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.NotFoundException;
import io.contextuate.monitor.spi.SessionQuery;
import io.contextuate.monitor.spi.json.MonitorJson;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;
import io.contextuate.monitor.spi.model.SessionStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.contextuate.monitor.conformance.ConformanceRecords.T0;
import static io.contextuate.monitor.conformance.ConformanceRecords.assertJsonEqual;
import static io.contextuate.monitor.conformance.ConformanceRecords.session;
import static io.contextuate.monitor.conformance.ConformanceRecords.sessionIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conformance of session records: insert-or-replace-whole saves, reads, the order, status filter and limit of
 * {@code getSessions}, and the patch semantics of {@code updateSession}.
 *
 * <p>Plugin authors: run it as part of {@link MonitorStoreConformance}, or alone with a test class that extends
 * {@link StoreConformance} and implements this interface.
 */
public interface SessionConformance extends StoreUnderTest {

    @Test
    default void aSavedSessionComesBackJsonEqual() {
        SessionMeta s = session("s1", T0).toBuilder().label("mine").model("<synthetic>").build();
        store().saveSession(s);
        assertJsonEqual(store().getSession("s1").orElseThrow(), MonitorJson.toJson(s));
    }

    @Test
    default void getSessionOfAnUnknownIdIsEmpty() {
        store().saveSession(session("s1", T0));
        assertThat(store().getSession("s2")).isEmpty();
    }

    @Test
    default void savingASessionAgainReplacesTheWholeRecord() {
        store().saveSession(session("s1", T0).toBuilder().label("old").hidden(true)
                .extra(Map.of("uiState", TextNode.valueOf("open"))).build());
        SessionMeta replacement = session("s1", T0 + 5).toBuilder().status(SessionStatus.COMPLETED)
                .endTime(T0 + 9).build();
        store().saveSession(replacement);
        SessionMeta got = store().getSession("s1").orElseThrow();
        assertJsonEqual(got, MonitorJson.toJson(replacement));
        assertThat(got.label()).as("a member absent in the new record is gone").isNull();
        assertThat(got.extra()).isEmpty();
        assertThat(store().stats().sessions()).isEqualTo(1);
    }

    @Test
    default void getSessionsIsNewestStartTimeFirstWithTiesBySessionId() {
        store().saveSession(session("b", T0 + 10));
        store().saveSession(session("old", T0));
        store().saveSession(session("c", T0 + 10));
        store().saveSession(session("new", T0 + 20));
        store().saveSession(session("a", T0 + 10));
        assertThat(sessionIds(store().getSessions(SessionQuery.all()))).containsExactly("new", "a", "b", "c", "old");
    }

    @Test
    default void getSessionsFiltersByStatus() {
        store().saveSession(session("a1", T0));
        store().saveSession(session("c1", T0 + 1).toBuilder().status(SessionStatus.COMPLETED).build());
        store().saveSession(session("e1", T0 + 2).toBuilder().status(SessionStatus.ERROR).build());
        store().saveSession(session("c2", T0 + 3).toBuilder().status(SessionStatus.COMPLETED).build());
        assertThat(sessionIds(store().getSessions(SessionQuery.all().withStatus(SessionStatus.COMPLETED))))
                .containsExactly("c2", "c1");
        assertThat(sessionIds(store().getSessions(SessionQuery.all().withStatus(SessionStatus.ACTIVE)))).containsExactly("a1");
    }

    @Test
    default void aStatusNoOneKnowsIsStoredAndFiltered() {
        SessionStatus archived = SessionStatus.of("archived");
        store().saveSession(session("a1", T0));
        store().saveSession(session("x1", T0 + 1).toBuilder().status(archived).build());
        assertThat(sessionIds(store().getSessions(SessionQuery.all().withStatus(archived)))).containsExactly("x1");
        assertThat(store().getSession("x1").orElseThrow().status()).isEqualTo(archived);
    }

    @Test
    default void getSessionsKeepsTheNewestUpToTheLimit() {
        for (int i = 0; i < 5; i++) {
            store().saveSession(session("s" + i, T0 + i));
        }
        assertThat(sessionIds(store().getSessions(SessionQuery.all().withLimit(2)))).containsExactly("s4", "s3");
        assertThat(sessionIds(store().getSessions(SessionQuery.all().withLimit(2).withStatus(SessionStatus.ACTIVE))))
                .containsExactly("s4", "s3");
    }

    @Test
    default void updateSessionChangesOnlyTheNamedMembers() {
        SessionMeta before = session("s1", T0).toBuilder().label("old").model("m").build();
        store().saveSession(before);
        SessionMeta returned = store().updateSession("s1", SessionPatch.empty().set("label", "new")
                .set("isPinned", true));
        ObjectNode expected = MonitorJson.toJson(before).put("label", "new").put("isPinned", true);
        assertJsonEqual(returned, expected);
        assertJsonEqual(store().getSession("s1").orElseThrow(), expected);
    }

    @Test
    default void updateSessionWithNullRemovesAnOptionalMember() {
        store().saveSession(session("s1", T0).toBuilder().label("to clear").endTime(T0 + 5).build());
        store().updateSession("s1", SessionPatch.empty().remove("label").remove("endTime"));
        ObjectNode got = MonitorJson.toJson(store().getSession("s1").orElseThrow());
        assertThat(got.has("label")).as("label removed").isFalse();
        assertThat(got.has("endTime")).as("endTime removed").isFalse();
        assertThat(got.get("machineId").textValue()).isEqualTo("kit-machine");
    }

    @Test
    default void updateSessionCanAddAMemberNoOneKnows() {
        store().saveSession(session("s1", T0));
        ObjectNode ui = MonitorJson.newObject().put("collapsed", true);
        store().updateSession("s1", SessionPatch.empty().set("uiState", ui));
        assertJsonEqual(store().getSession("s1").orElseThrow().extra().get("uiState"), ui, "uiState");
    }

    @Test
    default void updateSessionCannotChangeTheSessionId() {
        store().saveSession(session("s1", T0));
        assertThatThrownBy(() -> store().updateSession("s1", SessionPatch.empty().set("sessionId", "s2")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.field()).isEqualTo("sessionId"));
        assertThat(store().getSession("s1")).isPresent();
        assertThat(store().getSession("s2")).isEmpty();
    }

    @Test
    default void updateSessionThatWouldBreakARequiredMemberIsRefusedAndChangesNothing() {
        SessionMeta before = session("s1", T0);
        store().saveSession(before);
        assertThatThrownBy(() -> store().updateSession("s1", SessionPatch.empty().set("label", "x")
                .set("startTime", "soon")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.field()).isEqualTo("startTime"));
        assertJsonEqual(store().getSession("s1").orElseThrow(), MonitorJson.toJson(before));
    }

    @Test
    default void updateSessionOfAnUnknownIdIsNotFound() {
        assertThatThrownBy(() -> store().updateSession("nope", SessionPatch.empty().set("label", "x")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.sessionId()).isEqualTo("nope"));
        assertThat(store().getSession("nope")).isEmpty();
    }

    @Test
    default void aSessionWithAnEmptyIdIsRefusedNamingTheField() {
        assertThatThrownBy(() -> store().saveSession(session("", T0)))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.field()).isEqualTo("sessionId"));
        assertThat(store().stats().sessions()).isZero();
    }
}
