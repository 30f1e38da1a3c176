-- prune on the partitioned layout: the same sessions go as with prune_old_sessions, and it returns the same count.
-- First every partition that lies wholly before the cutoff and holds no event of a session that stays (pinned,
-- newer, or a placeholder) is dropped whole; then prune_old_sessions deletes the sessions, and the foreign keys
-- delete their remaining events and keys. The table lock keeps writers out of a partition between its check and
-- its drop.
CREATE OR REPLACE FUNCTION "${schema}"."${prefix}prune_partitioned_sessions"(p_older_than_ms bigint)
    RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    part     record;
    locked   boolean := false;
    survivor boolean;
BEGIN
    FOR part IN
        SELECT c.relname,
               substring(pg_get_expr(c.relpartbound, c.oid) FROM 'TO \(''?(-?[0-9]+)''?\)')::bigint AS upper_ms
        FROM pg_inherits i
                 JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '"${schema}"."${prefix}events"'::regclass
        ORDER BY 2
    LOOP
        CONTINUE WHEN part.upper_ms IS NULL OR part.upper_ms > p_older_than_ms;
        IF NOT locked THEN
            LOCK TABLE "${schema}"."${prefix}events" IN ACCESS EXCLUSIVE MODE;
            locked := true;
        END IF;
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM "${schema}"."${prefix}sessions" s'
                           || ' WHERE (s.is_placeholder OR COALESCE(s.is_pinned, false)'
                           || ' OR COALESCE(s.end_time, s.start_time) >= $1)'
                           || ' AND EXISTS (SELECT 1 FROM %I.%I e WHERE e.session_id = s.session_id))',
                       '${schema}', part.relname)
            INTO survivor USING p_older_than_ms;
        IF NOT survivor THEN
            EXECUTE format('DROP TABLE %I.%I', '${schema}', part.relname);
        END IF;
    END LOOP;
    RETURN "${schema}"."${prefix}prune_old_sessions"(p_older_than_ms);
END
$$;
