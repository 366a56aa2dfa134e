#!/usr/bin/env bash
# The scale benchmark: generates a corpus, ingests it, serves it, and loads
# each route with wrk beside nginx serving the bytes of the same communiqué
# page as a static file; then ingests 1,000 new articles into it and the
# same corpus again. Prints the tables. Everything it starts listens on
# 127.0.0.1 only and is stopped by process id when it ends.
#
#   benches/run.sh                          # 10k, 100k and 1M articles
#   benches/run.sh --sizes 10000 --duration 10
#
# Options:
#   --sizes N[,N...]    corpus sizes in articles (default 10000,100000,1000000)
#   --duration S        seconds of load per route (default 20)
#   --connections C     concurrent connections (default 16)
#   --work DIR          where corpora and archives go (default target/bench)
#   --bin PATH          the communiques binary (default: cargo build --release)
#   --gen PATH          the gen_corpus binary of the bench crate (same default)
set -euo pipefail

sizes=10000,100000,1000000
duration=20
connections=16
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/target/bench
bin=""
gen=""
while [ $# -gt 0 ]; do
    case $1 in
        --sizes) sizes=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --bin) bin=$2; shift 2 ;;
        --gen) gen=$2; shift 2 ;;
        *) echo "benches/run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

say() { echo "bench: $*" >&2; }

# Tools: wrk, nginx, GNU time, curl. Installed from Debian's packages when
# missing and the script may (root with apt-get).
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -x /usr/bin/time ] || need+=(time)
command -v curl >/dev/null || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing ${need[*]}"
        apt-get install -y --no-install-recommends "${need[@]}" >/dev/null 2>&1 ||
            { apt-get update >/dev/null 2>&1 &&
              apt-get install -y --no-install-recommends "${need[@]}" >/dev/null; }
    else
        echo "benches/run.sh: missing ${need[*]}; install them (Debian: apt-get install ${need[*]})" >&2
        exit 1
    fi
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

if [ -z "$bin" ] || [ -z "$gen" ]; then
    say "building (release)"
    (cd "$root" && cargo build --release --quiet --bin communiques --bin gen_corpus)
    bin=${bin:-$root/target/release/communiques}
    gen=${gen:-$root/target/release/gen_corpus}
fi
mkdir -p "$work"
work=$(cd "$work" && pwd)

# Everything started is recorded here and stopped on exit, whatever happens.
pids=()
stop_all() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}
trap stop_all EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_http() { # url pid
    for _ in $(seq 1 600); do
        curl -fs -o /dev/null "$1" && return 0
        kill -0 "$2" 2>/dev/null || { echo "benches/run.sh: server exited before answering $1" >&2; return 1; }
        sleep 0.2
    done
    echo "benches/run.sh: no answer from $1" >&2
    return 1
}

# wrk's latency ("850.00us", "1.20ms", "2.01s") in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n = n / 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n = n * 1000
        printf "%.2f", n }'
}

# load NAME URL: one wrk run; appends a line to the table.
load() {
    local name=$1 url=$2 out status
    status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
    if [ "$status" != 200 ]; then
        echo "benches/run.sh: $url answered $status" >&2
        exit 1
    fi
    out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$url")
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')
    printf '%-9s %-8s %-26s %9s %9s %9s  %s\n' "$size" "$mode" "$name" "$rps" "$p50" "$p99" "$errors" >>"$table"
}

table=$work/table.txt
ingest_table=$work/ingest.txt
: >"$table"
: >"$ingest_table"
versions_table=$work/versions.txt
: >"$versions_table"
daily_table=$work/daily.txt
: >"$daily_table"

# wall NAME: the wall clock in seconds and the peak memory in MB of the run
# whose GNU time report is $work/NAME.time.
wall() {
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
        /Maximum resident set size/ { m = $2 / 1024 }
        END { printf "%.1f s, %.0f MB peak", s, m }' "$work/$1.time"
}

# Drops the page cache when the script may (root, and a writable /proc):
# prints "cold", else "warm".
drop_page_cache() {
    if sync && { echo 3 >/proc/sys/vm/drop_caches; } 2>/dev/null; then
        echo cold
    else
        echo warm
    fi
}

