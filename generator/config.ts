/**
 * `mimi-codegen.config.json`: which schemas to generate from, where to, and how.
 *
 * ```jsonc
 * {
 *   // one module:
 *   "schemas": ["mimi-message-status"], "extensions": ["statuses.cddl"], "out": "src/generated"
 * }
 * {
 *   "out": "src/generated",            // top-level options are every module's defaults
 *   "modules": [
 *     { "schemas": ["mimi-message-status"], "extensions": ["statuses.cddl"] },
 *     { "schemas": ["mimi-content"], "integers": "bigint" }
 *   ]
 * }
 * ```
 *
 * The file is JSON with comments and trailing commas (JSONC, as tsconfig.json).
 * It is found by searching upward from the current folder, as tsconfig.json
 * and eslint's configs are. Paths are relative to the config file. A schema
 * entry without a folder and without the `.cddl` ending that is not a file
 * next to the config names a schema shipped in the package
 * (`mimi-message-status`). Validation is strict: an unknown key, a wrong type
 * or a file that is not there is a {@link ConfigError} naming the config file,
 * the line and column, and the key.
 *
 * Module options (`out` and the emission options) are one table,
 * {@link MODULE_OPTIONS}: a new option is one entry there, and reaches
 * `generate` and `compile` through {@link ModuleRun.options} unchanged.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import jsonc from 'jsonc-parser';
import { ARRAY_MATCHINGS, type ArrayMatching } from './layout/shapes.js';
import { closest } from './spelling.js';
import { BUILT_IN_SCHEMA_PREFIX, builtInSchemaNames, builtInSchemaPath, DEFAULT_OUT_DIR, defaultSchemas } from './package-info.js';

export const CONFIG_FILE = 'mimi-codegen.config.json';

/** How unbounded integers are typed: see docs/config.md. */
export const INTEGER_MODES = ['number', 'bigint'] as const;
export type IntegerMode = (typeof INTEGER_MODES)[number];
/** The ending written on relative imports between generated files. */
export const IMPORT_EXTENSIONS = ['.js', '.ts', ''] as const;
export type ImportExtension = (typeof IMPORT_EXTENSIONS)[number];
export { ARRAY_MATCHINGS, type ArrayMatching };

/** Options of the emitted code; `compile` and `generate` take them, the config sets them per module. */
export interface EmissionOptions {
  integers?: IntegerMode;
  importExtension?: ImportExtension;
  /** Also write `<module>.arbitrary.ts`: test-data generators (`arbitraryX(seed)`) for every type rule. */
  arbitrary?: boolean;
  /**
   * How an array's optional members before required ones and its group choices are read where their
   * items may be the same (`[int, ? int, int]` given `[1, 2]`, `[ (1 // 1, 2) ]`): `by-length` (default),
   * by the alternative the array's length and items match (the member left out), which RFC 9052's
   * Sig_structure needs; or `greedy`, as RFC 8610 Appendix A's PEG says: the member or earlier alternative
   * takes the items and the array is rejected (such rules are then checked by the general matcher).
   * docs/cddl-support.md.
   */
  arrayMatching?: ArrayMatching;
  /**
   * Folders searched for the modules of `;# import` / `;# include` directives, after the importing
   * file's folder and before the library the package ships. In the config file relative to it
   * (`includePath`); once loaded, and everywhere else, absolute or relative to the working folder.
   */
  includePath?: readonly string[];
}

/** One module as written in the config (also the top level, whose options are the modules' defaults). */
export interface ModuleConfig extends EmissionOptions {
  /** Schema files or built-in schema names; the first names the module. */
  schemas: string[];
  /** Extension files, read after the schemas. */
  extensions?: string[];
  /** Output folder; default `generated`. */
  out?: string;
}

/** The config file as written. */
export interface CodegenConfig extends EmissionOptions {
  $schema?: string;
  schemas?: string[];
  extensions?: string[];
  out?: string;
  modules?: ModuleConfig[];
}

/** A config file that cannot be used; the CLI exits 1 with its message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** True for a {@link ConfigError}, judged by shape so that two copies of the package agree. */
export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof Error && error.name === 'ConfigError';
}

/** One module of a loaded config, its paths resolved. */
export interface LoadedModule {
  /** `modules[1]` in a config with a `modules` list, '' for a config that is one module. */
  key: string;
  /** Schemas then extensions, each an absolute path or a built-in name (as `readSchemas` takes them). */
  inputs: string[];
  /** Absolute output folder. */
  outDir: string;
  /** The emission options, top-level defaults merged with the module's own. */
  options: EmissionOptions;
}

