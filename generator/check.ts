/**
 * `mimi-codegen check`: generates in memory and compares with the files in
 * the output folder, so a vendor's CI fails when committed code is stale.
 * Writes nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from './index.js';

export interface StaleFile {
  /** Path of the file in the output folder, as the user would type it. */
  path: string;
  problem: 'missing' | 'differs';
  /** A short excerpt of the difference (empty for a missing file). */
  diff: string;
}

export function checkGenerated(options: { schemas: readonly string[]; outDir: string; cwd: string }): StaleFile[] {
  const { files } = generate({ schemas: options.schemas, outDir: options.outDir, cwd: options.cwd, write: false });
  const stale: StaleFile[] = [];
  for (const file of files) {
    const shown = join(options.outDir, file.path);
    const absolute = resolve(options.cwd, shown);
    if (!existsSync(absolute)) {
      stale.push({ path: shown, problem: 'missing', diff: '' });
      continue;
    }
    const current = readFileSync(absolute, 'utf8');
    if (current !== file.contents) stale.push({ path: shown, problem: 'differs', diff: shortDiff(current, file.contents) });
  }
  return stale;
}

/** The first differing lines of two texts, `-` committed and `+` expected, with a line of context. */
export function shortDiff(committed: string, expected: string, maxLines = 12): string {
  const a = committed.split('\n');
  const b = expected.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const lines = [`@@ line ${start + 1} @@`];
  if (start > 0) lines.push(`  ${a[start - 1]}`);
  const removed = a.slice(start, endA).map((l) => `- ${l}`);
  const added = b.slice(start, endB).map((l) => `+ ${l}`);
  const half = Math.max(1, Math.floor(maxLines / 2));
  lines.push(...removed.slice(0, half));
  if (removed.length > half) lines.push(`  … ${removed.length - half} more removed lines`);
  lines.push(...added.slice(0, half));
  if (added.length > half) lines.push(`  … ${added.length - half} more added lines`);
  return lines.join('\n');
}

export function formatStaleReport(stale: readonly StaleFile[]): string {
  const parts = stale.map((s) => (s.problem === 'missing' ? `${s.path}: missing` : `${s.path}: differs from what the schemas generate\n${s.diff}`));
  return `${parts.join('\n\n')}\n\n${stale.length} file(s) stale: run 'mimi-codegen generate' with the same arguments and commit the result.\n`;
}
