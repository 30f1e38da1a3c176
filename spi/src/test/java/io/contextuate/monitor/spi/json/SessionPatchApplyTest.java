package io.contextuate.monitor.spi.json;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contextuate.monitor.spi.InvalidRecordException;
import io.contextuate.monitor.spi.model.SessionMeta;
import io.contextuate.monitor.spi.model.SessionPatch;
import io.contextuate.monitor.spi.model.SessionStatus;
import io.contextuate.monitor.spi.model.TokenUsage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionPatchApplyTest {

    private final SessionMeta session = SessionMeta.builder().sessionId("s1").machineId("m").workingDirectory("/w")
            .startTime(100).endTime(200L).status(SessionStatus.COMPLETED).childSessionIds(List.of("c1"))
            .tokenUsage(TokenUsage.of(1, 2)).label("old").isPinned(false).build();

    @Test
    void onlyTheNamedMembersChange() {
        SessionMeta patched = MonitorJson.apply(session, SessionPatch.empty().set("label", "new")
                .set("isPinned", true).set("status", "error"));
        ObjectNode expected = MonitorJson.toJson(session).put("label", "new").put("isPinned", true)
                .put("status", "error");
        assertThat(CanonicalJson.equal(MonitorJson.toJson(patched), expected)).isTrue();
        assertThat(patched.status()).isEqualTo(SessionStatus.ERROR);
    }

    @Test
    void nullRemovesAnOptionalMember() {
        SessionMeta patched = MonitorJson.apply(session, SessionPatch.empty().remove("label")
                .set("endTime", (String) null));
        assertThat(patched.label()).isNull();
        assertThat(patched.endTime()).isNull();
        assertThat(MonitorJson.toJson(patched).has("label")).isFalse();
        assertThat(patched.childSessionIds()).containsExactly("c1");
    }

    @Test
    void aMemberNoOneKnowsCanBeAdded() {
        SessionMeta patched = MonitorJson.apply(session, SessionPatch.empty().set("uiState", IntNode.valueOf(3)));
        assertThat(patched.extra()).containsEntry("uiState", IntNode.valueOf(3));
    }

    @Test
    void aKnownMemberGivenAnUnexpectedTypeIsKeptInExtra() {
        SessionMeta patched = MonitorJson.apply(session, SessionPatch.empty().set("label", 5));
        assertThat(patched.label()).isNull();
        assertThat(MonitorJson.toJson(patched).get("label").intValue()).isEqualTo(5);
    }

    @Test
    void thePatchOfAnObjectSetsEachMember() {
        ObjectNode members = MonitorJson.newObject().put("label", "x").putNull("isPinned");
        SessionMeta patched = MonitorJson.apply(session, SessionPatch.of(members));
        assertThat(patched.label()).isEqualTo("x");
        assertThat(patched.isPinned()).isNull();
    }

    @Test
    void theSessionIdCannotChangeButMayBeRepeated() {
        assertThatThrownBy(() -> MonitorJson.apply(session, SessionPatch.empty().set("sessionId", "s2")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.field()).isEqualTo("sessionId"));
        assertThatThrownBy(() -> MonitorJson.apply(session, SessionPatch.empty().remove("sessionId")))
                .isInstanceOf(InvalidRecordException.class);
        assertThat(MonitorJson.apply(session, SessionPatch.empty().set("sessionId", "s1")).sessionId())
                .isEqualTo("s1");
    }

    @Test
    void removingOrBreakingARequiredMemberIsRefusedNamingIt() {
        assertThatThrownBy(() -> MonitorJson.apply(session, SessionPatch.empty().remove("startTime")))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.field()).isEqualTo("startTime"));
        assertThatThrownBy(() -> MonitorJson.apply(session, SessionPatch.empty().set("status", 1)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.field()).isEqualTo("status"));
    }

    @Test
    void anEmptyPatchChangesNothing() {
        assertThat(SessionPatch.empty().isEmpty()).isTrue();
        SessionMeta patched = MonitorJson.apply(session, SessionPatch.empty());
        assertThat(CanonicalJson.equal(MonitorJson.toJson(patched), MonitorJson.toJson(session))).isTrue();
    }
}
