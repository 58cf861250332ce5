/** `mimi-codegen diff`, run in-process on temporary folders: output, --json, --git, exit codes. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_SCHEMA, EXIT_USAGE, runCli } from '../../generator/cli.js';
import { cli } from '../support/cli.js';
import { diffSchemas } from '../../generator/diff/index.js';
import { compileIr } from '../../generator/index.js';

const V1 = `Report = [ * PerMessageStatus ]
PerMessageStatus = [
    messageId: MessageId,
    status: baseStatus / unknownStatus
]
baseStatus = &(
    unread: 0,
    read: 2,
)
unknownStatus = &( unknown: 7..255 )
MessageId = bstr .size 32
`;
/** 'read' renumbered (breaking), 'starred' added in the unknown range (compatible), a rule added (compatible). */
const V2 = V1.replace('read: 2,', 'read: 9,\n    starred: 8,') + 'Extra = tstr\n';
/** Only compatible changes. */
const V3 = V1.replace('read: 2,', 'read: 2,\n    starred: 8,');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mimi-diff-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => cli(dir, ...argv);

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

describe('diff <old…> -- <new…>', () => {
  it('prints one line per change and a summary, and exits 1 when something breaks', async () => {
    write({ 'old.cddl': V1, 'new.cddl': V2 });
    const { code, stdout, stderr } = await run('diff', 'old.cddl', '--', 'new.cddl');
    expect(code).toBe(EXIT_SCHEMA);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        "BREAKING  PerMessageStatus.status  enumeration value 'read' renumbered 2 → 9  (new.cddl:8:5)",
        "compatible  PerMessageStatus.status  enumeration value 'starred' (8) added; old decoders already accept 8 as 'unknown' (7..255)  (new.cddl:9:5)",
        "compatible  Extra  rule 'Extra' added  (new.cddl:13:1)",
        '1 breaking, 2 compatible',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 when every change is compatible, and when there is none', async () => {
    write({ 'old.cddl': V1, 'new.cddl': V3 });
    const compatible = await run('diff', 'old.cddl', '--', 'new.cddl');
    expect(compatible.code).toBe(EXIT_OK);
    expect(compatible.stdout.split('\n').slice(-2)).toEqual(['0 breaking, 1 compatible', '']);
    const same = await run('diff', 'old.cddl', '--', 'old.cddl');
    expect(same).toEqual({ code: EXIT_OK, stdout: 'no changes\n', stderr: '' });
  });

  it('takes several files on each side: the schema, then extensions', async () => {
    write({ 'old.cddl': V1, 'new.cddl': V1.replace('status: baseStatus /', 'status: baseStatus / $extStatus /'), 'acme.cddl': '$extStatus /= &( pinned: 300 )\n' });
    const { code, stdout } = await run('diff', 'old.cddl', '--', 'new.cddl', 'acme.cddl');
    expect(code).toBe(EXIT_SCHEMA);
    expect(stdout).toBe(
      [
        "BREAKING  PerMessageStatus.status  enumeration value 'pinned' (300) added; old decoders reject 300  (acme.cddl:1:18)",
        "compatible  $extStatus  rule '$extStatus' added  (acme.cddl:1:1)",
        '1 breaking, 1 compatible',
        '',
      ].join('\n'),
    );
  });

  it('--json prints the changes as an array, the same as diffSchemas returns', async () => {
    write({ 'old.cddl': V1, 'new.cddl': V2 });
    const { code, stdout } = await run('diff', '--json', 'old.cddl', '--', 'new.cddl');
    expect(code).toBe(EXIT_SCHEMA);
    const expected = diffSchemas(compileIr([{ path: 'old.cddl', text: V1 }]), compileIr([{ path: 'new.cddl', text: V2 }]));
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(JSON.parse(stdout)[0]).toEqual({
      kind: 'enum-value-renumbered',
      severity: 'breaking',
      rule: 'PerMessageStatus',
      path: 'PerMessageStatus.status',
      message: "enumeration value 'read' renumbered 2 → 9",
      old: { file: 'old.cddl', line: 8, col: 5 },
      new: { file: 'new.cddl', line: 8, col: 5 },
    });
    // Also after the files, where yargs would take it for a file name.
    expect((await run('diff', 'old.cddl', '--', 'new.cddl', '--json')).stdout).toBe(stdout);
    const none = await run('diff', '--json', 'old.cddl', '--', 'old.cddl');
    expect(none).toEqual({ code: EXIT_OK, stdout: '[]\n', stderr: '' });
  });

  it('exits 2 on usage errors: no --, a side without files, a missing file, an unknown flag', async () => {
    write({ 'old.cddl': V1, 'new.cddl': V2 });
    const noDashes = await run('diff', 'old.cddl', 'new.cddl');
    expect(noDashes.code).toBe(EXIT_USAGE);
    expect(noDashes.stderr).toContain("name the old schema files, then '--', then the new ones: mimi-codegen diff <old.cddl…> -- <new.cddl…>");
    const noNew = await run('diff', 'old.cddl', '--');
    expect(noNew.code).toBe(EXIT_USAGE);
    expect(noNew.stderr).toContain("name the old schema files, then '--', then the new ones");
    const noOld = await run('diff', '--', 'new.cddl');
    expect(noOld.code).toBe(EXIT_USAGE);
    expect(noOld.stderr).toContain('name the old schema files');
    const missing = await run('diff', 'old.cddl', '--', 'nope.cddl');
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toContain('cannot read nope.cddl: no such file');
    expect((await run('diff', '--bogus', 'old.cddl', '--', 'new.cddl')).code).toBe(EXIT_USAGE);
    expect(noDashes.stdout + missing.stdout).toBe('');
  });

  it('exits 1 with file:line:col on a schema error in either side', async () => {
    write({ 'old.cddl': V1, 'bad.cddl': 'a = [ int,\n    b: tstr\n' });
    const newBad = await run('diff', 'old.cddl', '--', 'bad.cddl');
    expect(newBad.code).toBe(EXIT_SCHEMA);
    expect(newBad.stderr.split('\n')[0]).toBe("bad.cddl:3:1: expected ']' to close the array opened at 1:5 (RFC 9682 Appendix A: type2)");
    expect(newBad.stdout).toBe('');
    const oldBad = await run('diff', 'bad.cddl', '--', 'old.cddl');
    expect(oldBad.code).toBe(EXIT_SCHEMA);
    expect(oldBad.stderr.split('\n')[0]).toBe("bad.cddl:3:1: expected ']' to close the array opened at 1:5 (RFC 9682 Appendix A: type2)");
  });

  it('is listed in the help', async () => {
    const { code, stdout } = await run('--help');
    expect(code).toBe(EXIT_OK);
    expect(stdout).toContain('mimi-codegen diff');
  });
});

