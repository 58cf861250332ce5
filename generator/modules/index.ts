/**
 * The module stage, between parsing and the IR: root schema texts in, the
 * files (roots and the modules they reach) with the rules to build out.
 */
import { dirname, resolve } from 'node:path';
import { parseCddl } from '../parse/index.js';
import { fileLocator, type ModuleLocator } from './locate.js';
import { resolveModules, type ResolvedFile } from './resolve.js';

export { fileLocator, LIBRARY_FOLDERS, moduleFileName, showFile, type FileLocatorOptions, type LocateResult, type ModuleFile, type ModuleLocator } from './locate.js';
export { resolveModules, type ResolvedFile, type RootFile } from './resolve.js';

export interface ModuleOptions {
  /** Folders searched for modules after the importing file's own, before the library (absolute or relative to `cwd`). */
  includePath?: readonly string[];
  /** Folder that relative paths are taken from, and shown names relative to; default the current one. */
  cwd?: string;
  /** Reads a module file, undefined when there is none; default: the file system. */
  readFile?: (absolutePath: string) => string | undefined;
  /** Replaces the file-system search entirely. */
  locator?: ModuleLocator;
}

export interface RootText {
  path: string;
  text: string;
  /** The file's absolute path when it has one; its folder is searched first for its modules. Default: `path` taken from `cwd`. */
  file?: string;
}

/** Parses the roots and resolves their directives: every file the schema is built from, roots first. */
export function parseWithModules(schemas: readonly RootText[], options: ModuleOptions = {}): ResolvedFile[] {
  const cwd = options.cwd ?? process.cwd();
  const locator = options.locator ?? fileLocator({ cwd, ...(options.includePath ? { includePath: options.includePath } : {}), ...(options.readFile ? { readFile: options.readFile } : {}) });
  const roots = schemas.map((s) => ({ path: s.path, text: s.text, ast: parseCddl(s.text, s.path), dir: dirname(s.file ?? resolve(cwd, s.path)), ...(s.file ? { location: s.file } : {}) }));
  return resolveModules(roots, locator);
}
