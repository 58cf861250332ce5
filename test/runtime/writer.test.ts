import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CborReader, CborWriter, endSortedMap, fitsFloat16, fitsFloat32, headInto, headSize } from '../../templates/runtime.js';
import { hex, toHex } from './helpers.js';

function w(f: (w: CborWriter) => void, cap?: number): string {
  const wr = new CborWriter(cap);
  f(wr);
  return toHex(wr.finish());
}

describe('CborWriter: integers', () => {
  const uints: [number | bigint, string][] = [
    [0, '00'],
    [23, '17'],
    [24, '1818'],
    [255, '18ff'],
    [256, '190100'],
    [65535, '19ffff'],
    [65536, '1a00010000'],
    [2 ** 32 - 1, '1affffffff'],
    [2 ** 32, '1b0000000100000000'],
    [Number.MAX_SAFE_INTEGER, '1b001fffffffffffff'],
    [2 ** 53, '1b0020000000000000'],
    [2 ** 63, '1b8000000000000000'],
    [2n ** 53n + 1n, '1b0020000000000001'],
    [2n ** 64n - 1n, '1bffffffffffffffff'],
    [0n, '00'],
    [24n, '1818'],
    [2n ** 32n, '1b0000000100000000'],
  ];
  it.each(uints)('uint(%s) → %s', (n, h) => {
    expect(w((x) => x.uint(n))).toBe(h);
    expect(w((x) => x.int(n))).toBe(h);
  });

  const negs: [number | bigint, string][] = [
    [-1, '20'],
    [-24, '37'],
    [-25, '3818'],
    [-256, '38ff'],
    [-257, '390100'],
    [-65536, '39ffff'],
    [-65537, '3a00010000'],
    [-(2 ** 32), '3affffffff'],
    [-(2 ** 32) - 1, '3b0000000100000000'],
    [-Number.MAX_SAFE_INTEGER, '3b001ffffffffffffe'],
    [-(2 ** 53), '3b001fffffffffffff'],
    [-(2 ** 64), '3bffffffffffffffff'],
    [-(2n ** 53n) - 1n, '3b0020000000000000'],
    [-(2n ** 64n), '3bffffffffffffffff'],
    [-1n, '20'],
  ];
  it.each(negs)('int(%s) → %s', (n, h) => {
    expect(w((x) => x.int(n))).toBe(h);
  });

  it('rejects out-of-range and non-integers with RangeError', () => {
    const x = new CborWriter();
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 64, -1n, 2n ** 64n]) expect(() => x.uint(bad)).toThrow(RangeError);
    for (const bad of [0.5, NaN, -Infinity, 2 ** 64, -(2 ** 64) * 2, 2n ** 64n, -(2n ** 64n) - 1n]) expect(() => x.int(bad)).toThrow(RangeError);
    for (const bad of [-1, 1.5]) expect(() => x.tag(bad)).toThrow(RangeError);
    for (const bad of [-1, 0.5, NaN]) {
      expect(() => x.arrayHeader(bad)).toThrow(RangeError);
      expect(() => x.mapHeader(bad)).toThrow(RangeError);
    }
    for (const bad of [24, 31, 256, -1, 1.5]) expect(() => x.simple(bad)).toThrow(RangeError);
    expect(x.finish().length).toBe(0);
  });
});

