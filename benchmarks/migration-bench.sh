#!/usr/bin/env bash
# Migration benchmarks (results in benchmarks/RESULTS.md, section "Migration"). Steps, picked with STEPS:
#   command  issue 11: the packaged `contextuate-monitor migrate --no-verify` of a generated upstream-shaped store
#            (UpstreamStoreGenerator: 200 sessions, 199,642 lines, 190 MB) into a fresh database, against the
#            database's own bulk load of exactly the rows that run stored (dumped from the target after the first
#            round, loaded into the same, freshly truncated, fully indexed schema with `psql \copy` /
#            `mariadb` `LOAD DATA LOCAL INFILE`); both whole commands, alternating (odd rounds migrate first, even
#            rounds load first), ROUNDS each (default 3), then medians and ratios; along the way `uptime` and the
#            CPU time of the command and of the database server (its processes' user and system time, from /proc).
#            SERVERS="pg mysql" (default both). VERIFY=1 also times one `migrate` with verification per server (two each
#            of this build and of OTHER_DIST, alternating, when it is set) and prints, against the median bulk load,
#            the verification's own time (from the run's summary) and the whole run's time over that build's median
#            `migrate --no-verify` (a verified copy also sums what it sends).
#            OTHER_DIST=DIR also runs, in every round, the `migrate` of another unpacked distribution (an earlier
#            build, say), so that two builds are compared under the same load.
#   pg, mysql, cost, overlap   the earlier in-process harnesses (MigrationVersusBulkLoad, ClientSideCost,
#            OverlappedWriteExperiment) on the same store;
#   verify   verification against the load it checks (VerificationCost, both servers);
#   memory   heap of a file -> file migration, verification included, at 200,000 and 2,000,000 events under
#            XMX (default "256m").
# Default: STEPS=command. WORK (/tmp/cm-migration-bench) holds the stores, the dumps and private copies of the
# distribution and of the benchmark classes (so a concurrent build does not pull them away mid-run).
# Uses 127.0.0.1:5432 as postgres and 127.0.0.1:3306 as root; databases cm_bench_cmd_*, cm_bench_migration_*,
# cm_bench_overlap_*, dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-/tmp/cm-migration-bench}
rounds=${ROUNDS:-3}
steps=${STEPS:-command}
servers=${SERVERS:-pg mysql}
mkdir -p "$work"
work=$(cd "$work" && pwd)
if [ -z "${NO_BUILD:-}" ]; then
  mvn -B -o -q package -DskipTests
