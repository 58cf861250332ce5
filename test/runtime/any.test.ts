/**
 * The runtime's own value model for `any` (templates/cbor-any.ts): values read
 * from every well-formed item without throwing, plain data without cycles,
 * written back as the same data item, deterministically; `strictAny` and the
 * deterministic decoding check of templates/runtime.ts. cbor2 and cbor-x are
 * the oracles.
 */
import { cdeDecodeOptions, decode as cbor2Decode, encode as cbor2Encode, Simple as Cbor2Simple, Tag as Cbor2Tag } from 'cbor2';
import { Decoder as CborXDecoder, Tag as CborXTag } from 'cbor-x';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborAny, CborFloat, CborInvalidText, CborMap, CborSimple, CborTagged, isCborAny, writeCborAny, type CborValue } from '../../templates/cbor-any.js';
import { CborReader, CborWriter, checkDeterministic, isDecodeError, isDeterministic, isEncodeError } from '../../templates/runtime.js';
import { decodeErrorOf } from '../support/errors.js';
import { hex, toHex } from '../support/hex.js';

/** The deterministic encoding encoders write for the item `bytes`. */
function written(bytes: Uint8Array): string {
  const writer = new CborWriter();
  writeCborAny(writer, CborAny.fromEncoded(bytes));
  return toHex(writer.finish());
}

describe('values that cbor-x could not give (issue 10 §5)', () => {
  const cases: [string, string, CborValue, string][] = [
    ['indefinite-length text', '7f 6161 6162 ff', 'ab', '626162'],
    ['tag 29 (shared reference) alone', 'd81d 00', new CborTagged(29, 0), 'd81d00'],
    ['simple value 32', 'f820', new CborSimple(32), 'f820'],
    ['tag 65 (uint16 array) with an odd length', 'd841 43 010203', new CborTagged(65, hex('010203')), 'd84143010203'],
    ['tags 28/29 that cbor-x turns into a cycle', 'd81c 81 d81d 00', new CborTagged(28, [new CborTagged(29, 0)]), 'd81c81d81d00'],
    ['tag 28 around a map that refers to itself', 'd81c a1 01 d81d 00', new CborTagged(28, new CborMap([[1, new CborTagged(29, 0)]])), 'd81ca101d81d00'],
  ];
  it.each(cases)('%s: plain data, no throw, written back as the same item', (_what, input, value, out) => {
    const any = CborAny.fromEncoded(hex(input));
    expect(any.value).toEqual(value);
    expect(written(hex(input))).toBe(out);
    expect(CborAny.of(any.value).encoded).toEqual(hex(out));
  });

  it('what cbor-x throws on, or builds a cycle from, these read as our values', () => {
    const cborX = new CborXDecoder({ mapsAsObjects: false, useRecords: false });
    const outcomes = cases.map(([, input]) => {
      try {
        const v: unknown = cborX.decode(hex(input));
        return JSON.stringify(v) === undefined ? 'odd' : 'ok';
      } catch {
        return 'threw';
      }
    });
    // The oracle fails on most of them; we never do.
    expect(outcomes.filter((o) => o !== 'ok').length).toBeGreaterThan(0);
  });
});

