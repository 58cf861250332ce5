/**
 * Extension points: the draft's schema plus a file adding `$extStatus`
 * values, generated in memory with `compile`, written to a temp folder and
 * imported.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, formatWarning, type SchemaText } from '../../generator/index.js';
import * as baseModule from '../../generated/mimi-message-status.js';
import { decodeErrorOf, id32, reportBytes, toHex } from './helpers.js';
import { RUNTIME_FILES } from '../../generator/emit/index.js';
import { freshFolder } from '../support/scratch.js';

const schemaPath = 'schemas/mimi-message-status.cddl';
const base: SchemaText = {
  path: schemaPath,
  text: readFileSync(fileURLToPath(new URL('../../schemas/mimi-message-status.cddl', import.meta.url)), 'utf8'),
};
/** 1-based line of `read: 2` in the base schema, found rather than assumed. */
const readLine = base.text.split('\n').findIndex((l) => /^\s*read:\s*2\b/.test(l)) + 1;

type StatusModule = Omit<typeof baseModule, 'ExtStatus'> & { ExtStatus: Readonly<Record<string, number>> };

const tmpRoot = fileURLToPath(new URL('./__tmp__/', import.meta.url));
let tmpDir = '';

beforeAll(() => {
  tmpDir = fileURLToPath(freshFolder(tmpRoot, 'ext'));
});

afterAll(() => {
  if (tmpDir !== '') rmSync(tmpDir, { recursive: true, force: true });
});

/** Generates the schema plus `extensions`, writes the files to a fresh folder and imports the module. */
async function generateAndImport(name: string, extensions: SchemaText[]): Promise<StatusModule> {
  const files = compile([base, ...extensions]);
  expect(files.map((f) => f.path)).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES]);
  const dir = join(tmpDir, name);
  mkdirSync(dir);
  for (const f of files) writeFileSync(join(dir, f.path), f.contents);
  return (await import(pathToFileURL(join(dir, files[0]!.path)).href)) as StatusModule;
}

/** Runs `compile` and returns its warnings, as the command line prints them. */
function warningsOf(schemas: SchemaText[]): string[] {
  const warnings: string[] = [];
  compile(schemas, { onWarning: (w) => warnings.push(formatWarning(w)) });
  return warnings;
}

describe('with `$extStatus /= &( starred: 8, pinned: 9 )`', () => {
  let m: StatusModule;

  beforeAll(async () => {
    m = await generateAndImport('starred', [{ path: 'ext.cddl', text: '$extStatus /= &( starred: 8, pinned: 9 )\n' }]);
  });

  it('exports the values in ExtStatus, and keeps BaseStatus', () => {
    expect(m.ExtStatus.starred).toBe(8);
    expect(m.ExtStatus.pinned).toBe(9);
    expect(Object.keys(m.ExtStatus)).toEqual(['starred', 'pinned']);
    expect(m.BaseStatus).toEqual(baseModule.BaseStatus);
  });

  it('a report with `starred` and `pinned` round-trips', () => {
    const report = [
      { messageId: id32(1), status: m.ExtStatus.starred! },
      { messageId: id32(2), status: m.BaseStatus.read },
      { messageId: id32(3), status: m.ExtStatus.pinned! },
    ];
    const bytes = m.encodeMessageStatusReport(report as never);
    expect(toHex(bytes)).toBe(toHex(reportBytes(report.map((e) => [e.messageId, e.status]))));
    expect(m.decodeMessageStatusReport(bytes)).toEqual(report);
  });

  it('decodeExtStatus / isExtStatus accept exactly 8 and 9', () => {
    for (let s = 0; s <= 255; s++) expect(m.isExtStatus(s), `${s}`).toBe(s === 8 || s === 9);
    expect(m.decodeExtStatus(Uint8Array.of(0x08))).toBe(8);
    const e = decodeErrorOf(() => m.decodeExtStatus(Uint8Array.of(0x0a)));
    expect([e.path, e.offset]).toEqual(['', 0]);
  });

  it('the base module (no extension) has an empty ExtStatus and accepts 8 as an unknown status', () => {
    expect(baseModule.ExtStatus).toEqual({});
    expect(baseModule.isExtStatus(8)).toBe(false);
    const bytes = reportBytes([[id32(1), 8]]);
    expect(baseModule.decodeMessageStatusReport(bytes)[0]?.status).toBe(8);
  });

  it('an unknown-range value the extension does not name (200) still round-trips', () => {
    const bytes = reportBytes([
      [id32(1), 200],
      [id32(2), 8],
    ]);
    const decoded = m.decodeMessageStatusReport(bytes);
    expect(decoded.map((e) => e.status)).toEqual([200, 8]);
    expect(toHex(m.encodeMessageStatusReport(decoded))).toBe(toHex(bytes));
    expect(m.isUnknownStatus(200)).toBe(true);
    expect(m.isExtStatus(200)).toBe(false);
  });

  it('still rejects 256 and checks IDs, like the base module', () => {
    const e = decodeErrorOf(() => m.decodeMessageStatusReport(Uint8Array.from([0x81, 0x82, 0x58, 0x20, ...id32(0), 0x19, 0x01, 0x00])));
    expect([e.path, e.offset]).toEqual(['[0].status', 36]);
    expect(m.validateMessageStatusReport([{ messageId: new Uint8Array(3), status: 8 }]).map((p) => p.path)).toEqual(['[0].messageId']);
  });

  it('behaves like the base module on every report (statuses 0..255)', () => {
    const reportArb = fc.array(fc.record({ messageId: fc.uint8Array({ minLength: 32, maxLength: 32 }), status: fc.integer({ min: 0, max: 255 }) }), { maxLength: 10 });
    fc.assert(
      fc.property(reportArb, (r) => {
        const ours = m.encodeMessageStatusReport(r as never);
        expect(toHex(ours)).toBe(toHex(baseModule.encodeMessageStatusReport(r as never)));
        expect(m.decodeMessageStatusReport(ours)).toEqual(r);
      }),
      { numRuns: 100 },
    );
  });
});

