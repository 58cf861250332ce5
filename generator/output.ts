/**
 * Writing generated files so that a failure never leaves half-written output:
 * everything is generated in memory first, written to a temporary folder next
 * to the output folder, and only then moved into place, file by file, with
 * renames on the same file system.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { EmittedFile } from './emit/index.js';

export function writeFilesAtomically(outDir: string, files: readonly EmittedFile[]): string[] {
  const target = resolve(outDir);
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
