/**
 * The programmatic API. The pipeline is pure stages:
 * `parseCddl` (text → AST), `buildIr` (ASTs → IR), `computeLayouts` (IR →
 * every rule's wire layout, which `emitFiles` computes itself), `emitFiles` (IR → files);
 * `compile` runs them on texts in memory, `generate` adds reading the schema
 * files and (optionally) writing the output.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { emitFiles, type EmittedFile } from './emit/index.js';
import { buildIr, type IrSchema } from './ir/index.js';
import { controlCycleError } from './ir/cycles.js';
import { builtInSchemaFor, resolveRuns, type EmissionOptions } from './config.js';
import { DEFAULT_OUT_DIR, TOOL_VERSION, abnfRecogniserTemplate, arbitraryTemplates, cborAnyTemplate, dedentedPatternTemplates, defaultSchemas, generalTemplates, messageIdTemplate, printfTemplate, runtimeTemplates, textControlsTemplate } from './package-info.js';
import { parseWithModules, type ModuleOptions } from './modules/index.js';
import { SchemaError, type SchemaWarning } from './diagnostics.js';
import { writeFilesAtomically } from './output.js';
import { planRuns, writePlans, type FolderPlan } from './project.js';

export { parseCddl } from './parse/index.js';
export { buildIr } from './ir/index.js';
export { emitFiles } from './emit/index.js';
export { computeLayouts, layoutsToJson, type Layouts, type LayoutsJson, type LayoutOptions, type RuleLayout } from './layout/index.js';
export { SchemaError, isSchemaError, formatWarning, type SchemaWarning } from './diagnostics.js';
export type { IrSchema } from './ir/index.js';
export type { EmittedFile } from './emit/index.js';
export { TOOL_VERSION } from './package-info.js';
export {
  CONFIG_FILE,
  ConfigError,
  findConfig,
  isConfigError,
  loadConfig,
  type CodegenConfig,
  type EmissionOptions,
  type ImportExtension,
  type IntegerMode,
  type LoadedConfig,
  type ModuleConfig,
} from './config.js';
export { watchGenerate, type WatchEvent, type WatchOptions } from './watch.js';
export { parseWithModules, fileLocator, type ModuleOptions, type ModuleLocator, type ModuleFile } from './modules/index.js';

export interface SchemaText {
  /** The name shown in errors and in the generated header. */
  path: string;
  text: string;
  /** The file's absolute path, when it is a file: its folder is searched first for the modules it imports. Default: `path` taken from the `cwd` option. */
  file?: string;
}

/**
 * Schema texts → IR, with `;# import` and `;# include` resolved (modules are
 * searched in the importing file's folder, `includePath`, then the library the
 * package ships; `readFile` or `locator` replace the file system). Throws SchemaError.
 */
export function compileIr(schemas: readonly SchemaText[], options: ModuleOptions = {}): IrSchema {
  return buildIr(parseWithModules(schemas, options));
}

export type CompileOptions = { toolVersion?: string; onWarning?: (warning: SchemaWarning) => void } & EmissionOptions & ModuleOptions;

/** Schema texts → generated files, in memory, modules resolved as for {@link compileIr}. Throws SchemaError; tells `onWarning` of each warning. */
export function compile(schemas: readonly SchemaText[], options: CompileOptions = {}): EmittedFile[] {
  return compileReading(schemas, options).files;
}

/** {@link compile}, also naming every file it read: the schemas, then the modules they reached (absolute paths). */
function compileReading(schemas: readonly SchemaText[], options: CompileOptions): { files: EmittedFile[]; inputs: string[] } {
  const { toolVersion, onWarning, includePath, cwd, readFile, locator, ...emission } = options;
  const parsed = parseWithModules(schemas, { ...(includePath ? { includePath } : {}), ...(cwd ? { cwd } : {}), ...(readFile ? { readFile } : {}), ...(locator ? { locator } : {}) });
  const ir = buildIr(parsed);
  const sources = new Map(parsed.map((s) => [s.path, s.text]));
  let files: EmittedFile[];
  try {
    files = emitFiles(ir, sources, {
      ...emission,
      toolVersion: toolVersion ?? TOOL_VERSION,
      runtimeSources: runtimeTemplates(),
      cborAnySource: cborAnyTemplate(),
      textControlsSource: textControlsTemplate(),
      printfSource: printfTemplate(),
      abnfRecogniserSource: abnfRecogniserTemplate(),
      dedentedPatternSources: dedentedPatternTemplates(),
      generalSources: generalTemplates(),
      messageIdSource: messageIdTemplate(),
      ...(emission.arbitrary === true ? { arbitrarySources: arbitraryTemplates() } : {}),
      ...(onWarning === undefined ? {} : { onWarning }),
    });
  } catch (error) {
    // The last guard against a stack trace. The layouts compute a control's controller and operands by following
    // references, which a rule among its own never ends (ir/cycles.ts names the cycle); and some analyses follow rules
    // held in each other by recursion (the choice planner's walk down a chain of rules in tags, about 550 of them).
    if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error;
    throw (
      controlCycleError(ir.rules, sources) ??
      new SchemaError(
        'unsupported',
        { file: schemas[0]?.path ?? '', line: 1, col: 1, offset: 0, endOffset: 0 },
        `this schema's rules hold each other deeper than the generator follows them, and its stack ran out (a resource limit, not a rule of CDDL: a chain of about 550 rules, each in a tag beside another option, does this)`,
        { source: schemas[0]?.text ?? '' },
      )
    );
  }
  return { files, inputs: parsed.flatMap((p) => (p.location === null ? [] : [p.location])) };
}

