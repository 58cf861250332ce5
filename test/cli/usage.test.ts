/** The command line's manners: usage errors for options without values, did-you-mean, colour, progress, and signals under --watch. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../generator/cli.js';
import { builtInSchemaNames } from '../../generator/package-info.js';
import { colorWanted } from '../../generator/terminal.js';
import { cli } from '../support/cli.js';
import { REPO } from '../support/schemas.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mimi-codegen-usage-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => cli(dir, ...argv);
const HELP_LINE = "\n\nRun 'mimi-codegen --help' for the commands and their options.\n";

describe('an option without its value is a usage error (exit 2), and nothing is written', () => {
  const cases: [string[], string][] = [
    [['generate', '-o'], '-o needs a value'],
    [['generate', '--out'], '--out needs a value'],
    [['generate', '-o', '--watch'], '-o needs a value'],
    [['generate', '--config'], '--config needs a value'],
    [['check', '-o'], '-o needs a value'],
    [['check', '-c'], '-c needs a value'],
    [['ir', '-c'], '-c needs a value'],
    [['registry', '--config'], '--config needs a value'],
    [['extract', 'draft.xml', '-o'], '-o needs a value'],
    [['extract', 'draft.xml', '--format'], '--format needs a value'],
    [['diff', '--git'], '--git needs a value'],
    [['generate', '-o', ''], '--out needs a value, got an empty one'],
  ];
  for (const [argv, message] of cases) {
    it(argv.map((a) => (a === '' ? "''" : a)).join(' '), async () => {
      expect(await run(...argv)).toEqual({ code: 2, stdout: '', stderr: `${message}${HELP_LINE}` });
      expect(readdirSync(dir)).toEqual([]);
    });
  }
});

describe('did you mean', () => {
  it('a mistyped command', async () => {
    expect(await run('generat')).toEqual({ code: 2, stdout: '', stderr: `unknown command 'generat' (did you mean 'generate'?); the commands are generate, check, init, diff, registry, ir, extract${HELP_LINE}` });
    expect((await run('chekc')).stderr).toContain("(did you mean 'check'?)");
    expect((await run('frobnicate')).stderr).toBe(`unknown command 'frobnicate'; the commands are generate, check, init, diff, registry, ir, extract${HELP_LINE}`);
  });

  it('a mistyped option', async () => {
    expect(await run('generate', '--ot', 'x')).toEqual({ code: 2, stdout: '', stderr: `unknown option --ot (did you mean --out?)${HELP_LINE}` });
    expect((await run('generate', '--wacth')).stderr).toContain('unknown option --wacth (did you mean --watch?)');
    expect((await run('registry', 'mimi-message-status', '--jsno')).stderr).toContain('(did you mean --json?)');
    expect((await run('generate', '--bogus')).stderr).toContain('Unknown argument: bogus');
  });

  it('a built-in schema name that does not exist lists the built-in names', async () => {
    const names = builtInSchemaNames().join(', ');
    for (const command of ['generate', 'check', 'ir', 'registry']) {
      expect(await run(command, 'mimi-nonesuch')).toEqual({ code: 2, stdout: '', stderr: `mimi-nonesuch is neither a file nor a built-in schema; the built-in schemas are ${names}${HELP_LINE}` });
    }
    expect((await run('generate', 'mimi-contnet')).stderr).toBe(`mimi-contnet is neither a file nor a built-in schema (did you mean 'mimi-content'?); the built-in schemas are ${names}${HELP_LINE}`);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });
});

describe('ir, registry and diff take built-in names', () => {
  it('as generate does', async () => {
    const ir = await run('ir', 'mimi-message-status');
    expect(ir.code).toBe(0);
    expect((JSON.parse(ir.stdout) as { files: { path: string }[] }).files[0]?.path).toBe('mimi-codegen/schemas/mimi-message-status.cddl');
    const registry = await run('registry', 'mimi-message-status');
    expect(registry.stdout).toMatch(/^baseStatus +read +2 +mimi-codegen\/schemas\/mimi-message-status\.cddl:11$/m);
    writeFileSync(join(dir, 'statuses.cddl'), '$extStatus /= &( starred: 8 )\n');
    const diff = await run('diff', 'mimi-message-status', '--', 'mimi-message-status', 'statuses.cddl');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain("enumeration value 'starred' (8) added");
  });
});

describe('colour', () => {
  it('is wanted on a terminal, never in a pipe, and NO_COLOR and FORCE_COLOR decide over both', () => {
    expect(colorWanted({ isTTY: true }, {})).toBe(true);
    expect(colorWanted({ isTTY: false }, {})).toBe(false);
    expect(colorWanted({}, {})).toBe(false);
    expect(colorWanted({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorWanted({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorWanted({ isTTY: false }, { FORCE_COLOR: '' })).toBe(true);
    expect(colorWanted({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorWanted({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(false);
  });

  it('marks the location bold and the caret red; the text is the same without the escapes', async () => {
    writeFileSync(join(dir, 'bad.cddl'), 'a = [ int,\n');
    let stderr = '';
    const code = await runCli(['generate', 'bad.cddl'], { cwd: dir, stdout: () => {}, stderr: (t) => (stderr += t), color: true });
    expect(code).toBe(1);
    expect(stderr).toContain('\x1b[1mbad.cddl:2:1:\x1b[22m');
    expect(stderr).toMatch(/\| +\x1b\[31m\^\x1b\[39m/);
    expect(stderr.replace(/\x1b\[\d+m/g, '')).toBe((await run('generate', 'bad.cddl')).stderr);
  });

  it('the program colours nothing when its output is a pipe', async () => {
    writeFileSync(join(dir, 'bad.cddl'), 'a = [ int,\n');
    const child = await runProgram(['generate', 'bad.cddl'], { NO_COLOR: undefined, FORCE_COLOR: undefined });
    expect(child.code).toBe(1);
    expect(child.stderr).toMatch(/^bad\.cddl:2:1: /);
    expect(child.stderr).not.toContain('\x1b[');
    const forced = await runProgram(['generate', 'bad.cddl'], { FORCE_COLOR: '1', NO_COLOR: undefined });
    expect(forced.stderr).toContain('\x1b[1mbad.cddl:2:1:\x1b[22m');
  }, 60_000);
});

describe('progress', () => {
  it('a transient line while a module generates (on a terminal), and the elapsed time when it took a second or more', async () => {
    let clock = 0;
    let stderr = '';
    let stdout = '';
    const io = { cwd: dir, stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t), progressLine: true, now: () => (clock += 750) };
    expect(await runCli(['generate', 'mimi-message-status', '-o', 'gen'], io)).toBe(0);
    expect(stderr).toBe('generating gen…\r\x1b[K');
    expect(stdout).toBe(
      ['mimi-message-status', 'runtime', 'cbor-errors', 'cbor-numbers', 'cbor-deterministic', 'cbor-text', 'cbor-same-data', 'cbor-decode-options', 'cbor-reader', 'cbor-lookahead', 'cbor-skip', 'cbor-memo', 'cbor-embedded', 'cbor-decode-errors', 'cbor-reads', 'cbor-results', 'cbor-writer', 'cbor-writes', 'cbor-checks']
        .map((file) => `wrote gen/${file}.ts\n`)
        .join(''),
    );
    stderr = '';
    io.now = () => (clock += 1400);
    expect(await runCli(['generate', 'mimi-message-status', '-o', 'gen'], io)).toBe(0);
    expect(stderr).toBe('generating gen…\r\x1b[Kgenerated gen in 1.4 s\n');
    // In a pipe: no transient line, the elapsed time only.
    stderr = '';
    expect(await runCli(['generate', 'mimi-message-status', '-o', 'gen'], { ...io, progressLine: false })).toBe(0);
    expect(stderr).toBe('generated gen in 1.4 s\n');
  });
});

describe('generate --watch as a program', () => {
  it('SIGTERM stops it with a message and exit 0, as SIGINT does', async () => {
    writeFileSync(join(dir, 'mimi-codegen.config.json'), '{ "schemas": ["mimi-message-status"], "out": "gen" }');
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = await runProgram(['generate', '--watch'], {}, (out, kill) => {
        if (out.includes('wrote gen/runtime.ts') || out.includes('output is up to date')) kill(signal);
      });
      expect(child.code).toBe(0);
      expect(child.stdout.endsWith('stopped watching\n')).toBe(true);
    }
  }, 120_000);
});

/** Runs the CLI as its own process (through tsx), with stdout and stderr as pipes; `onOutput` may send it a signal. */
function runProgram(
  argv: string[],
  env: Record<string, string | undefined>,
  onOutput?: (stdout: string, kill: (signal: NodeJS.Signals) => void) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const tsx = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', tsx, join(REPO, 'generator/cli.ts'), ...argv], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onOutput?.(stdout, (signal) => {
        if (!killed) child.kill(signal);
        killed = true;
      });
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
