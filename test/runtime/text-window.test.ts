/**
 * CborReader.readText's windows (cbor-reader.ts textWindow): a text string and the small integers
 * and short texts after it decoded with one TextDecoder call, later texts cut out of it. Whatever
 * the mix of ASCII, other UTF-8, invalid UTF-8 and byte strings, and however the reading is
 * rewound, every text reads as TextDecoder decodes it alone, and invalid text fails where it starts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborReader, isDecodeError } from '../../templates/runtime.js';

type Item = { kind: 'uint'; value: number } | { kind: 'text'; bytes: number[] } | { kind: 'bytes'; bytes: number[] };

function head(major: number, n: number): number[] {
  if (n < 24) return [(major << 5) | n];
  if (n < 256) return [(major << 5) | 24, n];
  return [(major << 5) | 25, n >> 8, n & 0xff];
}

function encode(items: readonly Item[]): { bytes: Uint8Array; starts: number[] } {
  const out: number[] = [];
  const starts: number[] = [];
  for (const item of items) {
    starts.push(out.length);
    if (item.kind === 'uint') out.push(...head(0, item.value));
    else out.push(...head(item.kind === 'text' ? 3 : 2, item.bytes.length), ...item.bytes);
  }
  return { bytes: Uint8Array.from(out), starts };
}

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const decoded = (bytes: number[]): string | null => {
  try {
    return fatal.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
};

const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 70 }).map(utf8);
const other = fc.array(fc.constantFrom('a', 'é', '水', '😀', '\ufeff', 'mimi://'), { maxLength: 20 }).map((parts) => utf8(parts.join('')));
const invalid = fc.tuple(ascii, fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0x80])).map(([a, bad]) => [...a, ...bad]);
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 23 }).map((value) => ({ kind: 'uint' as const, value })) },
  { weight: 6, arbitrary: ascii.map((bytes) => ({ kind: 'text' as const, bytes })) },
  { weight: 2, arbitrary: other.map((bytes) => ({ kind: 'text' as const, bytes })) },
  { weight: 1, arbitrary: invalid.map((bytes) => ({ kind: 'text' as const, bytes })) },
  { weight: 1, arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 20 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
);

/** Reads items from..to as their kinds say, checking each against its own decoding; stops at the first invalid text. */
function readAndCheck(reader: CborReader, items: readonly Item[], starts: readonly number[], from: number): void {
  for (let i = from; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind === 'uint') expect(reader.readUint('')).toBe(it.value);
    else if (it.kind === 'bytes') expect([...reader.readBytes('')]).toEqual(it.bytes);
    else {
      const want = decoded(it.bytes);
      if (want === null) {
        let error: unknown;
        try {
          reader.readText('');
        } catch (e) {
          error = e;
        }
        expect(isDecodeError(error) && error.reason === 'invalid UTF-8 in text string' && error.offset === starts[i]).toBe(true);
        return;
      }
      expect(reader.readText('')).toBe(want);
      expect(reader.textLength).toBe(it.bytes.length);
    }
  }
}

describe('readText windows', () => {
  it('read every text as TextDecoder does alone, whatever follows it, rewound or not', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.nat(), (items, cut) => {
        const { bytes, starts } = encode(items);
        const reader = new CborReader(bytes);
        const k = items.length === 0 ? 0 : cut % (items.length + 1);
        // Read up to k, note the place, read on, then go back and read the rest again.
        readAndCheck(reader, items.slice(0, k), starts, 0);
        if (items.slice(0, k).some((i) => i.kind === 'text' && decoded(i.bytes) === null)) return;
        const mark = reader.mark();
        readAndCheck(reader, items, starts, k);
        reader.reset(mark);
        readAndCheck(reader, items, starts, k);
      }),
      { numRuns: 500 },
    );
  });

  it('read a map of many ASCII texts longer than one window, each in full', () => {
    const items: Item[] = [];
    for (let i = 0; i < 60; i++) items.push({ kind: 'uint', value: i % 24 }, { kind: 'text', bytes: utf8(`mimi://example.com/u/${'x'.repeat(i)}`) });
    const { bytes, starts } = encode(items);
    readAndCheck(new CborReader(bytes), items, starts, 0);
  });
});
