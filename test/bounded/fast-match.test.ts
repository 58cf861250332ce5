/**
 * The decoders' fast path for small fixed records (generator/emit/fast-match.ts) changes speed
 * only: a module decodes exactly as the same module with the fast path cut out (the general
 * reader alone), on valid encodings, odd ones and bytes near them — the same value, or the same
 * DecodeError (message, path, byte offset) — including at the depth limit and with
 * `deterministic`. Byte strings it reads stay views into the input. The writers of those records,
 * which write the same layout directly, give the bytes any CBOR library gives.
 */
import { encode as cbor } from 'cbor2';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, byteEdit } from '../support/byte-edits.js';
import { toHex as hex } from '../support/hex.js';
import { load, thrown, typeErrors, type Loaded } from './module.js';
import { importScratch } from '../support/scratch.js';

const SCHEMA = `
Report = [* Entry]
Entry = [id: MessageId, status: uint .le 255]
MessageId = bstr .size 32
Mixed = [flag: bool, small: 7..200, code: bstr .size 3, on: true, big: bstr .size 300, tiny: uint .le 23, last: 24..255]
Pair = [bstr .size 2, 0..255]
Tree = { ? sub: Tree, ? entry: Entry, ? mixed: Mixed, ? pair: Pair }
`;

type Rule = 'Report' | 'Entry' | 'Mixed' | 'Pair' | 'Tree';
type Decode = (bytes: Uint8Array, options?: { deterministic?: boolean }) => unknown;

/** The module's text with every call of a fast path removed: what the decoders did before it. */
function withoutFastPaths(contents: string): string {
  return contents.replace(/^ *const (\w+) = match\w+\(reader\);\n *if \(\1 !== undefined\) return \1;\n/gm, '');
}

/** The outcome of one decode, comparable across the two modules: the value (bytes as hex) or the error's message, path and offset. */
function outcome(decode: Decode, bytes: Uint8Array, deterministic: boolean): string {
  try {
    return `value ${JSON.stringify(decode(bytes, { deterministic }), (_, v: unknown) => (v instanceof Uint8Array ? `h'${hex(v)}'` : v))}`;
  } catch (error) {
    const { name, message, path, offset } = error as { name: string; message: string; path: string; offset: number };
    if (name !== 'DecodeError') throw error;
    return `${name} ${message} at ${path} offset ${offset}`;
  }
}

const u8 = (...parts: (number | number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...p])));
const fill = (n: number, b: number) => new Array<number>(n).fill(b);