/** A loaded, validated config with its paths resolved. */
export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Its folder: relative paths in it, and the names in generated headers, are taken from here. */
  dir: string;
  config: CodegenConfig;
  /** At least one. */
  modules: LoadedModule[];
  /** The top level's output folder and options: what schemas given on the command line use. */
  defaults: { outDir: string; options: EmissionOptions };
}

/** Where a key is and how to complain about it. */
interface KeySite {
  /** The key as shown in messages: `out`, `modules[1].integers`. */
  key: string;
  /** The config file's folder. */
  dir: string;
  fail: (message: string) => never;
}

/**
 * The options a module takes, at the top level as defaults or in each module:
 * each checks its value and returns what `generate` receives under the same
 * name (`out` is the output folder, the rest are {@link EmissionOptions}).
 */
export const MODULE_OPTIONS: Record<string, (value: unknown, site: KeySite) => unknown> = {
  out: (value, { key, fail }) => {
    if (typeof value !== 'string') return fail(`'${key}' must be a string, got ${describe(value)}`);
    if (value.trim() === '') return fail(`'${key}' must not be empty`);
    return value;
  },
  integers: (value, site) => oneOf(value, INTEGER_MODES, site),
  importExtension: (value, site) => oneOf(value, IMPORT_EXTENSIONS, site),
  arbitrary: (value, { key, fail }) => (typeof value === 'boolean' ? value : fail(`'${key}' must be true or false, got ${describe(value)}`)),
  arrayMatching: (value, site) => oneOf(value, ARRAY_MATCHINGS, site),
  includePath: (value, { key, dir, fail }) => {
    if (!Array.isArray(value)) return fail(`'${key}' must be an array of folders, got ${describe(value)}`);
    return value.map((folder: unknown, i) => {
      if (typeof folder !== 'string' || folder.trim() === '') return fail(`'${key}[${i}]' must be a folder name, got ${describe(folder)}`);
      const at = resolve(dir, folder);
      if (!existsSync(at) || !statSync(at).isDirectory()) return fail(`'${key}[${i}]': ${folder} is not a folder (paths are relative to the config file)`);
      return at;
    });
  },
};

function oneOf<T extends string>(value: unknown, allowed: readonly T[], { key, fail }: KeySite): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const choices = allowed.map((a) => JSON.stringify(a)).join(', ');
  return fail(`'${key}' must be one of ${choices}, got ${typeof value === 'string' ? JSON.stringify(value) : describe(value)}`);
}

const MODULE_KEYS = ['schemas', 'extensions'];
const TOP_KEYS = ['$schema', 'schemas', 'extensions', 'modules'];

/** The shipped schema a bare name refers to, or null: only for names without a folder or `.cddl` that are not files in `baseDir`. */
export function builtInSchemaFor(entry: string, baseDir: string): { path: string; shown: string } | null {
  if (!isBareName(entry) || existsSync(resolve(baseDir, entry))) return null;
  const path = builtInSchemaPath(entry);
  return path === null ? null : { path, shown: `${BUILT_IN_SCHEMA_PREFIX}${entry}.cddl` };
}

function isBareName(entry: string): boolean {
  return entry !== '' && !/[\\/]/.test(entry) && !/\.cddl$/i.test(entry) && entry !== '.' && entry !== '..';
}

