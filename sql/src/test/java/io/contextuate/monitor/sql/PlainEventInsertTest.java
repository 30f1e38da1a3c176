package io.contextuate.monitor.sql;

import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainEventInsertTest {

    /** Statements whose insert names every kind of row value, a cast, an attribute and quoted colons. */
    interface AnnotatedStatements extends SqlStatements {
        @Override
        @SqlUpdate("INSERT INTO <events> (id, session_id, \"timestamp\", data, note) VALUES (:id, :sessionId,"
                + " :timestamp, CAST(:data AS <schema>.<prefix>json), ':notAParameter') ON CONFLICT DO NOTHING")
        int insertEvent(@BindMethods EventRow row);
    }

    /** Statements that leave the insert to JDBI: no annotation. */
    interface UnannotatedStatements extends SqlStatements {
    }

    @Test
    void namedParametersBecomePositionalInTheirOrderAndAttributesAreRenderedAsJdbiDefinesThem() {
        PlainEventInsert insert = PlainEventInsert.of(AnnotatedStatements.class,
                new SqlTables("audit", "cm_").attributes());
        assertThat(insert).isNotNull();
        assertThat(insert.sql()).isEqualTo("INSERT INTO audit.cm_events (id, session_id, \"timestamp\", data, note)"
                + " VALUES (?, ?, ?, CAST(? AS audit.cm_json), ':notAParameter') ON CONFLICT DO NOTHING");
    }

    @Test
    void castsWithDoubleColonsAndQuotedNamesAreNotParameters() {
        List<String> names = new ArrayList<>();
        String sql = PlainEventInsert.positional("SELECT :a::jsonb, \"x:y\", `p:q`, ':z', :b_2", names);
        assertThat(sql).isEqualTo("SELECT ?::jsonb, \"x:y\", `p:q`, ':z', ?");
        assertThat(names).containsExactly("a", "b_2");
    }

    @Test
    void statementsWithoutAnAnnotatedInsertAreLeftToJdbi() {
        assertThat(PlainEventInsert.of(UnannotatedStatements.class, new SqlTables(null, "").attributes())).isNull();
    }

    @Test
    void anUndefinedAttributeIsNamed() {
        assertThatThrownBy(() -> PlainEventInsert.render("INSERT INTO <nowhere>", new SqlTables(null, "").attributes()))
                .hasMessageContaining("<nowhere>");
    }
}
