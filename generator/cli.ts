#!/usr/bin/env node
/**
 * The command line: `mimi-codegen generate | check | init | diff | registry | ir | extract`.
 * `generate`, `check`, `ir` and `registry` without schema arguments follow the
 * nearest `mimi-codegen.config.json` from the current folder up (or
 * `--config <file>`), generating every module it lists.
 *
 * Exit codes: 0 success; 1 a schema error (syntax, resolution, unsupported
 * construct), stale output found by `check`, an invalid config file, `init`
 * refusing to overwrite, or no CDDL in a draft; 2 a usage error (unknown
 * command or flag, an option without its value, a missing or unreadable file,
 * an unknown built-in schema name); 3 an internal error (a bug of the
 * generator, printed with its stack).
 */
import { existsSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs, { type Argv } from 'yargs';
import { formatWarning, isSchemaError } from './diagnostics.js';
import { toSpan } from './ir/naming.js';
import { checkGenerated, formatStaleReport } from './check.js';
import { extractCddl, type DraftFormat } from './extract/index.js';
import { compileIr, computeLayouts, layoutsToJson, readSchemas } from './index.js';
import { DEFAULT_OUT_DIR, TOOL_VERSION, builtInSchemaNames } from './package-info.js';
import { builtInSchemaFor, CONFIG_FILE, displayPath, IMPORT_EXTENSIONS, INTEGER_MODES, isConfigError, ARRAY_MATCHINGS, type ArrayMatching, resolveRuns, type EmissionOptions, type ModuleRun } from './config.js';
import { closest } from './spelling.js';
import { initProject, InitExistsError } from './init.js';
import { OutputError } from './output.js';
import { planRuns, writePlans, type PlanProgress } from './project.js';
import { colorWanted, formatElapsed, SLOW_MS, style, styleError, styleStaleReport, type Style } from './terminal.js';
import { watchGenerate, type WatchEvent } from './watch.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Stops `generate --watch` (default: SIGINT or SIGTERM). */
  signal?: AbortSignal;
  /** Colour the output (default false; the program decides from the terminal, NO_COLOR and FORCE_COLOR). */
  color?: boolean;
  /** Standard error is a terminal: show a transient progress line while a module generates (default false). */
  progressLine?: boolean;
  /** The clock for elapsed times, in ms (default `performance.now`). */
  now?: () => number;
}

export const EXIT_OK = 0;
export const EXIT_SCHEMA = 1;
export const EXIT_USAGE = 2;
/** A bug of the generator, not of its input: an exit code of its own, so that scripts tell it from a schema error. */
export const EXIT_INTERNAL = 3;

/** A failure the user caused by how they called us (a file that is not there, …): exit 2. */
class UsageError extends Error {}

