/**
 * Where mimi-codegen is installed: its version (for headers) and the files it
 * ships (the runtime template, the drafts' schemas). Found by walking up from
 * this module to the package.json named mimi-codegen, which works both from
 * the sources (tsx) and from the built dist/ folder.
 */
import { ARBITRARY_TEMPLATES } from './emit/arbitrary.js';
import { DEDENTED_PATTERN_FILES, RUNTIME_FILES } from './emit/module.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'mimi-codegen') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('mimi-codegen: cannot find its own package.json');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();

export const TOOL_VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export function cborAnyTemplate(): string {
  return readFileSync(join(PACKAGE_ROOT, 'templates', 'cbor-any.ts'), 'utf8');
}

/** Copied beside a module whose schema uses an RFC 9741 control. */
export function textControlsTemplate(): string {
  return readFileSync(join(PACKAGE_ROOT, 'templates', 'text-controls.ts'), 'utf8');
}

/** Copied beside text-controls.ts, which imports it (`.printf`). */
export function printfTemplate(): string {
  return readFileSync(join(PACKAGE_ROOT, 'templates', 'printf.ts'), 'utf8');
}

/** Copied beside a module with an ABNF grammar no regular expression says (a recursive rule). */
export function abnfRecogniserTemplate(): string {
  return readFileSync(join(PACKAGE_ROOT, 'templates', 'abnf-recogniser.ts'), 'utf8');
}

/** Copied beside a module with `.det` of a string type with a pattern: templates/dedented-patterns.ts and the files it imports (DEDENTED_PATTERN_FILES), by file name. */
export function dedentedPatternTemplates(): Record<string, string> {
  return Object.fromEntries(DEDENTED_PATTERN_FILES.map((file) => [file, readFileSync(join(PACKAGE_ROOT, 'templates', file), 'utf8')]));
}

/** The general matcher's files (templates/program.ts, matcher*.ts), by file name: copied beside a module with general rules. */
export function generalTemplates(): Record<string, string> {
  return Object.fromEntries(GENERAL_TEMPLATE_FILES.map((file) => [file, readFileSync(join(PACKAGE_ROOT, 'templates', file), 'utf8')]));
}

/** The general matcher's template files. */
export const GENERAL_TEMPLATE_FILES = ['program.ts', 'matcher.ts', 'matcher-failures.ts', 'matcher-groups.ts', 'matcher-controls.ts', 'matcher-integers.ts', 'matcher-values.ts', 'matcher-words.ts', 'regexp-prefixes.ts', 'dedented-patterns.ts', 'pattern-automata.ts', 'lookaround-automata.ts', 'abnf-recogniser.ts'] as const;

export function messageIdTemplate(): string {
  return readFileSync(join(PACKAGE_ROOT, 'templates', 'mimi-message-id.ts'), 'utf8');
}

/** The templates the test-data generators need (`arbitrary: true`), by file name. */
export function arbitraryTemplates(): Record<string, string> {
  return Object.fromEntries(ARBITRARY_TEMPLATES.map((name) => [name, readFileSync(join(PACKAGE_ROOT, 'templates', name), 'utf8')]));
}

/** The runtime's files (runtime.ts and the files it imports), by file name: copied beside every module. */
export function runtimeTemplates(): Record<string, string> {
  return Object.fromEntries(RUNTIME_FILES.map((file) => [file, readFileSync(join(PACKAGE_ROOT, 'templates', file), 'utf8')]));
}

/** The schemas the package ships, by short name (`mimi-message-status` → schemas/mimi-message-status.cddl). */
export function builtInSchemaPath(name: string): string | null {
  const path = join(PACKAGE_ROOT, 'schemas', `${name.replace(/\.cddl$/, '')}.cddl`);
  return existsSync(path) ? path : null;
}

/** The names of the schemas the package ships (`mimi-message-status`, …), sorted. */
export function builtInSchemaNames(): string[] {
  return readdirSync(join(PACKAGE_ROOT, 'schemas'))
    .filter((f) => f.endsWith('.cddl'))
    .map((f) => f.slice(0, -'.cddl'.length))
    .sort();
}

/** How generated headers and errors name a shipped schema, the same on every machine: `mimi-codegen/schemas/<name>.cddl`. */
export const BUILT_IN_SCHEMA_PREFIX = 'mimi-codegen/schemas/';

export const DEFAULT_SCHEMAS = ['schemas/mimi-message-status.cddl'];

/**
 * The schemas `generate` takes with no arguments and no config: the draft's
 * schema as a file when the folder has one (this repository), else the copy
 * the package ships (a vendor's project), named stably in headers.
 */
export function defaultSchemas(cwd: string): string[] {
  return existsSync(join(cwd, 'schemas', 'mimi-message-status.cddl')) ? [...DEFAULT_SCHEMAS] : ['mimi-message-status'];
}
export const DEFAULT_OUT_DIR = 'generated';
