/**
 * Finding a module's file: `;# import RFC9052` reads `rfc9052.cddl` (the name
 * lower-cased, plus `.cddl`) from the first folder that has it, in this order:
 * the importing file's folder, the include path (`-I DIR` flags, then the
 * config's `includePath`), then the library the package ships (`library/`,
 * the CDDL of published RFCs, and `schemas/`, the MIMI drafts).
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from '../package-info.js';

/** One module file as the resolver sees it. */
export interface ModuleFile {
  /** Identity: the absolute path (one file reached by two names or two routes is one module). */
  id: string;
  /** How headers, errors and the IR name it: relative to the working folder, or `mimi-codegen/library/<name>.cddl`. */
  shown: string;
  text: string;
  /** The folder its own imports are searched from first. */
  dir: string;
}

export interface LocateResult {
  found: ModuleFile | null;
  /** Every folder searched, in order, as shown to the user. */
  searched: string[];
}

/** Finds module files; the resolver asks it, so that tests and API users can supply their own. */
export interface ModuleLocator {
  locate(module: string, fromDir: string): LocateResult;
}

/** The folders the package ships modules in, and how they are shown: the same on every machine. */
export const LIBRARY_FOLDERS: readonly { dir: string; shown: string }[] = [
  { dir: join(PACKAGE_ROOT, 'library'), shown: 'mimi-codegen/library/' },
  { dir: join(PACKAGE_ROOT, 'schemas'), shown: 'mimi-codegen/schemas/' },
];

/** `RFC9052` → `rfc9052.cddl`. */
export function moduleFileName(module: string): string {
  return `${module.toLowerCase()}.cddl`;
}

export interface FileLocatorOptions {
  /** Folder that relative include folders and shown names are taken from. */
  cwd: string;
  /** Extra folders, searched after the importing file's folder and before the library (absolute or relative to `cwd`). */
  includePath?: readonly string[];
  /** Reads a file, or returns undefined when there is none; default: the file system. */
  readFile?: (absolutePath: string) => string | undefined;
}

/** The locator over the file system (or over `readFile`). */
export function fileLocator(options: FileLocatorOptions): ModuleLocator {
  const read = options.readFile ?? readIfFile;
  const include = (options.includePath ?? []).map((d) => resolve(options.cwd, d));
  const shownFolder = (dir: string): string => {
    const library = LIBRARY_FOLDERS.find((l) => l.dir === dir);
    if (library !== undefined) return library.shown;
    return `${showPath(dir, options.cwd)}/`;
  };
  return {
    locate(module, fromDir) {
      const name = moduleFileName(module);
      const folders = unique([resolve(options.cwd, fromDir), ...include, ...LIBRARY_FOLDERS.map((l) => l.dir)]);
      for (const dir of folders) {
        const path = join(dir, name);
        const text = read(path);
        if (text !== undefined) return { found: { id: path, shown: showFile(path, options.cwd), text, dir: dirname(path) }, searched: folders.map(shownFolder) };
      }
      return { found: null, searched: folders.map(shownFolder) };
    },
  };
}

/** A file's name in headers and errors: `mimi-codegen/library/x.cddl` for the package's own, else relative to `cwd` with '/' (absolute when outside it). */
export function showFile(path: string, cwd: string): string {
  for (const l of LIBRARY_FOLDERS) if (dirname(path) === l.dir) return `${l.shown}${path.slice(l.dir.length + 1)}`;
  return showPath(path, cwd);
}

function showPath(path: string, cwd: string): string {
  const rel = relative(cwd, path).split(sep).join('/');
  if (rel === '') return '.';
  return rel.startsWith('..') ? path.split(sep).join('/') : rel;
}

function readIfFile(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
