-- Adoption of an upstream-made database, step 2 of 2 (after upstream_seed_enum_values.sql). Converts, in place
-- and in one transaction, tables made by the upstream seed's postgresql-schema.sql into the
-- layout of migration version 1; the schema is then baselined at version 1 and upgraded as usual. Every row is
-- kept. Only objects that hold no data are dropped and re-created: the seed's views and functions (their columns
-- change), its secondary indexes (re-created under this schema's definitions), its CHECK and FOREIGN KEY
-- constraints (re-added in the forms version 1 uses) and its updated_at trigger.

DROP VIEW IF EXISTS "${schema}"."${prefix}session_hierarchy";
DROP VIEW IF EXISTS "${schema}"."${prefix}active_sessions";

DO
$$
DECLARE
    f record;
BEGIN
    FOR f IN SELECT p.oid::regprocedure AS signature
             FROM pg_proc p
                      JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = '${schema}'
               AND p.proname IN ('${prefix}get_recent_events', '${prefix}get_session_event_counts',
                                 '${prefix}prune_old_sessions')
        LOOP
            EXECUTE format('DROP FUNCTION %s', f.signature);
        END LOOP;
END
$$;

DROP TRIGGER IF EXISTS update_sessions_updated_at ON "${schema}"."${prefix}sessions";

-- constraints and secondary indexes of the seed go; version 1's are added below
DO
$$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT con.conname, cls.relname
             FROM pg_constraint con
                      JOIN pg_class cls ON cls.oid = con.conrelid
                      JOIN pg_namespace n ON n.oid = cls.relnamespace
             WHERE n.nspname = '${schema}'
               AND cls.relname IN ('${prefix}sessions', '${prefix}events')
               AND (con.contype IN ('c', 'f', 'u') OR (con.contype = 'p' AND cls.relname = '${prefix}events'))
             ORDER BY con.contype = 'p'
        LOOP
            EXECUTE format('ALTER TABLE %I.%I DROP CONSTRAINT IF EXISTS %I', '${schema}', c.relname, c.conname);
        END LOOP;
    FOR c IN SELECT ix.relname
             FROM pg_index i
                      JOIN pg_class ix ON ix.oid = i.indexrelid
                      JOIN pg_class t ON t.oid = i.indrelid
                      JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE n.nspname = '${schema}'
               AND t.relname IN ('${prefix}sessions', '${prefix}events')
               AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)
        LOOP
            EXECUTE format('DROP INDEX %I.%I', '${schema}', c.relname);
        END LOOP;
    FOR c IN SELECT con.conname
             FROM pg_constraint con
                      JOIN pg_class cls ON cls.oid = con.conrelid
                      JOIN pg_namespace n ON n.oid = cls.relnamespace
             WHERE n.nspname = '${schema}'
               AND cls.relname = '${prefix}sessions'
               AND con.contype = 'p'
               AND con.conname <> '${prefix}sessions_pkey'
        LOOP
            EXECUTE format('ALTER TABLE %I.%I RENAME CONSTRAINT %I TO %I', '${schema}', '${prefix}sessions',
                           c.conname, '${prefix}sessions_pkey');
        END LOOP;
END
$$;

-- sessions: optional members become nullable (NULL = absent), new members get columns
ALTER TABLE "${schema}"."${prefix}sessions"
    ALTER COLUMN status DROP NOT NULL,
    ALTER COLUMN status DROP DEFAULT,
    ALTER COLUMN child_session_ids DROP NOT NULL,
    ALTER COLUMN child_session_ids DROP DEFAULT,
    ALTER COLUMN agent_type TYPE text,
    ALTER COLUMN is_user_initiated DROP NOT NULL,
    ALTER COLUMN is_user_initiated DROP DEFAULT,
    ALTER COLUMN is_pinned DROP NOT NULL,
    ALTER COLUMN is_pinned DROP DEFAULT,
    ALTER COLUMN hidden DROP NOT NULL,
    ALTER COLUMN hidden DROP DEFAULT,
    ALTER COLUMN label TYPE text,
    ALTER COLUMN token_usage_input DROP NOT NULL,
    ALTER COLUMN token_usage_input DROP DEFAULT,
    ALTER COLUMN token_usage_output DROP NOT NULL,
    ALTER COLUMN token_usage_output DROP DEFAULT,
    ADD COLUMN IF NOT EXISTS status_other               varchar(255),
    ADD COLUMN IF NOT EXISTS token_usage_cache_read     bigint,
    ADD COLUMN IF NOT EXISTS token_usage_cache_creation bigint,
    ADD COLUMN IF NOT EXISTS token_usage_extra          jsonb,
    ADD COLUMN IF NOT EXISTS model                      text,
    ADD COLUMN IF NOT EXISTS transcript_path            text,
    ADD COLUMN IF NOT EXISTS extra                      jsonb,
    ADD COLUMN IF NOT EXISTS record_json                text,
    ADD COLUMN IF NOT EXISTS is_placeholder             boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT "${prefix}sessions_end_time_check" CHECK (end_time IS NULL OR end_time >= 0),
    ADD CONSTRAINT "${prefix}sessions_status_check" CHECK ((status IS NULL) <> (status_other IS NULL)),
    ADD CONSTRAINT "${prefix}sessions_parent_fkey" FOREIGN KEY (parent_session_id)
        REFERENCES "${schema}"."${prefix}sessions" (session_id) ON DELETE SET NULL;