const COMMANDS = ['generate', 'check', 'init', 'diff', 'registry', 'ir', 'extract'];

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. Never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const s = style(io.color === true);
  const first = argv[0];
  if (first !== undefined && !first.startsWith('-') && !COMMANDS.includes(first)) {
    const hint = closest(first, COMMANDS);
    return usage(io, `unknown command '${first}'${hint === null ? '' : ` (did you mean '${hint}'?)`}; the commands are ${COMMANDS.join(', ')}`);
  }
  // The yargs instance of the command being parsed, for the options it knows (did-you-mean).
  let active: Argv | undefined;
  const track = <T>(y: Argv<T>): Argv<T> => {
    active = y as unknown as Argv;
    return y;
  };
  const parser = yargs()
    .scriptName('mimi-codegen')
    .usage('$0 <command> [options]\n\nCDDL (RFC 8610) → TypeScript types, CBOR encoders, decoders and guards.')
    .command(
      'generate [schemas..]',
      `Generate TypeScript from CDDL schema files (the first names the module); default: every module of ${CONFIG_FILE}, else the draft schema into generated/`,
      (y) =>
        track(y)
          .positional('schemas', { type: 'string', array: true, describe: `Schema files or built-in names (${builtInSchemaNames().join(', ')}); extensions after the schema (default: the config's modules, else the draft's schema)` })
          .option('out', { alias: 'o', type: 'string', requiresArg: true, describe: `Output folder (default: the config's "out", else ${DEFAULT_OUT_DIR})` })
          .option('config', { alias: 'c', type: 'string', requiresArg: true, describe: `Config file (default: the nearest ${CONFIG_FILE} from here up)` })
          .option('watch', { alias: 'w', type: 'boolean', describe: 'Regenerate whenever a schema file, a module it imports or the config changes, until Ctrl-C' })
          .option('include', INCLUDE_OPTION)
          .options(EMISSION_FLAGS),
      async (args) => {
        if (args.watch === true) {
          exitCode = await watchCommand(io, s, { config: args.config, schemas: positional(args.schemas, io.cwd), out: args.out, include: includeFolders(args.include, io.cwd), options: emissionFlags(args) });
          return;
        }
        exitCode = guard(io, s, () => {
          const { modules, ownsOutput } = resolveRuns({ cwd: io.cwd, config: args.config, discover: true, schemas: positional(args.schemas, io.cwd), out: args.out, include: includeFolders(args.include, io.cwd), options: emissionFlags(args) });
          const { written, removed } = writePlans(planRuns(modules, { ...progress(io, s), orphans: ownsOutput }));
          for (const file of written) io.stdout(`${s.green('wrote')} ${displayPath(file, io.cwd)}\n`);
          for (const file of removed) io.stdout(`${s.yellow('removed')} ${displayPath(file, io.cwd)} (no longer generated)\n`);
          return EXIT_OK;
        });
      },
    )
    .command(
      'check [schemas..]',
      'Exit 1 and name the stale files when an output folder differs from what the schemas generate now; writes nothing',
      (y) =>
        track(y)
          .positional('schemas', { type: 'string', array: true, describe: 'Schema files or built-in names, as for generate' })
          .option('out', { alias: 'o', type: 'string', requiresArg: true, describe: 'Output folder to compare, as for generate' })
          .option('config', { alias: 'c', type: 'string', requiresArg: true, describe: `Config file (default: the nearest ${CONFIG_FILE} from here up)` })
          .option('include', INCLUDE_OPTION)
          .options(EMISSION_FLAGS),
      (args) => {
        exitCode = guard(io, s, () => {
          const { modules, ownsOutput } = resolveRuns({ cwd: io.cwd, config: args.config, discover: true, schemas: positional(args.schemas, io.cwd), out: args.out, include: includeFolders(args.include, io.cwd), options: emissionFlags(args) });
          const stale = checkGenerated(modules, { orphans: ownsOutput });
          if (stale.length === 0) {
            for (const outDir of new Set(modules.map((m) => m.outDir))) io.stdout(`${displayPath(outDir, io.cwd)} is up to date\n`);
            return EXIT_OK;
          }
          io.stderr(styleStaleReport(formatStaleReport(stale, (path) => displayPath(path, io.cwd)), s));
          return EXIT_SCHEMA;
        });
      },
    )
    .command(
      'init',
      `Write a starter ${CONFIG_FILE} (the draft's schema plus statuses.cddl, into src/generated) and an example statuses.cddl`,
      (y) => track(y).option('force', { alias: 'f', type: 'boolean', describe: 'Overwrite the files if they exist' }),
      (args) => {
        exitCode = guard(io, s, () => {
          for (const file of initProject(io.cwd, { force: args.force === true })) io.stdout(`${s.green('wrote')} ${file}\n`);
          io.stdout(`Add your statuses to statuses.cddl, then run 'npx mimi-codegen generate'.\n`);
          return EXIT_OK;
        });
      },
    )
    .command(
      'ir [schemas..]',
      `Print the intermediate representation of the schema files as JSON (default: the config's modules, a JSON array when there are several)`,
      (y) =>
        track(y)
          .positional('schemas', { type: 'string', array: true, describe: 'Schema files or built-in names' })
          .option('config', { alias: 'c', type: 'string', requiresArg: true, describe: `Config file (default: the nearest ${CONFIG_FILE} from here up)` })
          .option('include', INCLUDE_OPTION)
          .option('layout', { type: 'boolean', describe: 'Print the layouts instead: what every type rule is on the wire, or why the general matcher checks it (docs/layout.md)' })
          .option('array-matching', ARRAY_MATCHING_FLAG),
      (args) => {
        exitCode = guard(io, s, () => {
          const irs = inputsOf(io, args).map(({ inputs, modules, arrayMatching }) => {
            const ir = compileIr(inputs, modules);
            const reading = { ...(arrayMatching === undefined ? {} : { arrayMatching }), ...arrayMatchingFlag(args) };
            return args.layout === true ? layoutsToJson(computeLayouts(ir, { sources: new Map(inputs.map((i) => [i.path, i.text])), ...reading })) : ir;
          });
          io.stdout(`${JSON.stringify(irs.length === 1 ? irs[0] : irs, null, 2)}\n`);
          return EXIT_OK;
        });
      },
    )
    .command(
      'registry [schemas..]',
      `Print every enumeration and its values (rule, name, value, origin file:line, comment) as a table, or as JSON (default: the config's modules)`,
      (y) =>
        track(y)
          .positional('schemas', { type: 'string', array: true, describe: 'Schema files or built-in names; extensions after the schema' })
          .option('config', { alias: 'c', type: 'string', requiresArg: true, describe: `Config file (default: the nearest ${CONFIG_FILE} from here up)` })
          .option('json', { type: 'boolean', describe: 'Print the registries as JSON (an array when the config has several modules)' })
          .option('include', INCLUDE_OPTION),
      async (args) => {
        const registry = await import('./registry/format.js');
        exitCode = guard(io, s, () => {
          const irs = inputsOf(io, args).map(({ inputs, modules }) => compileIr(inputs, modules));
          if (args.json === true) {
            io.stdout(irs.length === 1 ? registry.formatRegistryJson(irs[0]!) : `[\n${irs.map((ir) => registry.formatRegistryJson(ir).trimEnd()).join(',\n')}\n]\n`);
          } else {
            io.stdout(irs.map((ir) => registry.formatRegistryTable(ir)).join('\n'));
          }
          // Generation warns of a value two enumerations name; this command is the registry's check, so it fails on one.
          const claimedTwice = irs.flatMap((ir) => (ir.warnings ?? []).filter((w) => w.kind === 'value-named-twice'));
          for (const w of claimedTwice) io.stderr(`${styleError(formatWarning({ span: toSpan(w.span), message: w.message }), s)}\n`);
          return claimedTwice.length > 0 ? EXIT_SCHEMA : EXIT_OK;
        });
      },
    )
    .command(
      'extract <draft>',
      'Print the CDDL of an Internet-Draft (XML, HTML, markdown or text), each block headed by its origin',
      (y) =>
        track(y)
          .positional('draft', { type: 'string', demandOption: true, describe: 'The draft file' })
          .option('out', { alias: 'o', type: 'string', requiresArg: true, describe: 'Write the CDDL to this file instead of standard output (its folder is created)' })
          .option('format', { type: 'string', requiresArg: true, choices: ['xml', 'html', 'markdown', 'text'], describe: 'The draft format (default: from the file name and content)' }),
      (args) => {
        exitCode = guard(io, s, () => {
          const draft = args.draft as string;
          const text = readText(resolve(io.cwd, draft), draft);
          const { cddl } = extractCddl(text, draft, args.format as DraftFormat | undefined);
          if (args.out === undefined) io.stdout(cddl);
          else {
            mkdirSync(dirname(resolve(io.cwd, args.out)), { recursive: true });
            writeFileSync(resolve(io.cwd, args.out), cddl);
            io.stdout(`${s.green('wrote')} ${args.out}\n`);
          }
          return EXIT_OK;
        });
      },
    )
    .command(
      'diff [files..]',
      'Compare two revisions of a schema: diff <old.cddl…> -- <new.cddl…>, or diff --git <rev> <files…>; exit 1 when a change breaks',
      (y) =>
        track(y)
          .parserConfiguration({ 'populate--': true })
          .positional('files', { type: 'string', array: true, describe: "The old schema files (or built-in names), then '--' and the new ones (with --git: the files)" })
          .option('git', { type: 'string', requiresArg: true, describe: 'Compare the files at this git revision (old) with the working tree (new)' })
          .option('json', { type: 'boolean', describe: 'Print the changes as JSON' })
          .option('include', INCLUDE_OPTION),
      async (args) => {
        const diff = await import('./diff/command.js');
        exitCode = guard(io, s, () => {
          try {
            const dashes = (args as { '--'?: (string | number)[] })['--'];
            const options = { files: (args.files ?? []).map(String), afterDashes: dashes?.map(String), git: args.git, json: args.json === true, cwd: io.cwd, includePath: includeFolders(args.include, io.cwd) };
            const { breaking } = diff.runDiffCommand({ ...options, read: (paths) => readInputs(paths, io.cwd) }, io.stdout);
            return breaking ? EXIT_SCHEMA : EXIT_OK;
          } catch (error) {
            throw error instanceof diff.DiffUsageError ? new UsageError(error.message) : error;
          }
        });
      },
    )
    .middleware((args) => {
      // `-o ''` would mean the current folder; an empty value is as much a mistake as none
      // (except for --import-extension, where '' is a choice: no ending, for bundlers).
      for (const [key, value] of Object.entries(args)) {
        if (value === '' && key.length > 1 && key !== '$0' && key !== 'import-extension' && key !== 'importExtension') throw new UsageError(`--${key} needs a value, got an empty one`);
      }
    })
    .demandCommand(1, `Name a command: ${COMMANDS.join(', ')}.`)
    .strict()
    .help()
    .alias('h', 'help')
    .version(TOOL_VERSION)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error, instance) => {
      // Throwing stops yargs; otherwise it would go on to run the command after a usage error.
      void instance;
      throw error ?? new UsageError(explainUsage(message, active));
    });
  skipHelpCache(parser);
  let output = '';
  try {
    await parser.parseAsync([...argv], {}, (_err, _argv, text) => {
      output = text;
    });
  } catch (error) {
    // yargs throws its own YError for some usage errors (an option without its value) instead of calling fail.
    if (error instanceof Error && error.name === 'YError') return usage(io, explainUsage(error.message, active));
    if (!(error instanceof UsageError)) throw error;
    return usage(io, error.message);
  }
  if (output !== '') (exitCode === EXIT_OK ? io.stdout : io.stderr)(`${output}\n`);
  return exitCode;
}

