INSERT INTO ${prefix}sessions (session_id, machine_id, working_directory, start_time, status, is_placeholder)
SELECT e.session_id, MIN(e.machine_id), MIN(e.working_directory), MIN(e.`timestamp`), 'active', TRUE
FROM ${prefix}events e
    LEFT JOIN ${prefix}sessions s ON s.session_id = e.session_id
WHERE s.session_id IS NULL
GROUP BY e.session_id
