-- Contextuate Monitor, PostgreSQL schema version 2: the seed's views and functions over the version 1 tables, and
-- the comments that explain how the tables keep every record exactly (lossless). Views and functions hold no data;
-- they are created with CREATE OR REPLACE and carry the table prefix like every other name.

CREATE OR REPLACE VIEW "${schema}"."${prefix}active_sessions" AS
SELECT s.session_id,
       s.machine_id,
       s.working_directory,
       s.start_time,
       s.end_time,
       COALESCE(s.status::text, s.status_other)               AS status,
       s.parent_session_id,
       s.agent_type,
       s.label,
       s.model,
       s.is_pinned,
       s.token_usage_input,
       s.token_usage_output,
       counts.event_count,
       counts.last_event_time,
       COALESCE(counts.last_event_time, s.start_time) - s.start_time AS duration_ms
FROM "${schema}"."${prefix}sessions" s
         LEFT JOIN LATERAL (SELECT count(*) AS event_count, max(e."timestamp") AS last_event_time
                            FROM "${schema}"."${prefix}events" e
                            WHERE e.session_id = s.session_id) counts ON true
WHERE s.status = 'active'
  AND s.hidden IS NOT TRUE
  AND NOT s.is_placeholder;

-- Parent links are not a tree: a session can be its own parent, point at a missing session, or sit on a cycle made
-- by the daemon's guesses. So the view walks UP from each session and stops at the first repeated id; every session
-- appears once, with the topmost ancestor reached, the path from it, and whether the walk met a cycle.
CREATE OR REPLACE VIEW "${schema}"."${prefix}session_hierarchy" AS
WITH RECURSIVE walk (session_id, ancestor_id, ancestor_parent_id, depth, path, repeated) AS (
    SELECT s.session_id::text, s.session_id::text, s.parent_session_id::text, 0, ARRAY [s.session_id::text], false
    FROM "${schema}"."${prefix}sessions" s
    WHERE NOT s.is_placeholder
    UNION ALL
    SELECT w.session_id, p.session_id::text, p.parent_session_id::text, w.depth + 1,
           p.session_id::text || w.path, p.session_id::text = ANY (w.path)
    FROM walk w
             JOIN "${schema}"."${prefix}sessions" p ON p.session_id = w.ancestor_parent_id
    WHERE NOT w.repeated
),
     summary AS (
         SELECT DISTINCT ON (w.session_id) w.session_id, w.ancestor_id AS root_session_id, w.depth, w.path
         FROM walk w
         WHERE NOT w.repeated
         ORDER BY w.session_id, w.depth DESC
     )
SELECT s.session_id,
       s.parent_session_id,
       summary.root_session_id,
       summary.depth,
       summary.path,
       EXISTS (SELECT 1 FROM walk w WHERE w.session_id = s.session_id AND w.repeated) AS meets_cycle,
       COALESCE(s.status::text, s.status_other)                                    AS status,
       s.agent_type,
       s.label,
       s.start_time,
       s.end_time
FROM "${schema}"."${prefix}sessions" s
         JOIN summary ON summary.session_id = s.session_id;

CREATE OR REPLACE FUNCTION "${schema}"."${prefix}get_recent_events"(p_limit integer DEFAULT 200)
    RETURNS SETOF "${schema}"."${prefix}events"
    LANGUAGE sql STABLE AS
$$
SELECT *
FROM "${schema}"."${prefix}events"
ORDER BY "timestamp" DESC, seq DESC
LIMIT p_limit
$$;

CREATE OR REPLACE FUNCTION "${schema}"."${prefix}get_session_event_counts"(p_session_id varchar)
    RETURNS TABLE (event_type text, event_count bigint)
    LANGUAGE sql STABLE AS
$$
SELECT COALESCE(e.event_type::text, e.event_type_other), count(*)
FROM "${schema}"."${prefix}events" e
WHERE e.session_id = p_session_id
GROUP BY 1
ORDER BY 2 DESC, 1
$$;

-- DESIGN.md's prune: every unpinned session whose end time (start time if never ended) is before the cutoff, with
-- its events; children stay and lose their parent. Placeholder rows are not sessions and are never counted.
CREATE OR REPLACE FUNCTION "${schema}"."${prefix}prune_old_sessions"(p_older_than_ms bigint)
    RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    deleted integer;