describe('the value model', () => {
  it('integers: a number when safe, else a bigint, both ends', () => {
    const cases: [string, number | bigint][] = [
      ['1b001fffffffffffff', Number.MAX_SAFE_INTEGER],
      ['1b0020000000000000', 2n ** 53n],
      ['3b001ffffffffffffe', -Number.MAX_SAFE_INTEGER],
      ['3b001fffffffffffff', -(2n ** 53n)],
      ['1bffffffffffffffff', 2n ** 64n - 1n],
      ['3bffffffffffffffff', -(2n ** 64n)],
      ['20', -1],
    ];
    for (const [input, value] of cases) {
      expect(CborAny.fromEncoded(hex(input)).value, input).toBe(value);
      expect(toHex(CborAny.of(value).encoded)).toBe(input);
    }
  });

  it('byte strings are views into the input, not copies', () => {
    const input = hex('83 43 010203 00 00');
    const reader = new CborReader(input);
    reader.readArrayHeader();
    const any = CborAny.fromReader(reader, '');
    const bytes = any.value as Uint8Array;
    expect(bytes).toEqual(hex('010203'));
    expect(bytes.buffer).toBe(input.buffer);
  });

  it('floats keep their width as read and are written in the shortest that holds them', () => {
    expect(CborAny.fromEncoded(hex('fb3ff8000000000000')).value).toEqual(new CborFloat(1.5, 64));
    expect(written(hex('fb3ff8000000000000'))).toBe('f93e00');
    expect(written(hex('fa47c35000'))).toBe('fa47c35000'); // 100000.0 needs binary32
    expect(CborAny.fromEncoded(hex('f93c00')).value).toEqual(new CborFloat(1, 16)); // 1.0 stays a float
    expect(toHex(CborAny.of(1).encoded)).toBe('01');
    expect(toHex(CborAny.of(new CborFloat(1)).encoded)).toBe('f93c00');
    expect(toHex(CborAny.of(-0).encoded)).toBe('f98000');
    expect(toHex(CborAny.of(2 ** 60).encoded)).toBe('fa5d800000'); // not a safe integer: a float
  });

  it('NaNs keep sign and payload, in the shortest width whose padding gives them back (RFC 8949 §4.1)', () => {
    const cases: [string, string][] = [
      ['f97e00', 'f97e00'],
      ['f97e01', 'f97e01'],
      ['f9fe00', 'f9fe00'],
      ['fa7fc00000', 'f97e00'],
      ['fa7fc00001', 'fa7fc00001'],
      ['fb7ff8000000000000', 'f97e00'],
      ['fbfff8000000000001', 'fbfff8000000000001'],
      ['fb7ff8000020000000', 'fa7fc00001'],
    ];
    for (const [input, out] of cases) {
      expect(written(hex(input)), input).toBe(out);
      expect(toHex(CborAny.of(CborAny.fromEncoded(hex(input)).value).encoded), input).toBe(out);
    }
  });

  it('simple values, booleans, null, undefined; text that is not UTF-8 kept as bytes', () => {
    expect(['f4', 'f5', 'f6', 'f7', 'e0', 'f3', 'f8ff'].map((h) => CborAny.fromEncoded(hex(h)).value)).toEqual([false, true, null, undefined, new CborSimple(0), new CborSimple(19), new CborSimple(255)]);
    const invalid = CborAny.fromEncoded(hex('62 ff61'));
    expect(invalid.value).toEqual(new CborInvalidText(hex('ff61')));
    expect(written(hex('62 ff61'))).toBe('62ff61');
    expect(written(hex('7f 61ff 6161 ff'))).toBe('62ff61');
  });

  it('maps keep their pairs in order, keys of any kind, repeats included; get() compares data', () => {
    const map = CborAny.fromEncoded(hex('a4 02 00 8101 6161 1801 f93e00 01 01')).value as CborMap;
    expect(map).toBeInstanceOf(CborMap);
    expect(map.entries).toEqual([
      [2, 0],
      [[1], 'a'],
      [1, new CborFloat(1.5, 16)],
      [1, 1],
    ]);
    expect(map.get(1n)).toEqual(new CborFloat(1.5, 16));
    expect(map.get([1])).toBe('a');
    expect(map.get(new CborFloat(1))).toBeUndefined();
    expect(new CborMap(new Map([['x', 1]])).get('x')).toBe(1);
  });

  it('bignums that fit 64 bits, or have leading zeros, are written in preferred serialisation (RFC 8949 §3.4.3)', () => {
    expect(written(hex('c2 41 01'))).toBe('01');
    expect(written(hex('c3 41 01'))).toBe('21');
    expect(written(hex('c2 4a 00 010000000000000000'))).toBe('c249010000000000000000');
    expect(written(hex('c2 49 010000000000000000'))).toBe('c249010000000000000000');
    expect(toHex(CborAny.of(2n ** 64n).encoded)).toBe('c249010000000000000000');
  });

  it('CborAny.of refuses what is not a value, and cycles or nesting past 256, with an EncodeError', () => {
    const cyclic: CborValue[] = [];
    cyclic.push(cyclic);
    let deep: CborValue = 0;
    for (let i = 0; i < 300; i++) deep = [deep];
    for (const bad of [cyclic, deep, { a: 1 } as unknown as CborValue, new CborSimple(24), new CborTagged(-1, 0), (() => 1) as unknown as CborValue]) {
      let thrown: unknown;
      try {
        CborAny.of(bad);
      } catch (e) {
        thrown = e;
      }
      expect(isEncodeError(thrown), String(thrown)).toBe(true);
    }
  });

  it('a CborAny-shaped object counts only when its bytes are one well-formed item', () => {
    expect(isCborAny({ encoded: hex('a0') })).toBe(true);
    expect(isCborAny({ encoded: hex('a1') })).toBe(false);
    expect(isCborAny({ encoded: hex('0000') })).toBe(false);
    const writer = new CborWriter();
    writeCborAny(writer, { encoded: hex('a2 02 00 01 00') } as unknown as CborAny);
    expect(toHex(writer.finish())).toBe('a201000200');
  });
});

