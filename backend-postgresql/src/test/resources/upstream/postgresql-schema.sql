-- A reconstruction of the upstream seed's postgresql-schema.sql, as shared/reference/sql-schema-README.md describes
-- it (PostgreSQL 12+, JSONB, ENUM types with the seed's 10 event and 5 hook types, UUID event ids, the views,
-- functions and trigger), followed by sample rows. Used to test adopting an upstream-made database in place.

DROP VIEW IF EXISTS session_hierarchy;
DROP VIEW IF EXISTS active_sessions;
DROP TABLE IF EXISTS events CASCADE;
DROP TABLE IF EXISTS sessions CASCADE;
DROP TYPE IF EXISTS session_status CASCADE;
DROP TYPE IF EXISTS monitor_event_type CASCADE;
DROP TYPE IF EXISTS claude_hook_type CASCADE;

CREATE TYPE session_status AS ENUM ('active', 'completed', 'error');
CREATE TYPE monitor_event_type AS ENUM (
    'session_start', 'session_end', 'tool_call', 'tool_result', 'message', 'notification', 'thinking', 'error',
    'agent_spawn', 'agent_complete');
CREATE TYPE claude_hook_type AS ENUM ('PreToolUse', 'PostToolUse', 'Notification', 'Stop', 'SubagentStop');

CREATE TABLE sessions (
    session_id               VARCHAR(255) PRIMARY KEY,
    machine_id               VARCHAR(255)   NOT NULL,
    working_directory        TEXT           NOT NULL,
    start_time               BIGINT         NOT NULL,
    end_time                 BIGINT,
    status                   session_status NOT NULL DEFAULT 'active',
    parent_session_id        VARCHAR(255),
    manual_parent_session_id VARCHAR(255),
    child_session_ids        JSONB          NOT NULL DEFAULT '[]'::jsonb,
    agent_type               VARCHAR(100),
    is_user_initiated        BOOLEAN                 DEFAULT true,
    is_pinned                BOOLEAN        NOT NULL DEFAULT false,
    hidden                   BOOLEAN        NOT NULL DEFAULT false,
    label                    VARCHAR(255),
    token_usage_input        BIGINT         NOT NULL DEFAULT 0,
    token_usage_output       BIGINT         NOT NULL DEFAULT 0,
    created_at               TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    updated_at               TIMESTAMPTZ    NOT NULL DEFAULT NOW(),
    CONSTRAINT fk_parent_session FOREIGN KEY (parent_session_id) REFERENCES sessions (session_id) ON DELETE SET NULL,
    CONSTRAINT chk_end_time CHECK (end_time IS NULL OR end_time >= start_time)
);

CREATE TABLE events (
    id                UUID PRIMARY KEY,
    session_id        VARCHAR(255)       NOT NULL,
    timestamp         BIGINT             NOT NULL,
    parent_session_id VARCHAR(255),
    machine_id        VARCHAR(255)       NOT NULL,
    working_directory TEXT               NOT NULL,
    event_type        monitor_event_type NOT NULL,
    hook_type         claude_hook_type   NOT NULL,
    data              JSONB              NOT NULL DEFAULT '{}'::jsonb,
    created_at        TIMESTAMPTZ        NOT NULL DEFAULT NOW(),
    CONSTRAINT fk_session FOREIGN KEY (session_id) REFERENCES sessions (session_id) ON DELETE CASCADE
);

CREATE INDEX idx_status ON sessions (status);
CREATE INDEX idx_parent_session_id ON sessions (parent_session_id);
CREATE INDEX idx_start_time ON sessions (start_time DESC);
CREATE INDEX idx_hidden_status ON sessions (hidden, status);
CREATE INDEX idx_pinned ON sessions (is_pinned);
CREATE INDEX idx_sessions_active ON sessions (start_time DESC) WHERE status = 'active';
CREATE INDEX idx_sessions_visible ON sessions (start_time DESC) WHERE hidden = false;
CREATE INDEX idx_child_sessions_gin ON sessions USING GIN (child_session_ids);

CREATE INDEX idx_session_timestamp ON events (session_id, timestamp DESC);
CREATE INDEX idx_timestamp ON events (timestamp DESC);
CREATE INDEX idx_event_type ON events (event_type);
CREATE INDEX idx_machine_timestamp ON events (machine_id, timestamp DESC);
CREATE INDEX idx_parent_session ON events (parent_session_id);
CREATE INDEX idx_events_data_gin ON events USING GIN (data);
CREATE INDEX idx_events_errors ON events (session_id, timestamp DESC) WHERE event_type = 'error';
CREATE INDEX idx_events_tool_calls ON events (session_id, timestamp DESC) WHERE event_type = 'tool_call';

CREATE OR REPLACE FUNCTION update_updated_at_column() RETURNS TRIGGER AS
$$
BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER update_sessions_updated_at
    BEFORE UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE OR REPLACE VIEW active_sessions AS
