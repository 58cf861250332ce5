/**
 * The exactly sized encoders of small fixed records and lists of them (generator/emit/usual-sizes.ts)
 * change speed only: a module encodes exactly as the same module with them cut out (check, then
 * write, then copy), on valid values and on values wrong in every member, at every position of a
 * list — the same bytes, or an EncodeError with the same message and problems (paths included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { load, thrown, typeErrors, type Loaded } from './module.js';
import { importScratch } from '../support/scratch.js';

const SCHEMA = `
Report = [* Entry]
Entry = [id: MessageId, status: uint .le 255]
MessageId = bstr .size 32
Mixed = [flag: bool, small: 7..200, code: bstr .size 3, on: true, holes: (1..5 / 10..20), tiny: uint .le 23]
Pair = [bstr .size 2, 0..255]
Pairs = [1*2 Pair]
Tree = { ? sub: Tree, ? entry: Entry, ? pair: Pair }
`;

type Rule = 'Report' | 'Entry' | 'Mixed' | 'Pair' | 'Pairs' | 'Tree';

/** The module's text with every sized attempt removed: what encodeX did before them. */
function withoutTryWriters(contents: string): string {
  return contents.replace(/\b(?:usualEncoder|rememberingUsualEncoder)\(size\w+, put\w+, /g, (call) => (call.startsWith('usual') ? 'encoder(' : 'rememberingEncoder('));
}

/** The outcome of one encode, comparable across the two modules: the bytes (hex) or the error's name, message and problems. */
function outcome(encode: (value: unknown) => unknown, value: unknown): string {
  const error = thrown(() => encode(value));
  if (error === undefined) return `bytes ${Buffer.from(encode(value) as Uint8Array).toString('hex')}`;
  const { name, message, problems } = error as { name: string; message: string; problems: unknown };
  if (name !== 'EncodeError') throw error;
  return `${name} ${message} ${JSON.stringify(problems)}`;
}

describe('exactly sized encoders', () => {
  let fast: Loaded<Rule>;
  let general: Loaded<Rule>;

  it('are generated for fixed records and lists of them only, and the module type-checks', async () => {
    fast = await load<Rule>('usual-sizes', SCHEMA);
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(fast.files[0]!, 'utf8');
    expect(text.match(/^function size\w+/gm)).toEqual(['function sizeReport', 'function sizeEntry', 'function sizeMixed', 'function sizePair', 'function sizePairs']);
    expect(typeErrors(fast)).toEqual([]);
    general = await load<Rule>('usual-sizes-general', SCHEMA);
    const path = general.files[0]!;
    const cut = withoutTryWriters(readFileSync(path, 'utf8'));
    expect(cut).not.toMatch(/usualEncoder\(/);
    const copy = general.files.map((file) => ({ path: file.replace(/^.*\//, ''), contents: file === path ? cut : readFileSync(file, 'utf8') }));
    general = { module: (await importScratch<Loaded<Rule>['module']>(new URL('./__tmp__/', import.meta.url), 'usual-sizes-general-cut', copy)).module, files: [] };
  });

  const same = (rule: Rule, value: unknown) => {
    const ours = outcome(fast.module[`encode${rule}`], value);
    expect(ours).toBe(outcome(general.module[`encode${rule}`], value));
    return ours;
  };

  const id = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
  const mixed = { flag: false, small: 150, code: Uint8Array.of(1, 2, 3), on: true, holes: 12, tiny: 23 };
  /** Values each member may take: valid ones first, then ones the check refuses. */
  const odd = [undefined, null, -1, 0.5, 256, 24, 2 ** 53, 7n, '1', true, false, new Uint8Array(32), new Uint8Array(3), new Uint8Array(2), new Uint16Array(16), [], {}];

  it('encode valid values as before', () => {
    expect(same('Report', [0, 6, 7, 23, 24, 200, 255].map((status) => ({ id, status })))).toMatch(/^bytes 87825820/);
    same('Report', []);
    // Written into a buffer of exactly its size, returned without a copy.
    for (const [rule, value] of [['Report', [{ id, status: 3 }, { id, status: 30 }]], ['Mixed', mixed], ['Pairs', [[Uint8Array.of(1, 2), 200]]]] as const) {
      const bytes = fast.module[`encode${rule}`](value) as Uint8Array;
      expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
    }
    same('Entry', { id, status: 30, extra: 'ignored as the check ignores it' });
    same('Entry', Object.assign(Object.create({ id }) as object, { status: 1 }));
    same('Mixed', mixed);
    same('Mixed', { ...mixed, flag: true, small: 7, holes: 1, tiny: 0 });
    same('Pair', [Uint8Array.of(9, 9), 24]);
    same('Pairs', [[Uint8Array.of(9, 9), 24]]);
    same('Tree', { sub: { entry: { id, status: 1 }, pair: [Uint8Array.of(1, 2), 3] } });
  });

  it('refuse what the check refuses, with the same EncodeError', () => {
    for (const v of odd) {
      expect(same('Entry', { id: v, status: 1 })).toMatch(v instanceof Uint8Array && v.length === 32 ? /^bytes/ : /^EncodeError/);
      same('Entry', { id, status: v });
      same('Report', [{ id, status: 1 }, { id, status: v }, { id: v, status: 2 }]);
      same('Report', v);
      same('Entry', v);
      for (const key of Object.keys(mixed)) same('Mixed', { ...mixed, [key]: v });
      same('Pair', [v, 1]);
      same('Pair', [Uint8Array.of(1, 2), v]);
      same('Pairs', [[Uint8Array.of(1, 2), 1], v]);
      same('Pairs', v);
    }
    same('Pair', [Uint8Array.of(1, 2), 1, 2]);
    same('Pairs', []);
    same('Pairs', [[Uint8Array.of(1, 2), 1], [Uint8Array.of(1, 2), 1], [Uint8Array.of(1, 2), 1]]);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    same('Report', cyclic);
    same('Pairs', [cyclic]);
  });

  it('go the general way when a getter answers otherwise between sizing and writing', () => {
    // Sized as 36 bytes (status 3), then written with status 30: 37 bytes do not fit, so the value is checked again.
    let statusReads = 0;
    const flipping = { id, get status() { return statusReads++ === 0 ? 3 : 30; } };
    expect(Buffer.from(fast.module.encodeEntry(flipping) as Uint8Array).toString('hex')).toBe(`825820${Buffer.from(id).toString('hex')}181e`);
    // Sized with a 32-byte id, then handed 40 bytes: the copy does not fit (a RangeError inside), and the check refuses it.
    let idReads = 0;
    const growing = { get id() { return idReads++ === 0 ? id : new Uint8Array(40); }, status: 1 };
    expect((thrown(() => fast.module.encodeEntry(growing)) as Error).name).toBe('EncodeError');
  });

  it('take a byte string from another realm as the check does', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext('new Uint8Array(32)') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(same('Report', [{ id, status: 3 }, { id: foreign, status: 4 }])).toMatch(/^bytes/);
  });

  it('encode as before on arbitrary entries', () => {
    const member = fc.oneof(fc.constantFrom(...odd), fc.integer({ min: -2, max: 300 }), fc.uint8Array({ minLength: 31, maxLength: 33 }));
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.oneof(fc.constant(id), member), status: fc.oneof(fc.integer({ min: 0, max: 255 }), member) }), { maxLength: 4 }), (report) => {
        same('Report', report);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