/** `mimi-codegen.config.json` in `cwd` or the nearest folder above it (up to the file system's root), or null. */
export function findConfig(cwd: string): string | null {
  for (let dir = resolve(cwd); ; ) {
    const path = join(dir, CONFIG_FILE);
    if (existsSync(path) && statSync(path).isFile()) return path;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Reads and validates a config file (`path` relative to `cwd`). Throws
 * ConfigError; a config file that does not exist throws the file system's
 * ENOENT error, as a missing schema file does.
 */
export function loadConfig(path: string, cwd: string = process.cwd()): LoadedConfig {
  const absolute = resolve(cwd, path);
  return parseConfig(readFileSync(absolute, 'utf8'), { path: absolute, shown: displayPath(absolute, cwd), locate: true });
}

/**
 * Validates a config given as a value (the build-tool plugin's inline options) as if it were a file in `dir`;
 * messages name it `shown` (no line and column).
 */
export function configFromValue(value: object, dir: string, shown: string): LoadedConfig {
  return parseConfig(JSON.stringify(value, null, 2), { path: join(dir, CONFIG_FILE), shown, locate: false });
}

function parseConfig(text: string, source: { path: string; shown: string; locate: boolean }): LoadedConfig {
  const { path: absolute, shown } = source;
  const dir = dirname(absolute);
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const at = (offset: number) => {
    if (!source.locate) return shown;
    const { line, col } = lineCol(text, offset);
    return `${shown}:${line}:${col}`;
  };
  const first = errors[0];
  if (first !== undefined) throw new ConfigError(`${at(first.offset)}: not valid JSON: ${parseErrorText(first.error)}`);
  if (root === undefined) throw new ConfigError(`${shown}: the file is empty; it must hold a JSON object`);
  if (root.type !== 'object') throw new ConfigError(`${at(root.offset)}: the config must be a JSON object, got ${describe(jsonc.getNodeValue(root))}`);

  /** A site for the value at `path` in the file (or its key, for an unknown key). */
  const site = (path: jsonc.JSONPath, key: string, onKey = false): KeySite => ({
    key,
    dir,
    fail: (message) => {
      const node = jsonc.findNodeAtLocation(root, path);
      const target = onKey ? node?.parent?.children?.[0] : node;
      throw new ConfigError(`${at((target ?? node ?? root).offset)}: ${message}`);
    },
  });
  const object = jsonc.getNodeValue(root) as Record<string, unknown>;
  checkKeys(object, [...TOP_KEYS, ...Object.keys(MODULE_OPTIONS)], [], site);
  if (object.$schema !== undefined && typeof object.$schema !== 'string') site(['$schema'], '$schema').fail(`'$schema' must be a string, got ${describe(object.$schema)}`);
  const defaults = readOptions(object, [], site);

  let modules: LoadedModule[];
  if (object.modules !== undefined) {
    if (object.schemas !== undefined || object.extensions !== undefined) {
      const key = object.schemas !== undefined ? 'schemas' : 'extensions';
      site([key], key, true).fail(`'${key}' and 'modules' do not go together: with 'modules', each module names its own schemas and extensions`);
    }
    if (!Array.isArray(object.modules)) return site(['modules'], 'modules').fail(`'modules' must be an array of objects, got ${describe(object.modules)}`);
    if (object.modules.length === 0) site(['modules'], 'modules').fail(`'modules' must hold at least one module`);
    modules = object.modules.map((raw: unknown, i) => {
      const key = `modules[${i}]`;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return site(['modules', i], key).fail(`'${key}' must be an object, got ${describe(raw)}`);
      const module = raw as Record<string, unknown>;
      checkKeys(module, [...MODULE_KEYS, ...Object.keys(MODULE_OPTIONS)], ['modules', i], site);
      return loadModule(module, ['modules', i], `${key}.`, dir, defaults, site);
    });
  } else {
    if (object.schemas === undefined) {
      site([], 'schemas').fail(`'schemas' (or 'modules') is required: a list of schema files or built-in schema names (${builtInSchemaNames().join(', ')})`);
    }
    modules = [loadModule(object, [], '', dir, defaults, site)];
  }
  const config = jsonc.getNodeValue(root) as CodegenConfig;
  const { out, ...options } = defaults;
  return { path: absolute, dir, config, modules, defaults: { outDir: resolve(dir, typeof out === 'string' ? out : DEFAULT_OUT_DIR), options: options as EmissionOptions } };
}

type SiteAt = (path: jsonc.JSONPath, key: string, onKey?: boolean) => KeySite;

function checkKeys(object: Record<string, unknown>, allowed: readonly string[], path: jsonc.JSONPath, site: SiteAt): void {
  const prefix = path.length === 0 ? '' : `modules[${String(path[1])}].`;
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const hint = closest(key, allowed);
      site([...path, key], `${prefix}${key}`, true).fail(`unknown key '${prefix}${key}'${hint === null ? '' : ` (did you mean '${hint}'?)`} (allowed: ${allowed.join(', ')})`);
    }
  }
}

/** The module options present in `object`, validated (raw names → values). */
function readOptions(object: Record<string, unknown>, path: jsonc.JSONPath, site: SiteAt): Record<string, unknown> {
  const prefix = path.length === 0 ? '' : `modules[${String(path[1])}].`;
  const options: Record<string, unknown> = {};
  for (const [name, check] of Object.entries(MODULE_OPTIONS)) {
    if (object[name] !== undefined) options[name] = check(object[name], site([...path, name], `${prefix}${name}`));
  }
  return options;
}

