-- The layout this store was converted to, and how far a conversion has copied (one row).
CREATE TABLE IF NOT EXISTS "${schema}"."${prefix}event_partitioning" (
    one                  boolean PRIMARY KEY DEFAULT true CHECK (one),
    granularity          text    NOT NULL CHECK (granularity IN ('monthly', 'daily')),
    copied_through_seq   bigint  NOT NULL DEFAULT 0,
    swapped              boolean NOT NULL DEFAULT false
);

-- Every session's bucket: its start time in ms as known when its row was first inserted (a placeholder's included),
-- set by the insert and kept by every update, so a session's events stay in one partition for its whole life.
ALTER TABLE "${schema}"."${prefix}sessions" ADD COLUMN IF NOT EXISTS bucket bigint;
UPDATE "${schema}"."${prefix}sessions" SET bucket = start_time WHERE bucket IS NULL;
ALTER TABLE "${schema}"."${prefix}sessions" ALTER COLUMN bucket SET NOT NULL;

CREATE OR REPLACE FUNCTION "${schema}"."${prefix}set_session_bucket"() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.bucket := NEW.start_time;
    ELSE
        NEW.bucket := OLD.bucket;
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS "${prefix}sessions_bucket" ON "${schema}"."${prefix}sessions";
CREATE TRIGGER "${prefix}sessions_bucket"
    BEFORE INSERT OR UPDATE ON "${schema}"."${prefix}sessions"
    FOR EACH ROW EXECUTE FUNCTION "${schema}"."${prefix}set_session_bucket"();

DO
$$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint
                   WHERE conrelid = '"${schema}"."${prefix}sessions"'::regclass
                     AND conname = '${prefix}sessions_session_bucket_key') THEN
        ALTER TABLE "${schema}"."${prefix}sessions"
            ADD CONSTRAINT "${prefix}sessions_session_bucket_key" UNIQUE (session_id, bucket);
    END IF;
END
$$;
-- prune asks, per partition, whether a session in its range survives
CREATE INDEX IF NOT EXISTS "${prefix}idx_session_bucket" ON "${schema}"."${prefix}sessions" (bucket);

-- Events partitioned by their session's bucket. Identity is (session_id, id) exactly as unpartitioned: a session has
-- one bucket, so the primary key (session_id, id, bucket), unique per partition, is unique over the table; the
-- foreign key (session_id, bucket) makes a session's delete look into its one partition.
CREATE TABLE IF NOT EXISTS "${schema}"."${prefix}events_partitioned" (
    seq               bigint GENERATED ALWAYS AS IDENTITY,
    id                varchar(255) NOT NULL,
    session_id        varchar(255) NOT NULL,
    bucket            bigint       NOT NULL,
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
    CONSTRAINT "${prefix}events_partitioned_pkey" PRIMARY KEY (session_id, id, bucket),
    CONSTRAINT "${prefix}events_event_type_check" CHECK ((event_type IS NULL) <> (event_type_other IS NULL)),
    CONSTRAINT "${prefix}events_hook_type_check" CHECK ((hook_type IS NULL) <> (hook_type_other IS NULL)),
    CONSTRAINT "${prefix}events_session_bucket_fkey" FOREIGN KEY (session_id, bucket)
        REFERENCES "${schema}"."${prefix}sessions" (session_id, bucket) ON DELETE CASCADE
) PARTITION BY RANGE (bucket);

-- the indexes of V1, on every partition (named apart from those of the table being converted)
CREATE INDEX IF NOT EXISTS "${prefix}bidx_session_timestamp"
    ON "${schema}"."${prefix}events_partitioned" (session_id, "timestamp", seq);
CREATE INDEX IF NOT EXISTS "${prefix}bidx_timestamp" ON "${schema}"."${prefix}events_partitioned" ("timestamp", seq);
CREATE INDEX IF NOT EXISTS "${prefix}bidx_event_type" ON "${schema}"."${prefix}events_partitioned" (event_type);
CREATE INDEX IF NOT EXISTS "${prefix}bidx_machine_timestamp"
    ON "${schema}"."${prefix}events_partitioned" (machine_id, "timestamp");
CREATE INDEX IF NOT EXISTS "${prefix}bidx_parent_session"
    ON "${schema}"."${prefix}events_partitioned" (parent_session_id);
CREATE INDEX IF NOT EXISTS "${prefix}bidx_event_data"
    ON "${schema}"."${prefix}events_partitioned" USING gin (data jsonb_path_ops);
CREATE INDEX IF NOT EXISTS "${prefix}bidx_error_events" ON "${schema}"."${prefix}events_partitioned" (session_id, "timestamp")
    WHERE event_type IN ('error', 'tool_error');
CREATE INDEX IF NOT EXISTS "${prefix}bidx_tool_call_events"
    ON "${schema}"."${prefix}events_partitioned" ((data ->> 'toolName'), "timestamp")
    WHERE event_type = 'tool_call';
