/**
 * Modules from the command line: `-I` on every command that reads schemas, the
 * config's `includePath`, `check` going stale when an imported module changes,
 * `ir` naming each rule's module and place, `--watch` following imported files,
 * `diff` comparing with imports resolved, and the README's vendor example (a
 * status report signed with COSE).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compile, type IrSchema } from '../../generator/index.js';
import { watchGenerate, type WatchEvent } from '../../generator/watch.js';
import { cli, tempProject } from '../workflow/helpers.js';
import { freshFolder } from '../support/scratch.js';
import { typecheck } from '../support/typecheck.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempProject('modules'));
  mkdirSync(join(dir, 'shared'));
  writeFileSync(join(dir, 'shared', 'acme-common.cddl'), 'Timestamp = uint\nDevice = { id: tstr, ? seen: Timestamp }\n');
  writeFileSync(join(dir, 'report.cddl'), 'Report = [* Device]\n;# import acme-common\n');
});
afterEach(() => cleanup());

const write = (path: string, text: string) => writeFileSync(join(dir, path), text);

describe('-I / --include', () => {
  it('generate finds the module through -I; without it, exit 1 at the directive, naming every folder searched, and nothing written', async () => {
    const missing = await cli(dir, 'generate', 'report.cddl', '--out', 'gen');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("report.cddl:2:11: module 'acme-common' not found (draft-ietf-cbor-cddl-modules §2.4): no acme-common.cddl in ./, mimi-codegen/library/, mimi-codegen/schemas/");
    expect(existsSync(join(dir, 'gen'))).toBe(false);

    const run = await cli(dir, 'generate', 'report.cddl', '-I', 'shared', '--out', 'gen');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const text = readFileSync(join(dir, 'gen', 'report.ts'), 'utf8');
    expect(text.split('\n')[0]).toContain('from report.cddl, shared/acme-common.cddl');
    expect(text).toMatch(/\/\/ {3}shared\/acme-common\.cddl: sha256 [0-9a-f]{64}/);
    expect(text).toContain('export interface Device');
    expect((await cli(dir, 'generate', 'report.cddl', '--include', 'shared', '--out', 'gen')).code).toBe(0);
  });

  it('a -I folder that does not exist is a usage error', async () => {
    const run = await cli(dir, 'generate', 'report.cddl', '-I', 'nope');
    expect(run).toMatchObject({ code: 2 });
    expect(run.stderr).toContain('-I nope: no such folder');
  });

  it('check goes stale when an imported module changes, and names the changed header line', async () => {
    expect((await cli(dir, 'generate', 'report.cddl', '-I', 'shared', '--out', 'gen')).code).toBe(0);
    expect(await cli(dir, 'check', 'report.cddl', '-I', 'shared', '--out', 'gen')).toMatchObject({ code: 0, stdout: 'gen is up to date\n' });
    write('shared/acme-common.cddl', 'Timestamp = uint\nDevice = { id: tstr, ? seen: Timestamp, ? name: tstr }\n');
    const stale = await cli(dir, 'check', 'report.cddl', '-I', 'shared', '--out', 'gen');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('gen/report.ts: differs from what the schemas generate');
    expect(stale.stderr).toContain('shared/acme-common.cddl: sha256');
  });

  it('ir shows each rule’s module and file:line; registry and diff take -I too', async () => {
    const run = await cli(dir, 'ir', 'report.cddl', '-I', 'shared');
    expect(run.code).toBe(0);
    const ir = JSON.parse(run.stdout) as IrSchema;
    expect(ir.rules.map((r) => [r.name, r.module ?? null, `${r.span.file}:${r.span.line}`])).toEqual([
      ['Report', null, 'report.cddl:1'],
      ['Timestamp', 'acme-common', 'shared/acme-common.cddl:1'],
      ['Device', 'acme-common', 'shared/acme-common.cddl:2'],
    ]);
    expect(ir.files.map((f) => [f.path, f.module ?? null])).toEqual([
      ['report.cddl', null],
      ['shared/acme-common.cddl', 'acme-common'],
    ]);
    expect((await cli(dir, 'registry', 'report.cddl', '-I', 'shared')).code).toBe(0);

    // diff: the new side's imported module drops a member; only with imports resolved is that visible.
    mkdirSync(join(dir, 'v2'));
    write('v2/acme-common.cddl', 'Timestamp = uint\nDevice = { id: tstr }\n');
    write('v2/report.cddl', 'Report = [* Device]\n;# import acme-common\n');
    const diff = await cli(dir, 'diff', 'report.cddl', '-I', 'shared', '--', 'v2/report.cddl');
    expect(diff.stdout).toContain('seen');
  });

  it('the config’s includePath (relative to the config file) is searched after -I folders', async () => {
    mkdirSync(join(dir, 'other'));
    write('other/acme-common.cddl', 'Timestamp = int\nDevice = { id: tstr, ? seen: Timestamp }\n');
    write('mimi-codegen.config.json', JSON.stringify({ schemas: ['report.cddl'], out: 'gen', includePath: ['shared'] }));
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(readFileSync(join(dir, 'gen', 'report.ts'), 'utf8')).toContain('shared/acme-common.cddl');
    expect((await cli(dir, 'generate', '-I', 'other')).code).toBe(0);
    expect(readFileSync(join(dir, 'gen', 'report.ts'), 'utf8')).toContain('other/acme-common.cddl');
    write('mimi-codegen.config.json', JSON.stringify({ schemas: ['report.cddl'], includePath: ['missing'] }));
    const bad = await cli(dir, 'generate');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("'includePath[0]': missing is not a folder");
  });
});

describe('--watch', () => {
  it('regenerates when an imported module changes', async () => {
    const events: WatchEvent[] = [];
    const controller = new AbortController();
    const done = watchGenerate({ cwd: dir, schemas: ['report.cddl'], outDir: 'gen', includePath: ['shared'], debounceMs: 20 }, { onEvent: (e) => events.push(e), signal: controller.signal });
    const waitFor = async (test: (e: WatchEvent) => boolean): Promise<WatchEvent> => {
      for (let i = 0; i < 400; i++) {
        const found = events.find(test);
        if (found !== undefined) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`event not seen: ${JSON.stringify(events)}`);
    };
    try {
      await waitFor((e) => e.type === 'generated');
      expect(events.find((e) => e.type === 'watching' && e.files.includes('shared/acme-common.cddl'))).toBeDefined();
      write('shared/acme-common.cddl', 'Timestamp = uint\nDevice = { id: tstr, ? label: tstr }\n');
      const changed = await waitFor((e) => e.type === 'generated' && e.changed.includes('shared/acme-common.cddl'));
      expect(changed).toMatchObject({ written: ['gen/report.ts'] });
      expect(readFileSync(join(dir, 'gen', 'report.ts'), 'utf8')).toContain('label?: string');
    } finally {
      controller.abort();
      await done;
    }
  });
});

/** The README's vendor example, word for word. */
const SIGNED_STATUS_REPORT = `; ACME's signed status report: a COSE_Sign1 (RFC 9052) whose payload is a MIMI status report
SignedStatusReport = #6.18([
  Headers,
  payload: bstr .cbor MessageStatusReport,
  signature: bstr,
])
$extStatus /= &( starred: 8 )

;# import rfc9052
;# include mimi-message-status
`;