function loadModule(object: Record<string, unknown>, path: jsonc.JSONPath, prefix: string, dir: string, defaults: Record<string, unknown>, site: SiteAt): LoadedModule {
  const at = (key: string) => site([...path, key], `${prefix}${key}`);
  if (object.schemas === undefined) {
    site(path, `${prefix}schemas`).fail(`'${prefix}schemas' is required: a list of schema files or built-in schema names (${builtInSchemaNames().join(', ')})`);
  }
  const schemas = stringList(object.schemas, `${prefix}schemas`, (i) => site([...path, 'schemas', ...(i === undefined ? [] : [i])], `${prefix}schemas`));
  if (schemas.length === 0) at('schemas').fail(`'${prefix}schemas' must name at least one schema`);
  const extensions =
    object.extensions === undefined ? [] : stringList(object.extensions, `${prefix}extensions`, (i) => site([...path, 'extensions', ...(i === undefined ? [] : [i])], `${prefix}extensions`));
  const own = path.length === 0 ? {} : readOptions(object, path, site);
  const { out, ...options } = { ...defaults, ...own };
  const inputs = [
    ...schemas.map((entry, i) => resolveEntry(entry, `${prefix}schemas[${i}]`, dir, site([...path, 'schemas', i], `${prefix}schemas[${i}]`).fail)),
    ...extensions.map((entry, i) => resolveEntry(entry, `${prefix}extensions[${i}]`, dir, site([...path, 'extensions', i], `${prefix}extensions[${i}]`).fail)),
  ];
  return { key: prefix === '' ? '' : prefix.slice(0, -1), inputs, outDir: resolve(dir, typeof out === 'string' ? out : DEFAULT_OUT_DIR), options: options as EmissionOptions };
}

function stringList(value: unknown, key: string, site: (index?: number) => KeySite): string[] {
  if (!Array.isArray(value)) return site().fail(`'${key}' must be an array of strings, got ${describe(value)}`);
  return value.map((item: unknown, i) => {
    if (typeof item !== 'string') return site(i).fail(`'${key}[${i}]' must be a string, got ${describe(item)}`);
    if (item.trim() === '') return site(i).fail(`'${key}[${i}]' must not be empty`);
    return item;
  });
}

