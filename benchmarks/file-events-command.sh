#!/usr/bin/env bash
# The whole `events SESSION --limit 100` command on a 2,000-event session against a 200,000-event one, run side by
# side (alternating), first run (nothing cached: the file store indexes the session) and then steady state.
# Prints the median wall time of each and the ratio big/small. Needs `mvn -B -q package -DskipTests` first.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-9}
work=benchmarks/work/file-events
cli=distribution/target/contextuate-monitor/bin/contextuate-monitor
cp=$(find benchmarks/target -maxdepth 1 -name 'contextuate-monitor-benchmarks-*.jar' | head -n 1):distribution/target/contextuate-monitor/lib/*
rm -rf "$work" && mkdir -p "$work"
java -cp "$cp" io.contextuate.monitor.benchmarks.file.LongSessionWriter "$work/small" aaaaaaaaaaaaaaaa 2000
java -cp "$cp" io.contextuate.monitor.benchmarks.file.LongSessionWriter "$work/big" bbbbbbbbbbbbbbbb 200000
for s in small big; do
  printf '{ "persistence": { "type": "file", "file": { "baseDir": "%s" } } }\n' "$s" > "$work/$s.json"
done
echo "store sizes: $(du -sh "$work/small" | cut -f1) (2,000 events), $(du -sh "$work/big" | cut -f1) (200,000 events)"

time_ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

first_small=$(time_ms "$cli" --config "$work/small.json" events aaaaaaaaaaaaaaaa --limit 100 2>/dev/null || true)
first_big=$(time_ms "$cli" --config "$work/big.json" events bbbbbbbbbbbbbbbb --limit 100 2>/dev/null || true)
small=() big=()
for _ in $(seq 1 "$runs"); do
  small+=("$(time_ms "$cli" events aaaaaaaaaaaaaaaa --limit 100 --config "$work/small.json")")
  big+=("$(time_ms "$cli" events bbbbbbbbbbbbbbbb --limit 100 --config "$work/big.json")")
done
ms=$(printf '%s\n' "${small[@]}" | median)
mb=$(printf '%s\n' "${big[@]}" | median)
echo "first run (store never read before): 2,000 events ${first_small} ms, 200,000 events ${first_big} ms, ratio $(awk "BEGIN {printf \"%.2f\", $first_big/$first_small}")"
echo "steady state, median of $runs: 2,000 events ${ms} ms, 200,000 events ${mb} ms, ratio $(awk "BEGIN {printf \"%.2f\", $mb/$ms}")"
