# Sourced by run.sh and attribute.sh (after `cd` to the repository): reads CASE ENTRIES [ITERATIONS] from "$@",
# sets case, entries, iterations and out, and bundles harness.ts into "$bundle" ($out/harness.<case>.<entries>$bundle_suffix.mjs:
# one bundle per case, size and script, so that two runs at once do not clash).
case=$1; entries=$2
iterations=${3:-$(( entries >= 1000 ? 40 : entries >= 10 ? 2000 : 10000 ))}
if [[ $case == content.* ]]; then iterations=${3:-1000}; fi
out=bench/.build/instructions
mkdir -p "$out"
bundle="$out/harness.$case.$entries${bundle_suffix:-}.mjs"
# cbor-extract stays outside the bundle (it finds its native build from its own directory) and the banner gives
# the bundle a real `require` to load it: otherwise cbor-x silently runs
# without its native string extraction (cbor-extract), which `npm run bench` (not bundled) does use.
npx esbuild bench/instructions/harness.ts --bundle --platform=node --format=esm --outfile="$bundle" --log-level=warning --external:cbor-extract \
  --banner:js="import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
node "$bundle" check-native >/dev/null
