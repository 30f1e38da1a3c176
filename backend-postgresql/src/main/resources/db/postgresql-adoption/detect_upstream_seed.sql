-- Whether a schema holds the upstream seed's tables and ENUM types and no migration history (parameters: schema,
-- sessions table, events table, schema, session_status, monitor_event_type, claude_hook_type names, schema, history
-- table) and whether they were converted already (parameters: schema, events table; events has seq). One statement,
-- so a store another process is creating at this moment (history first, then the tables) is never taken for a seed.
SELECT (SELECT count(*)
        FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ?
          AND c.relkind IN ('r', 'p')
          AND c.relname IN (?, ?)) = 2
           AND (SELECT count(*)
                FROM pg_type t
                         JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE n.nspname = ?
                  AND t.typtype = 'e'
                  AND t.typname IN (?, ?, ?)) = 3
           AND NOT EXISTS (SELECT 1
                           FROM pg_class c
                                    JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = ?
                             AND c.relkind IN ('r', 'p')
                             AND c.relname = ?) AS seed_present,
       EXISTS (SELECT 1
               FROM pg_attribute a
                        JOIN pg_class c ON c.oid = a.attrelid
                        JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = ?
                 AND c.relname = ?
                 AND a.attname = 'seq'
                 AND NOT a.attisdropped) AS converted