-- events: ids become text (upstream ids are UUIDs, other producers' need not be); the identity is (session, id);
-- seq numbers the existing rows in timestamp order, the order the seed's reads used
ALTER TABLE "${schema}"."${prefix}events"
    ALTER COLUMN id TYPE varchar(255) USING id::text,
    ALTER COLUMN event_type DROP NOT NULL,
    ALTER COLUMN hook_type DROP NOT NULL,
    ALTER COLUMN data DROP DEFAULT,
    ADD COLUMN IF NOT EXISTS event_type_other varchar(255),
    ADD COLUMN IF NOT EXISTS hook_type_other  varchar(255),
    ADD COLUMN IF NOT EXISTS extra            jsonb,
    ADD COLUMN IF NOT EXISTS record_json      text,
    ADD COLUMN IF NOT EXISTS seq              bigint;

UPDATE "${schema}"."${prefix}events" e
SET seq = numbered.n
FROM (SELECT session_id, id, row_number() OVER (ORDER BY "timestamp", created_at, id) AS n
      FROM "${schema}"."${prefix}events") numbered
WHERE e.session_id = numbered.session_id
  AND e.id = numbered.id;

ALTER TABLE "${schema}"."${prefix}events"
    ALTER COLUMN seq SET NOT NULL,
    ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY,
    ADD CONSTRAINT "${prefix}events_pkey" PRIMARY KEY (session_id, id),
    ADD CONSTRAINT "${prefix}events_seq_key" UNIQUE (seq),
    ADD CONSTRAINT "${prefix}events_event_type_check" CHECK ((event_type IS NULL) <> (event_type_other IS NULL)),
    ADD CONSTRAINT "${prefix}events_hook_type_check" CHECK ((hook_type IS NULL) <> (hook_type_other IS NULL)),
    ADD CONSTRAINT "${prefix}events_session_fkey" FOREIGN KEY (session_id)
        REFERENCES "${schema}"."${prefix}sessions" (session_id) ON DELETE CASCADE;

SELECT setval(pg_get_serial_sequence('"${schema}"."${prefix}events"', 'seq'),
              COALESCE((SELECT max(seq) FROM "${schema}"."${prefix}events"), 0) + 1, false);

-- version 1's indexes and trigger
CREATE INDEX "${prefix}idx_status" ON "${schema}"."${prefix}sessions" (status);
CREATE INDEX "${prefix}idx_parent_session_id" ON "${schema}"."${prefix}sessions" (parent_session_id);
CREATE INDEX "${prefix}idx_start_time" ON "${schema}"."${prefix}sessions" (start_time DESC, session_id);
CREATE INDEX "${prefix}idx_hidden_status" ON "${schema}"."${prefix}sessions" (hidden, status);
CREATE INDEX "${prefix}idx_pinned" ON "${schema}"."${prefix}sessions" (is_pinned);
CREATE INDEX "${prefix}idx_child_session_ids" ON "${schema}"."${prefix}sessions" USING gin (child_session_ids);
CREATE INDEX "${prefix}idx_active_sessions" ON "${schema}"."${prefix}sessions" (start_time DESC, session_id)
    WHERE status = 'active' AND NOT is_placeholder;
CREATE INDEX "${prefix}idx_visible_sessions" ON "${schema}"."${prefix}sessions" (start_time DESC, session_id)
    WHERE hidden IS NOT TRUE AND NOT is_placeholder;
CREATE INDEX "${prefix}idx_listed_sessions" ON "${schema}"."${prefix}sessions" (start_time DESC, session_id)
    WHERE NOT is_placeholder;

CREATE INDEX "${prefix}idx_session_timestamp" ON "${schema}"."${prefix}events" (session_id, "timestamp", seq);
CREATE INDEX "${prefix}idx_timestamp" ON "${schema}"."${prefix}events" ("timestamp", seq);
CREATE INDEX "${prefix}idx_event_type" ON "${schema}"."${prefix}events" (event_type);
CREATE INDEX "${prefix}idx_machine_timestamp" ON "${schema}"."${prefix}events" (machine_id, "timestamp");
CREATE INDEX "${prefix}idx_parent_session" ON "${schema}"."${prefix}events" (parent_session_id);
CREATE INDEX "${prefix}idx_event_data" ON "${schema}"."${prefix}events" USING gin (data jsonb_path_ops);
CREATE INDEX "${prefix}idx_error_events" ON "${schema}"."${prefix}events" (session_id, "timestamp")
    WHERE event_type IN ('error', 'tool_error');
CREATE INDEX "${prefix}idx_tool_call_events" ON "${schema}"."${prefix}events" ((data ->> 'toolName'), "timestamp")
    WHERE event_type = 'tool_call';

CREATE OR REPLACE FUNCTION "${schema}"."${prefix}set_updated_at"() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS "${prefix}sessions_updated_at" ON "${schema}"."${prefix}sessions";
CREATE TRIGGER "${prefix}sessions_updated_at"
    BEFORE UPDATE ON "${schema}"."${prefix}sessions"
    FOR EACH ROW EXECUTE FUNCTION "${schema}"."${prefix}set_updated_at"();
