/** The old side of `mimi-codegen diff --git <rev> <files…>`: a file's content at a git revision. */
import { execFileSync } from 'node:child_process';
import { basename, dirname } from 'node:path';

/** Git could not give the file at that revision (no repository, unknown revision, file not in it): a usage error. */
export class GitReadError extends Error {}

/**
 * The text of `absolutePath` at `rev`, by `git show <rev>:./<file>` run in the
 * file's folder (so it works in any repository, at any depth).
 */
export function readAtRevision(rev: string, absolutePath: string, shown: string): string {
  if (rev.startsWith('-')) throw new GitReadError(`not a git revision: ${rev}`);
  try {
    return execFileSync('git', ['show', `${rev}:./${basename(absolutePath)}`], {
      cwd: dirname(absolutePath),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : stderr.split('\n')[0] || String(error);
    throw new GitReadError(`cannot read ${shown} at ${rev}: ${reason.replace(/^fatal: /, '')}`);
  }
}