/**
 * yargs works out the whole help text after running a command's handler
 * (cacheHelpMessage: every line of every command measured by string-width
 * and laid out by cliui), to show it should the command fail later. Ours
 * never show help on failure (fail throws, and runCli prints the message),
 * and the text cost a cold `generate` of the draft's schema about a tenth of
 * its time, so the cache is turned off. `--help` still builds the text when
 * asked. The method is yargs' own, not in its typings: if a version lacks
 * it, nothing changes.
 */
function skipHelpCache(parser: Argv): void {
  const internals = parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } | undefined } | undefined };
  const usageInstance = internals.getInternalMethods?.()?.getUsageInstance?.();
  if (typeof usageInstance?.cacheHelpMessage === 'function') usageInstance.cacheHelpMessage = () => {};
}

function usage(io: CliIo, message: string): number {
  io.stderr(`${message}\n\nRun 'mimi-codegen --help' for the commands and their options.\n`);
  return EXIT_USAGE;
}

/**
 * yargs' messages, made plainer: an option without its value names the
 * option, and an unknown option suggests the nearest known one.
 */
function explainUsage(message: string, instance: Argv | undefined): string {
  // getOptions is public in yargs but missing from its typings.
  const options = (instance as unknown as { getOptions?: () => { key: Record<string, unknown> } } | undefined)?.getOptions?.();
  const known = Object.keys(options?.key ?? {}).filter((k) => k !== '$0' && k !== '_');
  const missing = /^Not enough arguments following: (\S+)$/.exec(message);
  if (missing) {
    const name = missing[1] ?? '';
    return `${name.length === 1 ? `-${name}` : `--${name}`} needs a value`;
  }
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const names = (unknown[1] ?? '').split(', ');
    const hints = names.map((n) => closest(n, known.filter((k) => k.length > 1))).filter((h): h is string => h !== null);
    const shown = names.map((n) => (n.length === 1 ? `-${n}` : `--${n}`)).join(', ');
    const commandWords = names.filter((n) => closest(n, COMMANDS) !== null);
    if (hints.length > 0) return `unknown option ${shown} (did you mean --${hints[0]}?)`;
    if (commandWords.length > 0) return `unexpected argument ${shown} (did you mean the command '${closest(commandWords[0] ?? '', COMMANDS)}'?)`;
    return `${message}`;
  }
  return message;
}