BEGIN
    DELETE
    FROM "${schema}"."${prefix}sessions"
    WHERE NOT is_placeholder
      AND NOT COALESCE(is_pinned, false)
      AND COALESCE(end_time, start_time) < p_older_than_ms;
    GET DIAGNOSTICS deleted = ROW_COUNT;
    RETURN deleted;
END
$$;

COMMENT ON TYPE "${schema}"."${prefix}session_status" IS
    'The statuses upstream knows. Any other status is kept verbatim in sessions.status_other.';
COMMENT ON TYPE "${schema}"."${prefix}monitor_event_type" IS
    'The 16 event types upstream knows. Any other type is kept verbatim in events.event_type_other.';
COMMENT ON TYPE "${schema}"."${prefix}claude_hook_type" IS
    'The 12 hooks upstream knows. Any other value (including Unknown) is kept verbatim in events.hook_type_other.';

COMMENT ON TABLE "${schema}"."${prefix}sessions" IS
    'One row per session record (SessionMeta), plus placeholder rows (is_placeholder) for sessions that events or '
        'children reference before their record arrives. A record is returned exactly as it was saved: every member '
        'has a column whose NULL means absent, unknown members are in extra, and record_json holds the whole record '
        'when some string could not be stored in text/jsonb.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".status IS
    'A known status; NULL when the status is unknown (then status_other holds it). Exactly one of the two is set.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".status_other IS
    'A status outside session_status, verbatim, so new statuses are never rejected or altered.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".end_time IS
    'Unix ms, NULL when absent. May precede start_time in real data, so only end_time >= 0 is checked.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".parent_session_id IS
    'The parent, possibly this session itself. A missing parent gets a placeholder row so the foreign key holds; '
        'deleting the parent sets this to NULL.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".child_session_ids IS
    'The childSessionIds JSON array as given; NULL when absent.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".token_usage_input IS
    'tokenUsage.totalInput; tokenUsage is present exactly when this is not NULL.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".token_usage_extra IS
    'Members of tokenUsage this schema has no column for, as a JSON object in their order.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".extra IS
    'Top-level members of the record this schema has no column for (or of an unexpected JSON type), in order.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".record_json IS
    'The exact record as JSON text, only when one of its strings holds U+0000 or an unpaired surrogate (which text '
        'and jsonb refuse); the typed columns then hold a sanitized copy for queries and reads use this column.';
COMMENT ON COLUMN "${schema}"."${prefix}sessions".is_placeholder IS
    'True for a row that exists only so that events and children can reference a session with no record yet. '
        'Invisible to reads, deletes, prune and stats; replaced when the record is saved.';

COMMENT ON TABLE "${schema}"."${prefix}events" IS
    'One row per event (MonitorEvent), identified by (session_id, id): saving a pair again adds nothing. Returned '
        'exactly as saved: unknown types go to *_other, unknown members to extra, and record_json holds the whole '
        'event when some string could not be stored in text/jsonb.';
COMMENT ON COLUMN "${schema}"."${prefix}events".seq IS
    'Save order: events with equal timestamps are returned in this order.';
COMMENT ON COLUMN "${schema}"."${prefix}events".id IS
    'The event id, any string (upstream sends UUIDs, other producers need not).';
COMMENT ON COLUMN "${schema}"."${prefix}events".session_id IS
    'The session; a session with no record yet gets a placeholder sessions row so the foreign key holds.';
COMMENT ON COLUMN "${schema}"."${prefix}events".event_type IS
    'A known event type; NULL when unknown (then event_type_other holds it). Exactly one of the two is set.';
COMMENT ON COLUMN "${schema}"."${prefix}events".event_type_other IS
    'An event type outside monitor_event_type, verbatim.';
COMMENT ON COLUMN "${schema}"."${prefix}events".hook_type IS
    'A known hook; NULL when unknown (then hook_type_other holds it). Exactly one of the two is set.';
COMMENT ON COLUMN "${schema}"."${prefix}events".hook_type_other IS
    'A hook outside claude_hook_type (Unknown, say), verbatim.';
COMMENT ON COLUMN "${schema}"."${prefix}events".data IS
    'The payload object. jsonb keeps its values; key order and number spelling are not part of the record.';
COMMENT ON COLUMN "${schema}"."${prefix}events".extra IS
    'Top-level members of the event this schema has no column for, in order; NULL when none.';
COMMENT ON COLUMN "${schema}"."${prefix}events".record_json IS
    'The exact event as JSON text, only when one of its strings holds U+0000 or an unpaired surrogate (which text '
        'and jsonb refuse); the typed columns then hold a sanitized copy for queries and reads use this column.';
