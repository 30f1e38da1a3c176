-- The SQL table contract of contextuate-monitor-sql (sql/README.md in its source tree), in H2.
CREATE TABLE ${prefix}sessions (
    session_id                 VARCHAR(255) NOT NULL,
    machine_id                 VARCHAR(255) NOT NULL,
    working_directory          CHARACTER LARGE OBJECT NOT NULL,
    start_time                 BIGINT       NOT NULL,
    end_time                   BIGINT,
    status                     VARCHAR(16),
    status_other               VARCHAR(255),
    parent_session_id          VARCHAR(255),
    manual_parent_session_id   VARCHAR(255),
    child_session_ids          CHARACTER LARGE OBJECT,
    agent_type                 CHARACTER LARGE OBJECT,
    is_user_initiated          BOOLEAN,
    is_pinned                  BOOLEAN,
    hidden                     BOOLEAN,
    label                      CHARACTER LARGE OBJECT,
    token_usage_input          BIGINT,
    token_usage_output         BIGINT,
    token_usage_cache_read     BIGINT,
    token_usage_cache_creation BIGINT,
    token_usage_extra          CHARACTER LARGE OBJECT,
    model                      CHARACTER LARGE OBJECT,
    transcript_path            CHARACTER LARGE OBJECT,
    extra                      CHARACTER LARGE OBJECT,
    record_json                CHARACTER LARGE OBJECT,
    is_placeholder             BOOLEAN      DEFAULT FALSE NOT NULL,
    CONSTRAINT ${prefix}sessions_pkey PRIMARY KEY (session_id),
    CONSTRAINT ${prefix}sessions_status_check CHECK ((status IS NULL) <> (status_other IS NULL)),
    CONSTRAINT ${prefix}sessions_parent_fkey FOREIGN KEY (parent_session_id)
        REFERENCES ${prefix}sessions (session_id) ON DELETE SET NULL
);

CREATE TABLE ${prefix}events (
    seq               BIGINT GENERATED ALWAYS AS IDENTITY,
    id                VARCHAR(255) NOT NULL,
    session_id        VARCHAR(255) NOT NULL,
    "timestamp"       BIGINT       NOT NULL,
    parent_session_id VARCHAR(255),
    machine_id        VARCHAR(255) NOT NULL,
    working_directory CHARACTER LARGE OBJECT NOT NULL,
    event_type        VARCHAR(32),
    event_type_other  VARCHAR(255),
    hook_type         VARCHAR(32),
    hook_type_other   VARCHAR(255),
    data              CHARACTER LARGE OBJECT NOT NULL,
    extra             CHARACTER LARGE OBJECT,
    record_json       CHARACTER LARGE OBJECT,
    CONSTRAINT ${prefix}events_pkey PRIMARY KEY (session_id, id),
    CONSTRAINT ${prefix}events_seq_key UNIQUE (seq),
    CONSTRAINT ${prefix}events_event_type_check CHECK ((event_type IS NULL) <> (event_type_other IS NULL)),
    CONSTRAINT ${prefix}events_hook_type_check CHECK ((hook_type IS NULL) <> (hook_type_other IS NULL)),
    CONSTRAINT ${prefix}events_session_fkey FOREIGN KEY (session_id)
        REFERENCES ${prefix}sessions (session_id) ON DELETE CASCADE
);

CREATE INDEX ${prefix}idx_start_time ON ${prefix}sessions (start_time DESC, session_id);
CREATE INDEX ${prefix}idx_parent_session_id ON ${prefix}sessions (parent_session_id);
CREATE INDEX ${prefix}idx_session_timestamp ON ${prefix}events (session_id, "timestamp", seq);
CREATE INDEX ${prefix}idx_timestamp ON ${prefix}events ("timestamp", seq);