fi
rm -rf "$work/dist" "$work/classes"
cp -r distribution/target/contextuate-monitor "$work/dist"
cp -r benchmarks/target/classes "$work/classes"
cp="$work/classes:$work/dist/lib/*"
run() { java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" "io.contextuate.monitor.benchmarks.migration.$@"; }
cm() { "$work/dist/bin/contextuate-monitor" "$@"; }
# the launcher's class data sharing archive is made by the first run of an installation: not by a timed one
cm --version > /dev/null
if [ -n "${OTHER_DIST:-}" ]; then "$OTHER_DIST/bin/contextuate-monitor" --version > /dev/null; fi
now() { date +%s.%N; }
# CPU seconds the database server has used so far: user and system time of its processes, with what PostgreSQL's
# postmaster has reaped of its finished backends (a session's COPY runs in a backend that exits with it)
server_cpu() {
  local name=mariadbd
  if [ "$1" = pg ]; then name=postgres; fi
  local ticks=0 pid
  for pid in $(pgrep -x "$name"); do
    ticks=$((ticks + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "scale=2; $ticks / $(getconf CLK_TCK)" | bc
}
load() { uptime | sed 's/.*load average: //'; }

if [ ! -d "$work/src200k" ]; then run UpstreamStoreGenerator "$work/src200k" 200 199642 42 | tee "$work/src200k.txt"; fi
cat "$work/src200k.txt" 2>/dev/null || true
echo "== $(date -u +%FT%TZ) $(uptime)"

# --- the servers, through their own command-line clients
PG=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p 5432 -U postgres)
MY=(mariadb -h 127.0.0.1 -P 3306 -uroot --local-infile=1)
EVENT_COLS='id, session_id, "timestamp", parent_session_id, machine_id, working_directory, event_type, event_type_other, hook_type, hook_type_other, data, extra, record_json, created_at'
fresh_db() { # server database
  if [ "$1" = pg ]; then
    "${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" -c "CREATE DATABASE $2"
  else
    "${MY[@]}" -e "DROP DATABASE IF EXISTS $2; CREATE DATABASE $2 CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  fi
}
drop_db() {
  if [ "$1" = pg ]; then "${PG[@]}" -d postgres -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)"
  else "${MY[@]}" -e "DROP DATABASE IF EXISTS $2"; fi
}
settle() { # flush dirty pages, so that no timed run pays for the previous one's writes
  if [ "$1" = pg ]; then "${PG[@]}" -d "$2" -c CHECKPOINT; else "${MY[@]}" "$2" -e "FLUSH TABLES"; fi
  sync
}
count_events() {
  if [ "$1" = pg ]; then "${PG[@]}" -d "$2" -At -c "SELECT count(*) FROM events"
  else "${MY[@]}" "$2" -N -e "SELECT count(*) FROM events"; fi
}
dump_rows() { # server database dir: the rows the migration stored, as the server's own bulk-load text (parents
  # before children: every generated parent started earlier)
  rm -rf "$3" && mkdir -p "$3" && chmod 777 "$3"
  if [ "$1" = pg ]; then
    "${PG[@]}" -d "$2" -c "\\copy (SELECT * FROM sessions ORDER BY start_time, session_id) TO '$3/sessions.tsv'" \
      -c "\\copy (SELECT $EVENT_COLS FROM events ORDER BY seq) TO '$3/events.tsv'"
  else
    local cols=${EVENT_COLS//\"/\`}
    "${MY[@]}" "$2" -e "SELECT * FROM sessions ORDER BY start_time, session_id INTO OUTFILE '$3/sessions.tsv' CHARACTER SET utf8mb4;
      SELECT $cols FROM events ORDER BY seq INTO OUTFILE '$3/events.tsv' CHARACTER SET utf8mb4"
  fi
}
truncate_tables() {
  if [ "$1" = pg ]; then "${PG[@]}" -d "$2" -c "TRUNCATE events, sessions"
  else "${MY[@]}" "$2" -e "SET FOREIGN_KEY_CHECKS = 0; TRUNCATE events; TRUNCATE sessions; SET FOREIGN_KEY_CHECKS = 1"; fi
}
bulk_load() { # server database dir (timed by the caller)
  if [ "$1" = pg ]; then
    "${PG[@]}" -d "$2" -c "\\copy sessions FROM '$3/sessions.tsv'" \
      -c "\\copy events ($EVENT_COLS) FROM '$3/events.tsv'"
  else
    local cols=${EVENT_COLS//\"/\`}
    "${MY[@]}" "$2" -e "LOAD DATA LOCAL INFILE '$3/sessions.tsv' INTO TABLE sessions CHARACTER SET utf8mb4;
      LOAD DATA LOCAL INFILE '$3/events.tsv' INTO TABLE events CHARACTER SET utf8mb4 ($cols)"
  fi
}
write_config() { # server database file
  local type=postgresql port=5432 user=postgres
  if [ "$1" = mysql ]; then type=mysql port=3306 user=root; fi
  cat > "$3" <<EOF
{ "persistence": { "type": "$type",
    "database": { "host": "127.0.0.1", "port": $port, "database": "$2", "user": "$user" } } }
EOF
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

command_step() { # server
  local server=$1 db=cm_bench_cmd_$1 dir=$work/cmd-$1
  rm -rf "$dir" && mkdir -p "$dir"
  local config=$dir/target.json dumped=$dir/dump
  write_config "$server" "$db" "$config"
  : > "$dir/migrate.times" && : > "$dir/load.times" && : > "$dir/other.times"
  migrate_round() { # round [other]: times the migration of this build, or with "other" of OTHER_DIST
    local run=$work/dist/bin/contextuate-monitor label="migrate --no-verify" times=$dir/migrate.times
    if [ "${2:-}" = other ]; then
      run=$OTHER_DIST/bin/contextuate-monitor label="other build migrate" times=$dir/other.times
    fi
    rm -rf "$work/src200k/.index" # every round reads the store as a first migration does
    fresh_db "$server" "$db"
    cm --config "$config" schema apply > /dev/null
    settle "$server" "$db"
    local t0 t1 s0 s1 out=$dir/migrate-$1${2:+-$2}
    s0=$(server_cpu "$server")
    t0=$(now)
    /usr/bin/time -f '%U %S' -o "$out.cpu" $run migrate --from "$work/src200k" --to "$config" --no-verify \
      --checkpoint "$out.checkpoint" --rejects "$out.rejects" --summary "$out.summary.json" > "$out.out" 2>&1 || {
      local rc=$?; [ $rc -eq 3 ] || { echo "migrate failed ($rc):"; tail -20 "$out.out"; exit 1; }; }
    t1=$(now)
    s1=$(server_cpu "$server")
    stored=$(count_events "$server" "$db")
    echo "$t1 - $t0" | bc >> "$times"
    printf 'round %d  %-7s %-20s %7.2f s  %s events stored  (CPU of the command: %s s user, %s s system;' \
      "$1" "$server" "$label" "$(tail -1 "$times")" "$stored" $(tail -1 "$out.cpu")
    printf ' of the server: %s s; load average %s)\n' "$(echo "$s1 - $s0" | bc)" "$(load)"
    if [ ! -s "$dumped/events.tsv" ]; then
      dump_rows "$server" "$db" "$dumped"
      dumped_rows=$stored
      echo "          dumped the $stored stored events ($(du -sm "$dumped" | cut -f1) MB of bulk-load text; not timed)"
    elif [ "$stored" != "$dumped_rows" ]; then
      echo "round $1 stored $stored events, round 1 stored $dumped_rows"; exit 1
    fi
  }
  load_round() {
    truncate_tables "$server" "$db"
    settle "$server" "$db"
    local t0 t1 s0 s1
    s0=$(server_cpu "$server")
    t0=$(now)
    bulk_load "$server" "$db" "$dumped"
    t1=$(now)
    s1=$(server_cpu "$server")
    local loaded
    loaded=$(count_events "$server" "$db")
    [ "$loaded" = "$dumped_rows" ] || { echo "the bulk load left $loaded events, expected $dumped_rows"; exit 1; }
    echo "$t1 - $t0" | bc >> "$dir/load.times"
    printf 'round %d  %-7s bulk load             %7.2f s  %s events loaded  (CPU of the server: %s s; load average %s)\n' \
      "$1" "$server" "$(tail -1 "$dir/load.times")" "$loaded" "$(echo "$s1 - $s0" | bc)" "$(load)"
  }
  for round in $(seq 1 "$rounds"); do
    if [ -n "${OTHER_DIST:-}" ]; then # this build, the load, the other build; reversed every other round
      if [ $((round % 2)) -eq 1 ]; then migrate_round "$round"; load_round "$round"; migrate_round "$round" other
      else migrate_round "$round" other; load_round "$round"; migrate_round "$round"; fi
    elif [ $((round % 2)) -eq 1 ]; then migrate_round "$round"; load_round "$round"
    else load_round "$round"; migrate_round "$round"; fi
  done
  local m l
  m=$(median < "$dir/migrate.times")
  l=$(median < "$dir/load.times")
  printf '%s: median migrate --no-verify %.2f s (%.0f events/s), median bulk load %.2f s (%.0f events/s); ratio (load time / migrate time) %.2f; rounds: migrate %s, load %s\n' \
    "$server" "$m" "$(echo "$dumped_rows / $m" | bc -l)" "$l" "$(echo "$dumped_rows / $l" | bc -l)" \
    "$(echo "$l / $m" | bc -l)" "$(tr '\n' ' ' < "$dir/migrate.times")" "$(tr '\n' ' ' < "$dir/load.times")"
  local o=
  if [ -n "${OTHER_DIST:-}" ]; then
    o=$(median < "$dir/other.times")
    printf '%s: other build (%s): median migrate --no-verify %.2f s; ratio (load time / its migrate time) %.2f; rounds: %s\n' \
      "$server" "$OTHER_DIST" "$o" "$(echo "$l / $o" | bc -l)" "$(tr '\n' ' ' < "$dir/other.times")"
  fi
  if [ -n "${VERIFY:-}" ]; then # one migrate with verification of this build (and of OTHER_DIST), alternating
    verify_round() { # dist label median-no-verify-of-that-build
      rm -rf "$work/src200k/.index" "$dir/checkpoint-v"
      fresh_db "$server" "$db"
      "$1/bin/contextuate-monitor" --config "$config" schema apply > /dev/null
      settle "$server" "$db"
      local t0 t1
      t0=$(now)
      "$1/bin/contextuate-monitor" migrate --from "$work/src200k" --to "$config" --checkpoint "$dir/checkpoint-v" \
        --rejects "$dir/rejects-v" --summary "$dir/summary-v.json" > "$dir/migrate-v.out" 2>&1 || true
      t1=$(now)
      local v equal
      v=$(grep -o '"verificationMs" *: *[0-9]*' "$dir/summary-v.json" | grep -o '[0-9]*$')
      equal=$(grep -o '"equal" *: *[a-z]*' "$dir/summary-v.json" | head -1 | grep -o '[a-z]*$')
      # the copy of a verified run also sums what it sends, so the phase alone is not the whole cost: the run
      # against the same build's median --no-verify is
      local extra
      extra=$(echo "$t1 - $t0 - $3" | bc -l)
      printf '%s: %-12s migrate with verification %.2f s in all, of which verification %.2f s (equal: %s): %.2f of the median bulk load; in all %.2f s over its median --no-verify: %.2f of the load (load average %s)\n' \
        "$server" "$2" "$(echo "$t1 - $t0" | bc)" "$(echo "$v / 1000" | bc -l)" "$equal" "$(echo "$v / 1000 / $l" | bc -l)" \
        "$extra" "$(echo "$extra / $l" | bc -l)" "$(load)"
    }
    verify_round "$work/dist" "this build" "$m"
    if [ -n "${OTHER_DIST:-}" ]; then
      verify_round "$OTHER_DIST" "other build" "$o"
      verify_round "$work/dist" "this build" "$m"
      verify_round "$OTHER_DIST" "other build" "$o"
    fi
  fi
  drop_db "$server" "$db"
}

for step in $steps; do
  case $step in
    command) for server in $servers; do command_step "$server"; done ;;
    pg) run MigrationVersusBulkLoad postgresql "$work/src200k" "$work/pg" "$rounds" ;;
    mysql) run MigrationVersusBulkLoad mysql "$work/src200k" "$work/mysql" "$rounds" ;;
    cost) run ClientSideCost "$work/src200k" 3 ;;
    verify)
      run VerificationCost postgresql "$work/src200k" "$work/verify" "$rounds"
      run VerificationCost mysql "$work/src200k" "$work/verify" "$rounds" ;;
    overlap)
      run OverlappedWriteExperiment postgresql "$work/src200k" "$work/overlap" "$rounds"
      run OverlappedWriteExperiment mysql "$work/src200k" "$work/overlap" "$rounds" ;;
    memory)
      if [ ! -d "$work/src2m" ]; then run UpstreamStoreGenerator "$work/src2m" 2000 2000000 43; fi
      for xmx in ${XMX:-256m}; do
        for size in 200k 2m; do
          rm -rf "$work/heap-$size"
          echo "-Xmx$xmx, $size events:"
          java "-Xmx$xmx" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
            io.contextuate.monitor.benchmarks.migration.MigrationHeapProbe "$work/src$size" "$work/heap-$size/target" \
            "$work/heap-$size" | grep -E '^heap:|verify|events:|OutOfMemory'
          rm -rf "$work/heap-$size"
        done
      done ;;
  esac
  echo "== $(date -u +%FT%TZ) $(uptime)"
done
