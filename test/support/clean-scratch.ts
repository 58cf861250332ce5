/**
 * vitest globalSetup: empties every `test/<folder>/__tmp__/` once, before any test file runs.
 * The scratch folders (test/support/scratch.ts) are named after their contents and never
 * overwritten, so without this each run that generates other code would add folders beside the
 * old ones. Runs in the main process only; no worker has started yet.
 *
 * Not while another run in this tree is going on (`npm test` in one terminal, `vitest run
 * file.test.ts` in another): emptying its folders under it failed its tests by the hundred
 * ("not in a folder made by test/support/scratch.ts", "Cannot find module"). A run notes its
 * process in `test/.scratch-run` and removes the note at its end; a note of a process that is
 * gone (a run killed) is stale and ignored. The other run's folders, named after their contents,
 * never meet this one's.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  const test = fileURLToPath(new URL('../', import.meta.url));
  const note = `${test}.scratch-run`;
  const other = runningElsewhere(note);
  if (other === null) {
    for (const entry of readdirSync(test, { withFileTypes: true })) {
      if (entry.isDirectory()) rmSync(`${test}${entry.name}/__tmp__`, { recursive: true, force: true });
    }
    writeFileSync(note, `${process.pid}\n`);
  } else {
    console.warn(`test/support/clean-scratch.ts: another test run (process ${other}) is using the __tmp__ folders; they are left as they are`);
  }
  return () => {
    if (other === null && runningElsewhere(note) === null) rmSync(note, { force: true });
  };
}

/** The process of another run noted in `note` that is still alive, or null. */
function runningElsewhere(note: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(note, 'utf8'), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