SELECT s.*, COUNT(e.id) AS event_count, MAX(e.timestamp) AS last_event_time
FROM sessions s
         LEFT JOIN events e ON e.session_id = s.session_id
WHERE s.hidden = false
GROUP BY s.session_id;

CREATE OR REPLACE VIEW session_hierarchy AS
WITH RECURSIVE tree AS (
    SELECT session_id, parent_session_id, 0 AS depth, ARRAY [session_id::text] AS path
    FROM sessions
    WHERE parent_session_id IS NULL
    UNION ALL
    SELECT s.session_id, s.parent_session_id, t.depth + 1, t.path || s.session_id::text
    FROM sessions s
             JOIN tree t ON s.parent_session_id = t.session_id
)
SELECT * FROM tree;

CREATE OR REPLACE FUNCTION get_recent_events(p_limit INTEGER DEFAULT 200)
    RETURNS TABLE (id UUID, session_id VARCHAR, "timestamp" BIGINT, event_type monitor_event_type, data JSONB) AS
$$
SELECT e.id, e.session_id, e.timestamp, e.event_type, e.data
FROM events e
ORDER BY e.timestamp DESC
LIMIT p_limit;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION get_session_event_counts(p_session_id VARCHAR)
    RETURNS TABLE (event_type monitor_event_type, count BIGINT) AS
$$
SELECT e.event_type, COUNT(*)
FROM events e
WHERE e.session_id = p_session_id
GROUP BY e.event_type;
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION prune_old_sessions(older_than_ms BIGINT) RETURNS INTEGER AS
$$
DECLARE
    deleted_count INTEGER;
BEGIN
    DELETE FROM sessions WHERE status = 'completed' AND end_time < older_than_ms AND is_pinned = false;
    GET DIAGNOSTICS deleted_count = ROW_COUNT;
    RETURN deleted_count;
END;
$$ LANGUAGE plpgsql;

-- sample data
INSERT INTO sessions (session_id, machine_id, working_directory, start_time, end_time, status, parent_session_id,
                      child_session_ids, agent_type, is_user_initiated, is_pinned, hidden, label,
                      token_usage_input, token_usage_output)
VALUES ('a1b2c3d4e5f60718', 'dev-laptop', '/home/dev/project', 1735689600000, 1735693200000, 'completed', NULL,
        '["9f8e7d6c"]', NULL, true, true, false, 'Refactor auth', 15234, 4321),
       ('9f8e7d6c', 'dev-laptop', '/home/dev/project', 1735689700000, NULL, 'active', 'a1b2c3d4e5f60718',
        '[]', 'Explore', false, false, false, NULL, 0, 0),
       ('0011223344556677', 'ci-runner', 'C:\work\repo', 1735700000000, 1735700500000, 'error', NULL,
        '[]', NULL, true, false, true, NULL, 10, 20);

INSERT INTO events (id, session_id, timestamp, parent_session_id, machine_id, working_directory, event_type,
                    hook_type, data)
VALUES ('6f1c2a4e-8b3d-4f5a-9c7e-1d2b3c4d5e6f', 'a1b2c3d4e5f60718', 1735689600000, NULL, 'dev-laptop',
        '/home/dev/project', 'session_start', 'Notification', '{}'),
       ('7a2d3b5f-9c4e-4a6b-8d8f-2e3c4d5e6f70', 'a1b2c3d4e5f60718', 1735689601000, NULL, 'dev-laptop',
        '/home/dev/project', 'tool_call', 'PreToolUse',
        '{"toolName": "Bash", "toolInput": {"command": "ls -la"}}'),
       ('8b3e4c6a-ad5f-4b7c-9e9a-3f4d5e6f7081', 'a1b2c3d4e5f60718', 1735689602000, NULL, 'dev-laptop',
        '/home/dev/project', 'tool_result', 'PostToolUse',
        '{"toolName": "Bash", "toolOutput": "total 0\n", "tokenUsage": {"input": 12, "output": 3}}'),
       ('9c4f5d7b-be6a-4c8d-af0b-4a5e6f708192', '9f8e7d6c', 1735689700000, 'a1b2c3d4e5f60718', 'dev-laptop',
        '/home/dev/project', 'agent_spawn', 'SubagentStop', '{"subagent": {"type": "Explore", "prompt": "find"}}'),
       ('ad5a6e8c-cf7b-4d9e-b01c-5b6f708192a3', '0011223344556677', 1735700000000, NULL, 'ci-runner',
        'C:\work\repo', 'error', 'Stop', '{"error": {"code": "E1", "message": "boom"}}'),
       ('be6b7f9d-d08c-4eaf-8c2d-6c708192a3b4', '0011223344556677', 1735700000000, NULL, 'ci-runner',
        'C:\work\repo', 'message', 'Stop', '{"message": "done"}');
