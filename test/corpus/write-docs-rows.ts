/**
 * Rewrites the construct rows of docs/cddl-support.md from test/corpus/constructs.ts: each row
 * replaced by its current text, a new construct's row inserted after the previous construct's,
 * rows for removed constructs dropped. Run it after changing constructs.ts:
 * `npx tsx test/corpus/write-docs-rows.ts` (constructs.test.ts fails until the document agrees).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CONSTRUCTS, docsRow } from './constructs.js';

const path = new URL('../../docs/cddl-support.md', import.meta.url);
const lines = readFileSync(path, 'utf8').split('\n');
const start = lines.indexOf('## Constructs');
const end = lines.indexOf('## The real-world corpus');
if (start < 0 || end < start) throw new Error('docs/cddl-support.md: the "## Constructs" section is missing');

const isRow = (line: string) => line.startsWith('| ') && !line.startsWith('| construct |') && !line.startsWith('| --- |');
const nameOf = (line: string) => line.split(' | ')[0]?.slice(2).replaceAll('\\|', '|');

for (let i = end - 1; i > start; i--) {
  const line = lines[i] as string;
  if (!isRow(line)) continue;
  const construct = CONSTRUCTS.find((c) => c.name === nameOf(line));
  if (construct === undefined) lines.splice(i, 1);
  else lines[i] = docsRow(construct);
}
let previous = start;
for (const construct of CONSTRUCTS) {
  const row = docsRow(construct);
  const at = lines.indexOf(row);
  if (at >= 0) previous = at;
  else lines.splice(++previous, 0, row);
}
writeFileSync(path, lines.join('\n'));
