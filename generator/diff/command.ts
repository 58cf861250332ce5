/**
 * `mimi-codegen diff <old.cddl…> -- <new.cddl…>` and
 * `mimi-codegen diff --git <rev> <files…>`: the work behind the command, kept
 * here so that generator/cli.ts only declares it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { compileIr, type SchemaText } from '../index.js';
import { formatChanges, hasBreaking } from './format.js';
import { GitReadError, readAtRevision } from './git.js';
import { diffSchemas, type SchemaChange } from './index.js';

/** The command was called wrongly (no `--`, no files, an unreadable revision): exit 2. */
export class DiffUsageError extends Error {}

export interface DiffCommandOptions {
  /** Positional files before `--` (the old side), or with `--git`, the files. */
  files: readonly string[];
  /** Files after `--` (the new side); undefined when there was no `--`. */
  afterDashes: readonly string[] | undefined;
  /** `--git <rev>`: the old side is the files at that revision. */
  git: string | undefined;
  json: boolean;
  cwd: string;
  /** Reads schema files from the working tree (the CLI's reader, which reports missing files as usage errors). */
  read: (paths: readonly string[]) => SchemaText[];
  /** Module folders (`-I DIR`), for the `;# import` / `;# include` of both sides. */
  includePath?: readonly string[];
}

export interface DiffCommandResult {
  changes: SchemaChange[];
  breaking: boolean;
}

/** Compiles both sides, compares them and prints the changes (text or JSON). Throws SchemaError or DiffUsageError. */
export function runDiffCommand(options: DiffCommandOptions, out: (text: string) => void): DiffCommandResult {
  // `diff old -- new --json`: after '--' every word is a file to yargs, but --json is surely meant as the flag.
  const json = options.json || (options.afterDashes?.includes('--json') ?? false);
  const afterDashes = options.afterDashes?.filter((f) => f !== '--json');
  const { oldTexts, newTexts } = inputs({ ...options, afterDashes });
  // Both sides are compared with their imports resolved; with --git, the old side's modules are read at that revision where git has them.
  const modules = { cwd: options.cwd, ...(options.includePath ? { includePath: options.includePath } : {}) };
  const git = options.git;
  const oldModules = git === undefined ? modules : { ...modules, readFile: (path: string) => readModuleAt(git, path) };
  const changes = diffSchemas(compileIr(oldTexts, oldModules), compileIr(newTexts, modules));
  out(json ? `${JSON.stringify(changes, null, 2)}\n` : formatChanges(changes));
  return { changes, breaking: hasBreaking(changes) };
}

/** A module file as it was at `rev`; one git does not have there (outside the repository, or the library the package ships) as it is now. */
function readModuleAt(rev: string, path: string): string | undefined {
  try {
    return readAtRevision(rev, path, path);
  } catch (error) {
    if (!(error instanceof GitReadError)) throw error;
  }
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
}

function inputs(options: DiffCommandOptions): { oldTexts: SchemaText[]; newTexts: SchemaText[] } {
  const files = options.files.map(String);
  if (options.git !== undefined) {
    if (options.git === '') throw new DiffUsageError('--git needs a revision: mimi-codegen diff --git <rev> <files…>');
    if (options.afterDashes !== undefined) throw new DiffUsageError("with --git, name the files once, without '--': the working tree is the new side");
    if (files.length === 0) throw new DiffUsageError('name the schema files to compare: mimi-codegen diff --git <rev> <files…>');
    const newTexts = options.read(files);
    const oldTexts = newTexts.map((s, i) => {
      try {
        const file = resolve(options.cwd, files[i] as string);
        return { path: `${options.git}:${s.path}`, text: readAtRevision(options.git as string, file, s.path), file };
      } catch (error) {
        if (error instanceof GitReadError) throw new DiffUsageError(error.message);
        throw error;
      }
    });
    return { oldTexts, newTexts };
  }
  if (options.afterDashes === undefined) {
    throw new DiffUsageError("name the old schema files, then '--', then the new ones: mimi-codegen diff <old.cddl…> -- <new.cddl…>");
  }
  const after = options.afterDashes.map(String);
  if (files.length === 0 || after.length === 0) {
    throw new DiffUsageError(`name the ${files.length === 0 ? 'old' : 'new'} schema files: mimi-codegen diff <old.cddl…> -- <new.cddl…>`);
  }
  return { oldTexts: options.read(files), newTexts: options.read(after) };
}
