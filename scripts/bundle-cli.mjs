#!/usr/bin/env node
/**
 * Replaces the built CLI (`<outDir>/generator/cli.js`, from tsc) by one file
 * holding it and every module of ours it imports; packages stay imports, and
 * what the CLI imports lazily (diff, registry) goes to `cli-chunks/`.
 * A cold `mimi-codegen generate` spent about a fifth of its time having
 * Node's ESM loader resolve, read and link the generator's ninety-odd
 * modules one by one; one file is one of each. The other files tsc wrote
 * (index.js, plugin.js, the .d.ts files) are the library and stay as they
 * are. Run after tsc: `node scripts/bundle-cli.mjs dist` (npm run build does).
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const outDir = process.argv[2];
if (outDir === undefined) throw new Error('usage: node scripts/bundle-cli.mjs <outDir>');
const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['generator/cli.ts'],
  outdir: join(outDir, 'generator'),
  allowOverwrite: true,
  bundle: true,
  // What the CLI imports only when a command needs it (diff, registry) stays a file of its own, loaded then.
  splitting: true,
  chunkNames: 'cli-chunks/[name]-[hash]',
  // Dependencies are installed beside the package; only our own modules are joined.
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
