/**
 * Property tests: the runtime against cbor2 and cbor-x, and against itself
 * through deliberately odd (non-preferred but well-formed) encodings.
 */
import { decode as cbor2Decode, encode as cbor2Encode, Tag as Cbor2Tag } from 'cbor2';
import { Encoder as CborXEncoder, Tag as CborXTag } from 'cbor-x';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CborReader, CborWriter, fitsFloat16, isDecodeError, readRaw, readSimple } from '../../templates/runtime.js';
import { readAny, toHex, type Value } from './helpers.js';

const cborX = new CborXEncoder({ tagUint8Array: false, useRecords: false, mapsAsObjects: false });

// ---------------------------------------------------------------------------
// A model of CBOR values that says which encoding each leaf wants (a JS number
// alone cannot say whether it is meant as an integer or a float).
// ---------------------------------------------------------------------------

type Model =
  | { t: 'int'; v: number | bigint }
  | { t: 'float'; v: number }
  | { t: 'text'; v: string }
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'bool'; v: boolean }
  | { t: 'null' }
  | { t: 'undefined' }
  | { t: 'array'; v: Model[] }
  | { t: 'map'; v: [Model & { t: 'int' | 'text' }, Model][] }
  | { t: 'tag'; n: number; v: Model };

const MIN_INT = -(2n ** 64n);
const MAX_INT = 2n ** 64n - 1n;
const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

const intArb = fc.oneof(
  fc.integer({ min: -30, max: 30 }),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, -24, -25, -256, -257, -65536, -65537),
  fc.bigInt({ min: MIN_INT, max: MAX_INT }),
  fc.constantFrom(MIN_INT, MAX_INT, 2n ** 53n, -(2n ** 53n) - 1n),
).map((v) => ({ t: 'int' as const, v }));
const textArb = fc
  .string({ unit: 'binary', maxLength: 40 })
  .filter((s) => utf8d.decode(utf8.encode(s)) === s)
  .map((v) => ({ t: 'text' as const, v }));
const keyArb = fc.oneof(intArb, textArb);

const leafArb: fc.Arbitrary<Model> = fc.oneof(
  intArb,
  fc.double().map((v) => ({ t: 'float' as const, v })),
  fc.constantFrom(0.5, 1.5, 65504, 2 ** -24, 100000, 1.1, -0, Infinity, -Infinity, NaN).map((v) => ({ t: 'float' as const, v })),
  textArb,
  fc.uint8Array({ maxLength: 40 }).map((v) => ({ t: 'bytes' as const, v })),
  fc.boolean().map((v) => ({ t: 'bool' as const, v })),
  fc.constant({ t: 'null' as const }),
  fc.constant({ t: 'undefined' as const }),
);

const { tree: modelArb } = fc.letrec<{ tree: Model }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('tree'), { maxLength: 5 }).map((v) => ({ t: 'array' as const, v })),
    fc
      .uniqueArray(fc.tuple(keyArb, tie('tree')), {
        maxLength: 5,
        selector: ([k]) => (typeof k.v === 'bigint' && k.v >= -(2n ** 53n) + 1n && k.v <= 2n ** 53n - 1n ? Number(k.v) : k.v),
      })
      .map((v) => ({ t: 'map' as const, v })),
    // Tag numbers that no library gives a meaning to.
    fc.tuple(fc.integer({ min: 4000, max: 4999 }), tie('tree')).map(([n, v]) => ({ t: 'tag' as const, n, v })),
  ),
}));

/** The value a generic decoder should produce for a model. */
function expected(m: Model): Value {
  switch (m.t) {
    case 'int':
      return normInt(m.v);
    case 'float':
    case 'text':
    case 'bytes':
    case 'bool':
      return m.v;
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'array':
      return m.v.map(expected);
    case 'map':
      return new Map(m.v.map(([k, v]) => [expected(k), expected(v)]));
    case 'tag':
      return { tag: m.n, value: expected(m.v) };
  }
}

