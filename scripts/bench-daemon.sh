#!/bin/sh
# End-to-end benchmark of govreportd in a release build: 5,000 seed-sized reports moved into the inbox at once
# (reports/s and the ratio to the store bar measured in the same run), drop → stored latency when idle, and the
# daemon's resident memory with a 100,000-file backlog.
# Usage: scripts/bench-daemon.sh [seed file] [govreportd-bench options, e.g. --backlog 20000]
set -eu
cd "$(dirname "$0")/.."
seed="${1:-Tests/GovReportDaemonTests/Fixtures/kunwu-2020.txt}"
[ $# -gt 0 ] && shift
for product in govreportd govreport-store-bench govreportd-bench; do
    swift build -c release --product "$product" >/dev/null
done
exec "$(swift build -c release --show-bin-path)/govreportd-bench" "$seed" "$@"
