/**
 * Writing generated files so that a failure never leaves half-written output:
 * everything is generated in memory first, written to a temporary folder next
 * to the output folder, and only then moved into place, file by file, with
 * renames on the same file system.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { EmittedFile } from './emit/index.js';

/** The output folder cannot be written (a file where the folder should be, no permission, a full disk): said plainly, not as a stack trace. */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** Why the file system refused, in words; undefined for errors that are not the file system's. */
function reasonOf(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  switch (code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file is where a folder must be';
    case 'EISDIR':
      return 'a folder is where a file must be';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return undefined;
  }
}

export function writeFilesAtomically(outDir: string, files: readonly EmittedFile[]): string[] {
  const target = resolve(outDir);
  try {
    // A file in the way is found before anything is written.
    const existing = statSync(target, { throwIfNoEntry: false });
    if (existing !== undefined && !existing.isDirectory()) throw new OutputError(`cannot write into ${outDir}: it is a file, not a folder`);
    return writeThroughStaging(target, files);
  } catch (error) {
    const reason = reasonOf(error);
    if (reason === undefined) throw error;
    const path = (error as NodeJS.ErrnoException).path ?? outDir;
    throw new OutputError(`cannot write ${path}: ${reason}`);
  }
}

function writeThroughStaging(target: string, files: readonly EmittedFile[]): string[] {
  mkdirSync(dirname(target), { recursive: true });
  const staging = mkdtempSync(join(dirname(target), `.${basename(target)}.tmp-`));
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
    }
    mkdirSync(target, { recursive: true });
    const written: string[] = [];
    for (const file of files) {
      const destination = join(target, file.path);
      mkdirSync(dirname(destination), { recursive: true });
      renameSync(join(staging, file.path), destination);
      written.push(destination);
    }
    return written;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? 'out';
}
