-- The swap, in the conversion's last transaction (the unpartitioned table is locked and every row is copied).
-- What depends on the old table's row type goes with it; PartitionConversion then re-runs the V2 migration, whose
-- views, functions and comments are all CREATE OR REPLACE / COMMENT, over the new table.
DROP VIEW IF EXISTS "${schema}"."${prefix}active_sessions";
DROP FUNCTION IF EXISTS "${schema}"."${prefix}get_recent_events"(integer);
DROP TABLE "${schema}"."${prefix}events";
ALTER TABLE "${schema}"."${prefix}events_partitioned" RENAME TO "${prefix}events";
ALTER TABLE "${schema}"."${prefix}events" RENAME CONSTRAINT "${prefix}events_partitioned_pkey" TO "${prefix}events_pkey";
UPDATE "${schema}"."${prefix}event_partitioning" SET swapped = true;