describe('an extension outside the base range', () => {
  it('`$extStatus /= &( big: 300 )` makes 300 a valid status (and 299 still not)', async () => {
    const m = await generateAndImport('big', [{ path: 'big.cddl', text: '$extStatus /= &( big: 300 )\n' }]);
    expect(m.ExtStatus.big).toBe(300);
    const bytes = Uint8Array.from([0x81, 0x82, 0x58, 0x20, ...id32(0), 0x19, 0x01, 0x2c]);
    const decoded = m.decodeMessageStatusReport(bytes);
    expect(decoded[0]?.status).toBe(300);
    expect(toHex(m.encodeMessageStatusReport(decoded))).toBe(toHex(bytes));
    expect(m.isMessageStatusReport([{ messageId: id32(0), status: 299 }])).toBe(false);
    // And the base module rejects 300.
    expect(decodeErrorOf(() => baseModule.decodeMessageStatusReport(bytes)).path).toBe('[0].status');
  });
});

describe('collisions', () => {
  // One name per value is a registry policy, not an RFC 8610 rule: the schema generates, with a warning naming both places.
  it('an extension value equal to a base value generates, with a warning naming both places', async () => {
    const warnings = warningsOf([base, { path: 'clash.cddl', text: '$extStatus /= &( clash: 2 )\n' }]);
    expect(readLine).toBeGreaterThan(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^clash\\.cddl:1:18: warning: 'clash' has the value 2, which 'read' already names \\(${schemaPath.replace(/\./g, '\\.')}:${readLine}:\\d+\\)`));
    const m = await generateAndImport('clash', [{ path: 'clash.cddl', text: '$extStatus /= &( clash: 2 )\n' }]);
    expect(m.ExtStatus.clash).toBe(2);
    // One data item, two names: 2 decodes, passes the guard and re-encodes as itself; the registry names it as the draft does.
    const bytes = reportBytes([[id32(1), 2]]);
    const decoded = m.decodeMessageStatusReport(bytes);
    expect(decoded[0]?.status).toBe(2);
    expect(m.isMessageStatusReport(decoded)).toBe(true);
    expect(toHex(m.encodeMessageStatusReport(decoded))).toBe(toHex(bytes));
    expect(m.nameOfBaseStatusChoice(2)).toBe('read');
  });

  it('the clash is found on a later line of the extension file too', () => {
    const warnings = warningsOf([base, { path: 'clash.cddl', text: '$extStatus /= &( starred: 8 )\n$extStatus /= &( gone: 4 )\n' }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^clash\.cddl:2:\d+: warning: 'gone' has the value 4, which 'deleted' already names/);
  });

  it('two extension files claiming the same number warn, naming both files', () => {
    const warnings = warningsOf([
      base,
      { path: 'a.cddl', text: '$extStatus /= &( starred: 8 )\n' },
      { path: 'b.cddl', text: '\n$extStatus /= &( pinned: 8 )\n' },
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^b\.cddl:2:\d+: warning: 'pinned' has the value 8, which 'starred' already names \(a\.cddl:1:\d+\)/)]);
  });

  it('distinct numbers from two files are fine, and both are exported', async () => {
    const m = await generateAndImport('two-files', [
      { path: 'a.cddl', text: '$extStatus /= &( starred: 8 )\n' },
      { path: 'b.cddl', text: '$extStatus /= &( pinned: 9 )\n' },
    ]);
    expect(m.ExtStatus).toEqual({ starred: 8, pinned: 9 });
  });
});
