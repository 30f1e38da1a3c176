#!/usr/bin/env bash
# Issue 12, prune: which layout of events can reach "prune 10x faster than the unpartitioned DELETE"?
# (results in benchmarks/RESULTS.md, section "Prune by layout"). Plain SQL, no store code: three copies of the same
# data, SESSIONS sessions (default 4000) of 500 events, one session every year/SESSIONS from 2025-01-01, each 125 s
# long, in one scratch database (cm_bench_prune_<pid>, dropped at the end), then the prune of the oldest quarter
# (sessions ended before 2025-04-01), each as one transaction, COMMIT included:
#   plain      the unpartitioned layout: DELETE of the sessions, their events go through the foreign key;
#   today      the earlier partitioned layout (the store's until branch session-bucket): events partitioned by
#              event timestamp, identity in an
#              unpartitioned event_keys table: the whole partitions go, then the DELETE, which still deletes one
#              event_keys row per event and probes every remaining partition once per session;
#   session    events partitioned by the month of their session's first-known start (a column of the session that
#              never changes), identity (session_id, id, bucket) unique per partition, foreign key (session_id,
#              bucket): the partitions go and the DELETE's cascade looks into one partition per session (the
#              store's layout since branch session-bucket);
#   detach     as session, but the prune transaction DETACHes the dead partitions instead of dropping them and a
#              second transaction DROPs them afterwards (does the prune's COMMIT get cheaper?).
# Times are psql's \timing of each statement, summed per transaction.
set -euo pipefail
sessions=${SESSIONS:-4000}
db=cm_bench_prune_$$
psql=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q -X)
trap '"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
"${psql[@]}" -d postgres -c "CREATE DATABASE $db"
echo "uptime: $(uptime)"

"${psql[@]}" -d "$db" <<SQL
CREATE FUNCTION month_ms(m int) RETURNS bigint LANGUAGE sql IMMUTABLE AS
  \$\$ SELECT (extract(epoch FROM timestamp '2025-01-01' + make_interval(months => m)) * 1000)::bigint \$\$;
CREATE TABLE seed AS SELECT 's' || lpad(g::text, 7, '0') AS session_id,
  month_ms(0) + g * (31536000000 / $sessions) AS start_time FROM generate_series(0, $sessions - 1) g;
CREATE FUNCTION make_sessions(name text) RETURNS void LANGUAGE plpgsql AS \$\$ BEGIN
  EXECUTE format('CREATE TABLE %I (session_id varchar(255) PRIMARY KEY, start_time bigint NOT NULL, end_time bigint,'
    ' bucket bigint NOT NULL, is_pinned boolean, UNIQUE (session_id, bucket))', name);
  EXECUTE format('INSERT INTO %I SELECT session_id, start_time, start_time + 125000, start_time, null FROM seed', name);
END \$\$;
DO \$\$ BEGIN PERFORM make_sessions('plain_sessions'); PERFORM make_sessions('today_sessions');
  PERFORM make_sessions('session_sessions'); PERFORM make_sessions('detach_sessions'); END \$\$;

CREATE TABLE plain_events (seq bigint GENERATED ALWAYS AS IDENTITY, id varchar(255) NOT NULL,
  session_id varchar(255) NOT NULL REFERENCES plain_sessions ON DELETE CASCADE, "timestamp" bigint NOT NULL,
  data jsonb NOT NULL, PRIMARY KEY (session_id, id));
CREATE TABLE today_keys (session_id varchar(255) NOT NULL REFERENCES today_sessions ON DELETE CASCADE,
  id varchar(255) NOT NULL, PRIMARY KEY (session_id, id));
CREATE TABLE today_events (seq bigint GENERATED ALWAYS AS IDENTITY, id varchar(255) NOT NULL,
  session_id varchar(255) NOT NULL REFERENCES today_sessions ON DELETE CASCADE, "timestamp" bigint NOT NULL,
  data jsonb NOT NULL, PRIMARY KEY (session_id, id, "timestamp")) PARTITION BY RANGE ("timestamp");
CREATE TABLE session_events (seq bigint GENERATED ALWAYS AS IDENTITY, id varchar(255) NOT NULL,
  session_id varchar(255) NOT NULL, bucket bigint NOT NULL, "timestamp" bigint NOT NULL, data jsonb NOT NULL,
  PRIMARY KEY (session_id, id, bucket),
  FOREIGN KEY (session_id, bucket) REFERENCES session_sessions (session_id, bucket) ON DELETE CASCADE)
  PARTITION BY RANGE (bucket);
CREATE TABLE detach_events (seq bigint GENERATED ALWAYS AS IDENTITY, id varchar(255) NOT NULL,
  session_id varchar(255) NOT NULL, bucket bigint NOT NULL, "timestamp" bigint NOT NULL, data jsonb NOT NULL,
  PRIMARY KEY (session_id, id, bucket),
  FOREIGN KEY (session_id, bucket) REFERENCES detach_sessions (session_id, bucket) ON DELETE CASCADE)
  PARTITION BY RANGE (bucket);
