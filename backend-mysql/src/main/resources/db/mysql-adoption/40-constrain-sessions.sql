-- The indexes, checks and foreign key of version 1 (the same definitions as V1__sessions_and_events.sql).
ALTER TABLE ${prefix}sessions
    MODIFY status VARCHAR(16) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    MODIFY created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    MODIFY updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    ADD INDEX ${prefix}idx_status (status, start_time DESC, session_id),
    ADD INDEX ${prefix}idx_parent_session_id (parent_session_id),
    ADD INDEX ${prefix}idx_start_time (start_time DESC, session_id),
    ADD INDEX ${prefix}idx_hidden_status (hidden, status),
    ADD INDEX ${prefix}idx_pinned (is_pinned),
    ADD CONSTRAINT ${prefix}chk_sessions_status
        CHECK (status IS NULL OR status IN ('active', 'completed', 'error')),
    ADD CONSTRAINT ${prefix}chk_sessions_status_one
        CHECK ((status IS NULL AND status_other IS NOT NULL) OR (status IS NOT NULL AND status_other IS NULL)),
    ADD CONSTRAINT ${prefix}chk_sessions_end_time CHECK (end_time IS NULL OR end_time >= 0),
    ADD CONSTRAINT ${prefix}fk_sessions_parent FOREIGN KEY (parent_session_id)
        REFERENCES ${prefix}sessions (session_id) ON DELETE SET NULL
