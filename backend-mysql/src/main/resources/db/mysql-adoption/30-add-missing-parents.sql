-- Rows the seed's foreign keys would have refused but that a bulk import with foreign_key_checks = 0 can leave:
-- a placeholder session keeps the reference (and the foreign key) intact instead of dropping the row.
INSERT INTO ${prefix}sessions (session_id, machine_id, working_directory, start_time, status, is_placeholder)
SELECT child.parent_session_id, MIN(child.machine_id), MIN(child.working_directory), MIN(child.start_time),
       'active', TRUE
FROM ${prefix}sessions child
    LEFT JOIN ${prefix}sessions parent ON parent.session_id = child.parent_session_id
WHERE child.parent_session_id IS NOT NULL AND parent.session_id IS NULL
GROUP BY child.parent_session_id
