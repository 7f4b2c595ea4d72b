#!/usr/bin/env bash
# Exports of 100,000 current reports through the daemon, end to end (release build):
#   govreport-store-bench fills a database (10,000 stored reports copied up to 100,000, with their findings),
#   govreportd serves it, and govreportctl exports CSV (wide and long), NDJSON and XLSX to files.
# Prints wall time and peak resident memory of the client and of the daemon for each.
# Needs the sqlite3 command (Debian package sqlite3). FORMATS picks the exports to run (default: all four;
# NDJSON takes minutes), e.g. FORMATS="csv xlsx".
#
#   scripts/bench-export.sh [SEED]      (default: the bundled seed report)
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-Tests/GovReportCtlTests/Fixtures/kunwu-2020.txt}

swift build -c release --product govreport-store-bench >/dev/null
swift build -c release --product govreportd >/dev/null
swift build -c release --product govreportctl >/dev/null
bin=$(swift build -c release --show-bin-path)

kept=$("$bin/govreport-store-bench" "$seed" --keep | tee /dev/stderr | sed -n 's/^kept: //p')
data=$(mktemp -d)
trap 'kill "$daemon" 2>/dev/null || true; rm -rf "$data" "$kept"' EXIT
mv "$kept/store.sqlite" "$data/govreport.sqlite"
# The benchmark leaves its documents' jobs queued; the daemon would re-read them and supersede the copies.
sqlite3 "$data/govreport.sqlite" "DELETE FROM job_events; DELETE FROM jobs;"
"$bin/govreportd" --data-dir "$data" 2>"$data/daemon.log" &
daemon=$!
for _ in $(seq 600); do [[ -S $data/govreportd.sock ]] && break; sleep 0.1; done

export GOVREPORT_SOCKET=$data/govreportd.sock
"$bin/govreportctl" status | sed -n '/报告/p'
run() {
    local name=$1
    shift
    /usr/bin/time -f "$name: %e s wall (client CPU %U s user, %S s sys), client peak RSS %M KiB" "$bin/govreportctl" export "$@" \
        --output "$data/export.$name"
    printf '    %s: %s bytes; daemon peak RSS %s KiB\n' "$name" "$(stat -c %s "$data/export.$name")" \
        "$(awk '/VmHWM/ {print $2}' /proc/$daemon/status)"
    # Start the daemon's peak over for the next export (Linux: 5 resets VmHWM).
    echo 5 >"/proc/$daemon/clear_refs" 2>/dev/null || true
}
for format in ${FORMATS:-csv csv-long ndjson xlsx}; do
    case $format in
        csv) run csv --format csv ;;
        csv-long) run csv-long --format csv --shape long ;;
        ndjson) run ndjson --format ndjson ;;
        xlsx) run xlsx --format xlsx ;;
        *) echo "unknown format $format" >&2; exit 64 ;;
    esac
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