describe('strictAny: what RFC 8949 §5.3.1 calls invalid', () => {
  const strict = { strictAny: true };
  it.each([
    ['a repeated key', 'a2 01 00 01 01', 3],
    ['a repeated key in a longer head', 'a2 01 00 1801 01', 3],
    ['a repeated key of another float width', 'a2 f93e00 00 fa3fc00000 01', 5],
    ['a repeated array key, nested', '81 a2 8101 00 9f01ff 01', 5],
    ['text that is not UTF-8', '82 00 62 ff61', 2],
    ['a chunk that is not UTF-8', '7f 6161 61ff ff', 3],
  ])('rejects %s', (_what, input, offset) => {
    const e = decodeErrorOf(() => CborAny.fromEncoded(hex(input), strict));
    expect(e.offset).toBe(offset);
    // Without the option, they are kept and written back as read (deterministically).
    expect(CborAny.fromEncoded(hex(input)).value).toBeDefined();
  });

  it('accepts valid items, and gives the same value as the lenient reading', () => {
    for (const input of ['a2 01 00 02 00', '82 6161 f93e00', 'd81c 81 d81d 00', 'a1 a1 01 02 03']) {
      const any = CborAny.fromEncoded(hex(input), strict);
      expect(any.value).toEqual(CborAny.fromEncoded(hex(input)).value);
      expect(any.encoded).toEqual(hex(input));
    }
  });

  it('the depth limit still applies first', () => {
    const deep = new Uint8Array(300).fill(0x81);
    decodeErrorOf(() => CborAny.fromEncoded(Uint8Array.from([...deep, 0]), strict));
  });
});

