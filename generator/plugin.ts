/**
 * `mimi-codegen/plugin`: generate at build start, and again when a schema or
 * the config changes in dev/watch mode, from Vite, Rollup, esbuild or
 * webpack (one implementation through unplugin).
 *
 * ```ts
 * // vite.config.ts
 * import { vite as mimiCodegen } from 'mimi-codegen/plugin';
 * export default { plugins: [mimiCodegen()] };          // the nearest mimi-codegen.config.json
 * ```
 *
 * Options: `{ config?: string }` names a config file; the config's own keys
 * (`schemas`, `extensions`, `modules`, `out`, `integers`, `importExtension`, `arrayMatching`)
 * given inline are a config of their own when they include `schemas` or
 * `modules`, and otherwise override the config file's options. Paths are
 * relative to `cwd` (default: Vite's root, else the current folder).
 *
 * Only files whose contents change are rewritten, so the bundler's own
 * watcher sees no needless changes; a schema error fails a build, and in
 * dev/watch mode is reported while the last good output stays.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createUnplugin, type UnpluginInstance } from 'unplugin';
import { isSchemaError } from './diagnostics.js';
import { builtInSchemaFor, configFromValue, findConfig, isConfigError, resolveRuns, type CodegenConfig, type EmissionOptions, type ModuleRun } from './config.js';
import { differsOnDisk, planRuns, writePlans } from './project.js';

export interface MimiCodegenPluginOptions extends Omit<CodegenConfig, '$schema'> {
  /** A config file, relative to `cwd`; default the nearest `mimi-codegen.config.json` from `cwd` up. */
  config?: string;
  /** The folder paths are relative to; default Vite's root, else the current folder. */
  cwd?: string;
}

const NAME = 'mimi-codegen';

/** What one generation did, and the files to watch for the next. */
interface Generation {
  watch: string[];
  /** The output folders, to serve the generated files through `load` with the watch list (esbuild). */
  outDirs: string[];
  written: string[];
}

/** Generates every module the options describe; writes only the files whose contents changed. Throws ConfigError or SchemaError. */
export function generateForPlugin(options: MimiCodegenPluginOptions, cwd: string): Generation {
  const { config, cwd: _cwd, ...inline } = options;
  const { schemas, extensions, modules: inlineModules, ...overrides } = inline;
  const emission: EmissionOptions & { out?: string } = overrides;
  const configPath = config !== undefined ? resolve(cwd, config) : schemas === undefined && inlineModules === undefined ? findConfig(cwd) : null;
  const loaded = schemas !== undefined || inlineModules !== undefined ? configFromValue(inline, cwd, 'mimi-codegen plugin options') : undefined;
  if (loaded === undefined && configPath === null) {
    throw Object.assign(new Error(`mimi-codegen: no config: pass { schemas: [...] } or { config: 'path' }, or add mimi-codegen.config.json (searched from ${cwd} up)`), { name: 'ConfigError' });
  }
  const { out, ...emit } = emission;
  const { modules, ownsOutput } = resolveRuns({
    cwd,
    ...(loaded === undefined ? { config: configPath ?? undefined } : { loaded }),
    ...(loaded === undefined && out !== undefined ? { out } : {}),
    ...(loaded === undefined ? { options: emit } : {}),
  });
  const plans = planRuns(modules, { orphans: ownsOutput });
  const { written } = writePlans(plans, differsOnDisk);
  return { watch: [...(configPath === null ? [] : [configPath]), ...schemaFiles(modules)], outDirs: plans.map((p) => p.outDir), written };
}

function schemaFiles(modules: readonly ModuleRun[]): string[] {
  return [...new Set(modules.flatMap((m) => m.schemas.filter((s) => builtInSchemaFor(s, m.baseDir) === null).map((s) => resolve(m.baseDir, s))))];
}

function messageOf(error: unknown): string {
  if (isSchemaError(error) || isConfigError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

export const unplugin: UnpluginInstance<MimiCodegenPluginOptions | undefined, false> = createUnplugin((rawOptions = {}) => {
  const options: MimiCodegenPluginOptions = rawOptions;
  let root = options.cwd ?? process.cwd();
  let last: Generation | null = null;

  const run = (): Generation => {
    last = generateForPlugin(options, root);
    return last;
  };
  const isWatched = (id: string) => last?.watch.includes(resolve(id)) === true;
  const inOutput = (id: string) => last?.outDirs.some((dir) => resolve(id).startsWith(dir + (dir.endsWith('/') ? '' : '/'))) === true;

  return {
    name: NAME,
    buildStart() {
      // A schema or config error fails the build with its message (file:line:col and the excerpt).
      const generation = run();
      for (const file of generation.watch) {
        try {
          this.addWatchFile(file);
        } catch {
          // esbuild takes watch files only from load results: see `load` below.
        }
      }
    },
    watchChange(id) {
      if (!isWatched(id)) return;
      try {
        run();
      } catch (error) {
        // Dev mode: report, keep the last good output, wait for the fix.
        console.error(`${messageOf(error)}\nmimi-codegen: kept the last good output; waiting for the next change`);
      }
    },
    // esbuild watches only files named by load results: the generated files are loaded here, naming the schemas and the config.
    loadInclude: (id) => inOutput(id),
    load(id) {
      if (!inOutput(id)) return null;
      for (const file of last?.watch ?? []) this.addWatchFile(file);
      return readFileSync(id, 'utf8');
    },
    vite: {
      configResolved(config: { root: string }) {
        if (options.cwd === undefined) root = config.root;
      },
    },
  };
});

export const vite = unplugin.vite;
export const rollup = unplugin.rollup;
export const esbuild = unplugin.esbuild;
export const webpack = unplugin.webpack;
export default unplugin;
