/**
 * Generating every module of a run (a config's `modules`, or the one module
 * the command line names) as one step: all modules are generated in memory
 * before anything is written, so a schema error in any of them writes
 * nothing; modules that share an output folder are checked not to disagree
 * about a file they both write (`runtime.ts`); and files in an output folder
 * that carry our `@generated` header but are no longer generated (a
 * `cbor-any.ts` after the schema stopped using `any`) are found, so that
 * `check` reports them and `generate` removes them.
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, displayPath, type ModuleRun } from './config.js';
import type { SchemaWarning } from './diagnostics.js';
import type { EmittedFile } from './emit/index.js';
import { generate } from './index.js';
import { writeFilesAtomically } from './output.js';

/** What one output folder receives from the modules that write into it. */
export interface FolderPlan {
  /** Absolute. */
  outDir: string;
  /** Every file the modules write there, each once, in module order. */
  files: EmittedFile[];
  /** Absolute paths of files in the folder that we generated once but no longer do. */
  orphans: string[];
  /** Absolute paths of every file the modules writing here read: schemas, and the modules they import. */
  inputs: string[];
}

/** Told before and after each module is generated (for a progress line); `ms` is how long it took. */
export interface PlanProgress {
  start?: (module: ModuleRun) => void;
  done?: (module: ModuleRun, ms: number) => void;
  /** Told of each warning of any module (what generated, but maybe not as the schema's author meant). */
  warning?: (warning: SchemaWarning) => void;
  /** Look for files we generated that no module generates any more (only when the modules own their folders: a config's whole list). */
  orphans?: boolean;
  /** The clock, in ms; default `performance.now`. */
  now?: () => number;
}

/** Generates every module in memory and groups the files by output folder. Throws SchemaError or ConfigError; writes nothing. */
export function planRuns(modules: readonly ModuleRun[], progress: PlanProgress = {}): FolderPlan[] {
  const now = progress.now ?? (() => performance.now());
  const folders = new Map<string, { files: Map<string, { file: EmittedFile; by: string }>; inputs: Set<string> }>();
  for (const module of modules) {
    progress.start?.(module);
    const started = now();
    const { files, warnings, inputs } = generate({ schemas: module.schemas, outDir: module.outDir, cwd: module.baseDir, write: false, ...module.options });
    for (const warning of warnings) progress.warning?.(warning);
    progress.done?.(module, now() - started);
    let folder = folders.get(module.outDir);
    if (folder === undefined) folders.set(module.outDir, (folder = { files: new Map(), inputs: new Set() }));
    for (const input of inputs) folder.inputs.add(input);
    for (const file of files) {
      const earlier = folder.files.get(file.path);
      if (earlier === undefined) folder.files.set(file.path, { file, by: module.key });
      else if (earlier.file.contents !== file.contents) {
        const shown = displayPath(join(module.outDir, file.path), module.baseDir);
        throw new ConfigError(`${earlier.by || 'the first module'} and ${module.key || 'another module'} both write ${shown}, with different contents: give them different 'out' folders`);
      }
    }
  }
  return [...folders].map(([outDir, { files, inputs }]) => {
    const planned = [...files.values()].map((f) => f.file);
    return { outDir, files: planned, orphans: progress.orphans === true ? findOrphans(outDir, new Set(planned.map((f) => f.path))) : [], inputs: [...inputs] };
  });
}

/** For `writePlans`' `only`: whether the file on disk is missing or holds other contents (watchers rewrite only those, so unchanged files keep their timestamps). */
export function differsOnDisk(outDir: string, file: EmittedFile): boolean {
  try {
    return readFileSync(join(outDir, file.path), 'utf8') !== file.contents;
  } catch {
    return true;
  }
}

/** Writes every folder's files (each folder all or nothing) and removes its orphans. Returns the absolute paths written and removed. */
export function writePlans(plans: readonly FolderPlan[], only?: (outDir: string, file: EmittedFile) => boolean): { written: string[]; removed: string[] } {
  const written: string[] = [];
  const removed: string[] = [];
  for (const plan of plans) {
    const files = only === undefined ? plan.files : plan.files.filter((f) => only(plan.outDir, f));
    if (files.length > 0) written.push(...writeFilesAtomically(plan.outDir, files));
    for (const orphan of plan.orphans) {
      rmSync(orphan, { force: true });
      removed.push(orphan);
    }
  }
  return { written, removed };
}

/** The marker every file we generate carries near its top (after any lint or format directives). */
const GENERATED_MARK = '@generated by mimi-codegen';

/** Files directly in `outDir` (we never write into subfolders) that we generated but are not in `expected`. */
export function findOrphans(outDir: string, expected: ReadonlySet<string>): string[] {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.ts') && !expected.has(name))
    .map((name) => join(outDir, name))
    .filter((path) => statSync(path).isFile() && isGeneratedFile(path))
    .sort();
}

/** True when the file starts with our header within its first lines. */
export function isGeneratedFile(path: string): boolean {
  let head: string;
  try {
    head = readFileSync(path, 'utf8').slice(0, 2048);
  } catch {
    return false;
  }
  return head.split('\n').slice(0, 5).some((line) => line.includes(GENERATED_MARK));
}