/** The transient "generating …" line (on a terminal) and the elapsed time of slow modules. */
function progress(io: CliIo, s: Style): PlanProgress {
  const name = (m: ModuleRun) => displayPath(m.outDir, io.cwd) + (m.key === '' ? '' : ` (${m.key})`);
  return {
    ...(io.now === undefined ? {} : { now: io.now }),
    start: (m) => {
      if (io.progressLine === true) io.stderr(s.dim(`generating ${name(m)}…`));
    },
    done: (m, ms) => {
      if (io.progressLine === true) io.stderr('\r\x1b[K');
      if (ms >= SLOW_MS) io.stderr(s.dim(`generated ${name(m)} in ${formatElapsed(ms)}\n`));
    },
    warning: (w) => io.stderr(`${io.progressLine === true ? '\r\x1b[K' : ''}${styleError(formatWarning(w), s)}\n`),
  };
}

/** The schema inputs of `ir` and `registry`, with where their modules are searched: the arguments, else each module of the config, else the draft's schema. */
function inputsOf(io: CliIo, args: { schemas?: (string | number)[] | undefined; config?: string | undefined; include?: (string | number)[] | undefined }) {
  const given = positional(args.schemas, io.cwd);
  const include = includeFolders(args.include, io.cwd);
  // Files named here are named in the output as typed, relative to the current folder.
  if (given !== undefined) return [{ inputs: readInputs(given, io.cwd), modules: { cwd: io.cwd, includePath: include }, arrayMatching: undefined }];
  const { modules } = resolveRuns({ cwd: io.cwd, config: args.config, discover: true, include });
  return modules.map((m) => ({ inputs: readInputs(m.schemas, m.baseDir), modules: { cwd: m.baseDir, includePath: m.options.includePath ?? [] }, arrayMatching: m.options.arrayMatching }));
}