function normInt(v: number | bigint): number | bigint {
  return typeof v === 'bigint' && v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Brings cbor2 / cbor-x output into the {@link Value} shape. */
function norm(v: unknown): Value {
  if (typeof v === 'bigint') return normInt(v);
  if (v instanceof Uint8Array) return new Uint8Array(v);
  if (Array.isArray(v)) return v.map(norm);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [norm(k), norm(x)]));
  if (v instanceof Cbor2Tag) return { tag: Number(v.tag), value: norm(v.contents) };
  if (v instanceof CborXTag) return { tag: Number(v.tag), value: norm((v as { value: unknown }).value) };
  return v as Value;
}

/** Interprets tags 2/3 (bignums), which cbor-x uses for integers below -2^63. */
function bignums(v: Value): Value {
  if (Array.isArray(v)) return v.map(bignums);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [bignums(k), bignums(x)]));
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) {
    if ((v.tag === 2 || v.tag === 3) && v.value instanceof Uint8Array) {
      let n = 0n;
      for (const b of v.value) n = (n << 8n) | BigInt(b);
      return normInt(v.tag === 2 ? n : -1n - n);
    }
    return { tag: v.tag, value: bignums(v.value) };
  }
  return v;
}

/** Encodes a model with the runtime's writer. */
function write(w: CborWriter, m: Model): void {
  switch (m.t) {
    case 'int':
      return w.int(m.v);
    case 'float':
      return w.float(m.v);
    case 'text':
      return w.text(m.v);
    case 'bytes':
      return w.bytes(m.v);
    case 'bool':
      return w.bool(m.v);
    case 'null':
      return w.null();
    case 'undefined':
      return w.undefined();
    case 'array':
      w.arrayHeader(m.v.length);
      for (const x of m.v) write(w, x);
      return;
    case 'map':
      w.mapHeader(m.v.length);
      for (const [k, v] of m.v) {
        write(w, k);
        write(w, v);
      }
      return;
    case 'tag':
      w.tag(m.n);
      return write(w, m.v);
  }
}

function encodeModel(m: Model, cap?: number): Uint8Array {
  const w = new CborWriter(cap);
  write(w, m);
  return w.finish();
}

/** A JS value cbor2 / cbor-x will encode as the model says (floats may come out as ints: fine for skip tests). */
function toJs(m: Model, tagClass: 'cbor2' | 'cborx'): unknown {
  switch (m.t) {
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'array':
      return m.v.map((x) => toJs(x, tagClass));
    case 'map':
      return new Map(m.v.map(([k, v]) => [toJs(k, tagClass), toJs(v, tagClass)]));
    case 'tag':
      return tagClass === 'cbor2' ? new Cbor2Tag(m.n, toJs(m.v, tagClass)) : new CborXTag(toJs(m.v, tagClass), m.n);
    default:
      return m.v;
  }
}

// ---------------------------------------------------------------------------
// An encoder for odd-but-well-formed CBOR: random non-shortest heads and
// indefinite-length strings and containers, driven by a seeded choice list.
// ---------------------------------------------------------------------------

