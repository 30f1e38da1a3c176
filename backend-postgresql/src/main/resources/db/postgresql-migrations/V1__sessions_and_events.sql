-- Contextuate Monitor, PostgreSQL schema version 1: the types, the two tables, their indexes and the updated_at
-- trigger. ${schema} is database.schema, ${prefix} is database.tablePrefix; every name this schema creates carries the
-- prefix (types and index names too), so two prefixes can share one schema. Nothing here or in a later version ever
-- drops an object that holds data.

-- The known values, for type safety and compact storage. Values outside them are never rejected: they go to the
-- *_other column beside the ENUM column (see the comments on the tables).
CREATE TYPE "${schema}"."${prefix}session_status" AS ENUM ('active', 'completed', 'error');

CREATE TYPE "${schema}"."${prefix}monitor_event_type" AS ENUM (
    'session_start', 'session_end', 'tool_call', 'tool_result', 'tool_error', 'message', 'notification', 'thinking',
    'error', 'agent_spawn', 'agent_complete', 'subagent_start', 'subagent_stop', 'user_prompt', 'pre_compact',
    'permission_request');

CREATE TYPE "${schema}"."${prefix}claude_hook_type" AS ENUM (
    'SessionStart', 'SessionEnd', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'Notification',
    'UserPromptSubmit', 'Stop', 'SubagentStart', 'SubagentStop', 'PreCompact', 'PermissionRequest');

CREATE TABLE "${schema}"."${prefix}sessions" (
    session_id                 varchar(255) NOT NULL,
    machine_id                 varchar(255) NOT NULL,
    working_directory          text         NOT NULL,
    start_time                 bigint       NOT NULL,
    end_time                   bigint,
    status                     "${schema}"."${prefix}session_status",
    status_other               varchar(255),
    parent_session_id          varchar(255),
    manual_parent_session_id   varchar(255),
    child_session_ids          jsonb,
    agent_type                 text,
    is_user_initiated          boolean,
    is_pinned                  boolean,
    hidden                     boolean,
    label                      text,
    token_usage_input          bigint,
    token_usage_output         bigint,
    token_usage_cache_read     bigint,
    token_usage_cache_creation bigint,
    token_usage_extra          jsonb,
    model                      text,
    transcript_path            text,
    extra                      jsonb,
    record_json                text,
    is_placeholder             boolean      NOT NULL DEFAULT false,
    created_at                 timestamptz  NOT NULL DEFAULT now(),
    updated_at                 timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT "${prefix}sessions_pkey" PRIMARY KEY (session_id),
    -- Real sessions end before they start (upstream marks a session completed on its first Stop and keeps the
    -- earliest event as start), so the seed's end_time >= start_time cannot be a rule; only sign is checked.
    CONSTRAINT "${prefix}sessions_end_time_check" CHECK (end_time IS NULL OR end_time >= 0),
    CONSTRAINT "${prefix}sessions_status_check" CHECK ((status IS NULL) <> (status_other IS NULL)),
    CONSTRAINT "${prefix}sessions_parent_fkey" FOREIGN KEY (parent_session_id)
        REFERENCES "${schema}"."${prefix}sessions" (session_id) ON DELETE SET NULL
);

CREATE TABLE "${schema}"."${prefix}events" (
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
    CONSTRAINT "${prefix}events_pkey" PRIMARY KEY (session_id, id),
    CONSTRAINT "${prefix}events_seq_key" UNIQUE (seq),
    CONSTRAINT "${prefix}events_event_type_check" CHECK ((event_type IS NULL) <> (event_type_other IS NULL)),
    CONSTRAINT "${prefix}events_hook_type_check" CHECK ((hook_type IS NULL) <> (hook_type_other IS NULL)),
    CONSTRAINT "${prefix}events_session_fkey" FOREIGN KEY (session_id)
        REFERENCES "${schema}"."${prefix}sessions" (session_id) ON DELETE CASCADE
);

-- sessions
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

-- events
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

CREATE FUNCTION "${schema}"."${prefix}set_updated_at"() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER "${prefix}sessions_updated_at"
    BEFORE UPDATE ON "${schema}"."${prefix}sessions"
    FOR EACH ROW EXECUTE FUNCTION "${schema}"."${prefix}set_updated_at"();
