-- The seed kept no save order: number the events by when they were stored, then by time and id.
UPDATE ${prefix}events e
    JOIN (SELECT session_id, id,
                 ROW_NUMBER() OVER (ORDER BY created_at, `timestamp`, session_id, id) AS n
          FROM ${prefix}events) numbered
      ON numbered.session_id = e.session_id AND numbered.id = e.id
SET e.seq = numbered.n
WHERE e.seq IS NULL
