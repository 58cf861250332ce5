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

/**
 * A unified-style diff of two texts (`-` committed, `+` expected), each hunk
 * with one line of context, cut after `maxLines` lines. Generated files are
 * small, so a plain LCS table is fast enough.
 */
export function shortDiff(committed: string, expected: string, maxLines = 24): string {
  const a = committed.split('\n');
  const b = expected.split('\n');
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] as Uint32Array;
      row[j] = a[i] === b[j] ? (lcs[i + 1] as Uint32Array)[j + 1]! + 1 : Math.max((lcs[i + 1] as Uint32Array)[j]!, row[j + 1]!);
    }
  }
  type Line = { mark: ' ' | '-' | '+'; text: string; line: number };
  const ops: Line[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ mark: ' ', text: a[i++]!, line: j++ + 1 });
    else if (j < b.length && (i >= a.length || (lcs[i] as Uint32Array)[j + 1]! >= (lcs[i + 1] as Uint32Array)[j]!)) ops.push({ mark: '+', text: b[j]!, line: ++j });
    else ops.push({ mark: '-', text: a[i++]!, line: j + 1 });
  }
  const shown = new Set<number>();
  ops.forEach((op, k) => {
    if (op.mark !== ' ') for (let c = k - 1; c <= k + 1; c++) if (c >= 0 && c < ops.length) shown.add(c);
  });
  const out: string[] = [];
  let previous = -2;
  for (const k of [...shown].sort((x, y) => x - y)) {
    const op = ops[k] as Line;
    if (k !== previous + 1) out.push(`@@ line ${op.line} @@`);
    out.push(`${op.mark} ${op.text}`);
    previous = k;
  }
  if (out.length <= maxLines) return out.join('\n');
  return [...out.slice(0, maxLines), `… ${out.length - maxLines} more diff lines`].join('\n');
}

export function formatStaleReport(stale: readonly StaleFile[]): string {
  const parts = stale.map((s) => (s.problem === 'missing' ? `${s.path}: missing` : `${s.path}: differs from what the schemas generate\n${s.diff}`));
  return `${parts.join('\n\n')}\n\n${stale.length} file(s) stale: run 'mimi-codegen generate' with the same arguments and commit the result.\n`;
}
