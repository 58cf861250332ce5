#!/usr/bin/env node
/**
 * The command line: `mimi-codegen generate | check | init | diff | registry | ir | extract`.
 * `generate` and `check` without schema arguments read `mimi-codegen.config.json`
 * in the current folder (or `--config <file>`) when there is one.
 *
 * Exit codes: 0 success; 1 a schema error (syntax, resolution, unsupported
 * construct), stale output found by `check`, an invalid config file, `init`
 * refusing to overwrite, or no CDDL in a draft; 2 a usage
 * error (unknown command or flag, missing or unreadable file).
 */
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { formatWarning, isSchemaError } from './diagnostics.js';
import { checkGenerated, formatStaleReport } from './check.js';
import { extractCddl, type DraftFormat } from './extract/index.js';
import { compileIr, generate, readSchemas } from './index.js';
import { DEFAULT_OUT_DIR, TOOL_VERSION, defaultSchemas } from './package-info.js';
import { builtInSchemaFor, CONFIG_FILE, displayPath, isConfigError, resolveRun } from './config.js';
import { initProject, InitExistsError } from './init.js';
import { watchGenerate, type WatchEvent } from './watch.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Stops `generate --watch` (default: SIGINT). */
  signal?: AbortSignal;
}

export const EXIT_OK = 0;
export const EXIT_SCHEMA = 1;
export const EXIT_USAGE = 2;

