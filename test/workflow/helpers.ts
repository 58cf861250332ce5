/** Shared by the workflow tests: temporary projects outside the repository, and the CLI run in-process. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A vendor's extension file, as in the README and the brief. */
export const STATUSES = '; ACME statuses\n$extStatus /= &( starred: 8, pinned: 9 )\n';

/** A fresh folder under the system's temporary folder; `cleanup` removes it. */
export function tempProject(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `mimi-codegen-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export { cli, type CliRun } from '../support/cli.js';
