/**
 * vitest globalSetup: empties every `test/<folder>/__tmp__/` once, before any test file runs.
 * The scratch folders (test/support/scratch.ts) are named after their contents and never
 * overwritten, so without this each run that generates other code would add folders beside the
 * old ones. Runs in the main process only; no worker has started yet.
 */
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const test = fileURLToPath(new URL('../', import.meta.url));
  for (const entry of readdirSync(test, { withFileTypes: true })) {
    if (entry.isDirectory()) rmSync(`${test}${entry.name}/__tmp__`, { recursive: true, force: true });
  }
}
