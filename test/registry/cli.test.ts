/** `mimi-codegen registry`: the table and the JSON, exactly; a number two files both claim exits 1 naming both places. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { REPO, VENDOR_EXTENSION } from '../support/schemas.js';

let dir: string;
beforeEach(() => {
  mkdirSync(join(REPO, 'test/registry/__tmp__'), { recursive: true });
  dir = mkdtempSync(join(REPO, 'test/registry/__tmp__/cli-'));
  cpSync(join(REPO, 'schemas'), join(dir, 'schemas'), { recursive: true });
  writeFileSync(join(dir, VENDOR_EXTENSION.path), VENDOR_EXTENSION.text);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (...argv: string[]) => cli(dir, ...argv);

const DRAFT = 'schemas/mimi-message-status.cddl';

describe('registry', () => {
  it('prints the draft as a table: rule order, then value order', async () => {
    const { code, stdout, stderr } = await run('registry', DRAFT);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'rule           name       value   origin                               comment',
        '$extStatus     -          -       schemas/mimi-message-status.cddl:5   no values yet: add them with $extStatus /= &( name: value )',
        'baseStatus     unread     0       schemas/mimi-message-status.cddl:9',
        'baseStatus     delivered  1       schemas/mimi-message-status.cddl:10',
        'baseStatus     read       2       schemas/mimi-message-status.cddl:11',
        'baseStatus     expired    3       schemas/mimi-message-status.cddl:12',
        'baseStatus     deleted    4       schemas/mimi-message-status.cddl:13',
        'baseStatus     hidden     5       schemas/mimi-message-status.cddl:14',
        'baseStatus     error      6       schemas/mimi-message-status.cddl:15',
        'unknownStatus  unknown    7..255  schemas/mimi-message-status.cddl:17',
        '',
      ].join('\n'),
    );
  });

  it('prints each extension value with its file, line and comment, in value order whichever file claims it', async () => {
    writeFileSync(join(dir, 'other-vendor.cddl'), '$extStatus /= &(\n  archived: 12, ; moved out of the inbox\n  snoozed: 10\n)\n');
    const { code, stdout } = await run('registry', DRAFT, 'other-vendor.cddl', VENDOR_EXTENSION.path);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'rule           name       value   origin                               comment',
        'baseStatus     unread     0       schemas/mimi-message-status.cddl:9',
        'baseStatus     delivered  1       schemas/mimi-message-status.cddl:10',
        'baseStatus     read       2       schemas/mimi-message-status.cddl:11',
        'baseStatus     expired    3       schemas/mimi-message-status.cddl:12',
        'baseStatus     deleted    4       schemas/mimi-message-status.cddl:13',
        'baseStatus     hidden     5       schemas/mimi-message-status.cddl:14',
        'baseStatus     error      6       schemas/mimi-message-status.cddl:15',
        'unknownStatus  unknown    7..255  schemas/mimi-message-status.cddl:17',
        '$extStatus     starred    8       my-statuses.cddl:4                   the user starred the message',
        '$extStatus     pinned     9       my-statuses.cddl:5',
        '$extStatus     snoozed    10      other-vendor.cddl:3',
        '$extStatus     archived   12      other-vendor.cddl:2                  moved out of the inbox',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await run('registry', DRAFT, VENDOR_EXTENSION.path, '--json');
    expect(code).toBe(0);
    const at = (file: string, line: number, col: number) => ({ file, line, col });
    const base = ['unread', 'delivered', 'read', 'expired', 'deleted', 'hidden', 'error'].map((name, value) => ({
      name,
      value,
      cddl: String(value),
      origin: at(DRAFT, 9 + value, 5),
      doc: null,
    }));
    const expected = {
      enumerations: [
        { rule: 'baseStatus', origin: at(DRAFT, 8, 1), values: base },
        { rule: 'unknownStatus', origin: at(DRAFT, 17, 1), values: [{ name: 'unknown', value: { min: 7, max: 255 }, cddl: '7..255', origin: at(DRAFT, 17, 20), doc: null }] },
        {
          rule: '$extStatus',
          origin: at('my-statuses.cddl', 2, 1),
          values: [
            { name: 'starred', value: 8, cddl: '8', origin: at('my-statuses.cddl', 4, 3), doc: 'the user starred the message' },
            { name: 'pinned', value: 9, cddl: '9', origin: at('my-statuses.cddl', 5, 3), doc: null },
          ],
        },
      ],
    };
    // Exactly: these keys in this order, two-space indentation, a final newline.
    expect(stdout).toBe(`${JSON.stringify(expected, null, 2)}\n`);
    expect(stdout.startsWith('{\n  "enumerations": [\n    {\n      "rule": "baseStatus",\n      "origin": {\n        "file": "schemas/mimi-message-status.cddl",\n')).toBe(true);
  });

  // Generation only warns of a value two enumerations name (a registry policy, not an RFC rule); this command is the registry's check.
  it('prints the table, and exits 1 naming both places when two files claim one number', async () => {
    writeFileSync(join(dir, 'other-vendor.cddl'), '$extStatus /= &( flagged: 8 )\n');
    const { code, stdout, stderr } = await run('registry', DRAFT, VENDOR_EXTENSION.path, 'other-vendor.cddl');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^\$extStatus +flagged +8 +other-vendor\.cddl:1 *$/m);
    expect(stderr).toBe("other-vendor.cddl:1:18: warning: 'flagged' has the value 8, which 'starred' already names (my-statuses.cddl:4:3): both names are generated for the one value, and a registry's nameOf gives 'starred' (one name per value is a registry policy, not an RFC 8610 rule)\n");
  });

  it('says so of a schema with no enumeration, naming it, rather than print a header over nothing', async () => {
    writeFileSync(join(dir, 'plain.cddl'), 'report = [* int]\n');
    const { code, stdout, stderr } = await run('registry', 'plain.cddl');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe('plain.cddl: no enumerations (no choice of named values, &( name: value ), and no socket of one)\n');
  });

  it('exits 1 when an extension claims a number of the draft', async () => {
    writeFileSync(join(dir, 'clash.cddl'), '$extStatus /= &( clash: 2 )\n');
    const { code, stderr } = await run('registry', DRAFT, 'clash.cddl', '--json');
    expect(code).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(new RegExp(`^clash\\.cddl:1:18: warning: 'clash' has the value 2, which 'read' already names \\(${DRAFT.replace(/\./g, '\\.')}:11:5\\)`));
  });

  it('without schema files, follows the config (or the draft); exits 2 with a missing file; is listed in the help', async () => {
    writeFileSync(join(dir, 'mimi-codegen.config.json'), JSON.stringify({ schemas: ['mimi-message-status'], extensions: ['clash.cddl'] }));
    writeFileSync(join(dir, 'clash.cddl'), '$extStatus /= &( mine: 20 )\n');
    const fromConfig = await run('registry');
    expect(fromConfig.code).toBe(0);
    expect(fromConfig.stdout).toMatch(/^\$extStatus +mine +20 +clash\.cddl:1$/m);
    const missing = await run('registry', 'nope.cddl');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect((await run('--help')).stdout).toContain('mimi-codegen registry [schemas..]');
    expect((await run()).stderr).toContain('registry');
  });
});