function resolveEntry(entry: string, key: string, dir: string, fail: (message: string) => never): string {
  if (builtInSchemaFor(entry, dir) !== null) return entry;
  const absolute = resolve(dir, entry);
  if (!existsSync(absolute)) {
    if (isBareName(entry)) {
      const hint = closest(entry, builtInSchemaNames());
      return fail(
        `'${key}': ${entry} is neither a file (paths are relative to the config file) nor a built-in schema${hint === null ? '' : ` (did you mean '${hint}'?)`} (${builtInSchemaNames().join(', ')})`,
      );
    }
    return fail(`'${key}': ${entry} does not exist (paths are relative to the config file)`);
  }
  if (!statSync(absolute).isFile()) return fail(`'${key}': ${entry} is a folder, not a schema file`);
  return absolute;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string`;
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value;
}

/** 1-based line and column (in UTF-16 units) of an offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, col: (lines.at(-1) ?? '').length + 1 };
}

function parseErrorText(code: jsonc.ParseErrorCode): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: "expected ':'",
    CommaExpected: "expected ','",
    CloseBraceExpected: "expected '}'",
    CloseBracketExpected: "expected ']'",
    EndOfFileExpected: 'expected the end of the file after the object',
    InvalidCommentToken: 'malformed comment',
    UnexpectedEndOfComment: 'a comment that is never closed',
    UnexpectedEndOfString: 'a string that is never closed',
    UnexpectedEndOfNumber: 'a number cut short',
    InvalidUnicode: 'malformed \\u escape',
    InvalidEscapeCharacter: 'unknown escape in a string',
    InvalidCharacter: 'a control character in a string',
  };
  const name = jsonc.printParseErrorCode(code);
  return words[name] ?? name;
}


/**
 * `path` relative to `cwd` with '/' separators (`../generated/x.ts` from a
 * subfolder, as tsc prints), or absolute when the two share no folder but the root.
 */
export function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path).split(sep).join('/');
  if (shown === '') return '.';
  const ups = shown.split('/').filter((part) => part === '..').length;
  const depth = resolve(cwd).split(sep).filter(Boolean).length;
  return ups >= depth || /^[a-zA-Z]:|^\//.test(shown) ? path.split(sep).join('/') : shown;
}

/** What one module of a `generate`/`check`/watch run reads and writes, after the config and the flags are combined. */
export interface ModuleRun {
  /** `modules[1]`, or '' when the run is one module. */
  key: string;
  /** The folder paths are taken from (the config's folder when there is a config): `generate`'s `cwd`. */
  baseDir: string;
  /** Schema paths (absolute or relative to `baseDir`) and built-in names, as `readSchemas` takes them. */
  schemas: string[];
  /** Absolute output folder. */
  outDir: string;
  /** Emission options for `generate`. */
  options: EmissionOptions;
}

/** Every module a run generates, and the config they came from (if any). */
export interface ResolvedRuns {
  config: LoadedConfig | null;
  modules: ModuleRun[];
  /**
   * The modules are the config's whole list, so its output folders are theirs: files we generated there
   * that none of them generates any more are stale. Not so for schemas named on the command line.
   */
  ownsOutput: boolean;
}

export interface RunOptions {
  cwd: string;
  /** A config file (relative to `cwd`); when absent, the nearest `mimi-codegen.config.json` from `cwd` up (only when `discover`). */
  config?: string | undefined;
  /** Search for `mimi-codegen.config.json` from `cwd` upward when `config` is not given. */
  discover?: boolean;
  /** Schema files relative to `cwd`; when given they replace the config's modules by one (with the config's top-level options). */
  schemas?: readonly string[] | undefined;
  /** Output folder relative to `cwd`; overrides the config's for every module. */
  out?: string | undefined;
  /** Emission options that override the config's for every module (the plugin's inline options, the API's). */
  options?: EmissionOptions;
  /** Module folders (`-I DIR`) relative to `cwd`, searched before the config's `includePath`. */
  include?: readonly string[] | undefined;
  /** A config already loaded (the plugin's inline one): used instead of reading or searching for a file. */
  loaded?: LoadedConfig;
}

/** Combines a config (named or found) with the flags: flags win, positional schemas replace the config's modules. */
export function resolveRuns(options: RunOptions): ResolvedRuns {
  const { cwd } = options;
  const configPath = options.config ?? (options.discover ? findConfig(cwd) : null);
  const config = options.loaded ?? (configPath === null ? null : loadConfig(configPath, cwd));
  const given = options.schemas !== undefined && options.schemas.length > 0 ? options.schemas : null;
  const overrides = options.options ?? {};
  const outOverride = options.out === undefined ? null : resolve(cwd, options.out);
  // `-I` folders come before the config's includePath (and before includePath given as an option).
  const flags = (options.include ?? []).map((folder) => resolve(cwd, folder));
  const withFlags = (o: EmissionOptions): EmissionOptions => {
    const folders = [...flags, ...(o.includePath ?? [])];
    return folders.length === 0 ? o : { ...o, includePath: folders };
  };
  if (config === null) {
    const schemas = [...(given ?? defaultSchemas(cwd))];
    return { config: null, ownsOutput: false, modules: [{ key: '', baseDir: cwd, schemas, outDir: outOverride ?? resolve(cwd, DEFAULT_OUT_DIR), options: withFlags({ ...overrides }) }] };
  }
  if (given !== null) {
    // Paths given on the command line are relative to cwd; built-in names stay names.
    const schemas = given.map((p) => (builtInSchemaFor(p, cwd) !== null ? p : resolve(cwd, p)));
    const module = { key: '', baseDir: config.dir, schemas, outDir: outOverride ?? config.defaults.outDir, options: withFlags({ ...config.defaults.options, ...overrides }) };
    return { config, ownsOutput: false, modules: [module] };
  }
  return {
    config,
    ownsOutput: true,
    modules: config.modules.map((m) => ({ key: m.key, baseDir: config.dir, schemas: m.inputs, outDir: outOverride ?? m.outDir, options: withFlags({ ...m.options, ...overrides }) })),
  };
}

/**
 * The files a config names (schemas and extensions, absolute), read leniently:
 * also from a config that does not validate (a named file that does not exist
 * yet), so that `--watch` can wait for them. Empty when the file is not JSONC.
 */
export function filesNamedBy(configPath: string): string[] {
  let value: unknown;
  try {
    value = jsonc.parse(readFileSync(configPath, 'utf8'), [], { allowTrailingComma: true });
  } catch {
    return [];
  }
  const dir = dirname(configPath);
  const entries = (object: unknown): unknown[] => {
    if (typeof object !== 'object' || object === null) return [];
    const { schemas, extensions } = object as { schemas?: unknown; extensions?: unknown };
    return [...(Array.isArray(schemas) ? schemas : []), ...(Array.isArray(extensions) ? extensions : [])];
  };
  const modules = (value as { modules?: unknown } | null)?.modules;
  const all = [...entries(value), ...(Array.isArray(modules) ? modules.flatMap(entries) : [])];
  return all.filter((e): e is string => typeof e === 'string' && e.trim() !== '' && builtInSchemaFor(e, dir) === null).map((e) => resolve(dir, e));
}
