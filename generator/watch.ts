/**
 * `mimi-codegen generate --watch`: regenerate when a schema file, a module
 * it imports (`;# import`, `;# include`) or the config changes.
 *
 * The folders that hold the watched files are watched (not the files, whose
 * watches an editor's save-by-rename would break), events for other names are
 * ignored, and a burst of events is debounced into one run. Every run reads
 * the config again, so a config edit that adds or removes a schema changes
 * what is watched. A run that fails (a broken intermediate edit) reports the
 * error and writes nothing, so the last good output stays; watching goes on
 * until the signal aborts.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { isSchemaError } from './diagnostics.js';
import { builtInSchemaFor, displayPath, filesNamedBy, findConfig, isConfigError, resolveRuns, type EmissionOptions } from './config.js';
import { LIBRARY_FOLDERS } from './modules/index.js';
import { differsOnDisk, planRuns, writePlans } from './project.js';

export interface WatchOptions {
  /** A config file relative to `cwd`. */
  config?: string;
  /** Use the nearest `mimi-codegen.config.json` from `cwd` up when `config` is not given (as the CLI does). Default false. */
  discover?: boolean;
  /** Schema files relative to `cwd` (or built-in names); replace the config's schemas and extensions. */
  schemas?: readonly string[];
  /** Output folder relative to `cwd`; overrides the config's. */
  outDir?: string;
  /** Default the current folder. Paths in events are relative to it. */
  cwd?: string;
  /** Quiet time after the last change before regenerating; default 100 ms. */
  debounceMs?: number;
  /** Emission options overriding the config's for every module. */
  options?: EmissionOptions;
  /** Module folders (`-I DIR`) relative to `cwd`, searched before the config's `includePath`. */
  includePath?: readonly string[];
}

/** What the watcher reports. Paths are relative to `cwd` (absolute when outside it). */
export type WatchEvent =
  /** The set of watched files, at the start and whenever it changes. */
  | { type: 'watching'; files: string[] }
  /**
   * A run succeeded; `written` are the output files whose contents changed (the others were left alone),
   * `removed` the files generated before that no module generates any more.
   */
  | { type: 'generated'; changed: string[]; written: string[]; files: string[]; removed: string[] }
  /** A run failed (schema error with its excerpt, config error, missing file); the output was left as it was. */
  | { type: 'error'; changed: string[]; message: string }
  | { type: 'stopped' };

export interface WatchControl {
  onEvent: (event: WatchEvent) => void;
  /** Aborting stops watching; the returned promise then resolves. */
  signal: AbortSignal;
}

/** Generates once, then again on every change, until `signal` aborts. Never rejects for errors in the schemas or the config. */
export function watchGenerate(options: WatchOptions, control: WatchControl): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const debounceMs = options.debounceMs ?? 100;
  const { onEvent, signal } = control;
  const configPath = options.config !== undefined ? resolve(cwd, options.config) : options.discover ? findConfig(cwd) : null;

  /** Absolute paths of the watched files. */
  let watched = new Set<string>();
  /** The modules the last good run imported: watched too, and still after a failed run, so that a fix in one is seen. */
  let imported: string[] = [];
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const show = (path: string) => displayPath(path, cwd);

  /** Watches the folders of `files` (or, for a folder not there yet, the nearest one above it that is). */
  function setWatched(files: readonly string[]): void {
    const next = new Set(files);
    const changed = next.size !== watched.size || ![...next].every((f) => watched.has(f));
    watched = next;
    const dirs = new Set([...next].map((f) => nearestExisting(dirname(f))));
    for (const [dir, watcher] of watchers) {
      if (!dirs.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      const watcher = watch(dir, (_event, name) => onFsEvent(dir, name));
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(dir);
      });
      watchers.set(dir, watcher);
    }
    if (changed) onEvent({ type: 'watching', files: [...next].map(show) });
  }

  function onFsEvent(dir: string, name: string | Buffer | null): void {
    if (stopped) return;
    if (name === null) {
      // Some platforms do not say which file: treat every watched file of the folder as changed.
      for (const f of watched) if (dirname(f) === dir) pending.add(f);
    } else {
      const path = join(dir, name.toString());
      if (watched.has(path)) pending.add(path);
      // A folder on the way to a watched file that did not exist appeared: look again.
      else for (const f of watched) if (f.startsWith(path + sep)) pending.add(f);
    }
    if (pending.size === 0) return;
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  }

  function flush(): void {
    timer = undefined;
    if (stopped) return;
    const changed = [...pending].map(show);
    pending.clear();
    runOnce(changed);
  }

  function runOnce(changed: string[]): void {
    const config = configPath === null ? [] : [configPath];
    let modules;
    let ownsOutput = false;
    try {
      ({ modules, ownsOutput } = resolveRuns({ cwd, config: configPath ?? undefined, schemas: options.schemas, out: options.outDir, ...(options.options === undefined ? {} : { options: options.options }), include: options.includePath }));
    } catch (error) {
      // A broken config, or one naming a file not there yet: watch the config and every file it names, for the fix.
      setWatched([...config, ...(configPath === null ? [] : filesNamedBy(configPath)), ...(configPath === null ? watched : [])]);
      onEvent({ type: 'error', changed, message: describeError(error) });
      return;
    }
    const files = modules.flatMap((m) => m.schemas.filter((s) => builtInSchemaFor(s, m.baseDir) === null).map((s) => resolve(m.baseDir, s)));
    setWatched([...new Set([...config, ...files, ...imported])]);
    try {
      const plans = planRuns(modules, { orphans: ownsOutput });
      // The package's own library and schemas do not change while watching.
      imported = plans.flatMap((p) => p.inputs).filter((f) => !files.includes(f) && !LIBRARY_FOLDERS.some((l) => dirname(f) === l.dir));
      setWatched([...new Set([...config, ...files, ...imported])]);
      const { written, removed } = writePlans(plans, differsOnDisk);
      const all = plans.flatMap((p) => p.files.map((f) => show(join(p.outDir, f.path))));
      onEvent({ type: 'generated', changed, written: written.map(show), files: all, removed: removed.map(show) });
    } catch (error) {
      onEvent({ type: 'error', changed, message: describeError(error) });
    }
  }

  return new Promise<void>((resolvePromise) => {
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      onEvent({ type: 'stopped' });
      resolvePromise();
    };
    if (signal.aborted) {
      stop();
      return;
    }
    signal.addEventListener('abort', stop, { once: true });
    runOnce([]);
  });
}

function nearestExisting(dir: string): string {
  for (let d = dir; ; d = dirname(d)) if (existsSync(d) || dirname(d) === d) return d;
}

function describeError(error: unknown): string {
  if (isSchemaError(error) || isConfigError(error)) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof Error && typeof code === 'string') {
    const path = (error as NodeJS.ErrnoException).path ?? 'a file';
    if (code === 'ENOENT') return `cannot read ${path}: no such file`;
    if (code === 'EISDIR') return `cannot read ${path}: is a folder`;
    return `cannot read ${path}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