describe('CborWriter: other items', () => {
  it('writes heads for strings, arrays, maps, tags', () => {
    expect(w((x) => x.bytes(new Uint8Array([1, 2, 3])))).toBe('43010203');
    expect(w((x) => x.bytes(new Uint8Array(24)))).toBe('5818' + '00'.repeat(24));
    expect(w((x) => x.bytes(new Uint8Array(0)))).toBe('40');
    expect(w((x) => x.arrayHeader(0))).toBe('80');
    expect(w((x) => x.arrayHeader(24))).toBe('9818');
    expect(w((x) => x.arrayHeader(65536))).toBe('9a00010000');
    expect(w((x) => x.mapHeader(23))).toBe('b7');
    expect(w((x) => x.mapHeader(256))).toBe('b90100');
    expect(w((x) => x.tag(1))).toBe('c1');
    expect(w((x) => x.tag(64))).toBe('d840');
    expect(w((x) => x.tag(55799))).toBe('d9d9f7');
    expect(w((x) => x.tag(2n ** 64n - 1n))).toBe('dbffffffffffffffff');
  });

  it('writes simple values', () => {
    expect(w((x) => { x.bool(false); x.bool(true); x.null(); x.undefined(); })).toBe('f4f5f6f7');
    expect(w((x) => x.simple(0))).toBe('e0');
    expect(w((x) => x.simple(23))).toBe('f7');
    expect(w((x) => x.simple(32))).toBe('f820');
    expect(w((x) => x.simple(255))).toBe('f8ff');
  });

  it('writes UTF-8 text with correct length heads', () => {
    const enc = new TextEncoder();
    const samples = ['', 'a', 'IETF', '"\\', 'ü', '水', '\u{10151}', '😀'.repeat(10), 'a'.repeat(23), 'a'.repeat(24),
      'a'.repeat(255), 'a'.repeat(256), 'é'.repeat(11), 'é'.repeat(12), 'ab€'.repeat(100), 'x'.repeat(70000), '水'.repeat(30000), '\ufeffbom'];
    for (const s of samples) {
      const got = (() => { const x = new CborWriter(8); x.text(s); return x.finish(); })();
      const utf8 = enc.encode(s);
      const r = new CborReader(got);
      expect(r.readText('')).toBe(s);
      r.finish('');
      expect(got.length - utf8.length).toBe(utf8.length < 24 ? 1 : utf8.length < 256 ? 2 : utf8.length < 65536 ? 3 : 5);
      expect(toHex(got.subarray(got.length - utf8.length))).toBe(toHex(utf8));
    }
    expect(w((x) => x.text('IETF'))).toBe('6449455446');
    expect(w((x) => x.text('ü'))).toBe('62c3bc');
    // TextEncoder's path: the head sized for the ASCII length, moved when the UTF-8 needs a longer one.
    expect(w((x) => x.text('a'.repeat(23) + 'é'))).toBe('7819' + '61'.repeat(23) + 'c3a9');
    expect(w((x) => x.text('é'.repeat(200)))).toBe('790190' + 'c3a9'.repeat(200));
    expect(w((x) => x.text('\u{10151}'))).toBe('64f0908591');
    // A lone surrogate is refused (an EncodeError), not written as U+FFFD as TextEncoder would: that is another text.
    expect(() => w((x) => x.text('\ud800'))).toThrow(/expected Unicode text, got a string with a lone surrogate \(U\+D800 at index 0\)/);
    expect(() => w((x) => x.text('a'.repeat(30) + '\udc00'))).toThrow(/lone surrogate \(U\+DC00 at index 30\)/);
  });

  it('writes any text after any bytes as TextEncoder encodes it, with the shortest head (fast-check)', () => {
    const enc = new TextEncoder();
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), fc.string({ unit: 'binary-ascii', maxLength: 300 }));
    fc.assert(
      fc.property(fc.nat(300), text, (before, s) => {
        const x = new CborWriter(8);
        for (let i = 0; i < before; i++) x.uint(0);
        x.text(s);
        const got = x.finish().subarray(before);
        const utf8 = enc.encode(s);
        const n = utf8.length;
        const head = n < 24 ? [0x60 | n] : n < 0x100 ? [0x78, n] : n < 0x10000 ? [0x79, n >> 8, n & 0xff] : null;
        expect(head).not.toBeNull();
        expect(toHex(got)).toBe(toHex(Uint8Array.from([...(head ?? []), ...utf8])));
      }),
      { numRuns: 2000 },
    );
  });

  it('keyedTexts writes what int, text, int, text write, with one TextEncoder call or not (fast-check)', () => {
    const apart = (x: CborWriter, k1: number, s1: string, k2: number, s2: string) => {
      x.int(k1);
      x.text(s1);
      x.int(k2);
      x.text(s2);
    };
    const text = fc.oneof(
      fc.string({ unit: 'binary-ascii', minLength: 20, maxLength: 140 }),
      fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
      fc.string({ unit: 'binary', minLength: 20, maxLength: 140 }),
    );
    fc.assert(
      fc.property(fc.nat(40), fc.nat(23), text, fc.nat(23), text, (before, k1, s1, k2, s2) => {
        const x = new CborWriter(8);
        const y = new CborWriter(8);
        for (let i = 0; i < before; i++) {
          x.uint(i);
          y.uint(i);
        }
        const got = (() => { try { x.keyedTexts(k1, s1, k2, s2); x.null(); return toHex(x.finish()); } catch (error) { return String(error); } })();
        const want = (() => { try { apart(y, k1, s1, k2, s2); y.null(); return toHex(y.finish()); } catch (error) { return String(error); } })();
        expect(got).toBe(want);
      }),
      { numRuns: 3000 },
    );
    // The one call's way (two URIs), one beyond ASCII, a lone surrogate (refused as text() refuses it), 127 and 128 units.
    const uri = 'mimi://example.com/u/alice-smith';
    for (const [s1, s2] of [[uri, uri + 'x'], [uri, uri + 'é'], [uri + '\ud800', uri], ['a'.repeat(127), 'b'.repeat(24)], ['a'.repeat(128), 'b'.repeat(24)], ['a'.repeat(23), uri]] as const) {
      const x = new CborWriter(8);
      const y = new CborWriter(8);
      const got = (() => { try { x.keyedTexts(1, s1, 2, s2); return toHex(x.finish()); } catch (error) { return String(error); } })();
      const want = (() => { try { apart(y, 1, s1, 2, s2); return toHex(y.finish()); } catch (error) { return String(error); } })();
      expect(got).toBe(want);
    }
  });

  it('writes raw bytes and grows past the initial capacity', () => {
    const x = new CborWriter(1);
    x.arrayHeader(1000);
    for (let i = 0; i < 1000; i++) {
      x.raw(new Uint8Array([0x82]));
      x.bytes(new Uint8Array(32).fill(i & 0xff));
      x.uint(i * 1000);
    }
    const out = x.finish();
    const r = new CborReader(out);
    expect(r.readArrayHeader('')).toBe(1000);
    for (let i = 0; i < 1000; i++) {
      expect(r.readArrayHeader('')).toBe(2);
      const b = r.readBytes('');
      expect(b.length).toBe(32);
      expect(b[31]).toBe(i & 0xff);
      expect(r.readUint('')).toBe(i * 1000);
      r.endContainer(2, '');
    }
    r.endContainer(1000, '');
    r.finish('');
    // finish returns a copy; the writer can continue
    const first = x.finish();
    x.null();
    expect(x.finish().length).toBe(first.length + 1);
    expect(first.buffer.byteLength).toBe(first.length);
    // a single large write into a small buffer
    const y = new CborWriter(4);
    y.bytes(new Uint8Array(100_000));
    expect(y.finish().length).toBe(100_005);
  });
});