/** `-I DIR` / `--include DIR`, repeatable, on every command that reads schemas. */
const INCLUDE_OPTION = {
  alias: 'I',
  type: 'string',
  array: true,
  requiresArg: true,
  describe: "A folder to search for ';# import' and ';# include' modules, after the importing file's own and before the config's includePath and the shipped library (repeatable)",
} as const;

/** `--integers`, `--import-extension`, `--arbitrary` and `--array-matching` on generate and check: they override the config's keys for every module. */
const ARRAY_MATCHING_FLAG = {
  type: 'string',
  requiresArg: true,
  choices: ARRAY_MATCHINGS,
  describe: "How arrays with optional members before required ones or group choices are read where their items may be the same: 'by-length' (default; [int, ? int, int] takes [1, 2]) or 'greedy' (RFC 8610 Appendix A: rejects it) (overrides the config's \"arrayMatching\")",
} as const;

const EMISSION_FLAGS = {
  integers: { type: 'string', requiresArg: true, choices: INTEGER_MODES, describe: "How unbounded integers are typed (overrides the config's \"integers\")" },
  'import-extension': { type: 'string', requiresArg: true, choices: IMPORT_EXTENSIONS, describe: "The ending of relative imports between generated files, '' for none (overrides the config's \"importExtension\")" },
  arbitrary: { type: 'boolean', describe: "Also write <module>.arbitrary.ts, test-data generators arbitraryX(seed) for every rule (overrides the config's \"arbitrary\")" },
  'array-matching': ARRAY_MATCHING_FLAG,
} as const;

