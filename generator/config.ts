/**
 * `mimi-codegen.config.json`: which schemas to generate from and where to.
 *
 * ```json
 * { "schemas": ["mimi-message-status"], "extensions": ["statuses.cddl"], "out": "src/generated" }
 * ```
 *
 * Paths are relative to the config file. A schema entry without a folder and
 * without the `.cddl` ending that is not a file next to the config names a
 * schema shipped in the package (`mimi-message-status`), so vendors need not
 * copy the draft's schema. Validation is strict: an unknown key, a wrong type
 * or a file that is not there is a {@link ConfigError} naming the config file
 * and the key.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { BUILT_IN_SCHEMA_PREFIX, builtInSchemaNames, builtInSchemaPath, DEFAULT_OUT_DIR, defaultSchemas } from './package-info.js';

export const CONFIG_FILE = 'mimi-codegen.config.json';

/** The config file as written. */
export interface CodegenConfig {
  $schema?: string;
  /** Schema files or built-in schema names; the first names the module. */
  schemas: string[];
  /** Extension files, read after the schemas. */
  extensions?: string[];
  /** Output folder; default `generated`. */
  out?: string;
}

/** A config file that cannot be used; the CLI exits 1 with its message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** True for a {@link ConfigError}, judged by shape so that two copies of the package agree. */
export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof Error && error.name === 'ConfigError';
}

/** A loaded, validated config with its paths resolved. */
export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** Its folder: relative paths in it, and the names in generated headers, are taken from here. */
  dir: string;
  config: CodegenConfig;
  /** Schemas then extensions, each an absolute path or a built-in name (as `readSchemas` takes them). */
  inputs: string[];
  /** Absolute output folder. */
  outDir: string;
}

const KEYS = ['$schema', 'schemas', 'extensions', 'out'] as const;

/** The shipped schema a bare name refers to, or null: only for names without a folder or `.cddl` that are not files in `baseDir`. */
export function builtInSchemaFor(entry: string, baseDir: string): { path: string; shown: string } | null {
  if (!isBareName(entry) || existsSync(resolve(baseDir, entry))) return null;
  const path = builtInSchemaPath(entry);
  return path === null ? null : { path, shown: `${BUILT_IN_SCHEMA_PREFIX}${entry}.cddl` };
}

function isBareName(entry: string): boolean {
  return entry !== '' && !/[\\/]/.test(entry) && !/\.cddl$/i.test(entry) && entry !== '.' && entry !== '..';
}

/** The config file in `cwd`, or null when there is none. */
export function findConfig(cwd: string): string | null {
  const path = resolve(cwd, CONFIG_FILE);
  return existsSync(path) ? path : null;
}

/**
 * Reads and validates a config file (`path` relative to `cwd`). Throws
 * ConfigError; a config file that does not exist throws the file system's
 * ENOENT error, as a missing schema file does.
 */
export function loadConfig(path: string, cwd: string = process.cwd()): LoadedConfig {
  const absolute = resolve(cwd, path);
  const shown = displayPath(absolute, cwd);
  const fail = (message: string): never => {
    throw new ConfigError(`${shown}: ${message}`);
  };
  const text = readFileSync(absolute, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    fail(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(`the config must be a JSON object, got ${describe(raw)}`);
  const object = raw as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!(KEYS as readonly string[]).includes(key)) fail(`unknown key '${key}' (allowed: ${KEYS.join(', ')})`);
  }
  const dir = dirname(absolute);
  if (object.$schema !== undefined && typeof object.$schema !== 'string') fail(`'$schema' must be a string, got ${describe(object.$schema)}`);
  if (object.schemas === undefined) fail(`'schemas' is required: a list of schema files or built-in schema names (${builtInSchemaNames().join(', ')})`);
  const schemas = stringList(object.schemas, 'schemas', fail);
  if (schemas.length === 0) fail(`'schemas' must name at least one schema`);
  const extensions = object.extensions === undefined ? [] : stringList(object.extensions, 'extensions', fail);
  let out: string | undefined;
  if (object.out !== undefined) {
    if (typeof object.out !== 'string') return fail(`'out' must be a string, got ${describe(object.out)}`);
    if (object.out.trim() === '') fail(`'out' must not be empty`);
    out = object.out;
  }
  const inputs = [
    ...schemas.map((entry, i) => resolveEntry(entry, `schemas[${i}]`, dir, fail)),
    ...extensions.map((entry, i) => resolveEntry(entry, `extensions[${i}]`, dir, fail)),
  ];
  const config: CodegenConfig = { schemas, ...(object.extensions === undefined ? {} : { extensions }), ...(out === undefined ? {} : { out }) };
  if (typeof object.$schema === 'string') config.$schema = object.$schema;
  return { path: absolute, dir, config, inputs, outDir: resolve(dir, out ?? DEFAULT_OUT_DIR) };
}

