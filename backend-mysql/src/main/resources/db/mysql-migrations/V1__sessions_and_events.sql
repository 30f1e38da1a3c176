-- Contextuate Monitor store, version 1: the sessions and events tables.
-- Runs unchanged on MySQL 8.0+ and MariaDB 10.6+ (see backend-mysql/README.md for what was run where).
-- ${prefix} is database.tablePrefix. Identifier and type columns use utf8mb4_bin so that they compare exactly
-- ('abc' and 'ABC' are two sessions); free text uses utf8mb4_unicode_ci.
-- JSON columns are LONGTEXT (utf8mb4_bin) rather than MySQL's JSON type: MySQL's binary JSON sorts keys, keeps one
-- of duplicate keys and turns integers beyond 64 bits into doubles, which would break the lossless rule. They carry
-- no JSON_VALID check either (MariaDB's JSON type is LONGTEXT + JSON_VALID): MariaDB's JSON_VALID refuses nesting
-- deeper than 31 levels and MySQL's stops at 100, and real tool outputs nest deeper. Only the store's own JSON
-- serializer writes these columns.
-- Session indexes end in (start_time DESC, session_id): the order of getSessions, read from the index without a
-- sort on MySQL 8 and MariaDB 10.8+ (MariaDB 10.6/10.7 accept DESC and build an ascending index; results are the
-- same, the sort is then done per query).

CREATE TABLE ${prefix}sessions (
    session_id                 VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    machine_id                 VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    working_directory          MEDIUMTEXT   NOT NULL,
    start_time                 BIGINT       NOT NULL,
    end_time                   BIGINT       NULL,
    status                     VARCHAR(16)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    status_other               VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    parent_session_id          VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    child_session_ids          LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    token_usage_input          BIGINT       NULL,
    token_usage_output         BIGINT       NULL,
    token_usage_cache_read     BIGINT       NULL,
    token_usage_cache_creation BIGINT       NULL,
    token_usage_extra          LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    hidden                     BOOLEAN      NULL,
    is_user_initiated          BOOLEAN      NULL,
    is_pinned                  BOOLEAN      NULL,
    agent_type                 MEDIUMTEXT   NULL,
    manual_parent_session_id   VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    label                      MEDIUMTEXT   NULL,
    model                      MEDIUMTEXT   NULL,
    transcript_path            MEDIUMTEXT   NULL,
    extra                      LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    record_json                LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    is_placeholder             BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at                 TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    updated_at                 TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    PRIMARY KEY (session_id),
    INDEX ${prefix}idx_status (status, start_time DESC, session_id),
    INDEX ${prefix}idx_parent_session_id (parent_session_id),
    INDEX ${prefix}idx_start_time (start_time DESC, session_id),
    INDEX ${prefix}idx_hidden_status (hidden, status),
    INDEX ${prefix}idx_pinned (is_pinned),
    CONSTRAINT ${prefix}chk_sessions_status
        CHECK (status IS NULL OR status IN ('active', 'completed', 'error')),
    CONSTRAINT ${prefix}chk_sessions_status_one
        CHECK ((status IS NULL AND status_other IS NOT NULL) OR (status IS NOT NULL AND status_other IS NULL)),
    -- The seed required end_time >= start_time; real data has sessions that end before they start (clock skew,
    -- a Stop re-stamped by the daemon), so only a negative end time is refused.
    CONSTRAINT ${prefix}chk_sessions_end_time CHECK (end_time IS NULL OR end_time >= 0),
    CONSTRAINT ${prefix}fk_sessions_parent FOREIGN KEY (parent_session_id)
        REFERENCES ${prefix}sessions (session_id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

CREATE TABLE ${prefix}events (
    seq               BIGINT       NOT NULL AUTO_INCREMENT,
    id                VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    session_id        VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    `timestamp`       BIGINT       NOT NULL,
    parent_session_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    machine_id        VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    working_directory MEDIUMTEXT   NOT NULL,
    event_type        VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    event_type_other  VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    hook_type         VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    hook_type_other   VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    data              LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    extra             LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    record_json       LONGTEXT     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    created_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    -- InnoDB keeps rows in primary-key order: keyed by (session, time, save order), the newest events of a
    -- session (the primary access pattern) are neighbours on disk. An event's identity, (session_id, id), is the
    -- unique key that makes saving idempotent.
    PRIMARY KEY (session_id, `timestamp`, seq),
    UNIQUE INDEX ${prefix}uq_events_id (session_id, id),
    UNIQUE INDEX ${prefix}uq_events_seq (seq),
    -- the seed's name, kept for tools that look for it; the primary key serves the same queries
    INDEX ${prefix}idx_session_timestamp (session_id, `timestamp`, seq),
    INDEX ${prefix}idx_timestamp (`timestamp`, seq),
    INDEX ${prefix}idx_event_type (event_type),
    INDEX ${prefix}idx_machine_timestamp (machine_id, `timestamp`),
    INDEX ${prefix}idx_parent_session (parent_session_id),
    CONSTRAINT ${prefix}chk_events_event_type CHECK (event_type IS NULL OR event_type IN (
        'session_start', 'session_end', 'tool_call', 'tool_result', 'tool_error', 'message', 'notification',
        'thinking', 'error', 'agent_spawn', 'agent_complete', 'subagent_start', 'subagent_stop', 'user_prompt',
        'pre_compact', 'permission_request')),
    CONSTRAINT ${prefix}chk_events_event_type_one CHECK (
        (event_type IS NULL AND event_type_other IS NOT NULL) OR (event_type IS NOT NULL AND event_type_other IS NULL)),
    CONSTRAINT ${prefix}chk_events_hook_type CHECK (hook_type IS NULL OR hook_type IN (
        'SessionStart', 'SessionEnd', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'Notification',
        'UserPromptSubmit', 'Stop', 'SubagentStart', 'SubagentStop', 'PreCompact', 'PermissionRequest')),
    CONSTRAINT ${prefix}chk_events_hook_type_one CHECK (
        (hook_type IS NULL AND hook_type_other IS NOT NULL) OR (hook_type IS NOT NULL AND hook_type_other IS NULL)),
    CONSTRAINT ${prefix}fk_events_session FOREIGN KEY (session_id)
        REFERENCES ${prefix}sessions (session_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
