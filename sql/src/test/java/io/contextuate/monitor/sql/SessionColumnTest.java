package io.contextuate.monitor.sql;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The statement attributes rendered from the table of session columns. */
class SessionColumnTest {

    /** A dialect with the defaults for everything the attributes use. */
    private static class Portable implements SqlDialect {
        @Override
        public Class<? extends SqlStatements> statements() {
            return SqlStatements.class;
        }

        @Override
        public boolean isForeignKeyViolation(SQLException e) {
            return false;
        }
    }

    @Test
    void valuesAndUpdatesFollowTheColumnsAndTheDialect() {
        Map<String, String> attributes = SessionColumn.attributes(new Portable());
        assertThat(attributes.get("sessionColumns")).isEqualTo(SessionColumn.names())
                .startsWith("session_id, machine_id, working_directory, start_time, end_time, status,")
                .endsWith(", extra, record_json, is_placeholder");
        assertThat(attributes.get("sessionValues"))
                .startsWith(":session_id, :machine_id, :working_directory, :start_time, :end_time, :status,")
                .endsWith(", :extra, :record_json, :is_placeholder");
        assertThat(attributes.get("sessionUpdates"))
                .startsWith("machine_id = EXCLUDED.machine_id, working_directory = EXCLUDED.working_directory,")
                .endsWith(", is_placeholder = EXCLUDED.is_placeholder")
                .doesNotContain(" session_id = EXCLUDED.session_id");
        assertThat(attributes.get("sessionValues").split(", ")).hasSize(SessionColumn.all().size());
        assertThat(attributes.get("sessionUpdates").split(", ")).hasSize(SessionColumn.all().size() - 1);
    }

    @Test
    void aDialectStatesOnlyWhatDiffers() {
        SqlDialect casting = new Portable() {
            @Override
            public String sessionValue(SessionColumn column) {
                String parameter = super.sessionValue(column);
                return column.kind() == SessionColumn.Kind.JSON ? "CAST(" + parameter + " AS jsonb)" : parameter;
            }

            @Override
            public String sessionUpdate(SessionColumn column) {
                return column.columnName() + " = VALUES(" + column.columnName() + ")";
            }
        };
        Map<String, String> attributes = SessionColumn.attributes(casting);
        assertThat(attributes.get("sessionValues")).contains(":parent_session_id, CAST(:child_session_ids AS jsonb),"
                + " :token_usage_input").contains("CAST(:extra AS jsonb), :record_json, :is_placeholder");
        assertThat(attributes.get("sessionUpdates")).startsWith("machine_id = VALUES(machine_id),");
    }
}
