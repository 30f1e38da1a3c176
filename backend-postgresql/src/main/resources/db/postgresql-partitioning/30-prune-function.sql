-- prune on the partitioned layout: the same sessions go as with prune_old_sessions, and it returns the same count.
-- Events lie in the partition of their session's bucket, so a partition whose range begins before the cutoff and
-- holds the bucket of no session that stays (pinned, newer, or a placeholder) holds only events of sessions being
-- pruned: it is detached whole, which is asked of sessions alone. Then prune_old_sessions deletes the sessions, and
-- the foreign key deletes the rest of their events, one partition per session. The table lock keeps writers out of
-- a partition between its check and its detach.
-- A detached partition is renamed <events>_pruned_<its oid>, marked by a comment, and loses its foreign key (else
-- the DELETE of its sessions would still cascade into it row by row). Dropping it is left to drop_pruned_partitions,
-- which the store runs after this transaction commits: a DROP here made the prune several times slower, and
-- nothing needs to wait for it once the partition is no longer part of events.
-- A store partitioned by an earlier version (whose prune dropped in place) gets these functions when it opens: the
-- store looks for drop_pruned_partitions.
CREATE OR REPLACE FUNCTION "${schema}"."${prefix}prune_partitioned_sessions"(p_older_than_ms bigint)
    RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    part     record;
    locked   boolean := false;
    survivor boolean;
    fk       name;
    detached text;
BEGIN
    FOR part IN
        SELECT c.oid,
               c.relname,
               substring(pg_get_expr(c.relpartbound, c.oid) FROM 'FROM \(''?(-?[0-9]+)''?\)')::bigint AS lower_ms,
               substring(pg_get_expr(c.relpartbound, c.oid) FROM 'TO \(''?(-?[0-9]+)''?\)')::bigint AS upper_ms
        FROM pg_inherits i
                 JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '"${schema}"."${prefix}events"'::regclass
        ORDER BY 3 NULLS FIRST
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
            detached := '${prefix}events_pruned_' || part.oid;
            EXECUTE format('ALTER TABLE %I.%I DETACH PARTITION %I.%I',
                           '${schema}', '${prefix}events', '${schema}', part.relname);
            FOR fk IN SELECT conname FROM pg_constraint WHERE conrelid = part.oid AND contype = 'f'
            LOOP
                EXECUTE format('ALTER TABLE %I.%I DROP CONSTRAINT %I', '${schema}', part.relname, fk);
            END LOOP;
            EXECUTE format('ALTER TABLE %I.%I RENAME TO %I', '${schema}', part.relname, detached);
            EXECUTE format('COMMENT ON TABLE %I.%I IS %L', '${schema}', detached,
                           'contextuate-monitor: events pruned from ' || part.relname || ', to be dropped');
        END IF;
    END LOOP;
    RETURN "${schema}"."${prefix}prune_old_sessions"(p_older_than_ms);
END
$$;

-- Drops the partitions prune_partitioned_sessions detached (and any a stopped store left): tables of this schema
-- named <events>_pruned_<n>, no partition of anything, carrying the prune's comment. Returns how many went.
CREATE OR REPLACE FUNCTION "${schema}"."${prefix}drop_pruned_partitions"()
    RETURNS integer
    LANGUAGE plpgsql AS
$$
DECLARE
    t       record;
    dropped integer := 0;
BEGIN
    FOR t IN
        SELECT c.relname
        FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = '${schema}'
          AND c.relkind = 'r'
          AND NOT c.relispartition
          AND c.relname ~ ('^' || '${prefix}events_pruned_' || '[0-9]+$')
          AND obj_description(c.oid, 'pg_class') LIKE 'contextuate-monitor: events pruned from %'
    LOOP
        EXECUTE format('DROP TABLE IF EXISTS %I.%I', '${schema}', t.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END
$$;