/** The emission options the flags set (yargs has checked the choices); none when no flag is given. */
function emissionFlags(args: { integers?: string | undefined; importExtension?: string | undefined; arbitrary?: boolean | undefined; arrayMatching?: string | undefined }): EmissionOptions {
  const integers = INTEGER_MODES.find((mode) => mode === args.integers);
  const importExtension = IMPORT_EXTENSIONS.find((ending) => ending === args.importExtension);
  return {
    ...(integers === undefined ? {} : { integers }),
    ...(importExtension === undefined ? {} : { importExtension }),
    ...(args.arbitrary === undefined ? {} : { arbitrary: args.arbitrary }),
    ...arrayMatchingFlag(args),
  };
}

/** `--array-matching`, which `ir --layout` takes too: it changes which rules are general. */
function arrayMatchingFlag(args: { arrayMatching?: string | undefined }): { arrayMatching?: ArrayMatching } {
  const arrayMatching = ARRAY_MATCHINGS.find((reading) => reading === args.arrayMatching);
  return arrayMatching === undefined ? {} : { arrayMatching };
}

/** The `-I` folders as given (relative to `cwd`); one that is not a folder is a usage error, not a silent miss. */
function includeFolders(folders: readonly (string | number)[] | undefined, cwd: string): string[] {
  const list = (folders ?? []).map(String);
  for (const folder of list) {
    const at = resolve(cwd, folder);
    if (!existsSync(at) || !statSync(at).isDirectory()) throw new UsageError(`-I ${folder}: no such folder`);
  }
  return list;
}

/**
 * Positional schema arguments, or undefined when there are none (then the config's, or the default, apply).
 * A bare name that is neither a file nor a built-in schema is a usage error listing the built-in names.
 */
function positional(schemas: readonly (string | number)[] | undefined, cwd: string): string[] | undefined {
  const list = (schemas ?? []).map(String);
  for (const entry of list) checkSchemaArgument(entry, cwd);
  return list.length === 0 ? undefined : list;
}

function checkSchemaArgument(entry: string, cwd: string): void {
  if (builtInSchemaFor(entry, cwd) !== null) return;
  const bare = !/[\\/]/.test(entry) && !/\.cddl$/i.test(entry);
  if (bare && !existsSync(resolve(cwd, entry))) {
    const names = builtInSchemaNames();
    const hint = closest(entry, names);
    throw new UsageError(`${entry} is neither a file nor a built-in schema${hint === null ? '' : ` (did you mean '${hint}'?)`}; the built-in schemas are ${names.join(', ')}`);
  }
}

