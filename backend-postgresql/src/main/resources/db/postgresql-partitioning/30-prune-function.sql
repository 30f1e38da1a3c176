-- prune on the partitioned layout: the same sessions go as with prune_old_sessions, and it returns the same count.
-- Events lie in the partition of their session's bucket, so a partition whose range begins before the cutoff and
-- holds the bucket of no session that stays (pinned, newer, or a placeholder) holds only events of sessions being
-- pruned: it is dropped whole, which is asked of sessions alone. Then prune_old_sessions deletes the sessions, and
-- the foreign key deletes the rest of their events, one partition per session. The table lock keeps writers out of
-- a partition between its check and its drop.
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
               substring(pg_get_expr(c.relpartbound, c.oid) FROM 'FROM \(''?(-?[0-9]+)''?\)')::bigint AS lower_ms,
               substring(pg_get_expr(c.relpartbound, c.oid) FROM 'TO \(''?(-?[0-9]+)''?\)')::bigint AS upper_ms
        FROM pg_inherits i
                 JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '"${schema}"."${prefix}events"'::regclass
        ORDER BY 2 NULLS FIRST
    LOOP
        -- NULL bounds are MINVALUE and MAXVALUE
        CONTINUE WHEN part.lower_ms IS NOT NULL AND part.lower_ms >= p_older_than_ms;
        IF NOT locked THEN
            LOCK TABLE "${schema}"."${prefix}events" IN ACCESS EXCLUSIVE MODE;
            locked := true;
        END IF;
        SELECT EXISTS (SELECT 1 FROM "${schema}"."${prefix}sessions" s
                       WHERE (part.lower_ms IS NULL OR s.bucket >= part.lower_ms)
                         AND (part.upper_ms IS NULL OR s.bucket < part.upper_ms)
                         AND (s.is_placeholder OR COALESCE(s.is_pinned, false)
                             OR COALESCE(s.end_time, s.start_time) >= p_older_than_ms))
            INTO survivor;
        IF NOT survivor THEN
            EXECUTE format('DROP TABLE %I.%I', '${schema}', part.relname);
        END IF;
    END LOOP;
    RETURN "${schema}"."${prefix}prune_old_sessions"(p_older_than_ms);
END
$$;
