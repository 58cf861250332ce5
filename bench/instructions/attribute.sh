#!/bin/bash
# Instructions per op of one case of harness.ts (as run.sh), split by function, JIT code named:
#   bash bench/instructions/attribute.sh CASE ENTRIES [ITERATIONS] [ROWS]
# callgrind with --dump-instr=yes, node with --perf-basic-prof (V8 writes /tmp/perf-PID.map, naming its
# code; removed afterwards), then attribute.mjs. The total is run.sh's, to a few instructions.
set -euo pipefail
cd "$(dirname "$0")/../.."
bundle_suffix=".attribute"
source bench/instructions/bundle.sh "$@"
rows=${4:-40}
dump="$out/attribute.$case.$entries"
rm -f "$dump".*
valgrind --tool=callgrind --dump-instr=yes --dump-before=uv_os_gethostname --callgrind-out-file="$dump" --log-file="$dump.log" \
  node --single-threaded --perf-basic-prof --logfile="$out/v8.log" "$bundle" "$case" "$entries" "$iterations" >/dev/null
pid=$(grep -o -m1 '^==[0-9]*==' "$dump.log" | tr -d =)
node bench/instructions/attribute.mjs "$dump.2" "/tmp/perf-$pid.map" "$iterations" "$rows"
rm -f "/tmp/perf-$pid.map" "$out/v8.log"