function stringList(value: unknown, key: string, fail: (message: string) => never): string[] {
  if (!Array.isArray(value)) return fail(`'${key}' must be an array of strings, got ${describe(value)}`);
  return value.map((item: unknown, i) => {
    if (typeof item !== 'string') return fail(`'${key}[${i}]' must be a string, got ${describe(item)}`);
    if (item.trim() === '') return fail(`'${key}[${i}]' must not be empty`);
    return item;
  });
}

function resolveEntry(entry: string, key: string, dir: string, fail: (message: string) => never): string {
  if (builtInSchemaFor(entry, dir) !== null) return entry;
  const absolute = resolve(dir, entry);
  if (!existsSync(absolute)) {
    if (isBareName(entry)) {
      return fail(`'${key}': ${entry} is neither a file (paths are relative to the config file) nor a built-in schema (${builtInSchemaNames().join(', ')})`);
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

/** `path` relative to `cwd` with '/' separators when it is inside, else absolute. */
export function displayPath(path: string, cwd: string): string {
  const shown = relative(cwd, path).split(sep).join('/');
  return shown === '' ? '.' : shown.startsWith('..') ? path.split(sep).join('/') : shown;
}

/** What one `generate`/`check`/watch run reads and writes, after the config and the flags are combined. */
export interface ResolvedRun {
  /** The folder paths are taken from (the config's folder when there is a config): `generate`'s `cwd`. */
  baseDir: string;
  /** Schema paths (absolute or relative to `baseDir`) and built-in names, as `readSchemas` takes them. */
  schemas: string[];
  /** Absolute output folder. */
  outDir: string;
  /** The config used, if any. */
  config: LoadedConfig | null;
}

export interface RunOptions {
  cwd: string;
  /** A config file (relative to `cwd`); when absent, `mimi-codegen.config.json` in `cwd` if there is one (only when `discover`). */
  config?: string | undefined;
  /** Look for `mimi-codegen.config.json` in `cwd` when `config` is not given. */
  discover?: boolean;
  /** Schema files relative to `cwd`; when given they replace the config's schemas and extensions. */
  schemas?: readonly string[] | undefined;
  /** Output folder relative to `cwd`; overrides the config's. */
  out?: string | undefined;
}

/** Combines a config (named or found) with the flags: flags win, positional schemas replace the config's list. */
export function resolveRun(options: RunOptions): ResolvedRun {
  const { cwd } = options;
  const configPath = options.config ?? (options.discover ? findConfig(cwd) : null);
  const config = configPath === null ? null : loadConfig(configPath, cwd);
  const given = options.schemas !== undefined && options.schemas.length > 0 ? options.schemas : null;
  if (config === null) {
    return { baseDir: cwd, schemas: [...(given ?? defaultSchemas(cwd))], outDir: resolve(cwd, options.out ?? DEFAULT_OUT_DIR), config: null };
  }
  // Paths given on the command line are relative to cwd; built-in names stay names.
  const schemas = given === null ? config.inputs : given.map((p) => (builtInSchemaFor(p, cwd) !== null ? p : resolve(cwd, p)));
  const outDir = options.out === undefined ? config.outDir : resolve(cwd, options.out);
  return { baseDir: config.dir, schemas, outDir, config };
}