describe('deterministic decoding (RFC 8949 §4.2.1)', () => {
  const check = (input: string) => {
    const bytes = hex(input);
    checkDeterministic(bytes, 0, bytes.length);
  };
  it.each([
    ['an integer with a longer head', '1817'],
    ['a negative integer with a longer head', '3900ff'],
    ['a 64-bit head for a 32-bit argument', '1b00000000ffffffff'],
    ['a string length with a longer head', '7801 61'],
    ['an array count with a longer head', '98 01 00'],
    ['a tag with a longer head', 'd9 0001 00'],
    ['an indefinite-length array', '9f ff'],
    ['an indefinite-length map', 'bf ff'],
    ['an indefinite-length byte string', '5f ff'],
    ['an indefinite-length text string', '7f ff'],
    ['map keys out of order', 'a2 02 00 01 00'],
    ['map keys out of order by length first', 'a2 6161 00 00 00'],
    ['a repeated map key', 'a2 01 00 01 00'],
    ['a binary32 float binary16 holds', 'fa 3fc00000'],
    ['a binary64 float binary32 holds', 'fb 3ff8000000000000'],
    ['a binary32 infinity', 'fa 7f800000'],
    ['a binary32 NaN binary16 holds', 'fa 7fc00000'],
    ['a binary64 NaN binary32 holds', 'fb 7ff8000020000000'],
    ['a bignum that fits 64 bits', 'c2 41 01'],
    ['a bignum with a leading zero', 'c2 4a 00 010000000000000000'],
    ['non-determinism nested deep inside', '81 81 a1 00 81 1800'],
  ])('rejects %s', (_what, input) => {
    const e = decodeErrorOf(() => check(input));
    expect(e.reason).toMatch(/not deterministically encoded|repeats/);
    expect(isDeterministic(hex(input))).toBe(false);
  });

  it.each([
    ['small integers', '00 17 1818 20 37 3818'],
    ['heads at every boundary', '18ff 190100 19ffff 1a00010000 1affffffff 1b0000000100000000'],
    ['sorted map keys (shorter first)', 'a3 00 00 20 00 6161 00'],
    ['floats in their shortest width', 'f93e00 fa47c35000 fb3fb999999999999a f97c00 f97e00 fa7fc00001'],
    ['a bignum beyond 64 bits', 'c2 49 010000000000000000'],
    ['simple values and tags', 'f4 f5 f6 f7 f820 d818 41 00'],
  ])('accepts %s', (_what, input) => {
    expect(() => check(input)).not.toThrow();
  });

  it('a CborReader with `deterministic` checks in finish(), after the value is read', () => {
    const reader = new CborReader(hex('a2 02 00 01 00'), { deterministic: true });
    reader.skip();
    decodeErrorOf(() => reader.finish());
    const relaxed = new CborReader(hex('a2 02 00 01 00'));
    relaxed.skip();
    expect(() => relaxed.finish()).not.toThrow();
  });
});

// ---------------------------------------------------------------------------
// Properties: any value, encoded every which way, reads and comes back deterministically
// ---------------------------------------------------------------------------

/** Values of the model, with map keys that are distinct data items. */
const valueArb: fc.Arbitrary<CborValue> = fc.letrec<{ value: CborValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
      fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n - 1n }).map((n) => (n >= -BigInt(Number.MAX_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n)),
      fc.string({ maxLength: 30 }),
      fc.uint8Array({ maxLength: 30 }),
      fc.constantFrom(true, false, null, undefined),
      fc.double().map((d) => new CborFloat(d)),
      fc.float().map((d) => new CborFloat(d)),
      fc.integer({ min: 32, max: 255 }).map((n) => new CborSimple(n)),
    ),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.uniqueArray(fc.tuple(fc.oneof(fc.integer({ min: -1000, max: 100000 }), fc.string({ maxLength: 6 })), tie('value')), { selector: ([k]) => k, maxLength: 5 }).map((entries) => new CborMap(entries)),
    fc.tuple(fc.oneof(fc.integer({ min: 4, max: 2 ** 33 }), fc.constant(65), fc.constant(28), fc.constant(29)), tie('value')).map(([tag, v]) => new CborTagged(tag, v)),
  ),
})).value;

/**
 * Encodes a value as a careless sender might: heads longer than needed,
 * indefinite lengths with arbitrary chunking, map pairs in any order, floats
 * wider than needed. `choice` supplies the decisions.
 */