describe('CborWriter: floats', () => {
  const cases: [number, string][] = [
    [0, 'f90000'],
    [-0, 'f98000'],
    [1, 'f93c00'],
    [1.5, 'f93e00'],
    [-4, 'f9c400'],
    [65504, 'f97bff'],
    [65505, 'fa477fe100'],
    [65536, 'fa47800000'],
    [5.960464477539063e-8, 'f90001'],
    [2.9802322387695312e-8, 'fa33000000'],
    [0.000060975551605224609375, 'f903ff'],
    [0.00006103515625, 'f90400'],
    [1 + 2 ** -10, 'f93c01'],
    [1 + 2 ** -11, 'fa3f801000'],
    [100000, 'fa47c35000'],
    [3.4028234663852886e38, 'fa7f7fffff'],
    [1.1, 'fb3ff199999999999a'],
    [1e300, 'fb7e37e43c8800759c'],
    [-4.1, 'fbc010666666666666'],
    [5e-324, 'fb0000000000000001'],
    [Infinity, 'f97c00'],
    [-Infinity, 'f9fc00'],
    [NaN, 'f97e00'],
  ];
  it.each(cases)('float(%s) → %s', (n, h) => {
    const got = w((x) => x.float(n));
    expect(got).toBe(h);
    const r = new CborReader(hex(got));
    expect(Object.is(r.readFloat(''), n)).toBe(true);
  });

  it('writes exact widths', () => {
    expect(w((x) => x.float16(1.5))).toBe('f93e00');
    expect(w((x) => x.float16(NaN))).toBe('f97e00');
    expect(w((x) => x.float32(1.5))).toBe('fa3fc00000');
    expect(w((x) => x.float32(Infinity))).toBe('fa7f800000');
    expect(w((x) => x.float64(1.5))).toBe('fb3ff8000000000000');
    expect(w((x) => x.float64(-0))).toBe('fb8000000000000000');
    expect(() => new CborWriter().float16(1.1)).toThrow(RangeError);
    expect(() => new CborWriter().float16(65520)).toThrow(RangeError);
    expect(() => new CborWriter().float32(1.1)).toThrow(RangeError);
  });

  it('fitsFloat16 / fitsFloat32', () => {
    expect(fitsFloat16(65504)).toBe(true);
    expect(fitsFloat16(65505)).toBe(false);
    expect(fitsFloat16(2 ** -24)).toBe(true);
    expect(fitsFloat16(2 ** -25)).toBe(false);
    expect(fitsFloat16(3 * 2 ** -24)).toBe(true);
    expect(fitsFloat16(NaN)).toBe(true);
    expect(fitsFloat32(1.1)).toBe(false);
    expect(fitsFloat32(Math.fround(1.1))).toBe(true);
    expect(fitsFloat32(NaN)).toBe(true);
  });
});

