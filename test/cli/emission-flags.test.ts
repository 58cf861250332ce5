/**
 * `--integers`, `--import-extension` and `--array-matching` on generate, check and generate --watch (and the
 * last on `ir --layout`): they override the config's `integers`, `importExtension` and `arrayMatching` for
 * every module, and a value that is not one of the choices is a usage error.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../generator/cli.js';
import { cli } from '../support/cli.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mimi-codegen-flags-'));
  // The config asks for number and .ts; the flags below ask for something else.
  writeFileSync(join(dir, 'mimi-codegen.config.json'), '{ "out": "gen", "integers": "number", "importExtension": ".ts", "modules": [ { "schemas": ["mimi-content"] } ] }\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => cli(dir, ...argv);
const HELP_LINE = "\n\nRun 'mimi-codegen --help' for the commands and their options.\n";
const content = () => readFileSync(join(dir, 'gen/mimi-content.ts'), 'utf8');

/** The typing of the content message's unbounded `size` and the ending of the module's import of the runtime. */
function traits(module: string): { size: string | undefined; runtimeImport: string | undefined } {
  return { size: /\bsize: ([a-z |]+);/.exec(module)?.[1], runtimeImport: /from '(\.\/runtime[^']*)';/.exec(module)?.[1] };
}

describe('--integers and --import-extension override the config', () => {
  it('generate without the flags follows the config', async () => {
    expect((await run('generate')).code).toBe(0);
    expect(traits(content())).toEqual({ size: 'number', runtimeImport: './runtime.ts' });
  });

  it("generate --integers bigint --import-extension '' writes bigint and bare imports; check agrees only with the same flags", async () => {
    expect((await run('generate', '--integers', 'bigint', '--import-extension', ''))).toMatchObject({ code: 0, stderr: '' });
    expect(traits(content())).toEqual({ size: 'bigint', runtimeImport: './runtime' });
    for (const file of readdirSync(join(dir, 'gen'))) expect(readFileSync(join(dir, 'gen', file), 'utf8')).not.toMatch(/from '\.\/[^']*\.(?:js|ts)'/);

    expect(await run('check', '--integers', 'bigint', '--import-extension', '')).toEqual({ code: 0, stdout: 'gen is up to date\n', stderr: '' });
    // Without the flags the config's options apply, and the files differ from them.
    const plain = await run('check');
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('gen/mimi-content.ts: differs from what the schemas generate');
    // One flag overrides one key: the other still comes from the config.
    expect((await run('check', '--integers', 'bigint')).code).toBe(1);
    expect((await run('generate', '--import-extension', '.js')).code).toBe(0);
    expect(traits(content())).toEqual({ size: 'number', runtimeImport: './runtime.js' });
  });

  it('generate --watch takes them too', async () => {
    const controller = new AbortController();
    let stdout = '';
    const code = await runCli(['generate', '--watch', '--integers', 'bigint', '--import-extension', '.js'], {
      cwd: dir,
      signal: controller.signal,
      stderr: () => {},
      stdout: (text) => {
        stdout += text;
        if (stdout.includes('wrote gen/mimi-content.ts')) controller.abort();
      },
    });
    expect(code).toBe(0);
    expect(traits(content())).toEqual({ size: 'bigint', runtimeImport: './runtime.js' });
  });
});

describe('a value that is not a choice, or none, is a usage error (exit 2) and nothing is written', () => {
  const cases: [string[], string][] = [
    [['generate', '--integers', 'huge'], 'Argument: integers, Given: "huge", Choices: "number", "bigint"'],
    [['check', '--integers', 'Number'], 'Argument: integers, Given: "Number", Choices: "number", "bigint"'],
    [['generate', '--import-extension', '.mjs'], 'Argument: import-extension, Given: ".mjs", Choices: ".js", ".ts", ""'],
    [['generate', '--watch', '--import-extension', 'js'], 'Argument: import-extension, Given: "js", Choices: ".js", ".ts", ""'],
    [['generate', '--integers'], '--integers needs a value'],
    [['check', '--import-extension'], '--import-extension needs a value'],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(' '), async () => {
      const result = await run(...argv);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(message);
      expect(result.stderr.endsWith(HELP_LINE)).toBe(true);
      expect(readdirSync(dir)).toEqual(['mimi-codegen.config.json']);
    });
  }
});

describe('--array-matching', () => {
  const SCHEMA = 'a = [int, ? int, int]\n';

  it('generate, check and ir --layout read [int, ? int, int] by length unless it says greedy, and the config key does the same', async () => {
    writeFileSync(join(dir, 'a.cddl'), SCHEMA);
    const typedA = () => /export type A = ([^;]*);/.exec(readFileSync(join(dir, 'out/a.ts'), 'utf8'))?.[1];
    const byLength = await run('generate', 'a.cddl', '-o', 'out');
    expect(byLength.code).toBe(0);
    expect(byLength.stderr).toContain("arrayMatching: 'greedy' reads it so");
    expect(typedA()).not.toBe('CborValue');

    const greedy = await run('generate', 'a.cddl', '-o', 'out', '--array-matching', 'greedy');
    expect(greedy.code).toBe(0);
    expect(greedy.stderr).toContain("'a' is typed as CborValue");
    expect(typedA()).toBe('CborValue');
    expect((await run('check', 'a.cddl', '-o', 'out', '--array-matching', 'greedy')).code).toBe(0);
    expect((await run('check', 'a.cddl', '-o', 'out')).code).toBe(1);

    const kinds = async (...args: string[]) => {
      const printed = await run('ir', '--layout', ...args);
      return (JSON.parse(printed.stdout) as { rules: Record<string, { kind: string }> }).rules.a?.kind;
    };
    expect(await kinds('a.cddl')).toBe('typed');
    expect(await kinds('a.cddl', '--array-matching', 'greedy')).toBe('general');
    expect(await kinds('a.cddl', '--array-matching', 'by-length')).toBe('typed');

    // From the config: its module's arrayMatching, which the flag overrides (the out folder was generated greedy, with the first config's integers and importExtension).
    writeFileSync(join(dir, 'mimi-codegen.config.json'), '{ "out": "out", "integers": "number", "importExtension": ".ts", "arrayMatching": "greedy", "modules": [ { "schemas": ["a.cddl"] } ] }\n');
    expect(await kinds()).toBe('general');
    expect(await kinds('--array-matching', 'by-length')).toBe('typed');
    expect((await run('check')).code).toBe(0);
  });

  it('refuses a reading there is not', async () => {
    const wrong = await run('generate', '--array-matching', 'peg');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Choices: "by-length", "greedy"');
  });
});