function sloppy(value: CborValue, choice: () => number): Uint8Array {
  const out: number[] = [];
  const head = (major: number, n: number | bigint) => {
    const big = BigInt(n);
    const min = big < 24n ? 0 : big < 0x100n ? 1 : big < 0x10000n ? 2 : big < 0x100000000n ? 3 : 4;
    const size = Math.max(min, choice() % 8 === 0 ? Math.min(4, min + 1 + (choice() % 2)) : min);
    if (size === 0) return void out.push((major << 5) | Number(big));
    const bytes = 1 << (size - 1);
    out.push((major << 5) | (23 + size));
    for (let i = bytes - 1; i >= 0; i--) out.push(Number((big >> BigInt(8 * i)) & 0xffn));
  };
  const write = (v: CborValue): void => {
    if (typeof v === 'number' || typeof v === 'bigint') {
      if (v >= 0) head(0, v);
      else head(1, -1n - BigInt(v));
    } else if (typeof v === 'string' || v instanceof Uint8Array) {
      const major = typeof v === 'string' ? 3 : 2;
      const bytes = typeof v === 'string' ? new TextEncoder().encode(v) : v;
      if (choice() % 4 !== 0) {
        head(major, bytes.length);
        out.push(...bytes);
        return;
      }
      out.push((major << 5) | 31);
      // Chunks split at code point boundaries for text (each chunk valid UTF-8 on its own).
      const pieces = typeof v === 'string' ? [...v].map((c) => new TextEncoder().encode(c)) : [...bytes].map((b) => Uint8Array.of(b));
      let i = 0;
      while (i < pieces.length) {
        const take = 1 + (choice() % 3);
        const chunk = pieces.slice(i, i + take).flatMap((p) => [...p]);
        head(major, chunk.length);
        out.push(...chunk);
        i += take;
      }
      out.push(0xff);
    } else if (typeof v === 'boolean') out.push(v ? 0xf5 : 0xf4);
    else if (v === null) out.push(0xf6);
    else if (v === undefined) out.push(0xf7);
    else if (Array.isArray(v)) {
      const indefinite = choice() % 4 === 0;
      if (indefinite) out.push(0x9f);
      else head(4, v.length);
      v.forEach(write);
      if (indefinite) out.push(0xff);
    } else if (v instanceof CborMap) {
      const entries = [...v.entries];
      for (let i = entries.length - 1; i > 0; i--) {
        const j = choice() % (i + 1);
        [entries[i], entries[j]] = [entries[j]!, entries[i]!];
      }
      const indefinite = choice() % 4 === 0;
      if (indefinite) out.push(0xbf);
      else head(5, entries.length);
      for (const [k, x] of entries) {
        write(k);
        write(x);
      }
      if (indefinite) out.push(0xff);
    } else if (v instanceof CborTagged) {
      head(6, v.tag);
      write(v.value);
    } else if (v instanceof CborSimple) {
      out.push(0xf8, v.value);
    } else if (v instanceof CborFloat) {
      // The shortest width, or wider (always exact).
      const shortest = CborAny.of(v).encoded;
      const width = shortest.length === 3 ? 16 : shortest.length === 5 ? 32 : 64;
      const wider = width === 64 || v.value !== v.value ? width : choice() % 3 === 0 ? 64 : width;
      if (wider === width) out.push(...shortest);
      else {
        const d = new DataView(new ArrayBuffer(8));
        d.setFloat64(0, v.value);
        out.push(0xfb, ...new Uint8Array(d.buffer));
      }
    } else throw new Error('not generated');
  };
  write(value);
  return Uint8Array.from(out);
}

/** Our value as cbor2 would hold it, for its deterministic encoder. */
function toCbor2(v: CborValue): unknown {
  if (Array.isArray(v)) return v.map(toCbor2);
  if (v instanceof CborMap) return new Map(v.entries.map(([k, x]) => [toCbor2(k), toCbor2(x)]));
  if (v instanceof CborTagged) return new Cbor2Tag(Number(v.tag), toCbor2(v.value));
  if (v instanceof CborSimple) return new Cbor2Simple(v.value);
  if (v instanceof CborFloat) return v.value;
  return v;
}

/** True when cbor2 would write the value as we do: its numbers carry no width, so integral floats become integers there. */
function cbor2Agrees(v: CborValue): boolean {
  if (Array.isArray(v)) return v.every(cbor2Agrees);
  if (v instanceof CborMap) return v.entries.every(([k, x]) => cbor2Agrees(k) && cbor2Agrees(x));
  if (v instanceof CborTagged) return typeof v.tag === 'number' && v.tag !== 2 && v.tag !== 3 && cbor2Agrees(v.value);
  if (v instanceof CborFloat) return !Number.isInteger(v.value);
  return true;
}

/**
 * Whether a value holds tag 28 or 29, which cbor-x turns into shared objects (numbered in the order
 * it meets them) instead of reading them as tagged data: what it gives back is then no reading of the
 * data item to compare (a seed with 28(2147483648({256: true, 0: 28("")}))) failed this way).
 */
