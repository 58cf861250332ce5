/**
 * Folders under a test folder's `__tmp__/` for generated modules that tests write and then import.
 * Not a test file itself.
 *
 * Why every such folder must be new to its contents: vitest's server keeps the transform of a
 * module by its path for the whole run (it watches no files in `vitest run`), for every worker,
 * even after `vi.resetModules()`; and with `isolate: false` (vitest.config.ts) a worker also keeps
 * the evaluated module across test files. So a path that held one text and is then written with
 * another is imported as the first, silently. Two kinds of folder avoid that:
 *
 * - {@link scratchFolder}: named `<name>.<hash>`, the hash over the calling test file, the name and
 *   every file's path and text. The same call in the same test file finds the folder already
 *   written (and gets the same module, as before); other contents or another test file get
 *   another folder, so no two test files share a module instance (and its state) through it.
 *   Written into a temporary folder and renamed, so a reader never sees half a folder.
 * - {@link freshFolder}: a new empty folder for each call, for what a test writes itself
 *   (a CLI run, a hand-edited copy); the caller writes each file once before importing it.
 *
 * Each folder holds `.scratch.json`; the `scratch-folders` plugin in vitest.config.ts refuses to
 * transform a module under `__tmp__/` without one, or one whose text is not the text recorded
 * for it. test/support/clean-scratch.ts empties every `__tmp__/` when a run starts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';

export interface ScratchFile {
  readonly path: string;
  readonly contents: string;
}

/** The name of the record each scratch folder holds (read by vitest.config.ts). */
export const MANIFEST = '.scratch.json';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function asPath(base: URL | string): string {
  return typeof base === 'string' ? base : fileURLToPath(base);
}

/** The running test file, relative to the repository (vitest sets it before the file's code runs). */
function testFile(): string {
  const path = expect.getState().testPath;
  if (path === undefined) throw new Error('scratch folders are made while a test file runs');
  return relative(REPO, path);
}

function checkName(name: string): void {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`scratch folder name '${name}': letters, digits, '.', '-' and '_' only`);
}

/**
 * The folder (a file URL ending in `/`) under `base` holding `files`, and a `package.json` of type
 * module unless `packageJson` is false: written the first time, found after that.
 */
export function scratchFolder(base: URL | string, name: string, files: readonly ScratchFile[], options: { packageJson?: boolean } = {}): URL {
  checkName(name);
  const all = options.packageJson === false ? [...files] : [{ path: 'package.json', contents: '{"type":"module"}\n' }, ...files];
  const owner = testFile();
  const hashes: Record<string, string> = {};
  for (const f of all) {
    if (f.path in hashes) throw new Error(`scratch folder '${name}': two files at ${f.path}`);
    hashes[f.path] = sha256(f.contents);
  }
  const key = sha256(JSON.stringify([owner, name, Object.entries(hashes).sort()])).slice(0, 16);
  const root = asPath(base);
  const dir = join(root, `${name}.${key}`);
  if (!existsSync(join(dir, MANIFEST))) {
    mkdirSync(root, { recursive: true });
    const partial = join(root, `.partial-${name}.${key}.${process.pid}.${randomBytes(4).toString('hex')}`);
    for (const f of all) {
      mkdirSync(dirname(join(partial, f.path)), { recursive: true });
      writeFileSync(join(partial, f.path), f.contents);
    }
    writeFileSync(join(partial, MANIFEST), `${JSON.stringify({ testFile: owner, files: hashes }, null, 2)}\n`);
    try {
      renameSync(partial, dir);
    } catch (error) {
      // Another worker wrote the same folder first (the same test file run twice at once): its
      // contents are these.
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(join(dir, MANIFEST))) throw error;
    }
  }
  return pathToFileURL(`${dir}/`);
}

/** {@link scratchFolder}, then imports `entry` (by default the first of `files`). */
export async function importScratch<T>(
  base: URL | string,
  name: string,
  files: readonly ScratchFile[],
  options: { entry?: string; packageJson?: boolean } = {},
): Promise<{ module: T; dir: URL }> {
  const entry = options.entry ?? files[0]?.path;
  if (entry === undefined) throw new Error(`scratch folder '${name}': no files`);
  const dir = scratchFolder(base, name, files, options);
  return { module: (await import(/* @vite-ignore */ new URL(entry, dir).href)) as T, dir };
}

/**
 * A new empty folder under `base` (a file URL ending in `/`), named `<name>.<random>`, for files
 * the caller writes (once each) and then imports.
 */
export function freshFolder(base: URL | string, name: string): URL {
  checkName(name);
  const root = asPath(base);
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, `${name}.`));
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify({ testFile: testFile(), fresh: true }, null, 2)}\n`);
  return pathToFileURL(`${dir}/`);
}
