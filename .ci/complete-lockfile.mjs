// Adds to package-lock.json the platform-specific optional packages that npm
// left out because the registry reachable here does not serve them (rollup's
// and cbor-extract's binaries for other platforms). Without them `npm ci`
// refuses the lock file as out of sync; with them it installs, skipping what
// does not fit the platform or cannot be fetched, as it does for any optional
// package. Run after every `npm install` that rewrites the lock file:
//   node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const platform = /-(darwin|linux|win32|freebsd|openbsd|netbsd|android|sunos|aix|openharmony)-(x64|arm64|arm|ia32|ppc64|s390x|riscv64|loong64|mips64el)/;
let added = 0;
for (const pkg of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] !== undefined) continue;
    const entry = { version, optional: true };
    if (pkg.dev) entry.dev = true;
    const match = platform.exec(name);
    if (match) Object.assign(entry, { os: [match[1]], cpu: [match[2]] });
    lock.packages[key] = entry;
    added++;
  }
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added} optional package(s) recorded`);
