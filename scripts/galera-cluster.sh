#!/usr/bin/env bash
# A local three-node MariaDB Galera cluster for tests: separate mariadbd processes with their own data directories,
# on loopback ports only, with Debian's galera-4 provider and rsync state transfer.
#
#   scripts/galera-cluster.sh start|stop|status|kill N|restart N
#
# GALERA_DIR (default /tmp/contextuate-galera) holds the nodes' data; GALERA_BASE_PORT (default 3411) is node 1's
# SQL port (nodes 2 and 3 take the next two); node N's Galera ports are BASE+1200+3*(N-1) (+1 IST, +2 SST). root may log in
# over TCP with an empty password, as on the test server. `stop` removes everything it made.
set -euo pipefail

DIR=${GALERA_DIR:-/tmp/contextuate-galera}
BASE=${GALERA_BASE_PORT:-3411}
PROVIDER=${GALERA_PROVIDER:-$(dpkg -L galera-4 2>/dev/null | grep -m1 'libgalera_smm.so$' || echo /usr/lib/galera/libgalera_smm.so)}
NODES=3

sql_port() { echo $((BASE + $1 - 1)); }
GPORT=${GALERA_BASE_GALERA_PORT:-$((BASE + 1200))}
gal_port() { echo $((GPORT + 3 * ($1 - 1))); }
cluster_address() {
  local a="" n
  for n in $(seq 1 $NODES); do a="$a${a:+,}127.0.0.1:$(gal_port "$n")"; done
  echo "gcomm://$a"
}

write_config() { # node
  local n=$1 d="$DIR/node$1"
  cat > "$d/my.cnf" <<CNF
[mariadbd]
datadir=$d/data
socket=$d/mysqld.sock
pid-file=$d/mysqld.pid
log-error=$d/error.log
port=$(sql_port "$n")
bind-address=127.0.0.1
user=mysql
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=64M
local_infile=ON
max_allowed_packet=64M
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=contextuate_test
wsrep_cluster_address=$(cluster_address)
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$(gal_port "$n")
wsrep_provider_options=gmcast.listen_addr=tcp://127.0.0.1:$(gal_port "$n");ist.recv_addr=127.0.0.1:$(( $(gal_port "$n") + 1 ));evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$(( $(gal_port "$n") + 2 ))
wsrep_slave_threads=2
CNF
}

wait_up() { # node
  for _ in $(seq 1 90); do
    if mysqladmin -h 127.0.0.1 -P "$(sql_port "$1")" -u root ping >/dev/null 2>&1 \
      && [ "$(mysql -h 127.0.0.1 -P "$(sql_port "$1")" -u root -N -e "SHOW STATUS LIKE 'wsrep_ready'" | awk '{print $2}')" = ON ]; then
      return 0
    fi
    sleep 1
  done
  echo "galera: node $1 did not come up; see $DIR/node$1/error.log" >&2
  tail -20 "$DIR/node$1/error.log" >&2 || true
  return 1
}

start_node() { # node [--wsrep-new-cluster]
  local n=$1; shift
  mariadbd --defaults-file="$DIR/node$n/my.cnf" "$@" >/dev/null 2>&1 &
  wait_up "$n"
}

pid_of() { cat "$DIR/node$1/mysqld.pid" 2>/dev/null || true; }

case "${1:-}" in
  start)
    [ -f "$PROVIDER" ] || { echo "galera: $PROVIDER not found; apt-get install galera-4" >&2; exit 1; }
    mkdir -p "$DIR"
    for n in $(seq 1 $NODES); do
      mkdir -p "$DIR/node$n/data"
      write_config "$n"
    done
    chown -R mysql:mysql "$DIR"
    mariadb-install-db --defaults-file="$DIR/node1/my.cnf" --auth-root-authentication-method=normal >/dev/null
    chown -R mysql:mysql "$DIR"
    start_node 1 --wsrep-new-cluster
    mysql -h 127.0.0.1 -P "$(sql_port 1)" -u root -e \
      "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" \
      2>/dev/null || true
    for n in $(seq 2 $NODES); do start_node "$n"; done
    echo "galera: $NODES nodes up on 127.0.0.1:$(sql_port 1)-$(sql_port $NODES)"
    ;;
  kill) # node: SIGKILL, as a crash
    p=$(pid_of "$2"); [ -n "$p" ] && kill -9 "$p" && echo "galera: node $2 killed"
    ;;
  restart) # node: start a stopped or killed node again (it rejoins by IST or rsync SST)
    rm -f "$DIR/node$2/mysqld.pid"
    start_node "$2"
    echo "galera: node $2 up again"
    ;;
  status)
    for n in $(seq 1 $NODES); do
      echo "node$n 127.0.0.1:$(sql_port "$n") $(mysql -h 127.0.0.1 -P "$(sql_port "$n")" -u root -N -e \
        "SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size','wsrep_local_state_comment')" 2>/dev/null \
        | tr '\n\t' '  ' || echo down)"
    done
    ;;
  stop)
    for n in $(seq $NODES -1 1); do
      p=$(pid_of "$n")
      if [ -n "$p" ] && kill "$p" 2>/dev/null; then
        for _ in $(seq 1 30); do kill -0 "$p" 2>/dev/null || break; sleep 1; done
        kill -9 "$p" 2>/dev/null || true
      fi
    done
    rm -rf "$DIR"
    echo "galera: stopped"
    ;;
  *)
    echo "usage: $0 start|stop|status|kill N|restart N" >&2
    exit 2
    ;;
esac