function oddEncode(m: Model, choices: number[]): Uint8Array {
  const out: number[] = [];
  let ci = 0;
  const pick = (n: number) => (choices[ci++ % choices.length] ?? 0) % n;
  const head = (major: number, n: bigint) => {
    const min = n < 24n ? 0 : n < 0x100n ? 1 : n < 0x10000n ? 2 : n < 0x100000000n ? 3 : 4;
    const width = min + pick(5 - min); // 0: in the head byte; 1..4: 1/2/4/8 bytes
    if (width === 0) return void out.push((major << 5) | Number(n));
    const bytes = [1, 2, 4, 8][width - 1]!;
    out.push((major << 5) | (23 + width));
    for (let i = bytes - 1; i >= 0; i--) out.push(Number((n >> BigInt(8 * i)) & 0xffn));
  };
  const str = (major: number, b: Uint8Array) => {
    if (pick(3) !== 0 || major === 3) {
      // text chunks would have to split at code point boundaries; keep text definite
      head(major, BigInt(b.length));
      return void out.push(...b);
    }
    out.push((major << 5) | 31);
    let i = 0;
    while (i < b.length) {
      const len = Math.min(b.length - i, 1 + pick(5));
      head(major, BigInt(len));
      out.push(...b.subarray(i, i + len));
      i += len;
    }
    if (pick(2) === 0) head(major, 0n); // an empty chunk is fine too
    out.push(0xff);
  };
  const enc = (x: Model): void => {
    switch (x.t) {
      case 'int': {
        const v = BigInt(x.v);
        return v >= 0n ? head(0, v) : head(1, -1n - v);
      }
      case 'float': {
        // preferred float bytes from the writer, or forced wider
        const w = new CborWriter();
        const k = pick(3);
        if (k === 0) w.float(x.v);
        else if (k === 1 && (Number.isNaN(x.v) || Math.fround(x.v) === x.v)) w.float32(x.v);
        else w.float64(x.v);
        return void out.push(...w.finish());
      }
      case 'text':
        return str(3, utf8.encode(x.v));
      case 'bytes':
        return str(2, x.v);
      case 'bool':
        return void out.push(x.v ? 0xf5 : 0xf4);
      case 'null':
        return void out.push(0xf6);
      case 'undefined':
        return void out.push(0xf7);
      case 'array':
      case 'map': {
        const major = x.t === 'array' ? 4 : 5;
        const indefinite = pick(2) === 0;
        if (indefinite) out.push((major << 5) | 31);
        else head(major, BigInt(x.v.length));
        if (x.t === 'array') for (const y of x.v) enc(y);
        else
          for (const [k, v] of x.v) {
            enc(k);
            enc(v);
          }
        if (indefinite) out.push(0xff);
        return;
      }
      case 'tag':
        head(6, BigInt(x.n));
        return enc(x.v);
    }
  };
  enc(m);
  return Uint8Array.from(out);
}

function readAll(bytes: Uint8Array): Value {
  const r = new CborReader(bytes);
  const v = readAny(r);
  r.finish('');
  return v;
}

function skipAll(bytes: Uint8Array): void {
  const r = new CborReader(bytes);
  r.skip('');
  expect(r.pos).toBe(bytes.length);
  const r2 = new CborReader(bytes);
  expect(readRaw(r2, '').length).toBe(bytes.length);
  r2.finish('');
}

const RUNS = { numRuns: 400 };

describe('CborWriter against cbor2 and cbor-x', () => {
  it('writes what cbor2 decodes to the same value', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const bytes = encodeModel(m, 1);
        expect(norm(cbor2Decode(bytes, { preferMap: true }))).toEqual(expected(m));
      }),
      RUNS,
    );
  });

  it('writes what cbor-x decodes to the same value', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const bytes = encodeModel(m);
        expect(norm(cborX.decode(bytes))).toEqual(expected(m));
      }),
      RUNS,
    );
  });

  it('writes the same bytes as cbor2 for integers, strings and floats that cbor2 keeps as floats', () => {
    fc.assert(
      fc.property(intArb, textArb, fc.uint8Array(), fc.double().filter((d) => !Number.isInteger(d)), (i, t, b, d) => {
        const w = new CborWriter();
        w.int(i.v);
        w.text(t.v);
        w.bytes(b);
        w.float(d);
        const ours = toHex(w.finish());
        const theirs = [i.v, t.v, b, d].map((x) => toHex(cbor2Encode(x))).join('');
        expect(ours).toBe(theirs);
      }),
      RUNS,
    );
  });

  it('float() picks the shortest exact width', () => {
    // Every binary16 value, by decoding all 2^16 bit patterns with the reader.
    const halves = new Set<number>();
    const r = new Uint8Array([0xf9, 0, 0]);
    for (let h = 0; h < 0x10000; h++) {
      r[1] = h >>> 8;
      r[2] = h & 0xff;
      halves.add(new CborReader(r).readFloat(''));
    }
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.float().map((f) => f), fc.constantFrom(...[...halves].slice(0, 2000))), (n) => {
        const w = new CborWriter();
        w.float(n);
        const out = w.finish();
        const back = new CborReader(out).readFloat('');
        expect(Object.is(back, n)).toBe(true);
        const width = halves.has(n) ? 3 : Math.fround(n) === n ? 5 : 9;
        expect(out.length).toBe(width);
        expect(fitsFloat16(n)).toBe(width === 3);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('CborReader against cbor2 and cbor-x', () => {
  it('reads and skips what cbor2 encodes', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const js = toJs(m, 'cbor2');
        const bytes = cbor2Encode(js);
        skipAll(bytes);
        expect(readAll(bytes)).toEqual(norm(cbor2Decode(bytes, { preferMap: true })));
      }),
      RUNS,
    );
  });

  it('reads and skips what cbor-x encodes', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        // cbor-x returns a Buffer, and views into a Buffer are Buffers: compare plain arrays.
        const bytes = new Uint8Array(cborX.encode(toJs(m, 'cborx')));
        skipAll(bytes);
        expect(bignums(readAll(bytes))).toEqual(norm(cborX.decode(bytes)));
      }),
      RUNS,
    );
  });

  it('reads its own output back (round trip)', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const bytes = encodeModel(m);
        skipAll(bytes);
        expect(readAll(bytes)).toEqual(expected(m));
      }),
      RUNS,
    );
  });

  it('reads non-preferred encodings (long heads, indefinite lengths) to the same value', () => {
    fc.assert(
      fc.property(modelArb, fc.array(fc.nat(1000), { minLength: 1, maxLength: 50 }), (m, choices) => {
        const bytes = oddEncode(m, choices);
        skipAll(bytes);
        expect(readAll(bytes)).toEqual(expected(m));
        expect(norm(cbor2Decode(bytes, { preferMap: true }))).toEqual(expected(m));
      }),
      RUNS,
    );
  });
});