export interface GenerateOptions extends EmissionOptions {
  /**
   * A `mimi-codegen.config.json` (relative to `cwd`) to take the modules from: every module is generated,
   * and written only when all succeed; files it generated before that it no longer does are removed.
   * `schemas` and `outDir`, when given, override it (relative to `cwd`), and so do emission options.
   * Its paths, and the names in the generated headers, are relative to the config file's folder.
   */
  config?: string;
  /** Schema files or built-in schema names (`mimi-message-status`); the first names the module. Default: the draft's schema. */
  schemas?: readonly string[];
  /** Output folder; default `generated`. */
  outDir?: string;
  /** Write the files (default true); false only returns them. */
  write?: boolean;
  /** Folder that relative paths (and the paths shown in headers) are taken from; default the current one. */
  cwd?: string;
}

export interface GenerateResult {
  /** The generated files, each relative to its output folder (with a config of several modules, see `folders`). */
  files: EmittedFile[];
  /** Absolute paths written (empty when `write` is false). */
  written: string[];
  /** What generated, but maybe not as the schema's author meant (`formatWarning` prints one as a compiler would). */
  warnings: SchemaWarning[];
  /** With a config: each output folder, its files, and the files there we generated before but no longer do (removed unless `write` is false). */
  folders?: FolderPlan[];
  /** Absolute paths of every file read: the schema files, then the modules their directives reached. */
  inputs: string[];
}

/** Reads the schema files, generates, and writes all output or none. */
export function generate(options: GenerateOptions = {}): GenerateResult {
  const { config, schemas: given, outDir, write, cwd: from, ...emission } = options;
  const cwd = from ?? process.cwd();
  if (config !== undefined) {
    const { modules, ownsOutput } = resolveRuns({ cwd, config, schemas: given, out: outDir, options: emission });
    const warnings: SchemaWarning[] = [];
    const folders = planRuns(modules, { warning: (w) => warnings.push(w), orphans: ownsOutput });
    const files = folders.flatMap((f) => f.files);
    const inputs = [...new Set(folders.flatMap((f) => f.inputs))];
    return { files, written: write === false ? [] : writePlans(folders).written, warnings, folders, inputs };
  }
  const schemas = readSchemas(given ?? defaultSchemas(cwd), cwd);
  const warnings: SchemaWarning[] = [];
  const { files, inputs } = compileReading(schemas, { ...emission, cwd, onWarning: (w) => warnings.push(w) });
  const written = write === false ? [] : writeFilesAtomically(resolve(cwd, outDir ?? DEFAULT_OUT_DIR), files);
  return { files, written, warnings, inputs };
}

/**
 * Reads schema files, naming each by its path relative to `cwd` with '/' separators, so headers do not depend on the machine.
 * A bare name that is not a file in `cwd` (`mimi-message-status`) reads the schema the package ships, named `mimi-codegen/schemas/<name>.cddl`.
 */
export function readSchemas(paths: readonly string[], cwd: string): SchemaText[] {
  return paths.map((p) => {
    const builtIn = builtInSchemaFor(p, cwd);
    if (builtIn !== null) return { path: builtIn.shown, text: readFileSync(builtIn.path, 'utf8'), file: builtIn.path };
    const absolute = resolve(cwd, p);
    const shown = relative(cwd, absolute).split(sep).join('/');
    return { path: shown.startsWith('..') || shown === '' ? absolute.split(sep).join('/') : shown, text: readNamed(absolute), file: absolute };
  });
}

/** A file's text; an error names the file, which Node's does not for a folder (EISDIR has no `path`). */
function readNamed(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).path === undefined) Object.assign(error, { path });
    throw error;
  }
}
