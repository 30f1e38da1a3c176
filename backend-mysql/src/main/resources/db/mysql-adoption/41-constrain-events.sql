ALTER TABLE ${prefix}events
    MODIFY seq BIGINT NOT NULL AUTO_INCREMENT,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (session_id, `timestamp`, seq),
    ADD UNIQUE INDEX ${prefix}uq_events_id (session_id, id),
    ADD UNIQUE INDEX ${prefix}uq_events_seq (seq),
    MODIFY event_type VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    MODIFY hook_type VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    MODIFY created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    ADD INDEX ${prefix}idx_session_timestamp (session_id, `timestamp`, seq),
    ADD INDEX ${prefix}idx_timestamp (`timestamp`, seq),
    ADD INDEX ${prefix}idx_event_type (event_type),
    ADD INDEX ${prefix}idx_machine_timestamp (machine_id, `timestamp`),
    ADD INDEX ${prefix}idx_parent_session (parent_session_id),
    ADD CONSTRAINT ${prefix}chk_events_event_type CHECK (event_type IS NULL OR event_type IN (
        'session_start', 'session_end', 'tool_call', 'tool_result', 'tool_error', 'message', 'notification',
        'thinking', 'error', 'agent_spawn', 'agent_complete', 'subagent_start', 'subagent_stop', 'user_prompt',
        'pre_compact', 'permission_request')),
    ADD CONSTRAINT ${prefix}chk_events_event_type_one CHECK (
        (event_type IS NULL AND event_type_other IS NOT NULL) OR (event_type IS NOT NULL AND event_type_other IS NULL)),
    ADD CONSTRAINT ${prefix}chk_events_hook_type CHECK (hook_type IS NULL OR hook_type IN (
        'SessionStart', 'SessionEnd', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'Notification',
        'UserPromptSubmit', 'Stop', 'SubagentStart', 'SubagentStop', 'PreCompact', 'PermissionRequest')),
    ADD CONSTRAINT ${prefix}chk_events_hook_type_one CHECK (
        (hook_type IS NULL AND hook_type_other IS NOT NULL) OR (hook_type IS NOT NULL AND hook_type_other IS NULL)),
    ADD CONSTRAINT ${prefix}fk_events_session FOREIGN KEY (session_id)
        REFERENCES ${prefix}sessions (session_id) ON DELETE CASCADE