describe('CborReader on hostile input', () => {
  /** Runs f; anything thrown must be a DecodeError. */
  const onlyDecodeErrors = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (!isDecodeError(e)) throw e;
    }
  };

  it('skip / readAny on random bytes throw nothing but DecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        onlyDecodeErrors(() => new CborReader(bytes).skip(''));
        onlyDecodeErrors(() => readAll(bytes));
        onlyDecodeErrors(() => readRaw(new CborReader(bytes, { maxDepth: 3 }), ''));
      }),
      { numRuns: 5000 },
    );
  });

  it('every read method on random bytes throws nothing but DecodeError', () => {
    const methods: ((r: CborReader) => unknown)[] = [
      (r) => r.readUint(''),
      (r) => r.readInt(''),
      (r) => r.readBytes(''),
      (r) => r.readText(''),
      (r) => r.readFloat(''),
      (r) => r.readFloatWidth(''),
      (r) => r.readBool(''),
      (r) => r.readNull(''),
      (r) => r.readUndefined(''),
      (r) => readSimple(r, ''),
      (r) => r.readTag(''),
      (r) => r.readArrayHeader(''),
      (r) => r.readMapHeader(''),
      (r) => r.peekMajor(''),
      (r) => r.describeNext(),
      (r) => r.finish(''),
      (r) => r.endContainer(-1, ''),
      (r) => r.hasMoreItems(-1, 0),
    ];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), fc.nat(24), (bytes, start) => {
        for (const f of methods) {
          const r = new CborReader(bytes);
          r.pos = Math.min(start, bytes.length);
          onlyDecodeErrors(() => f(r));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('mutated and truncated valid encodings throw nothing but DecodeError', () => {
    fc.assert(
      fc.property(modelArb, fc.nat(), fc.nat(255), fc.nat(), (m, at, value, cut) => {
        const bytes = encodeModel(m);
        const mutated = bytes.slice();
        if (mutated.length > 0) mutated[at % mutated.length] = value;
        const truncated = bytes.subarray(0, cut % (bytes.length + 1));
        for (const b of [mutated, truncated]) {
          onlyDecodeErrors(() => new CborReader(b).skip(''));
          onlyDecodeErrors(() => readAll(b));
        }
        if (truncated.length < bytes.length) {
          expect(() => new CborReader(truncated).skip('')).toThrow(/unexpected end of input/);
        }
      }),
      RUNS,
    );
  });
});