describe('the fast path for small fixed records', () => {
  let fast: Loaded<Rule>;
  let general: Loaded<Rule>;
  const encode = (rule: Rule, value: unknown) => (fast.module[`encode${rule}`] as (v: unknown) => Uint8Array)(value);

  it('is generated for the fixed records only, and both modules type-check', async () => {
    fast = await load<Rule>('fast-match', SCHEMA);
    const text = (await import('node:fs')).readFileSync(fast.files[0]!, 'utf8');
    expect(text.match(/^function match\w+/gm)).toEqual(['function matchEntry', 'function matchMixed', 'function matchPair']);
    const { readFileSync } = await import('node:fs');
    general = await load<Rule>('fast-match-general', SCHEMA);
    // Rewrite the second module without its fast paths, then import that copy.
    const path = general.files[0]!;
    const cut = withoutFastPaths(readFileSync(path, 'utf8'));
    expect(cut).not.toMatch(/= match\w+\(reader\)/);
    const copy = general.files.map((file) => ({ path: file.replace(/^.*\//, ''), contents: file === path ? cut : readFileSync(file, 'utf8') }));
    const { module, dir } = await importScratch<Loaded<Rule>['module']>(new URL('./__tmp__/', import.meta.url), 'fast-match-general-cut', copy);
    const files = copy.map((file) => fileURLToPath(new URL(file.path, dir)));
    general = { module, files };
    expect(typeErrors(fast)).toEqual([]);
  });

  const id = Uint8Array.from({ length: 32 }, (_, i) => i * 7);
  const seeds: [Rule, Uint8Array][] = [];
  const odd: [Rule, Uint8Array][] = [];

  it('reads what the general reader reads, on valid and odd encodings', () => {
    const mixed = { flag: false, small: 150, code: u8(1, 2, 3), on: true, big: Uint8Array.from({ length: 300 }, (_, i) => i & 0xff), tiny: 23, last: 24 };
    seeds.push(
      ['Report', encode('Report', [0, 6, 7, 23, 24, 200, 255].map((status) => ({ id, status })))],
      ['Entry', encode("Entry", { id, status: 30 })],
      ['Mixed', encode('Mixed', mixed)],
      ['Mixed', encode('Mixed', { ...mixed, flag: true, small: 7, tiny: 0, last: 255 })],
      ['Pair', encode('Pair', [u8(9, 9), 24])],
      ['Tree', encode('Tree', { sub: { entry: { id, status: 1 }, pair: [u8(1, 2), 3] }, mixed })],
    );
    const entry = (...status: number[]) => u8(0x82, 0x58, 0x20, id, status);
    odd.push(
      ['Entry', entry(0x18, 5)], // non-shortest status: accepted, but not with `deterministic`
      ['Entry', entry(0x19, 0, 5)],
      ['Entry', entry(0x19, 1, 0)],
      ['Entry', entry(0x18)], // truncated
      ['Entry', u8(0x82, 0x58, 0x20, id)],
      ['Entry', u8(0x82, 0x58, 0x1f, id.subarray(1), 1)],
      ['Entry', u8(0x82, 0x59, 0, 0x20, id, 1)],
      ['Entry', u8(0x9f, 0x58, 0x20, id, 1, 0xff)],
      ['Entry', u8(0x82, 0x5f, 0x50, id.subarray(0, 16), 0x50, id.subarray(16), 0xff, 1)],
      ['Entry', u8(0x82, 0xd8, 0x40, 0x58, 0x20, id, 1)],
      ['Entry', entry(0xf9, 0x3c, 0)],
      ['Entry', entry(0x20)],
      ['Entry', u8(0x83, 0x58, 0x20, id, 1, 1)],
      ['Entry', u8(0x81, 0x58, 0x20, id)],
      ['Entry', entry(1, 0)], // trailing byte
      ['Report', u8(0x82, entry(1), entry(0x18))],
      ['Report', u8(0x81, entry(0x18, 0x18))],
      ['Pair', u8(0x82, 0x42, 9, 9, 0x18)],
      ['Pair', u8(0x82, 0x42, 9, 9, 0x18, 0xff)],
      ['Mixed', u8(0x87, 0xf6, 7, 0x43, 1, 2, 3, 0xf5, 0x59, 1, 0x2c, fill(300, 0), 0, 0x18, 24)],
      ['Mixed', u8(0x87, 0xf4, 6, 0x43, 1, 2, 3, 0xf5, 0x59, 1, 0x2c, fill(300, 0), 0, 0x18, 24)],
      ['Mixed', u8(0x87, 0xf4, 0x18, 201, 0x43, 1, 2, 3, 0xf5, 0x59, 1, 0x2c, fill(300, 0), 0, 0x18, 24)],
      ['Mixed', u8(0x87, 0xf4, 7, 0x43, 1, 2, 3, 0xf4, 0x59, 1, 0x2c, fill(300, 0), 0, 0x18, 24)],
      ['Mixed', u8(0x87, 0xf4, 7, 0x43, 1, 2, 3, 0xf5, 0x59, 1, 0x2c, fill(300, 0), 0x18, 23, 0x18, 24)],
      ['Mixed', u8(0x87, 0xf4, 7, 0x43, 1, 2, 3, 0xf5, 0x59, 1, 0x2c, fill(300, 0), 0, 23)],
      ['Mixed', u8(0x87, 0xf4, 7, 0x43, 1, 2, 3, 0xf5, 0x59, 1, 0x2c, fill(300, 0), 0, 0x18)],
    );
    let accepted = 0;
    for (const [rule, bytes] of [...seeds, ...odd]) {
      for (const deterministic of [false, true]) {
        const ours = outcome(fast.module[`decode${rule}`] as Decode, bytes, deterministic);
        expect(ours, `${rule} ${hex(bytes)}${deterministic ? ' (deterministic)' : ''}`).toBe(outcome(general.module[`decode${rule}`] as Decode, bytes, deterministic));
        if (ours.startsWith('value')) accepted++;
      }
    }
    // The odd list is not all rejections: the fast path has to step aside for what the general reader accepts.
    expect(accepted).toBeGreaterThan(seeds.length * 2 + 2);
  });

  it('reads what the general reader reads, on bytes near valid ones', () => {
    const inputs = [...seeds, ...odd];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: inputs.length - 1 }), fc.array(byteEdit, { minLength: 1, maxLength: 3 }), fc.boolean(), (k, edits, deterministic) => {
        const [rule, seed] = inputs[k]!;
        const bytes = applyEdits(seed, edits);
        expect(outcome(fast.module[`decode${rule}`] as Decode, bytes, deterministic)).toBe(outcome(general.module[`decode${rule}`] as Decode, bytes, deterministic));
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps the depth limit: a record entered at the limit is refused as the general reader refuses it', () => {
    const entry = u8(0x82, 0x58, 0x20, id, 1);
    // `{ sub: { sub: … { entry: [id, 1] } } }`, the record at nesting level `maps + 1`.
    const nested = (maps: number) => u8(...Array.from({ length: maps - 1 }, () => [0xa1, 0x63, 0x73, 0x75, 0x62]).flat(), 0xa1, 0x65, ...new TextEncoder().encode('entry'), entry);
    for (const maps of [254, 255, 256]) {
      const ours = outcome(fast.module.decodeTree as Decode, nested(maps), false);
      expect(ours).toBe(outcome(general.module.decodeTree as Decode, nested(maps), false));
      expect(ours.startsWith('value'), ours).toBe(maps < 256);
    }
  });

  it('hands out byte strings as views into the input', () => {
    const bytes = seeds[0]![1];
    const report = (fast.module.decodeReport as Decode)(bytes) as { id: Uint8Array }[];
    for (const entry of report) expect(entry.id.buffer).toBe(bytes.buffer);
    expect(thrown(() => (fast.module.decodeEntry as Decode)(u8(0x82, 0x58, 0x20)))).toBeDefined();
  });

  it('writes the deterministic encoding, as cbor2 writes the same items', () => {
    const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n });
    const mixed = fc.record({ flag: fc.boolean(), small: fc.integer({ min: 7, max: 200 }), code: bytes(3), on: fc.constant(true), big: bytes(300), tiny: fc.integer({ min: 0, max: 23 }), last: fc.integer({ min: 24, max: 255 }) });
    const entry = fc.record({ id: bytes(32), status: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(mixed, fc.array(entry, { maxLength: 5 }), bytes(2), fc.integer({ min: 0, max: 255 }), (m, entries, b, n) => {
        const cases: [Rule, unknown, unknown][] = [
          ['Mixed', m, [m.flag, m.small, m.code, m.on, m.big, m.tiny, m.last]],
          ['Report', entries, entries.map((e) => [e.id, e.status])],
          ['Pair', [b, n], [b, n]],
        ];
        for (const [rule, value, items] of cases) {
          const ours = encode(rule, value);
          expect(hex(ours)).toBe(hex(cbor(items)));
          expect(outcome(fast.module[`decode${rule}`] as Decode, ours, true)).toBe(outcome(general.module[`decode${rule}`] as Decode, ours, true));
        }
      }),
      { numRuns: 300 },
    );
  });
});