describe('CborWriter.endSortedMap', () => {
  /** Writes the entries in the order given (offsets as generated writers record them) and ends the map. */
  function sortedMap(entries: [key: (x: CborWriter) => void, value: (x: CborWriter) => void][], before = ''): string {
    const x = new CborWriter(1);
    if (before !== '') x.text(before);
    const offsets = [x.length];
    for (const [key, value] of entries) {
      offsets.push(x.length);
      key(x);
      offsets.push(x.length);
      value(x);
    }
    endSortedMap(x, offsets);
    return toHex(x.finish());
  }

  it('writes the head in front of entries already in key order', () => {
    expect(sortedMap([])).toBe('a0');
    expect(sortedMap([[(x) => x.uint(1), (x) => x.text('a')], [(x) => x.uint(2), (x) => x.null()]], 'p')).toBe('6170' + 'a2' + '016161' + '02f6');
  });

  it('orders entries by their encoded keys, shorter keys first', () => {
    const entries: [(x: CborWriter) => void, (x: CborWriter) => void][] = [
      [(x) => x.text('b'), (x) => x.uint(1)],
      [(x) => x.uint(24), (x) => x.bytes(new Uint8Array([9, 9]))],
      [(x) => x.int(-1), (x) => x.uint(2)],
      [(x) => x.uint(10), (x) => x.arrayHeader(0)],
      [(x) => x.text('a'), (x) => x.uint(3)],
      [(x) => x.uint(11), (x) => x.uint(4)],
    ];
    // 0a < 0b < 1818 < 20 < 6161 < 6162 (bytewise).
    expect(sortedMap(entries, 'zz')).toBe('627a7a' + 'a6' + '0a80' + '0b04' + '1818' + '420909' + '2002' + '616103' + '616201');
  });

  it('refuses a key twice (RFC 8949 §5.6), in key order or not, with an EncodeError', () => {
    const twice = (first: number) => () => sortedMap([[(x) => x.uint(first), (x) => x.null()], [(x) => x.uint(10), (x) => x.uint(1)], [(x) => x.uint(10), (x) => x.uint(2)]]);
    expect(twice(1)).toThrow(expect.objectContaining({ name: 'EncodeError', message: expect.stringContaining('one key twice (encoded 0a)') }));
    expect(twice(20)).toThrow(expect.objectContaining({ name: 'EncodeError', message: expect.stringContaining('one key twice (encoded 0a)') }));
  });

  it('sizes the head for 24 entries and more, and orders them', () => {
    const entries: [(x: CborWriter) => void, (x: CborWriter) => void][] = [];
    for (let i = 29; i >= 0; i--) entries.push([(x) => x.uint(i), (x) => x.text('v'.repeat(i))]);
    const out = hex(sortedMap(entries));
    const r = new CborReader(out);
    expect(r.readMapHeader('')).toBe(30);
    for (let i = 0; i < 30; i++) {
      expect(r.readUint('')).toBe(i);
      expect(r.readText('')).toBe('v'.repeat(i));
    }
    r.endContainer(30, '');
    r.finish('');
  });

  it('keeps a map written inside an entry whole', () => {
    const inner = (x: CborWriter) => {
      const offsets = [x.length];
      for (const k of ['y', 'x']) {
        offsets.push(x.length);
        x.text(k);
        offsets.push(x.length);
        x.uint(k === 'x' ? 1 : 2);
      }
      endSortedMap(x, offsets);
    };
    expect(sortedMap([[(x) => x.uint(2), inner], [(x) => x.uint(1), (x) => x.null()]])).toBe('a2' + '01f6' + '02' + 'a2' + '617801' + '617902');
  });
});