/** `generate --watch`: prints each run until io.signal aborts, or SIGINT or SIGTERM; exit 0 when stopped. */
async function watchCommand(io: CliIo, s: Style, options: { config: string | undefined; schemas: string[] | undefined; out: string | undefined; include: string[]; options: EmissionOptions }): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  if (io.signal === undefined) {
    process.once('SIGINT', onSigint);
    process.once('SIGTERM', onSigint);
  } else io.signal.addEventListener('abort', onSigint, { once: true });
  try {
    await watchGenerate(
      {
        cwd: io.cwd,
        discover: true,
        ...(options.config === undefined ? {} : { config: options.config }),
        ...(options.schemas === undefined ? {} : { schemas: options.schemas }),
        ...(options.out === undefined ? {} : { outDir: options.out }),
        includePath: options.include,
        options: options.options,
      },
      { signal: controller.signal, onEvent: (event) => printWatchEvent(io, s, event) },
    );
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
  return EXIT_OK;
}

function printWatchEvent(io: CliIo, s: Style, event: WatchEvent): void {
  const changed = 'changed' in event && event.changed.length > 0 ? `${s.cyan('changed:')} ${event.changed.join(', ')}\n` : '';
  switch (event.type) {
    case 'watching':
      io.stdout(`watching ${event.files.join(', ')} (Ctrl-C to stop)\n`);
      break;
    case 'generated': {
      const lines = [...event.written.map((f) => `${s.green('wrote')} ${f}\n`), ...event.removed.map((f) => `${s.yellow('removed')} ${f} (no longer generated)\n`)];
      io.stdout(changed + (lines.length === 0 ? 'output is up to date\n' : lines.join('')));
      break;
    }
    case 'error':
      io.stdout(changed);
      io.stderr(`${styleError(event.message, s)}\nkept the last good output; waiting for the next change\n`);
      break;
    case 'stopped':
      io.stdout('stopped watching\n');
      break;
  }
}

/** Runs a command body, turning the errors users can cause into a message and an exit code. */
function guard(io: CliIo, s: Style, body: () => number): number {
  try {
    return body();
  } catch (error) {
    if (isSchemaError(error) || isConfigError(error) || error instanceof InitExistsError) {
      io.stderr(`${styleError(error.message, s)}\n`);
      return EXIT_SCHEMA;
    }
    if (error instanceof UsageError) return usage(io, error.message);
    if (error instanceof OutputError) {
      io.stderr(`${styleError(error.message, s)}\n`);
      return EXIT_USAGE;
    }
    if (isNodeError(error) && (error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES')) {
      io.stderr(`cannot read ${error.path ?? 'a file'}: ${error.code === 'ENOENT' ? 'no such file' : error.code === 'EISDIR' ? 'is a folder' : 'permission denied'}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof Error && error.message.startsWith('No CDDL found')) {
      io.stderr(`${error.message}\n`);
      return EXIT_SCHEMA;
    }
    // Anything else is ours: said so, with what a report needs, instead of Node's uncaught-exception exit 1.
    const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
    io.stderr(`${styleError(`internal error in mimi-codegen ${TOOL_VERSION}: a bug of the generator, not a problem of the schema. Please report it with the schema and the command line.`, s)}\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}

function isNodeError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

function readText(absolute: string, shown: string): string {
  try {
    return readFileSync(absolute, 'utf8');
  } catch (error) {
    if (isNodeError(error)) throw new UsageError(`cannot read ${shown}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
    throw error;
  }
}

/** Schema files, or built-in names (`mimi-message-status`), read for the commands that take them; a missing file is named as given. */
function readInputs(paths: readonly string[], cwd: string) {
  for (const p of paths) {
    checkSchemaArgument(p, cwd);
    if (builtInSchemaFor(p, cwd) === null) readText(resolve(cwd, p), p);
  }
  return readSchemas(paths, cwd);
}

/** True when this module is the program being run (directly, through tsx, or through the npm bin link). */
function isMain(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  const code = await runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    color: colorWanted(process.stdout, process.env) && colorWanted(process.stderr, process.env),
    progressLine: process.stderr.isTTY === true && process.env.TERM !== 'dumb',
  });
  process.exitCode = code;
}