function sharesValues(v: CborValue): boolean {
  if (Array.isArray(v)) return v.some(sharesValues);
  if (v instanceof CborMap) return v.entries.some(([k, x]) => sharesValues(k) || sharesValues(x));
  if (v instanceof CborTagged) return v.tag === 28 || v.tag === 29 || sharesValues(v.value);
  return false;
}

/** Whether cbor2 decodes `bytes` with `options` (it also judges tag contents, which we leave alone). */
function cbor2Reads(bytes: Uint8Array, options: Parameters<typeof cbor2Decode>[1]): boolean {
  try {
    cbor2Decode(bytes, options);
    return true;
  } catch {
    return false;
  }
}

/** cbor-x's reading with integers as numbers where safe (it gives a bigint for any 64-bit head). */
function safeNumbers(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(safeNumbers);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [safeNumbers(k), safeNumbers(x)]));
  // Inside a tag too: cbor-x reads an 8-byte head as a bigint, the shortest head as a number (a seed with 83({256: true}), 256 in 8 bytes, failed).
  if (v instanceof CborXTag) return new CborXTag(safeNumbers(v.value), v.tag);
  return v;
}

describe('properties', () => {
  it('a value, encoded carelessly, reads back and is written deterministically as the value itself is', () => {
    fc.assert(
      fc.property(valueArb, fc.infiniteStream(fc.nat()), (value, stream) => {
        const it = stream[Symbol.iterator]();
        const bytes = sloppy(value, () => it.next().value as number);
        const any = CborAny.fromEncoded(bytes);
        const canonical = CborAny.of(value).encoded;
        expect(toHex(any.deterministic)).toBe(toHex(canonical));
        expect(isDeterministic(canonical)).toBe(true);
        expect(toHex(CborAny.of(any.value).encoded)).toBe(toHex(canonical));
        expect(CborAny.fromEncoded(canonical, { deterministic: true, strictAny: true }).value).toEqual(CborAny.fromEncoded(canonical).value);
        // Careless bytes are accepted by the deterministic check exactly when they are the deterministic ones.
        expect(isDeterministic(bytes), `${toHex(bytes)} vs ${toHex(canonical)}`).toBe(toHex(bytes) === toHex(canonical));
        // cbor2 (CDE) writes the same bytes, where it holds the value the same way.
        if (cbor2Agrees(value)) expect(toHex(cbor2Encode(toCbor2(value), { cde: true }))).toBe(toHex(canonical));
        // cbor2's CDE decoder refuses careless bytes (that it reads at all) only where we do; it does not check float widths.
        if (cbor2Reads(bytes, {}) && !cbor2Reads(bytes, cdeDecodeOptions)) expect(isDeterministic(bytes), toHex(bytes)).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('reading a value never throws on an item the reader accepted (random bytes)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes) => {
        let any: CborAny;
        try {
          any = CborAny.fromEncoded(bytes);
        } catch (e) {
          if (isDecodeError(e)) return;
          throw e;
        }
        accepted++;
        const value = any.value;
        const again = CborAny.fromEncoded(any.deterministic, { deterministic: true });
        expect(toHex(CborAny.of(value).encoded)).toBe(toHex(any.deterministic));
        expect(toHex(again.deterministic)).toBe(toHex(any.deterministic));
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('cbor-x reads our deterministic output as the same value it reads from the input, where it reads the input at all', () => {
    const cborX = new CborXDecoder({ mapsAsObjects: false, useRecords: false });
    let compared = 0;
    fc.assert(
      fc.property(valueArb, fc.infiniteStream(fc.nat()), (value, stream) => {
        const it = stream[Symbol.iterator]();
        const bytes = sloppy(value, () => it.next().value as number);
        let theirs: unknown;
        try {
          theirs = cborX.decode(bytes);
        } catch {
          return;
        }
        const ours = CborAny.fromEncoded(bytes).deterministic;
        if (!cbor2Agrees(value) || sharesValues(value)) return;
        compared++;
        expect(safeNumbers(cborX.decode(ours)), `${toHex(bytes)} vs ${toHex(ours)}`).toEqual(safeNumbers(theirs));
      }),
      { numRuns: 500 },
    );
    expect(compared).toBeGreaterThan(50);
  });
});