DO \$\$ DECLARE t text; BEGIN
  FOREACH t IN ARRAY ARRAY['plain_events', 'today_events', 'session_events', 'detach_events'] LOOP
    EXECUTE format('CREATE INDEX ON %I (session_id, "timestamp", seq)', t);
    EXECUTE format('CREATE INDEX ON %I ("timestamp", seq)', t);
  END LOOP;
  FOR m IN 0..15 LOOP
    EXECUTE format('CREATE TABLE today_events_p%s PARTITION OF today_events FOR VALUES FROM (%s) TO (%s)',
                   m, month_ms(m), month_ms(m + 1));
    EXECUTE format('CREATE TABLE session_events_p%s PARTITION OF session_events FOR VALUES FROM (%s) TO (%s)',
                   m, month_ms(m), month_ms(m + 1));
    EXECUTE format('CREATE TABLE detach_events_p%s PARTITION OF detach_events FOR VALUES FROM (%s) TO (%s)',
                   m, month_ms(m), month_ms(m + 1));
  END LOOP;
END \$\$;
INSERT INTO plain_events (id, session_id, "timestamp", data)
  SELECT 'e' || g, s.session_id, s.start_time + g * 250, '{"toolName":"Bash","n":1}' FROM seed s, generate_series(1, 500) g;
INSERT INTO today_keys SELECT session_id, id FROM plain_events;
INSERT INTO today_events (id, session_id, "timestamp", data) SELECT id, session_id, "timestamp", data FROM plain_events;
INSERT INTO session_events (id, session_id, bucket, "timestamp", data)
  SELECT e.id, e.session_id, s.bucket, e."timestamp", e.data FROM plain_events e JOIN session_sessions s USING (session_id);
INSERT INTO detach_events (id, session_id, bucket, "timestamp", data)
  SELECT e.id, e.session_id, s.bucket, e."timestamp", e.data FROM plain_events e JOIN detach_sessions s USING (session_id);
VACUUM ANALYZE;
SQL

cutoff=$("${psql[@]}" -d "$db" -At -c "SELECT month_ms(3)")
# the partitions wholly before the cutoff
old="p0, p1, p2"
run() { # name, SQL: the summed \timing of one transaction
  "${psql[@]}" -d "$db" <<SQL | awk '/^Time:/ { s += $2 } END { printf "%.1f\n", s }'
\timing on
BEGIN;
$2
COMMIT;
SQL
}
drops() { local out=""; for p in ${old//,/}; do out+="DROP TABLE $1_$p; "; done; echo "$out"; }
# a detached partition keeps its foreign key, through which the DELETE would still empty it: that goes too
detaches() { local out=""; for p in ${old//,/}; do
  out+="ALTER TABLE $1 DETACH PARTITION $1_$p; ALTER TABLE $1_$p DROP CONSTRAINT $1_session_id_bucket_fkey; "; done
  echo "$out"; }
plain=$(run plain "DELETE FROM plain_sessions WHERE COALESCE(end_time, start_time) < $cutoff;")
today=$(run today "$(drops today_events) DELETE FROM today_sessions WHERE COALESCE(end_time, start_time) < $cutoff;")
session=$(run session "$(drops session_events) DELETE FROM session_sessions WHERE COALESCE(end_time, start_time) < $cutoff;")
detach=$(run detach "$(detaches detach_events) DELETE FROM detach_sessions WHERE COALESCE(end_time, start_time) < $cutoff;")
detach_drop=$(run detach "$(drops detach_events)")
left=$("${psql[@]}" -d "$db" -At -c "SELECT (SELECT count(*) FROM plain_events) || ' ' || (SELECT count(*) FROM today_events)
  || ' ' || (SELECT count(*) FROM today_keys) || ' ' || (SELECT count(*) FROM session_events)
  || ' ' || (SELECT count(*) FROM detach_events)")
echo "sessions: $sessions x 500 events; events left (plain, today, today's keys, session, detach): $left"
awk -v p="$plain" -v t="$today" -v s="$session" -v d="$detach" -v dd="$detach_drop" 'BEGIN {
  printf "prune of the oldest quarter, ms (one transaction, COMMIT included)\n"
  printf "  plain   (unpartitioned DELETE)                 %8.1f\n", p
  printf "  today   (event timestamp + event_keys)        %8.1f   plain/today   = %.1fx\n", t, p / t
  printf "  session (session bucket, no key table)        %8.1f   plain/session = %.1fx\n", s, p / s
  printf "  detach  (session, DETACH now, DROP later)      %8.1f   plain/detach  = %.1fx   (+ %.1f ms for the later DROP)\n", d, p / d, dd
}'
