#!/usr/bin/env bash
# Regenerates distribution/src/main/dist/lib/classlist: the classes the command line loads in its common commands,
# from which the launcher makes its class data sharing archive (see the launcher's comments). A class missing from
# the list only loads the usual way, and a name the code no longer has is skipped, so a stale list costs start-up
# time, never correctness; rerun this after large changes to what the commands load.
#
#   mvn -B -q package -DskipTests && scripts/update-classlist.sh
#
# Needs the local servers the tests use: PostgreSQL on 127.0.0.1:5432 (postgres) and MariaDB on 127.0.0.1:3306
# (root); makes and drops the databases cm_classlist_pg and cm_classlist_my.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=distribution/target/contextuate-monitor
out=distribution/src/main/dist/lib/classlist
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS cm_classlist_pg" >/dev/null 2>&1 || true; mariadb -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS cm_classlist_my" >/dev/null 2>&1 || true' EXIT

psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS cm_classlist_pg" -c "CREATE DATABASE cm_classlist_pg"
mariadb -h 127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS cm_classlist_my; CREATE DATABASE cm_classlist_my CHARACTER SET utf8mb4"
printf '{ "persistence": { "type": "postgresql", "database": { "host": "127.0.0.1", "database": "cm_classlist_pg", "user": "postgres" } } }\n' > "$work/pg.json"
printf '{ "persistence": { "type": "mysql", "database": { "host": "127.0.0.1", "database": "cm_classlist_my", "user": "root" } } }\n' > "$work/my.json"
cp -r examples/sample-store "$work/store"
printf '{ "persistence": { "type": "file", "file": { "baseDir": "%s" } } }\n' "$work/store" > "$work/file.json"

n=0
train() { # one command, its loaded classes into a list of its own
  n=$((n + 1))
  HOME="$work" CONTEXTUATE_MONITOR_CDS=off JAVA_OPTS="-Duser.home=$work -XX:DumpLoadedClassList=$work/list.$n" \
    "$dist/bin/contextuate-monitor" "$@" > /dev/null 2>&1 || true
}
for target in pg my; do
  train migrate --from "$work/store" --to "$work/$target.json" --checkpoint "$work/ckpt-$target" --rejects "$work/rej-$target"
  train sync --from "$work/store" --to "$work/$target.json" --state "$work/sync-$target"
  for cmd in sessions recent stats doctor "schema status"; do
    # shellcheck disable=SC2086
    train --config "$work/$target.json" $cmd
  done
done
for cmd in sessions recent stats doctor backends --help; do
  train --config "$work/file.json" $cmd
done
session=$(ls "$work/store/sessions" | head -1)
train --config "$work/file.json" events "$session"
train --config "$work/file.json" export --dir "$work/export"

wc -l "$work"/list.* | sort -n | head -3
{
  echo "# The classes bin/contextuate-monitor loads in its common commands (scripts/update-classlist.sh made it):"
  echo "# the launcher makes its class data sharing archive from this list."
  cat "$work"/list.* | grep -v '^#' | awk '!seen[$0]++'
} > "$out"
echo "$out: $(grep -vc '^#' "$out") entries"
