/** The command line, run in-process on temporary folders: exit codes, output, and never half-written files. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { REPO, SHARED, VENDOR_EXTENSION } from '../support/schemas.js';
import { RUNTIME_FILES } from '../../generator/emit/index.js';
import { EXIT_INTERNAL, runCli } from '../../generator/cli.js';
import { formatStaleReport } from '../../generator/check.js';

let dir: string;
beforeEach(() => {
  // Outside the repository: its own mimi-codegen.config.json would otherwise be found from here.
  dir = mkdtempSync(join(tmpdir(), 'mimi-codegen-cli-'));
  cpSync(join(REPO, 'schemas'), join(dir, 'schemas'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => cli(dir, ...argv);

describe('generate', () => {
  it('with no arguments, writes the draft schema module and the runtime into generated/', async () => {
    const { code, stdout } = await run('generate');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'generated')).sort()).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES].sort());
    expect(stdout).toContain('mimi-message-status.ts');
    // The same bytes as the committed output of the repository.
    expect(readFileSync(join(dir, 'generated/mimi-message-status.ts'), 'utf8')).toBe(readFileSync(join(REPO, 'generated/mimi-message-status.ts'), 'utf8'));
  });

  it('takes schema and extension files and an output folder', async () => {
    writeFileSync(join(dir, VENDOR_EXTENSION.path), VENDOR_EXTENSION.text);
    const { code } = await run('generate', 'schemas/mimi-message-status.cddl', 'my-statuses.cddl', '--out', 'src/gen');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'src/gen/mimi-message-status.ts'), 'utf8')).toContain('starred: 8,');
  });

  it('exits 1 with file:line:col and a caret on a schema error, and writes nothing', async () => {
    writeFileSync(join(dir, 'bad.cddl'), 'a = [ int,\n    b: tstr\n');
    const { code, stderr } = await run('generate', 'bad.cddl', '--out', 'out');
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toBe("bad.cddl:3:1: expected ']' to close the array opened at 1:5 (RFC 9682 Appendix A: type2)");
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('exits 3 on an internal error, saying it is a bug and printing its stack, and writes nothing', async () => {
    // Something the generator does not expect: here the clock it times modules with throws.
    const broken = new TypeError('the clock is broken');
    let stderr = '';
    const code = await runCli(['generate', '--out', 'out'], { stdout: () => {}, stderr: (t) => (stderr += t), cwd: dir, now: () => { throw broken; } });
    expect(code).toBe(EXIT_INTERNAL);
    expect(stderr.split('\n')[0]).toMatch(/^internal error in mimi-codegen \S+: a bug of the generator, not a problem of the schema\. Please report it with the schema and the command line\.$/);
    expect(stderr).toContain('TypeError: the clock is broken\n    at ');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('leaves earlier output untouched when generation fails', async () => {
    expect((await run('generate')).code).toBe(0);
    const before = readFileSync(join(dir, 'generated/mimi-message-status.ts'), 'utf8');
    writeFileSync(join(dir, 'broken.cddl'), '$extStatus /= &( broken: nowhere )\n');
    const { code, stderr } = await run('generate', 'schemas/mimi-message-status.cddl', 'broken.cddl');
    expect(code).toBe(1);
    expect(stderr).toContain("broken.cddl:1:26: undefined name 'nowhere'");
    expect(readFileSync(join(dir, 'generated/mimi-message-status.ts'), 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('generates a status value the draft already names, with a warning naming both places', async () => {
    writeFileSync(join(dir, 'clash.cddl'), '$extStatus /= &( clash: 2 )\n');
    const { code, stderr } = await run('generate', 'schemas/mimi-message-status.cddl', 'clash.cddl');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^clash\.cddl:1:18: warning: 'clash' has the value 2, which 'read' already names \(schemas\/mimi-message-status\.cddl:11:5\)/);
    expect(readFileSync(join(dir, 'generated/mimi-message-status.ts'), 'utf8')).toMatch(/^ {2}clash: 2,$/m);
  });

  it('exits 2 on usage errors: an unknown flag, a missing file, no command', async () => {
    const unknown = await run('generate', '--bogus');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown argument: bogus');
    expect(existsSync(join(dir, 'generated'))).toBe(false);
    const missing = await run('generate', 'nope.cddl');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    // A folder given as a schema is named (Node's EISDIR error carries no path).
    mkdirSync(join(dir, 'schemas-folder'));
    const folder = await run('generate', 'schemas-folder');
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`cannot read ${join(dir, 'schemas-folder')}: is a folder\n`);
    expect((await run()).code).toBe(2);
  });

  it('exits 2 with a plain message when the output folder cannot be written, and leaves nothing behind', async () => {
    writeFileSync(join(dir, 'taken'), 'a file, not a folder\n');
    const file = await run('generate', '--out', 'taken');
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/^cannot write into .*taken: it is a file, not a folder\n$/);
    const below = await run('generate', '--out', 'taken/gen');
    expect(below.code).toBe(2);
    expect(below.stderr).toMatch(/^cannot write .*taken\/gen: a file is where a folder must be\n$/);
    expect(readFileSync(join(dir, 'taken'), 'utf8')).toBe('a file, not a folder\n');
    expect(readdirSync(dir).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('prints help with every command', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(0);
    for (const command of ['generate', 'check', 'ir', 'extract']) expect(stdout).toContain(`mimi-codegen ${command}`);
  });

  it("prints a command's own help, though runCli turns off yargs' help cache (skipHelpCache)", async () => {
    await run('generate');
    const { code, stdout } = await run('generate', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('mimi-codegen generate [schemas..]');
    expect(stdout).toMatch(/^ {2}-o, --out +Output folder/m);
    expect(stdout).not.toContain('mimi-codegen check');
  });
});

describe('check', () => {
  it('exits 0 when the output is current, 1 naming the stale file with a diff when it is not', async () => {
    await run('generate');
    expect((await run('check')).code).toBe(0);
    writeFileSync(join(dir, VENDOR_EXTENSION.path), VENDOR_EXTENSION.text);
    const stale = await run('check', 'schemas/mimi-message-status.cddl', 'my-statuses.cddl');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('generated/mimi-message-status.ts: differs from what the schemas generate');
    expect(stale.stderr).toMatch(/^- export const ExtStatus = \{\} as const;$/m);
    expect(stale.stderr).toMatch(/^@@ line \d+ @@$/m);
    expect(stale.stderr).not.toContain('runtime.ts');
  });
});

describe('ir', () => {
  it('prints the IR as JSON', async () => {
    const { code, stdout } = await run('ir', 'schemas/mimi-message-status.cddl');
    expect(code).toBe(0);
    const ir = JSON.parse(stdout) as { rules: { name: string }[] };
    expect(ir.rules.map((r) => r.name)).toEqual(['MessageStatusReport', 'PerMessageStatus', '$extStatus', 'baseStatus', 'unknownStatus', 'MessageId']);
  });

  it('--layout prints every type rule\'s layout as JSON (docs/layout.md)', async () => {
    const { code, stdout } = await run('ir', '--layout', 'schemas/mimi-message-status.cddl');
    expect(code).toBe(0);
    const layouts = JSON.parse(stdout) as { layoutVersion: number; rules: Record<string, unknown> };
    expect(layouts.layoutVersion).toBe(1);
    expect(Object.keys(layouts.rules)).toEqual(['MessageStatusReport', 'PerMessageStatus', '$extStatus', 'baseStatus', 'unknownStatus', 'MessageId']);
    expect(layouts.rules['unknownStatus']).toEqual({ kind: 'typed', shape: { kind: 'int', intervals: [{ lo: '7', hi: '255' }] } });
  });
});

describe('extract', () => {
  it('prints the CDDL of the draft, headed by its origin', async () => {
    const { code, stdout } = await run('extract', join(SHARED, 'seeds/000_051849e63ac6e05e.txt'));
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('; from 000_051849e63ac6e05e.txt:46');
    expect(stdout).toContain('MessageId = bstr .size 32');
  });

  it('-o writes the CDDL to a file, creating its folder', async () => {
    const { code, stdout } = await run('extract', join(SHARED, 'seeds/000_051849e63ac6e05e.txt'), '-o', 'cddl/new/mimi-message-status.cddl');
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'wrote cddl/new/mimi-message-status.cddl\n' });
    expect(readFileSync(join(dir, 'cddl/new/mimi-message-status.cddl'), 'utf8')).toContain('MessageId = bstr .size 32');
  });

  it('exits 1 when the draft has no CDDL', async () => {
    const { code, stderr } = await run('extract', join(SHARED, 'seeds/001_146520304cb86c18.txt'));
    expect(code).toBe(1);
    expect(stderr).toContain('No CDDL found');
  });
});

describe("check's report", () => {
  it('lists missing and orphaned files one a line, and sets each diff apart with blank lines', () => {
    const report = formatStaleReport([
      { path: 'out/a.ts', problem: 'missing', diff: '' },
      { path: 'out/runtime.ts', problem: 'missing', diff: '' },
      { path: 'out/b.ts', problem: 'differs', diff: '@@ line 3 @@\n- x\n+ y' },
      { path: 'out/old.ts', problem: 'orphan', diff: '' },
    ]);
    expect(report).toBe(
      'out/a.ts: missing\nout/runtime.ts: missing\n\nout/b.ts: differs from what the schemas generate\n@@ line 3 @@\n- x\n+ y\n\n' +
        "out/old.ts: generated by mimi-codegen, but the schemas no longer generate it (generate removes it)\n\n4 file(s) stale: run 'mimi-codegen generate' with the same arguments and commit the result.\n",
    );
  });
});
