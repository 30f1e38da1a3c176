-- The swap, in the conversion's last transaction (the old table is locked and every row is copied). The old table
-- is the unpartitioned one, or the earlier partitioned layout (by event timestamp, identity in event_keys), whose
-- partitions and key table go with it. What depends on the old table's row type goes too; PartitionConversion then
-- re-runs the V2 migration, whose views, functions and comments are all CREATE OR REPLACE / COMMENT, over the new
-- table.
DROP VIEW IF EXISTS "${schema}"."${prefix}active_sessions";
DROP FUNCTION IF EXISTS "${schema}"."${prefix}get_recent_events"(integer);
DROP TABLE "${schema}"."${prefix}events";
DROP TABLE IF EXISTS "${schema}"."${prefix}event_keys";
ALTER TABLE "${schema}"."${prefix}events_partitioned" RENAME TO "${prefix}events";
ALTER TABLE "${schema}"."${prefix}events" RENAME CONSTRAINT "${prefix}events_partitioned_pkey" TO "${prefix}events_pkey";
UPDATE "${schema}"."${prefix}event_partitioning" SET swapped = true;