describe('CborWriter.reusing', () => {
  it('gives back results that later writers do not touch, and nested writers their own buffer', () => {
    const outer = CborWriter.reusing();
    outer.text('outer');
    const inner = CborWriter.reusing();
    inner.text('inner');
    const innerBytes = inner.finish();
    outer.uint(1);
    const outerBytes = outer.finish();
    expect(toHex(outerBytes)).toBe('656f7574657201');
    expect(toHex(innerBytes)).toBe('65696e6e6572');
    const next = CborWriter.reusing();
    next.bytes(new Uint8Array(300).fill(7));
    next.finish();
    expect(toHex(outerBytes)).toBe('656f7574657201');
    expect(toHex(innerBytes)).toBe('65696e6e6572');
  });

  it('writes correctly into a spare buffer that holds older, longer content', () => {
    const first = CborWriter.reusing();
    first.bytes(new Uint8Array(1000).fill(0xaa));
    first.finish();
    const second = CborWriter.reusing();
    second.text('ä');
    expect(toHex(second.finish())).toBe('62c3a4');
  });

  it('writes long texts through the views it keeps by offset as a fresh writer does, across values and growth (fast-check)', () => {
    // One value: texts (most of 24 units or more, which go to encodeInto) and byte strings that move the next offsets.
    const item = fc.oneof(
      fc.string({ unit: 'binary-ascii', minLength: 24, maxLength: 200 }),
      fc.string({ unit: 'binary', minLength: 24, maxLength: 90 }),
      fc.nat(700),
    );
    const write = (x: CborWriter, items: readonly (string | number)[]) => {
      for (const it of items) {
        if (typeof it === 'number') x.bytes(new Uint8Array(it).fill(it & 0xff));
        else x.text(it);
      }
      if (items.length >= 4 && typeof items[0] === 'string' && typeof items[2] === 'string') x.keyedTexts(1, items[0], 2, items[2]);
    };
    const result = (x: CborWriter, items: readonly (string | number)[]) => {
      try {
        write(x, items);
        return toHex(x.finish());
      } catch (error) {
        x.discard();
        return String(error);
      }
    };
    fc.assert(
      fc.property(fc.array(fc.array(item, { maxLength: 12 }), { minLength: 1, maxLength: 6 }), (values) => {
        for (const items of values) expect(result(CborWriter.reusing(), items)).toBe(result(new CborWriter(8), items));
      }),
      { numRuns: 300 },
    );
  });
});

describe('headInto', () => {
  it('writes the head CborWriter writes, for every width, and returns where it ends', () => {
    const arguments_ = [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1];
    for (const [mt, write] of [
      [0x80, (w: CborWriter, n: number) => w.arrayHeader(n)],
      [0xa0, (w: CborWriter, n: number) => w.mapHeader(n)],
      [0x00, (w: CborWriter, n: number) => w.uint(n)],
    ] as const) {
      for (const n of arguments_) {
        const writer = new CborWriter();
        write(writer, n);
        const expected = toHex(writer.finish());
        const out = new Uint8Array(12).fill(0xee);
        const end = headInto(out, 2, mt, n);
        expect([toHex(out.subarray(2, end)), end - 2]).toEqual([expected, headSize(n)]);
        expect(out[1]).toBe(0xee);
        expect(out[end]).toBe(0xee);
      }
    }
  });
});
