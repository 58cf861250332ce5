#!/bin/bash
# Instructions per op of one status-report or MIMI content case, counted by callgrind (see harness.ts):
#   bash bench/instructions/run.sh CASE ENTRIES [ITERATIONS]
# e.g. `bash bench/instructions/run.sh decode 1` and `… decode.hand 1`; `… content.decode 1` and
# `… content.decode.cborx 1` (one op: all 14 examples; ENTRIES is ignored). About a minute each on a quiet machine.
# --single-threaded makes the counts repeat exactly (no concurrent compiler or GC threads counted in the loop).
set -euo pipefail
cd "$(dirname "$0")/../.."
bundle_suffix=""
source bench/instructions/bundle.sh "$@"
rm -f "$out/callgrind.$case.$entries".*
valgrind --tool=callgrind --dump-before=uv_os_gethostname --callgrind-out-file="$out/callgrind.$case.$entries" \
  node --single-threaded "$bundle" "$case" "$entries" "$iterations" >/dev/null 2>&1
total=$(awk '/^summary:/ {print $2}' "$out/callgrind.$case.$entries.2")
# The split (split.mjs): the allocator's and the collector's share moves between runs; the rest does not.
echo "$case, $entries entries: $(( total / iterations )) instructions per op ($(node bench/instructions/split.mjs "$out/callgrind.$case.$entries.2" "$iterations"))"