describe('the vendor example: a signed status report', () => {
  it('is in the README and docs/cddl-support.md word for word', () => {
    for (const doc of ['../../README.md', '../../docs/cddl-support.md']) expect(readFileSync(new URL(doc, import.meta.url), 'utf8')).toContain(SIGNED_STATUS_REPORT);
  });

  it('generates with no flag, type-checks, and round-trips a signed report whose payload is checked', async () => {
    // Inside the repository, so that generated code finds the packages it may import.
    const project = fileURLToPath(freshFolder(new URL('./__tmp__/', import.meta.url), 'vendor'));
    writeFileSync(join(project, 'signed-status.cddl'), SIGNED_STATUS_REPORT);
    // Its own config, so that the repository's is not found upward.
    writeFileSync(join(project, 'mimi-codegen.config.json'), JSON.stringify({ schemas: ['signed-status.cddl'], out: 'gen' }));
    const run = await cli(project, 'generate');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const files = readdirSync(join(project, 'gen')).filter((f) => f.endsWith('.ts'));
    writeFileSync(join(project, 'gen', 'package.json'), '{"type":"module"}\n');
    expect(typecheck(files.map((f) => join(project, 'gen', f)), { moduleResolution: 'nodenext' })).toEqual([]);
    const header = readFileSync(join(project, 'gen', 'signed-status.ts'), 'utf8').split('\n')[0];
    expect(header).toContain('from signed-status.cddl, mimi-codegen/library/rfc9052.cddl, mimi-codegen/schemas/mimi-message-status.cddl');

    const m = (await import(/* @vite-ignore */ join(project, 'gen', 'signed-status.ts'))) as Record<string, (value: never) => unknown>;
    const encodeReport = m.encodeMessageStatusReport as (v: unknown) => Uint8Array;
    const encode = m.encodeSignedStatusReport as (v: unknown) => Uint8Array;
    const decode = m.decodeSignedStatusReport as (b: Uint8Array) => { payload: Uint8Array };
    const payload = encodeReport([{ messageId: new Uint8Array(32).fill(7), status: 8 }]);
    const signed = { protected: new Uint8Array([0xa1, 0x01, 0x26]), unprotected: new Map([[4, new Uint8Array([1])]]), payload, signature: new Uint8Array(64) };
    const bytes = encode(signed);
    expect(bytes[0]).toBe(0xd2); // tag 18
    expect(decode(bytes).payload).toEqual(payload);
    // A payload that is not a status report is refused both ways: 18([h'a10126', {4: h'01'}, h'01', h'00…'])
    expect(() => encode({ ...signed, payload: new Uint8Array([0x01]) })).toThrow('expected a byte string holding an encoded MessageStatusReport');
    const wrong = Buffer.from(`d28443a10126a104410141015840${'00'.repeat(64)}`, 'hex');
    expect(() => decode(new Uint8Array(wrong))).toThrow(/payload/);
  }, 60_000);

  it('is the same in memory through the API', () => {
    const files = compile([{ path: 'signed-status.cddl', text: SIGNED_STATUS_REPORT }], { cwd: dir });
    expect(files[0]?.path).toBe('signed-status.ts');
  });
});
