#!/usr/bin/env bash
# Migration benchmarks of issue 5 (results in benchmarks/RESULTS.md, section "Migration"):
#   1. file -> PostgreSQL through the migrator vs COPY of the same prepared rows, alternating, fresh db each run;
#   2. file -> MariaDB through the migrator vs LOAD DATA LOCAL INFILE of the same prepared rows, likewise;
#   3. where the client time goes (no server);
#   4. heap of a file -> file migration (verification included) at 200,000 and 2,000,000 events, under -Xmx256m
#      and under -Xmx48m (XMX="256m 48m").
# Also: STEPS=verify times verification against the load it checks (VerificationCost, both servers);
# STEPS=overlap runs OverlappedWriteExperiment (reading on a second thread; an experiment for the migrator).
# Steps can be picked: STEPS="pg mysql cost memory overlap" (default: pg mysql cost memory); ROUNDS (3);
# WORK (/tmp/cm-migration-bench); FROM_CHECKOUT=1 builds and uses this checkout's jars offline (no install).
# Uses 127.0.0.1:5432 as postgres and 127.0.0.1:3306 as root; databases cm_bench_migration_* and
# cm_bench_overlap_*, dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${WORK:-/tmp/cm-migration-bench}
rounds=${ROUNDS:-3}
steps=${STEPS:-pg mysql cost memory}
mkdir -p "$work"
if [ -n "${FROM_CHECKOUT:-}" ]; then
  # offline, nothing installed: the reactor's own jars (the dependency plugin may not resolve offline), the class
  # path read from the compiler plugin's debug output for the benchmarks module
  mvn -B -o -X -am -pl benchmarks package -DskipTests \
    | sed -n 's#^\[DEBUG\]   (f) compilePath = \[\(.*/benchmarks/target/classes, .*\)\]$#\1#p' | tail -1 \
    | sed 's#, #:#g' > "$work/cp.txt"
else
  mvn -B -q -pl benchmarks compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
fi
# private copies of the classes and of the project's jars, so that a concurrent build or install does not pull
# them away mid-run
rm -rf "$work/classes" "$work/lib" && cp -r benchmarks/target/classes "$work/classes" && mkdir "$work/lib"
cp=$work/classes
for jar in $(tr ':' ' ' < "$work/cp.txt"); do
  case $jar in
    */io/contextuate/*) cp "$jar" "$work/lib/" && cp="$cp:$work/lib/$(basename "$jar")" ;;
    */target/classes) ;;
    */target/*.jar) cp "$jar" "$work/lib/" && cp="$cp:$work/lib/$(basename "$jar")" ;;
    *) cp="$cp:$jar" ;;
  esac
done
run() { java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" "io.contextuate.monitor.benchmarks.migration.$@"; }

if [ ! -d "$work/src200k" ]; then run UpstreamStoreGenerator "$work/src200k" 200 1000 5000; fi
echo "== $(date -u +%FT%TZ) $(uptime)"
for step in $steps; do
  case $step in
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
      if [ ! -d "$work/src2m" ]; then run UpstreamStoreGenerator "$work/src2m" 2000 1000 5000; fi
      for xmx in ${XMX:-256m 48m}; do
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