/** A failure the user caused by how they called us (a file that is not there, …): exit 2. */
class UsageError extends Error {}

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. Never calls process.exit. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const parser = yargs()
    .scriptName('mimi-codegen')
    .usage('$0 <command> [options]\n\nCDDL (RFC 8610) → TypeScript types, CBOR encoders, decoders and guards.')
    .command(
      'generate [schemas..]',
      'Generate TypeScript from CDDL schema files (the first names the module); default: the draft schema into generated/',
      (y) =>
        y
          .positional('schemas', { type: 'string', array: true, describe: `Schema files; extensions after the schema (default: the config's, else the draft's schema: schemas/mimi-message-status.cddl if the folder has it, else the copy the package ships)` })
          .option('out', { alias: 'o', type: 'string', describe: `Output folder (default: the config's "out", else ${DEFAULT_OUT_DIR})` })
          .option('config', { alias: 'c', type: 'string', describe: `Config file (default: ${CONFIG_FILE} when it exists)` })
          .option('watch', { alias: 'w', type: 'boolean', describe: 'Regenerate whenever a schema file or the config changes, until Ctrl-C' }),
      async (args) => {
        if (args.watch === true) {
          exitCode = await watchCommand(io, { config: args.config, schemas: positional(args.schemas), out: args.out });
          return;
        }
        exitCode = guard(io, () => {
          const run = resolveRun({ cwd: io.cwd, config: args.config, discover: true, schemas: positional(args.schemas), out: args.out });
          const { written, warnings } = generate({ schemas: run.schemas, outDir: run.outDir, cwd: run.baseDir });
          for (const warning of warnings) io.stderr(`${formatWarning(warning)}\n`);
          for (const file of written) io.stdout(`wrote ${displayPath(file, io.cwd)}\n`);
          return EXIT_OK;
        });
      },
    )
    .command(
      'check [schemas..]',
      'Exit 1 and name the stale files when the output folder differs from what the schemas generate now; writes nothing',
      (y) =>
        y
          .positional('schemas', { type: 'string', array: true, describe: 'Schema files, as for generate' })
          .option('out', { alias: 'o', type: 'string', describe: 'Output folder to compare, as for generate' })
          .option('config', { alias: 'c', type: 'string', describe: `Config file (default: ${CONFIG_FILE} when it exists)` }),
      (args) => {
        exitCode = guard(io, () => {
          const run = resolveRun({ cwd: io.cwd, config: args.config, discover: true, schemas: positional(args.schemas), out: args.out });
          const stale = checkGenerated({ schemas: run.schemas, outDir: displayPath(run.outDir, run.baseDir), cwd: run.baseDir }).map((s) => ({
            ...s,
            path: displayPath(resolve(run.baseDir, s.path), io.cwd),
          }));
          if (stale.length === 0) {
            io.stdout(`${displayPath(run.outDir, io.cwd)} is up to date\n`);
            return EXIT_OK;
          }
          io.stderr(formatStaleReport(stale));
          return EXIT_SCHEMA;
        });
      },
    )
    .command(
      'init',
      `Write a starter ${CONFIG_FILE} (the draft's schema plus statuses.cddl, into src/generated) and an example statuses.cddl`,
      (y) => y.option('force', { alias: 'f', type: 'boolean', describe: 'Overwrite the files if they exist' }),
      (args) => {
        exitCode = guard(io, () => {
          for (const file of initProject(io.cwd, { force: args.force === true })) io.stdout(`wrote ${file}\n`);
          io.stdout(`Add your statuses to statuses.cddl, then run 'npx mimi-codegen generate'.\n`);
          return EXIT_OK;
        });
      },
    )
    .command(
      'ir <schemas..>',
      'Print the intermediate representation of the schema files as JSON',
      (y) => y.positional('schemas', { type: 'string', array: true, demandOption: true, describe: 'Schema files' }),
      (args) => {
        exitCode = guard(io, () => {
          const ir = compileIr(readInputs(schemaList(args.schemas, io.cwd), io.cwd));
          io.stdout(`${JSON.stringify(ir, null, 2)}\n`);
          return EXIT_OK;
        });
      },
    )
    .command(
      'registry <schemas..>',
      'Print every enumeration and its values (rule, name, value, origin file:line, comment) as a table, or as JSON',
      (y) =>
        y
          .positional('schemas', { type: 'string', array: true, demandOption: true, describe: 'Schema files; extensions after the schema' })
          .option('json', { type: 'boolean', describe: 'Print the registries as JSON' }),
      async (args) => {
        const registry = await import('./registry/format.js');
        exitCode = guard(io, () => {
          const ir = compileIr(readInputs(schemaList(args.schemas, io.cwd), io.cwd));
          io.stdout(args.json === true ? registry.formatRegistryJson(ir) : registry.formatRegistryTable(ir));
          return EXIT_OK;
        });
      },
    )
    .command(
      'extract <draft>',
      'Print the CDDL of an Internet-Draft (XML, HTML, markdown or text), each block headed by its origin',
      (y) =>
        y
          .positional('draft', { type: 'string', demandOption: true, describe: 'The draft file' })
          .option('out', { alias: 'o', type: 'string', describe: 'Write the CDDL to this file instead of standard output' })
          .option('format', { type: 'string', choices: ['xml', 'html', 'markdown', 'text'], describe: 'The draft format (default: from the file name and content)' }),
      (args) => {
        exitCode = guard(io, () => {
          const draft = args.draft as string;
          const text = readText(resolve(io.cwd, draft), draft);
          const { cddl } = extractCddl(text, draft, args.format as DraftFormat | undefined);
          if (args.out === undefined) io.stdout(cddl);
          else {
            mkdirSync(dirname(resolve(io.cwd, args.out)), { recursive: true });
            writeFileSync(resolve(io.cwd, args.out), cddl);
            io.stdout(`wrote ${args.out}\n`);
          }
          return EXIT_OK;
        });
      },
    )
    .command(
      'diff [files..]',
      'Compare two revisions of a schema: diff <old.cddl…> -- <new.cddl…>, or diff --git <rev> <files…>; exit 1 when a change breaks',
      (y) =>
        y
          .parserConfiguration({ 'populate--': true })
          .positional('files', { type: 'string', array: true, describe: "The old schema files, then '--' and the new ones (with --git: the files)" })
          .option('git', { type: 'string', describe: 'Compare the files at this git revision (old) with the working tree (new)' })
          .option('json', { type: 'boolean', describe: 'Print the changes as JSON' }),
      async (args) => {
        const diff = await import('./diff/command.js');
        exitCode = guard(io, () => {
          try {
            const dashes = (args as { '--'?: (string | number)[] })['--'];
            const options = { files: (args.files ?? []).map(String), afterDashes: dashes?.map(String), git: args.git, json: args.json === true, cwd: io.cwd };
            const { breaking } = diff.runDiffCommand({ ...options, read: (paths) => readInputs(paths, io.cwd) }, io.stdout);
            return breaking ? EXIT_SCHEMA : EXIT_OK;
          } catch (error) {
            throw error instanceof diff.DiffUsageError ? new UsageError(error.message) : error;
          }
        });
      },
    )
    .demandCommand(1, 'Name a command: generate, check, init, diff, ir, registry or extract.')
    .strict()
    .help()
    .alias('h', 'help')
    .version(TOOL_VERSION)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      // Throwing stops yargs; otherwise it would go on to run the command after a usage error.
      throw error ?? new UsageError(message);
    });
  let output = '';
  try {
    await parser.parseAsync([...argv], {}, (_err, _argv, text) => {
      output = text;
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n\nRun 'mimi-codegen --help' for the commands and their options.\n`);
    return EXIT_USAGE;
  }
  if (output !== '') (exitCode === EXIT_OK ? io.stdout : io.stderr)(`${output}\n`);
  return exitCode;
}

function schemaList(schemas: readonly (string | number)[] | undefined, cwd: string): string[] {
  const list = (schemas ?? []).map(String);
  return list.length === 0 ? defaultSchemas(cwd) : list;
}

/** Positional schema arguments, or undefined when there are none (then the config's, or the default, apply). */
function positional(schemas: readonly (string | number)[] | undefined): string[] | undefined {
  const list = (schemas ?? []).map(String);
  return list.length === 0 ? undefined : list;
}

/** `generate --watch`: prints each run until io.signal aborts or SIGINT; exit 0 when stopped. */
async function watchCommand(io: CliIo, options: { config: string | undefined; schemas: string[] | undefined; out: string | undefined }): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  if (io.signal === undefined) process.once('SIGINT', onSigint);
  else io.signal.addEventListener('abort', onSigint, { once: true });
  try {
    await watchGenerate(
      {
        cwd: io.cwd,
        discover: true,
        ...(options.config === undefined ? {} : { config: options.config }),
        ...(options.schemas === undefined ? {} : { schemas: options.schemas }),
        ...(options.out === undefined ? {} : { outDir: options.out }),
      },
      { signal: controller.signal, onEvent: (event) => printWatchEvent(io, event) },
    );
  } finally {
    process.off('SIGINT', onSigint);
  }
  return EXIT_OK;
}

function printWatchEvent(io: CliIo, event: WatchEvent): void {
  const changed = 'changed' in event && event.changed.length > 0 ? `changed: ${event.changed.join(', ')}\n` : '';
  switch (event.type) {
    case 'watching':
      io.stdout(`watching ${event.files.join(', ')} (Ctrl-C to stop)\n`);
      break;
    case 'generated':
      io.stdout(changed + (event.written.length === 0 ? 'output is up to date\n' : event.written.map((f) => `wrote ${f}\n`).join('')));
      break;
    case 'error':
      io.stdout(changed);
      io.stderr(`${event.message}\nkept the last good output; waiting for the next change\n`);
      break;
    case 'stopped':
      io.stdout('stopped watching\n');
      break;
  }
}

/** Runs a command body, turning the errors users can cause into a message and an exit code. */
function guard(io: CliIo, body: () => number): number {
  try {
    return body();
  } catch (error) {
    if (isSchemaError(error) || isConfigError(error) || error instanceof InitExistsError) {
      io.stderr(`${error.message}\n`);
      return EXIT_SCHEMA;
    }
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
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
    throw error;
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
  for (const p of paths) if (builtInSchemaFor(p, cwd) === null) readText(resolve(cwd, p), p);
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
  });
  process.exitCode = code;
}