describe('diff --git <rev> <files…>', () => {
  function git(...args: string[]): string {
    return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  beforeEach(() => {
    git('init', '-q');
    git('config', 'user.name', 'Test');
    git('config', 'user.email', 'test@example.com');
    git('config', 'commit.gpgsign', 'false');
    write({ 'schemas/status.cddl': V1, 'schemas/acme.cddl': '$extStatus /= &( starred: 8 )\n' });
    git('add', '.');
    git('commit', '-q', '-m', 'v1');
  });

  it('compares the files at the revision with the working tree', async () => {
    write({ 'schemas/status.cddl': V2 });
    const { code, stdout, stderr } = await run('diff', '--git', 'HEAD', 'schemas/status.cddl');
    expect(stderr).toBe('');
    expect(code).toBe(EXIT_SCHEMA);
    expect(stdout).toBe(
      [
        "BREAKING  PerMessageStatus.status  enumeration value 'read' renumbered 2 → 9  (schemas/status.cddl:8:5)",
        "compatible  PerMessageStatus.status  enumeration value 'starred' (8) added; old decoders already accept 8 as 'unknown' (7..255)  (schemas/status.cddl:9:5)",
        "compatible  Extra  rule 'Extra' added  (schemas/status.cddl:13:1)",
        '1 breaking, 2 compatible',
        '',
      ].join('\n'),
    );
    // The old side is named after the revision.
    const json = await run('diff', '--git', 'HEAD', '--json', 'schemas/status.cddl');
    expect(JSON.parse(json.stdout)[0].old).toEqual({ file: 'HEAD:schemas/status.cddl', line: 8, col: 5 });
  });

  it('exits 0 when the changes since an older revision are compatible, from any folder, with several files', async () => {
    write({ 'schemas/status.cddl': V3 });
    git('commit', '-q', '-am', 'v3');
    const { code, stdout } = await run('diff', '--git', 'HEAD~1', 'schemas/status.cddl', 'schemas/acme.cddl');
    expect({ code, stdout }).toEqual({
      code: EXIT_OK,
      stdout: "compatible  PerMessageStatus.status  enumeration value 'starred' (8) added; old decoders already accept 8 as 'unknown' (7..255)  (schemas/status.cddl:9:5)\n0 breaking, 1 compatible\n",
    });
    expect((await run('diff', '--git', 'HEAD', 'schemas/status.cddl', 'schemas/acme.cddl')).stdout).toBe('no changes\n');
    const inner = await runCli(['diff', '--git', 'HEAD~1', 'status.cddl'], { stdout: () => {}, stderr: () => {}, cwd: join(dir, 'schemas') });
    expect(inner).toBe(EXIT_OK);
  });

  it('exits 2 for an unknown revision, a file not in it, a folder outside git, or -- with --git', async () => {
    const badRev = await run('diff', '--git', 'nope', 'schemas/status.cddl');
    expect(badRev.code).toBe(EXIT_USAGE);
    expect(badRev.stderr).toContain('cannot read schemas/status.cddl at nope:');
    write({ 'schemas/new.cddl': V1 });
    const notThere = await run('diff', '--git', 'HEAD', 'schemas/new.cddl');
    expect(notThere.code).toBe(EXIT_USAGE);
    expect(notThere.stderr).toContain('cannot read schemas/new.cddl at HEAD:');
    const outside = mkdtempSync(join(tmpdir(), 'mimi-diff-nogit-'));
    try {
      writeFileSync(join(outside, 's.cddl'), V1);
      expect(await runCli(['diff', '--git', 'HEAD', join(outside, 's.cddl')], { stdout: () => {}, stderr: () => {}, cwd: dir })).toBe(EXIT_USAGE);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    const dashes = await run('diff', '--git', 'HEAD', 'schemas/status.cddl', '--', 'schemas/status.cddl');
    expect(dashes.code).toBe(EXIT_USAGE);
    expect(dashes.stderr).toContain("with --git, name the files once, without '--'");
    const noFiles = await run('diff', '--git', 'HEAD');
    expect(noFiles.code).toBe(EXIT_USAGE);
  });
});
