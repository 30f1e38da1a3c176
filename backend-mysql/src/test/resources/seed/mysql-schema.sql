-- A reconstruction of the upstream seed's mysql-schema.sql, from what shared/reference/sql-schema-README.md says of
-- it (tables, columns, index names, 10 event and 5 hook types in the CHECKs, event id VARCHAR(36)), plus a few
-- sample rows as an upstream-made database would hold them. Used to test adoption in place.

CREATE TABLE IF NOT EXISTS sessions (
    session_id VARCHAR(255) PRIMARY KEY,
    machine_id VARCHAR(255) NOT NULL,
    working_directory TEXT NOT NULL,
    start_time BIGINT NOT NULL,
    end_time BIGINT NULL,
    status VARCHAR(20) NOT NULL DEFAULT 'active',
    parent_session_id VARCHAR(255) NULL,
    manual_parent_session_id VARCHAR(255) NULL,
    child_session_ids JSON,
    agent_type VARCHAR(100) NULL,
    is_user_initiated BOOLEAN DEFAULT TRUE,
    is_pinned BOOLEAN NOT NULL DEFAULT 0,
    hidden BOOLEAN NOT NULL DEFAULT 0,
    label VARCHAR(255) NULL,
    token_usage_input BIGINT DEFAULT 0,
    token_usage_output BIGINT DEFAULT 0,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    INDEX idx_status (status),
    INDEX idx_parent_session_id (parent_session_id),
    INDEX idx_start_time (start_time DESC),
    INDEX idx_hidden_status (hidden, status),
    INDEX idx_pinned (is_pinned),
    CONSTRAINT chk_status CHECK (status IN ('active', 'completed', 'error')),
    CONSTRAINT chk_times CHECK (end_time IS NULL OR end_time >= start_time),
    FOREIGN KEY (parent_session_id) REFERENCES sessions(session_id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS events (
    id VARCHAR(36) PRIMARY KEY,
    session_id VARCHAR(255) NOT NULL,
    timestamp BIGINT NOT NULL,
    event_type VARCHAR(50) NOT NULL,
    hook_type VARCHAR(50) NOT NULL,
    parent_session_id VARCHAR(255) NULL,
    machine_id VARCHAR(255) NOT NULL,
    working_directory TEXT NOT NULL,
    data JSON NOT NULL,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    INDEX idx_session_timestamp (session_id, timestamp DESC),
    INDEX idx_timestamp (timestamp DESC),
    INDEX idx_event_type (event_type),
    INDEX idx_machine_timestamp (machine_id, timestamp DESC),
    INDEX idx_parent_session (parent_session_id),
    CONSTRAINT chk_event_type CHECK (event_type IN ('session_start', 'session_end', 'tool_call', 'tool_result',
        'tool_error', 'message', 'notification', 'thinking', 'error', 'agent_spawn')),
    CONSTRAINT chk_hook_type CHECK (hook_type IN ('PreToolUse', 'PostToolUse', 'Notification', 'Stop',
        'SubagentStop')),
    FOREIGN KEY (session_id) REFERENCES sessions(session_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO sessions (session_id, machine_id, working_directory, start_time, end_time, status, parent_session_id,
                      child_session_ids, agent_type, is_user_initiated, is_pinned, hidden, label,
                      token_usage_input, token_usage_output)
VALUES ('a1b2c3d4e5f60718', 'mac-1', '/home/dev/project', 1730000000000, 1730000600000, 'completed', NULL,
        '["9f8e7d6c"]', NULL, TRUE, 1, 0, 'refactor 😀', 1200, 340),
       ('9f8e7d6c', 'mac-1', 'C:\\Users\\dev\\project', 1730000100000, NULL, 'active', 'a1b2c3d4e5f60718',
        '[]', 'Explore', FALSE, 0, 1, NULL, 0, 0),
       ('selfparent0000ff', 'mac-2', '/srv/app', 1730000200000, 1730000300000, 'error', NULL,
        '[]', NULL, NULL, 0, 0, NULL, 5, 6);

INSERT INTO events (id, session_id, timestamp, event_type, hook_type, parent_session_id, machine_id,
                    working_directory, data)
VALUES ('6f1c2a9e-0b5d-4c3e-9f7a-1d2e3f4a5b6c', 'a1b2c3d4e5f60718', 1730000000000, 'session_start', 'Notification',
        NULL, 'mac-1', '/home/dev/project', '{}'),
       ('7a2d3b0f-1c6e-4d4f-8a8b-2e3f4a5b6c7d', 'a1b2c3d4e5f60718', 1730000000500, 'tool_call', 'PreToolUse',
        NULL, 'mac-1', '/home/dev/project', '{"toolName":"Bash","toolInput":{"command":"ls -la"}}'),
       ('8b3e4c1a-2d7f-4e5a-9b9c-3f4a5b6c7d8e', 'a1b2c3d4e5f60718', 1730000000500, 'tool_result', 'PostToolUse',
        NULL, 'mac-1', '/home/dev/project', '{"toolName":"Bash","toolOutput":"total 0 ✓ 😀"}'),
       ('9c4f5d2b-3e8a-4f6b-8cad-4a5b6c7d8e9f', '9f8e7d6c', 1730000100000, 'message', 'SubagentStop',
        'a1b2c3d4e5f60718', 'mac-1', 'C:\\Users\\dev\\project', '{"message":"done","n":12345678901234567890}');

UPDATE sessions SET parent_session_id = session_id WHERE session_id = 'selfparent0000ff';
