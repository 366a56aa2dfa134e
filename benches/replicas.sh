#!/usr/bin/env bash
# Two `serve` replicas of one data folder behind nginx (loopback only): both
# answer the same bodies and ETags, and after an ingest by the writer both
# switch to the new version by themselves. Usage:
#   benches/replicas.sh --bin PATH [--work DIR]
# Needs nginx and curl. Prints what it checked; exits non-zero on a mismatch.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="" work=""
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        *) echo "benches/replicas.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -n "$bin" ] || { echo "benches/replicas.sh: --bin PATH is required" >&2; exit 2; }
[ -n "$work" ] || work=$(mktemp -d)
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_all EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no answer from $1" >&2; return 1; }
version_of() { curl -fs "$1/api/v1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["archive_version"])'; }

data=$work/data
seeds=("$root"/seeds/*.txt)
# The writer: an archive of the first seed files.
"$bin" --data "$data" ingest "${seeds[@]:0:3}" >/dev/null 2>&1
ports=()
for i in 1 2; do
    port=$(free_port)
    "$bin" --data "$data" serve --addr "127.0.0.1:$port" --public-url http://archive.test >"$work/replica-$i.log" 2>&1 &
    pids+=($!)
    ports+=("$port")
    wait_http "http://127.0.0.1:$port/"
done
nport=$(free_port)
www=$work/nginx
mkdir -p "$www/logs"
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
cat >"$www/nginx.conf" <<CONF
$user_line
daemon off;
pid $www/nginx.pid;
error_log $www/logs/error.log;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $www/logs;
    proxy_temp_path $www/logs;
    fastcgi_temp_path $www/logs;
    uwsgi_temp_path $www/logs;
    scgi_temp_path $www/logs;
    upstream archive { server 127.0.0.1:${ports[0]}; server 127.0.0.1:${ports[1]}; }
    server {
        listen 127.0.0.1:$nport;
        location / { proxy_pass http://archive; proxy_set_header Host \$host; }
    }
}
CONF
"$nginx_bin" -p "$www" -c "$www/nginx.conf" &
pids+=($!)
front=http://127.0.0.1:$nport
wait_http "$front/"

check_same() { # what: the same body and ETag from both replicas, and through nginx
    local path=$1 a b
    a=$(curl -fs -D - "http://127.0.0.1:${ports[0]}$path" | tr -d '\r' | grep -v -i '^date:')
    b=$(curl -fs -D - "http://127.0.0.1:${ports[1]}$path" | tr -d '\r' | grep -v -i '^date:')
    [ "$a" = "$b" ] || { echo "replicas differ on $path" >&2; diff <(echo "$a") <(echo "$b") | head >&2; return 1; }
    for _ in 1 2 3 4; do curl -fs -o /dev/null "$front$path"; done
}
slug=$(curl -fs "$front/api/v1/communiques?per_page=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["slug"])')
for path in / /communiques "/communiques/$slug" "/api/v1/communiques/$slug" "/recherche?q=mali" /api/v1; do
    check_same "$path"
done
before=$(version_of "$front")
echo "replicas: both answer the same bodies and ETags, through nginx too (version $before)"

# The writer ingests; both replicas switch by themselves.
"$bin" --data "$data" ingest "${seeds[@]}" >"$work/ingest.log" 2>&1 || { cat "$work/ingest.log" >&2; exit 1; }
after=""
for _ in $(seq 1 50); do
    a=$(version_of "http://127.0.0.1:${ports[0]}") b=$(version_of "http://127.0.0.1:${ports[1]}")
    if [ "$a" = "$b" ] && [ "$a" != "$before" ]; then after=$a; break; fi
    sleep 0.2
done
[ -n "$after" ] || { echo "the replicas did not both switch after the ingest" >&2; exit 1; }
for path in / /communiques /api/v1 "/recherche?q=mali"; do
    check_same "$path"
done
echo "replicas: both switched from $before to $after after the ingest, with no restart, and agree again"
