#!/bin/bash
# Instructions per op of one status-report or MIMI content case, counted by callgrind (see harness.ts):
#   bash bench/instructions/run.sh CASE ENTRIES [ITERATIONS]
# e.g. `bash bench/instructions/run.sh decode 1` and `… decode.hand 1`; `… content.decode 1` and
# `… content.decode.cborx 1` (one op: all 14 examples; ENTRIES is ignored). About a minute each on a quiet machine.
# --single-threaded makes the counts repeat exactly (no concurrent compiler or GC threads counted in the loop).
set -euo pipefail
cd "$(dirname "$0")/../.."
case=$1; entries=$2
iterations=${3:-$(( entries >= 1000 ? 40 : entries >= 10 ? 2000 : 10000 ))}
if [[ $case == content.* ]]; then iterations=${3:-1000}; fi
out=bench/.build/instructions
mkdir -p "$out"
# One bundle and one output per case and size, so that two runs at once (one per core) do not clash.
bundle="$out/harness.$case.$entries.mjs"
# cbor-extract stays outside the bundle (it finds its native build from its own directory) and the banner gives
# the bundle a real `require` to load it: otherwise cbor-x silently runs
# without its native string extraction (cbor-extract), which `npm run bench` (not bundled) does use.
npx esbuild bench/instructions/harness.ts --bundle --platform=node --format=esm --outfile="$bundle" --log-level=warning --external:cbor-extract \
  --banner:js="import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
node "$bundle" check-native >/dev/null
rm -f "$out/callgrind.$case.$entries".*
valgrind --tool=callgrind --dump-before=uv_os_gethostname --callgrind-out-file="$out/callgrind.$case.$entries" \
  node --single-threaded "$bundle" "$case" "$entries" "$iterations" >/dev/null 2>&1
total=$(awk '/^summary:/ {print $2}' "$out/callgrind.$case.$entries.2")
# The split (split.mjs): the allocator's and the collector's share moves between runs; the rest does not.
echo "$case, $entries entries: $(( total / iterations )) instructions per op ($(node bench/instructions/split.mjs "$out/callgrind.$case.$entries.2" "$iterations"))"
