-- The earlier partitioned layout (events partitioned by their own timestamp, identity in event_keys), as the
-- store made it before partitions followed the session's bucket: made from an unpartitioned store with events, so
-- tests can check that such a store is refused at open and converted by `schema partition`. One partition holds
-- every timestamp; the earlier code named partitions events_p<range>.
-- The layout this store was converted to, and how far a conversion has copied (one row).
CREATE TABLE IF NOT EXISTS "${schema}"."${prefix}event_partitioning" (
    one                  boolean PRIMARY KEY DEFAULT true CHECK (one),
    granularity          text    NOT NULL CHECK (granularity IN ('monthly', 'daily')),
    copied_through_seq   bigint  NOT NULL DEFAULT 0,
    swapped              boolean NOT NULL DEFAULT false
);

-- Event identity, (session_id, id), exactly as the unpartitioned primary key defines it: a unique key of a
-- partitioned table must contain the partition key, so identity lives here, one row per event, and every insert into
-- events inserts its key first (ON CONFLICT DO NOTHING decides whether the event is new).
CREATE TABLE IF NOT EXISTS "${schema}"."${prefix}event_keys" (
    session_id varchar(255) NOT NULL,
    id         varchar(255) NOT NULL,
    CONSTRAINT "${prefix}event_keys_pkey" PRIMARY KEY (session_id, id),
    CONSTRAINT "${prefix}event_keys_session_fkey" FOREIGN KEY (session_id)
        REFERENCES "${schema}"."${prefix}sessions" (session_id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS "${schema}"."${prefix}events_partitioned" (
    seq               bigint GENERATED ALWAYS AS IDENTITY,
    id                varchar(255) NOT NULL,
    session_id        varchar(255) NOT NULL,
    "timestamp"       bigint       NOT NULL,
    parent_session_id varchar(255),
    machine_id        varchar(255) NOT NULL,
    working_directory text         NOT NULL,
    event_type        "${schema}"."${prefix}monitor_event_type",
    event_type_other  varchar(255),
    hook_type         "${schema}"."${prefix}claude_hook_type",
    hook_type_other   varchar(255),
    data              jsonb        NOT NULL,
    extra             jsonb,
    record_json       text,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT "${prefix}events_partitioned_pkey" PRIMARY KEY (session_id, id, "timestamp"),
    CONSTRAINT "${prefix}events_event_type_check" CHECK ((event_type IS NULL) <> (event_type_other IS NULL)),
    CONSTRAINT "${prefix}events_hook_type_check" CHECK ((hook_type IS NULL) <> (hook_type_other IS NULL)),
    CONSTRAINT "${prefix}events_session_fkey" FOREIGN KEY (session_id)
        REFERENCES "${schema}"."${prefix}sessions" (session_id) ON DELETE CASCADE
) PARTITION BY RANGE ("timestamp");

-- the indexes of V1, on every partition
CREATE INDEX IF NOT EXISTS "${prefix}pidx_session_timestamp"
    ON "${schema}"."${prefix}events_partitioned" (session_id, "timestamp", seq);
CREATE INDEX IF NOT EXISTS "${prefix}pidx_timestamp" ON "${schema}"."${prefix}events_partitioned" ("timestamp", seq);
CREATE INDEX IF NOT EXISTS "${prefix}pidx_event_type" ON "${schema}"."${prefix}events_partitioned" (event_type);
CREATE INDEX IF NOT EXISTS "${prefix}pidx_machine_timestamp"
    ON "${schema}"."${prefix}events_partitioned" (machine_id, "timestamp");
CREATE INDEX IF NOT EXISTS "${prefix}pidx_parent_session"
    ON "${schema}"."${prefix}events_partitioned" (parent_session_id);
CREATE INDEX IF NOT EXISTS "${prefix}pidx_event_data"
    ON "${schema}"."${prefix}events_partitioned" USING gin (data jsonb_path_ops);
CREATE INDEX IF NOT EXISTS "${prefix}pidx_error_events" ON "${schema}"."${prefix}events_partitioned" (session_id, "timestamp")
    WHERE event_type IN ('error', 'tool_error');
CREATE INDEX IF NOT EXISTS "${prefix}pidx_tool_call_events"
    ON "${schema}"."${prefix}events_partitioned" ((data ->> 'toolName'), "timestamp")
    WHERE event_type = 'tool_call';
INSERT INTO "${schema}"."${prefix}event_partitioning" (granularity) VALUES ('monthly');
CREATE TABLE "${schema}"."${prefix}events_p_all" PARTITION OF "${schema}"."${prefix}events_partitioned"
    FOR VALUES FROM (MINVALUE) TO (MAXVALUE);
INSERT INTO "${schema}"."${prefix}event_keys" (session_id, id) SELECT session_id, id FROM "${schema}"."${prefix}events";
INSERT INTO "${schema}"."${prefix}events_partitioned" (seq, id, session_id, "timestamp", parent_session_id, machine_id,
    working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json, created_at)
    OVERRIDING SYSTEM VALUE
    SELECT seq, id, session_id, "timestamp", parent_session_id, machine_id, working_directory, event_type,
           event_type_other, hook_type, hook_type_other, data, extra, record_json, created_at
    FROM "${schema}"."${prefix}events";
SELECT setval(pg_get_serial_sequence('"${schema}"."${prefix}events_partitioned"', 'seq'),
              (SELECT max(seq) FROM "${schema}"."${prefix}events"));
DROP VIEW IF EXISTS "${schema}"."${prefix}active_sessions";
DROP FUNCTION IF EXISTS "${schema}"."${prefix}get_recent_events"(integer);
DROP TABLE "${schema}"."${prefix}events";
ALTER TABLE "${schema}"."${prefix}events_partitioned" RENAME TO "${prefix}events";
ALTER TABLE "${schema}"."${prefix}events" RENAME CONSTRAINT "${prefix}events_partitioned_pkey" TO "${prefix}events_pkey";
UPDATE "${schema}"."${prefix}event_partitioning" SET swapped = true;
