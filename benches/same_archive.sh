#!/usr/bin/env bash
# Do two builds write the same archive for the same input? Ingests INPUT
# (then MORE, when given, as a second run into the same archive, so grouping
# against earlier rows is compared too) with each binary, and compares the
# databases row by row (the ingest timestamps aside), the archive versions and
# what `extract` prints for the files of INPUT.
#
#   benches/same_archive.sh OLD_BINARY NEW_BINARY INPUT_DIR [MORE_DIR]
#
# Needs the sqlite3 command-line shell.
set -euo pipefail
old=$1 new=$2 input=$3 more=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for side in old new; do
    bin=$old
    [ "$side" = new ] && bin=$new
    "$bin" --data "$work/$side" ingest "$input" >/dev/null 2>&1 || true
    if [ -n "$more" ]; then
        "$bin" --data "$work/$side" ingest "$more" >/dev/null 2>&1 || true
    fi
    sqlite3 "$work/$side/archive.sqlite" .dump |
        grep -v -e 'INSERT INTO archive_meta' -e '_sqlx_migrations' >"$work/$side.sql"
    sqlite3 "$work/$side/archive.sqlite" \
        "SELECT value FROM archive_meta WHERE key = 'version'" >"$work/$side.version"
    find "$input" -name '*.txt' | sort | xargs "$bin" extract >"$work/$side.jsonl" 2>/dev/null || true
done
status=0
for what in sql version jsonl; do
    if cmp -s "$work/old.$what" "$work/new.$what"; then
        echo "same $what ($(wc -l <"$work/new.$what") lines)"
    else
        echo "DIFFERENT $what:"
        diff "$work/old.$what" "$work/new.$what" | head -20
        status=1
    fi
done
exit $status
