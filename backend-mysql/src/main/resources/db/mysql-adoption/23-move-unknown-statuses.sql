-- Values outside the known set (a server that did not enforce the seed's CHECK, or another letter case that its
-- case-insensitive collation let through) are kept verbatim in status_other. MySQL assigns left to right.
UPDATE ${prefix}sessions
SET status_other = status, status = NULL
WHERE status IS NOT NULL AND status NOT IN ('active', 'completed', 'error')