IFS=, read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
    corpus=$work/corpus-$size
    data=$work/data-$size
    if [ ! -f "$corpus/truth.jsonl" ]; then
        say "generating $size articles"
        rm -rf "$corpus"
        "$gen" --articles "$size" --out "$corpus" >&2
    fi
    # The truth file is not input: ingest reads the text dumps only.
    rm -rf "$data"
    say "ingesting $size articles"
    /usr/bin/time -v -o "$work/ingest-$size.time" \
        "$bin" --data "$data" ingest "$corpus" >"$work/ingest-$size.log" 2>&1 ||
        { cat "$work/ingest-$size.log" >&2; exit 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/ingest-$size.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/ingest-$size.time")
    secs=$(awk -v t="$wall" 'BEGIN { n = split(t, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }')
    steps=$(sed -n 's/^time: //p' "$work/ingest-$size.log")
    db_mb=$(du -sm "$data/archive.sqlite" | cut -f1)
    index_mb=$(du -sm "$data/index" | cut -f1)
    printf '%-9s %8.1f s %10.0f/s %8s MB %6s MB %8s MB  %s\n' "$size" "$secs" \
        "$(awk -v n="$size" -v s="$secs" 'BEGIN { print n / s }')" "$rss" "$db_mb" "$index_mb" "$steps" >>"$ingest_table"
    # Grouping scored pair by pair against the events the corpus wrote.
    printf 'at %s articles, %s\n' "$size" "$(python3 "$root/benches/versions.py" "$corpus" "$data/archive.sqlite")" >>"$versions_table"

    # Serve it: first with the page cache (the default), then rendering every
    # request, which is the work a page costs the first time it is asked for.
    for mode in cached uncached; do
        port=$(free_port)
        cache_mb=64
        [ "$mode" = uncached ] && cache_mb=0
        "$bin" --data "$data" serve --addr "127.0.0.1:$port" --cache-mb "$cache_mb" \
            >"$work/serve-$size-$mode.log" 2>&1 &
        server=$!
        pids+=("$server")
        base=http://127.0.0.1:$port
        wait_http "$base/" "$server"

        if [ "$mode" = cached ]; then
            # The routes, picked from the archive itself.
            slug=$(curl -fs "$base/api/v1/communiques?per_page=1&page=2" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["slug"])')
            read -r person person_q < <(curl -fs "$base/api/v1/personnes?tri=communiques&per_page=1" | python3 -c '
import json, sys, urllib.parse
p = json.load(sys.stdin)["data"][0]
print(p["slug"], urllib.parse.quote_plus(p["name"]))')
            read -r code pages < <(curl -fs "$base/api/v1/pays" | python3 -c '
import json, sys
c = json.load(sys.stdin)["data"][0]
print(c["code"].lower(), max(1, (c["partner"] + 19) // 20))')
            deep=$(( pages > 1 ? pages * 3 / 4 : 1 ))

            # nginx serves the same bytes as our communiqué page.
            www=$work/www-$size
            mkdir -p "$www/logs"
            curl -fs "$base/communiques/$slug" -o "$www/page.html"
            nport=$(free_port)
            # Started by root, nginx's workers would run as nobody, who
            # cannot read a private work folder: they run as the caller.
            user_line=""
            [ "$(id -u)" = 0 ] && user_line="user root;"
            cat >"$www/nginx.conf" <<EOF
$user_line
worker_processes auto;
daemon off;
pid $www/nginx.pid;
error_log $www/logs/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $www/logs;
    proxy_temp_path $www/logs;
    fastcgi_temp_path $www/logs;
    uwsgi_temp_path $www/logs;
    scgi_temp_path $www/logs;
    server {
        listen 127.0.0.1:$nport;
        location = /page.html { root $www; default_type text/html; }
    }
}
EOF
            "$nginx_bin" -p "$www" -c "$www/nginx.conf" &
            nginx_pid=$!
            pids+=("$nginx_pid")
            wait_http "http://127.0.0.1:$nport/page.html" "$nginx_pid"
        fi

        say "loading routes at $size articles, $mode ($duration s each, $connections connections)"
        [ "$mode" = cached ] && load "nginx, same page" "http://127.0.0.1:$nport/page.html"
        load "communiqué page" "$base/communiques/$slug"
        load "communiqué JSON" "$base/api/v1/communiques/$slug"
        load "/pays/$code page 1" "$base/pays/$code"
        load "/pays/$code page $deep" "$base/pays/$code?page=$deep"
        load "/personnes/{top}" "$base/personnes/$person"
        load "search, two words" "$base/recherche?q=coop%C3%A9ration+sant%C3%A9"
        load "search, filtered" "$base/recherche?q=coop%C3%A9ration&pays=$code"
        load "search, a person" "$base/recherche?q=$person_q"
        load "search, a phrase" "$base/recherche?q=%22conseil+des+ministres%22"
        load "search, by date" "$base/recherche?q=coop%C3%A9ration&tri=date"
        rss_now=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")
        rss_peak=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")
        printf '%-9s %-8s %-26s %s MB now, %s MB peak\n' "$size" "$mode" "server memory" "$rss_now" "$rss_peak" >>"$table"
        kill "$server"
        wait "$server" 2>/dev/null || true
    done
    stop_all

    # The daily ingests into it: 1,000 new articles (another seed), then the
    # same corpus again unchanged, each after the page cache is dropped
    # when the script may, so the archive is read from disk.
    increment=$work/increment-1000
    if [ ! -f "$increment/truth.jsonl" ]; then
        rm -rf "$increment"
        "$gen" --articles 1000 --seed 8 --out "$increment" >&2
    fi
    for run in increment unchanged; do
        input=$increment
        label="+1,000 articles"
        if [ "$run" = unchanged ]; then
            input=$corpus
            label="the same corpus again"
        fi
        say "$label into $size articles"
        cache=$(drop_page_cache)
        /usr/bin/time -v -o "$work/$run-$size.time" \
            "$bin" --data "$data" ingest "$input" >"$work/$run-$size.log" 2>&1 ||
            { cat "$work/$run-$size.log" >&2; exit 1; }
        printf 'at %s articles, %s (page cache %s): %s; %s\n' "$size" "$label" "$cache" \
            "$(wall "$run-$size")" "$(sed -n 's/^time: //p' "$work/$run-$size.log")" >>"$daily_table"
    done
done

echo
echo "Ingest (wall clock, articles/s, peak memory, database, index; time per step)"
printf '%-9s %10s %12s %11s %9s %11s\n' articles time rate memory sqlite index
cat "$ingest_table"
echo
echo "Versions (pairs of communiqués of one event, against the corpus's truth)"
cat "$versions_table"
echo
echo "Daily ingests (wall clock, peak memory; time per step)"
cat "$daily_table"
echo
echo "Serving (wrk, $connections connections, $duration s per route; latency in ms)"
printf '%-9s %-8s %-26s %9s %9s %9s\n' articles pages route req/s p50 p99
cat "$table"
