import { describe, expect, it } from 'vitest';
import { CborReader, readRaw, readSimple } from '../../templates/runtime.js';
import { decodeAll, decodeErrorOf, hex, rd } from './helpers.js';

describe('CborReader: integers', () => {
  it('reads every head width for major 0', () => {
    const cases: [string, number | bigint][] = [
      ['00', 0],
      ['01', 1],
      ['17', 23],
      ['1818', 24],
      ['18ff', 255],
      ['190100', 256],
      ['19ffff', 65535],
      ['1a00010000', 65536],
      ['1affffffff', 4294967295],
      ['1b0000000100000000', 4294967296],
      ['1b001fffffffffffff', Number.MAX_SAFE_INTEGER],
      ['1b0020000000000000', 2n ** 53n],
      ['1b0020000000000001', 2n ** 53n + 1n],
      ['1bffffffffffffffff', 2n ** 64n - 1n],
    ];
    for (const [h, v] of cases) {
      const r = rd(h);
      expect(r.readUint('')).toBe(v);
      r.finish('');
      expect(rd(h).readInt('')).toBe(v);
    }
  });

  it('accepts non-shortest heads', () => {
    for (const h of ['02', '1802', '190002', '1a00000002', '1b0000000000000002']) {
      const r = rd(h);
      expect(r.readUint('')).toBe(2);
      expect(r.pos).toBe(h.length / 2);
    }
    expect(rd('3b0000000000000000').readInt('')).toBe(-1);
    expect(rd('d81b01').readTag('')).toBe(27);
  });

  it('reads negative integers down to -2^64', () => {
    const cases: [string, number | bigint][] = [
      ['20', -1],
      ['37', -24],
      ['3818', -25],
      ['38ff', -256],
      ['390100', -257],
      ['39ffff', -65536],
      ['3a00010000', -65537],
      ['3affffffff', -4294967296],
      ['3b0000000100000000', -4294967297],
      ['3b001ffffffffffffe', -Number.MAX_SAFE_INTEGER],
      ['3b001fffffffffffff', -(2n ** 53n)],
      ['3bffffffffffffffff', -(2n ** 64n)],
    ];
    for (const [h, v] of cases) expect(rd(h).readInt('')).toBe(v);
  });

  it('returns numbers exactly when safe and bigints otherwise', () => {
    expect(typeof rd('1b001fffffffffffff').readUint('')).toBe('number');
    expect(typeof rd('1b0020000000000000').readUint('')).toBe('bigint');
    expect(typeof rd('3b001ffffffffffffe').readInt('')).toBe('number');
    expect(typeof rd('3b001fffffffffffff').readInt('')).toBe('bigint');
  });

  it('names what it found on a wrong major type', () => {
    expect(decodeErrorOf(() => rd('20').readUint('a')).reason).toBe('expected an unsigned integer, got a negative integer');
    expect(decodeErrorOf(() => rd('6161').readUint('')).reason).toBe('expected an unsigned integer, got a text string');
    expect(decodeErrorOf(() => rd('4161').readUint('')).reason).toBe('expected an unsigned integer, got a byte string');
    expect(decodeErrorOf(() => rd('80').readUint('')).reason).toBe('expected an unsigned integer, got an array');
    expect(decodeErrorOf(() => rd('a0').readUint('')).reason).toBe('expected an unsigned integer, got a map');
    expect(decodeErrorOf(() => rd('d84040').readUint('')).reason).toBe('expected an unsigned integer, got tag 64');
    expect(decodeErrorOf(() => rd('c1').readUint('')).reason).toBe('expected an unsigned integer, got tag 1');
    expect(decodeErrorOf(() => rd('d8').readUint('')).reason).toBe('expected an unsigned integer, got a tag');
    expect(decodeErrorOf(() => rd('f93c00').readUint('')).reason).toBe('expected an unsigned integer, got a float');
    expect(decodeErrorOf(() => rd('f5').readUint('')).reason).toBe('expected an unsigned integer, got true');
    expect(decodeErrorOf(() => rd('f6').readInt('')).reason).toBe('expected an integer, got null');
    expect(decodeErrorOf(() => rd('ff').readInt('')).reason).toBe('expected an integer, got a break code');
    expect(decodeErrorOf(() => rd('00').readText('')).reason).toBe('expected a text string, got an unsigned integer');
    expect(decodeErrorOf(() => rd('60').readBytes('')).reason).toBe('expected a byte string, got a text string');
    expect(decodeErrorOf(() => rd('00').readFloat('')).reason).toBe('expected a float, got an unsigned integer');
    expect(decodeErrorOf(() => rd('f4').readFloat('')).reason).toBe('expected a float, got false');
    expect(decodeErrorOf(() => rd('f7').readBool('')).reason).toBe('expected a boolean, got undefined');
    expect(decodeErrorOf(() => rd('f4').readNull('')).reason).toBe('expected null, got false');
    expect(decodeErrorOf(() => rd('f6').readUndefined('')).reason).toBe('expected undefined, got null');
    expect(decodeErrorOf(() => rd('a0').readArrayHeader('')).reason).toBe('expected an array, got a map');
    expect(decodeErrorOf(() => rd('80').readMapHeader('')).reason).toBe('expected a map, got an array');
    expect(decodeErrorOf(() => rd('00').readTag('')).reason).toBe('expected a tag, got an unsigned integer');
    expect(decodeErrorOf(() => rd('f0').readTag('')).reason).toBe('expected a tag, got a simple value');
  });

  it('formats the message with path and offset', () => {
    const r = rd('8201f6');
    expect(r.readArrayHeader('')).toBe(2);
    expect(r.readUint('[0]')).toBe(1);
    const e = decodeErrorOf(() => r.readUint('[1]'));
    expect(e.name).toBe('DecodeError');
    expect(e.path).toBe('[1]');
    expect(e.offset).toBe(2);
    expect(e.message).toBe('[1] at byte 2: expected an unsigned integer, got null');
    expect(decodeErrorOf(() => rd('f6').readUint('')).message).toBe('(root) at byte 0: expected an unsigned integer, got null');
  });

  it('rejects indefinite length on integers and tags', () => {
    expect(decodeErrorOf(() => rd('1f').readUint('')).reason).toMatch(/indefinite/);
    expect(decodeErrorOf(() => rd('3f').readInt('')).reason).toMatch(/indefinite/);
    expect(decodeErrorOf(() => rd('df00').readTag('')).reason).toMatch(/indefinite/);
  });
});

describe('CborReader: strings', () => {
  it('reads definite byte strings as zero-copy views', () => {
    const input = hex('8243010203 5820' + 'ab'.repeat(32));
    const r = new CborReader(input);
    expect(r.readArrayHeader('')).toBe(2);
    const a = r.readBytes('[0]');
    expect([...a]).toEqual([1, 2, 3]);
    expect(a.buffer).toBe(input.buffer);
    expect(a.byteOffset).toBe(2);
    const b = r.readBytes('[1]');
    expect(b.length).toBe(32);
    expect(b.buffer).toBe(input.buffer);
    r.endContainer(2, '');
    r.finish('');
  });

  it('reads every empty byte string as one shared, frozen empty array (no bytes to view; a view is an allocation)', () => {
    const r = new CborReader(hex('83 40 5800 5f40ff'));
    r.readArrayHeader('');
    const short = r.readBytes('[0]');
    const longHead = r.readBytes('[1]');
    const chunked = r.readBytes('[2]');
    r.endContainer(3, '');
    r.finish('');
    expect(short.length).toBe(0);
    expect(longHead).toBe(short);
    expect(Object.isFrozen(short)).toBe(true);
    expect(() => Object.defineProperty(short, 'tag', { value: 1 })).toThrow(TypeError);
    // One joined from chunks is a fresh array, as any chunked string is.
    expect(chunked.length).toBe(0);
    expect(chunked).not.toBe(short);
  });

  it('works on a subarray of a larger buffer (byteOffset != 0)', () => {
    const big = hex('ffff 1a00010000 43616263 ffff');
    const r = new CborReader(big.subarray(2, 11));
    expect(r.readUint('')).toBe(65536);
    const b = r.readBytes('');
    expect(b.buffer).toBe(big.buffer);
    expect(b.byteOffset).toBe(8);
    r.finish('');
  });

  it('reads every length head width for strings', () => {
    for (const n of [0, 23, 24, 255, 256, 65535, 65536]) {
      const payload = 'a'.repeat(n);
      const head = n < 24 ? (0x60 + n).toString(16) : n < 256 ? `78${n.toString(16).padStart(2, '0')}` : n < 65536 ? `79${n.toString(16).padStart(4, '0')}` : `7a${n.toString(16).padStart(8, '0')}`;
      const bytes = hex(head + '61'.repeat(n));
      const r = new CborReader(bytes);
      expect(r.readText('')).toBe(payload);
      r.finish('');
    }
    expect(rd('5b000000000000000101').readBytes('')).toEqual(new Uint8Array([1]));
    expect(rd('7b000000000000000161').readText('')).toBe('a');
  });

  it('concatenates indefinite-length byte strings into a copy', () => {
    const input = hex('5f 42 0102 40 43 030405 ff 00');
    const r = new CborReader(input);
    const b = r.readBytes('');
    expect([...b]).toEqual([1, 2, 3, 4, 5]);
    expect(b.buffer).not.toBe(input.buffer);
    expect(r.pos).toBe(10);
    expect(r.readUint('')).toBe(0);
    expect(rd('5fff').readBytes('')).toEqual(new Uint8Array(0));
  });

  it('reads indefinite-length text strings', () => {
    expect(rd('7f 657374726561 646d696e67 ff').readText('')).toBe('streaming');
    expect(rd('7fff').readText('')).toBe('');
    expect(rd('7f 62c3bc 60 ff').readText('')).toBe('ü');
  });

  it('rejects bad chunks', () => {
    expect(decodeErrorOf(() => rd('5f 61 61 ff').readBytes('')).reason).toMatch(/chunk of an indefinite-length byte string must be a definite-length byte string, got a text string/);
    expect(decodeErrorOf(() => rd('5f 5f ff ff').readBytes('')).reason).toMatch(/got an indefinite-length one/);
    expect(decodeErrorOf(() => rd('7f 41 61 ff').readText('')).reason).toMatch(/must be a definite-length text string/);
    expect(decodeErrorOf(() => rd('7f 00 ff').readText('')).offset).toBe(1);
    // A code point split across chunks is invalid (RFC 8949 §3.2.3).
    expect(decodeErrorOf(() => rd('7f 61c3 61bc ff').readText('')).reason).toBe('invalid UTF-8 in text string');
  });

  it('decodes UTF-8 and rejects invalid UTF-8', () => {
    expect(rd('62c3bc').readText('')).toBe('ü');
    expect(rd('63e6b0b4').readText('')).toBe('水');
    expect(rd('64f0908591').readText('')).toBe('\u{10151}');
    expect(rd('63efbbbf').readText('')).toBe('\ufeff'); // a BOM is data, not stripped
    const long = 'é'.repeat(40) + '😀';
    const enc = new TextEncoder().encode(long);
    const r = new CborReader(new Uint8Array([0x78, enc.length, ...enc]));
    expect(r.readText('')).toBe(long);
    // Text up to 64 bytes is first tried as ASCII, sixteen bytes at a time and then tails of
    // eight, four, two and one: one non-ASCII character anywhere, at any length, must still
    // decode as UTF-8, and a lone invalid byte anywhere must still be rejected.
    for (let n = 1; n <= 66; n++) {
      for (let at = 0; at < n; at++) {
        const text = 'a'.repeat(at) + 'é' + 'b'.repeat(Math.max(0, n - at - 2));
        const utf8 = new TextEncoder().encode(text);
        const head = utf8.length < 24 ? [0x60 + utf8.length] : [0x78, utf8.length];
        expect(new CborReader(new Uint8Array([...head, ...utf8])).readText('')).toBe(text);
        const bad = new Uint8Array(n).fill(0x61);
        bad[at] = 0x80;
        const badHead = n < 24 ? [0x60 + n] : [0x78, n];
        expect(decodeErrorOf(() => new CborReader(new Uint8Array([...badHead, ...bad])).readText('')).reason).toBe('invalid UTF-8 in text string');
      }
      expect(rd((n < 24 ? (0x60 + n).toString(16) : '78' + n.toString(16)) + '7e'.repeat(n)).readText('')).toBe('~'.repeat(n));
    }
    for (const bad of ['61ff', '61c3', '62c328', '63eda080', '64f4908080', '62c0af', '78' + '21' + '61'.repeat(32) + 'ff', '78' + '40' + '61'.repeat(63) + 'ff', '78' + '09' + '61'.repeat(7) + 'c328']) {
      const e = decodeErrorOf(() => rd(bad).readText('t'));
      expect(e.reason).toBe('invalid UTF-8 in text string');
      expect(e.offset).toBe(0);
    }
  });
});

describe('CborReader: floats and simple values', () => {
  const halves: [string, number][] = [
    ['f90000', 0],
    ['f98000', -0],
    ['f93c00', 1],
    ['f93e00', 1.5],
    ['f9c400', -4],
    ['f97bff', 65504],
    ['f90001', 5.960464477539063e-8],
    ['f903ff', 0.000060975551605224609375],
    ['f90400', 0.00006103515625],
    ['f97c00', Infinity],
    ['f9fc00', -Infinity],
    ['f97e00', NaN],
    ['f97c01', NaN],
    ['f9fe00', NaN],
  ];
  it.each(halves)('half %s', (h, v) => {
    const r = rd(h);
    expect(r.readFloatWidth('')).toBe(16);
    expect(r.pos).toBe(0);
    expect(Object.is(r.readFloat(''), v)).toBe(true);
    expect(r.pos).toBe(3);
  });

  it('reads single and double floats', () => {
    const cases: [string, number, number][] = [
      ['fa47c35000', 100000, 32],
      ['fa7f7fffff', 3.4028234663852886e38, 32],
      ['fa7f800000', Infinity, 32],
      ['fa7fc00000', NaN, 32],
      ['fa80000000', -0, 32],
      ['fb3ff199999999999a', 1.1, 64],
      ['fb7e37e43c8800759c', 1e300, 64],
      ['fbc010666666666666', -4.1, 64],
      ['fb0000000000000001', 5e-324, 64],
      ['fb7ff8000000000000', NaN, 64],
    ];
    for (const [h, v, w] of cases) {
      const r = rd(h);
      expect(r.readFloatWidth('')).toBe(w);
      expect(Object.is(r.readFloat(''), v)).toBe(true);
      r.finish('');
    }
  });

  it('does not accept an integer as a float', () => {
    expect(decodeErrorOf(() => rd('01').readFloatWidth('')).reason).toBe('expected a float, got an unsigned integer');
  });

  it('reads booleans, null, undefined and simple values', () => {
    expect(rd('f4').readBool('')).toBe(false);
    expect(rd('f5').readBool('')).toBe(true);
    expect(rd('f6').readNull('')).toBe(null);
    expect(rd('f7').readUndefined('')).toBe(undefined);
    expect(readSimple(rd('e0'), '')).toBe(0);
    expect(readSimple(rd('f3'), '')).toBe(19);
    expect(readSimple(rd('f4'), '')).toBe(20);
    expect(readSimple(rd('f820'), '')).toBe(32);
    expect(readSimple(rd('f8ff'), '')).toBe(255);
    expect(decodeErrorOf(() => readSimple(rd('f818'), '')).reason).toMatch(/not well-formed/);
    expect(decodeErrorOf(() => readSimple(rd('f81f'), '')).reason).toMatch(/not well-formed/);
    expect(decodeErrorOf(() => readSimple(rd('f93c00'), '')).reason).toBe('expected a simple value, got a float');
    expect(decodeErrorOf(() => readSimple(rd('ff'), '')).reason).toBe('expected a simple value, got a break code');
  });
});

describe('CborReader: containers and tags', () => {
  it('reads definite arrays and maps with every head width', () => {
    expect(rd('80').readArrayHeader('')).toBe(0);
    expect(rd('97' + '00'.repeat(23)).readArrayHeader('')).toBe(23);
    expect(rd('9818' + '00'.repeat(24)).readArrayHeader('')).toBe(24);
    expect(rd('990100' + '00'.repeat(256)).readArrayHeader('')).toBe(256);
    expect(rd('9a00000001 00').readArrayHeader('')).toBe(1);
    expect(rd('9b0000000000000001 00').readArrayHeader('')).toBe(1);
    expect(rd('a0').readMapHeader('')).toBe(0);
    expect(rd('b818' + '0000'.repeat(24)).readMapHeader('')).toBe(24);
    expect(rd('bb0000000000000001 0000').readMapHeader('')).toBe(1);
  });

  it('reads indefinite arrays and maps', () => {
    expect(decodeAll(hex('9f 01 9f ff 82 02 03 ff'))).toEqual([1, [], [2, 3]]);
    expect(decodeAll(hex('bf 61 61 01 61 62 9f 02 ff ff'))).toEqual(new Map<unknown, unknown>([['a', 1], ['b', [2]]]));
    // RFC 8949 Appendix A mixed example
    expect(decodeAll(hex('83018202039f0405ff'))).toEqual([1, [2, 3], [4, 5]]);
    expect(decodeAll(hex('826161bf61626163ff'))).toEqual(['a', new Map([['b', 'c']])]);
  });

  it('hasMoreItems / endContainer drive loops', () => {
    const r = rd('9f 01 02 ff');
    const n = r.readArrayHeader('');
    expect(n).toBe(-1);
    const items: unknown[] = [];
    for (let i = 0; r.hasMoreItems(n, i); i++) items.push(r.readUint(`[${i}]`));
    r.endContainer(n, '');
    r.finish('');
    expect(items).toEqual([1, 2]);
    expect(decodeErrorOf(() => { const r2 = rd('9f 01'); r2.readArrayHeader(''); r2.readUint(''); r2.hasMoreItems(-1, 1); }).reason).toBe('unexpected end of input');
    const r3 = rd('9f 01 02 ff');
    r3.readArrayHeader('');
    r3.readUint('');
    const e = decodeErrorOf(() => r3.endContainer(-1, 'x'));
    expect(e.reason).toBe('expected the end of the indefinite-length container, got an unsigned integer');
    expect(e.offset).toBe(2);
  });

  it('reads tags including 64-bit tag numbers', () => {
    const r = rd('c1 1a514b67b0');
    expect(r.readTag('')).toBe(1);
    expect(r.readUint('')).toBe(1363896240);
    expect(rd('d818 00').readTag('')).toBe(24);
    expect(rd('d9d9f7 00').readTag('')).toBe(55799);
    expect(rd('dbffffffffffffffff 00').readTag('')).toBe(2n ** 64n - 1n);
  });

  it('peekMajor and isBreak do not consume', () => {
    const r = rd('a1 ff');
    expect(r.peekMajor('')).toBe(5);
    expect(r.pos).toBe(0);
    expect(r.isBreak()).toBe(false);
    r.pos = 1;
    expect(r.isBreak()).toBe(true);
    expect(r.peekMajor('')).toBe(7);
    r.pos = 2;
    expect(r.isBreak()).toBe(false);
    const e = decodeErrorOf(() => r.peekMajor('p'));
    expect(e.reason).toBe('unexpected end of input');
    expect(e.offset).toBe(2);
    expect(rd('d840 40').describeNext()).toBe('tag 64');
    expect(rd('').describeNext()).toBe('the end of the input');
  });

  it('enforces the depth limit', () => {
    const deep = (n: number) => hex('81'.repeat(n) + '00');
    expect(() => decodeAll(deep(256))).not.toThrow();
    const e = decodeErrorOf(() => decodeAll(deep(257)));
    expect(e.reason).toBe('nesting deeper than the limit of 256');
    expect(e.offset).toBe(256);
    const r = new CborReader(deep(3), { maxDepth: 2 });
    r.readArrayHeader('');
    r.readArrayHeader('');
    expect(decodeErrorOf(() => r.readArrayHeader('')).offset).toBe(2);
    // depth is released by endContainer
    const r2 = new CborReader(hex('82 81 00 81 00'), { maxDepth: 2 });
    expect(decodeAll(hex('82 81 00 81 00'))).toEqual([[0], [0]]);
    r2.readArrayHeader('');
    for (let i = 0; i < 2; i++) {
      r2.readArrayHeader('');
      r2.readUint('');
      r2.endContainer(1, '');
    }
    r2.endContainer(2, '');
    r2.finish('');
  });

  it('rejects huge declared lengths before allocating', () => {
    const cases: [string, (r: CborReader) => unknown][] = [
      ['5bffffffffffffffff', (r) => r.readBytes('')],
      ['7bffffffffffffffff', (r) => r.readText('')],
      ['5b7fffffffffffffff00', (r) => r.readBytes('')],
      ['5a7fffffff00', (r) => r.readBytes('')],
      ['9bffffffffffffffff', (r) => r.readArrayHeader('')],
      ['9b001fffffffffffff00', (r) => r.readArrayHeader('')],
      ['9affffffff00', (r) => r.readArrayHeader('')],
      ['bbffffffffffffffff', (r) => r.readMapHeader('')],
      ['bb000000000000000100', (r) => r.readMapHeader('')],
      ['9bffffffffffffffff', (r) => r.skip('')],
      ['5bffffffffffffffff', (r) => r.skip('')],
      ['5f5bffffffffffffffffff', (r) => r.readBytes('')],
    ];
    for (const [h, f] of cases) {
      const bytes = hex(h);
      const e = decodeErrorOf(() => f(new CborReader(bytes)));
      expect(e.reason).toMatch(/^unexpected end of input/);
      expect(e.offset).toBe(bytes.length);
    }
    expect(decodeErrorOf(() => rd('9bffffffffffffffff').readArrayHeader('')).reason).toBe(
      'unexpected end of input: array declares 18446744073709551615 items, only 0 bytes remain',
    );
    expect(decodeErrorOf(() => rd('a2 0000').readMapHeader('')).reason).toBe(
      'unexpected end of input: map declares 2 entries, only 2 bytes remain',
    );
    expect(decodeErrorOf(() => rd('81').readArrayHeader('')).reason).toBe('unexpected end of input: array declares 1 item, only 0 bytes remain');
    expect(decodeErrorOf(() => rd('a1 00').readMapHeader('')).reason).toBe('unexpected end of input: map declares 1 entry, only 1 byte remains');
  });

  it('rejects reserved additional information', () => {
    for (const major of [0, 1, 2, 3, 4, 5, 6, 7]) {
      for (const ai of [28, 29, 30]) {
        const b = new Uint8Array([(major << 5) | ai, 0, 0, 0, 0, 0, 0, 0, 0]);
        const readers: ((r: CborReader) => unknown)[] = [
          (r) => r.readUint(''),
          (r) => r.readInt(''),
          (r) => r.readBytes(''),
          (r) => r.readText(''),
          (r) => r.readArrayHeader(''),
          (r) => r.readMapHeader(''),
          (r) => r.readTag(''),
          (r) => r.readFloat(''),
          (r) => readSimple(r, ''),
          (r) => r.readBool(''),
          (r) => r.skip(''),
        ];
        for (const f of readers) {
          const e = decodeErrorOf(() => f(new CborReader(b)));
          expect(e.reason).toBe('reserved additional information');
          expect(e.offset).toBe(0);
        }
      }
    }
  });

  it('finish rejects trailing bytes at their offset', () => {
    const r = rd('01 02');
    r.readUint('');
    const e = decodeErrorOf(() => r.finish(''));
    expect(e.reason).toBe('trailing bytes after the data item');
    expect(e.offset).toBe(1);
  });

  it('fail throws at itemStart by default', () => {
    const r = rd('01 19 0100');
    r.readUint('');
    expect(r.readUint('x')).toBe(256);
    expect(r.itemStart).toBe(1);
    expect(decodeErrorOf(() => r.fail('out of range', 'x')).offset).toBe(1);
    expect(decodeErrorOf(() => r.fail('boom', 'x', 7)).offset).toBe(7);
  });
});

describe('CborReader: skip and readRaw', () => {
  const wellFormed = [
    '00', '1bffffffffffffffff', '3bffffffffffffffff', '4401020304', '5f4101420203ff', '6449455446', '7f61616162ff',
    '83010203', '9f018202039f0405ffff', 'a26161016162820203', 'bf6346756ef563416d7421ff', 'c11a514b67b0',
    'd9d9f7d8408100', 'f93c00', 'fa47c35000', 'fb3ff199999999999a', 'f4', 'f5', 'f6', 'f7', 'e0', 'f820', 'f8ff',
    'c249010000000000000000', '9f9f9fffffff', 'bfff', 'a0', '80', '40', '60', '5fff', '7fff',
  ];
  it.each(wellFormed)('skips %s exactly', (h) => {
    const bytes = hex(h + '17');
    const r = new CborReader(bytes);
    r.skip('');
    expect(r.pos).toBe(bytes.length - 1);
    const r2 = new CborReader(bytes);
    const raw = readRaw(r2, '');
    expect(raw.buffer).toBe(bytes.buffer);
    expect(raw.length).toBe(bytes.length - 1);
    expect(r2.readUint('')).toBe(23);
    r2.finish('');
  });

  const notWellFormed: [string, RegExp][] = [
    ['1c', /reserved/],
    ['5d', /reserved/],
    ['fe', /reserved/],
    ['ff', /unexpected break/],
    ['81ff', /unexpected break/],
    ['1f', /indefinite/],
    ['3f', /indefinite/],
    ['df00', /indefinite/],
    ['5f00ff', /chunk/],
    ['5f5f40ffff', /chunk/],
    ['7f40ff', /chunk/],
    ['bf00ff', /unexpected break/],
    ['f800', /not well-formed/],
    ['f817', /not well-formed/],
    ['9f', /unexpected end of input/],
    ['bf00', /unexpected end of input/],
    ['5f41', /unexpected end of input/],
  ];
  it.each(notWellFormed)('rejects not-well-formed %s', (h, re) => {
    expect(decodeErrorOf(() => rd(h).skip('')).reason).toMatch(re);
  });

  it('applies the depth limit to containers and tags', () => {
    expect(() => rd('81'.repeat(256) + '00').skip('')).not.toThrow();
    expect(decodeErrorOf(() => rd('81'.repeat(257) + '00').skip('')).reason).toMatch(/nesting deeper/);
    expect(decodeErrorOf(() => rd('9f'.repeat(300)).skip('')).reason).toMatch(/nesting deeper/);
    expect(decodeErrorOf(() => rd('c6'.repeat(100000) + '00').skip('')).reason).toMatch(/nesting deeper/);
    expect(decodeErrorOf(() => rd('818181 00', 2).skip('')).reason).toMatch(/nesting deeper/);
    // skip counts from the reader's current depth
    const r = rd('81 81 81 00', 2);
    r.readArrayHeader('');
    expect(decodeErrorOf(() => r.skip('[0]')).offset).toBe(2);
  });
});

describe('CborReader: truncation', () => {
  const complex = [
    'a3 63666f6f 9f 01 3a000f4240 f97e00 ff 18ff 5f 42 0102 41 03 ff 62 6869 c2 49 010000000000000000',
    '84 1b0020000000000000 fb3ff199999999999a 7f 62c3bc 61 61 ff bf 61 61 a1 01 f5 ff',
    'd8 40 82 58 20' + 'ab'.repeat(32) + '19 fffe',
    '82 7820' + '61'.repeat(32) + ' fa47c35000',
  ];
  it.each(complex)('every proper prefix of %s is an end-of-input DecodeError', (h) => {
    const full = hex(h);
    // sanity: the full item is fine both ways
    expect(() => decodeAll(full)).not.toThrow();
    const r = new CborReader(full);
    r.skip('');
    r.finish('');
    for (let len = 0; len < full.length; len++) {
      const prefix = full.slice(0, len);
      for (const f of [(x: Uint8Array) => decodeAll(x), (x: Uint8Array) => new CborReader(x).skip('')]) {
        const e = decodeErrorOf(() => f(prefix));
        expect(e.reason).toMatch(/^unexpected end of input/);
        expect(e.offset).toBe(len);
      }
    }
  });

  it('reports truncated heads and payloads for each read method', () => {
    const cases: [string, (r: CborReader) => unknown][] = [
      ['', (r) => r.readUint('')],
      ['18', (r) => r.readUint('')],
      ['19 01', (r) => r.readUint('')],
      ['1a 0000 00', (r) => r.readInt('')],
      ['3b 00000000 000000', (r) => r.readInt('')],
      ['43 0102', (r) => r.readBytes('')],
      ['78', (r) => r.readText('')],
      ['7f 6161', (r) => r.readText('')],
      ['f9 00', (r) => r.readFloat('')],
      ['fa 000000', (r) => r.readFloatWidth('')],
      ['fb', (r) => r.readFloat('')],
      ['f8', (r) => readSimple(r, '')],
      ['d9 01', (r) => r.readTag('')],
      ['98', (r) => r.readArrayHeader('')],
      ['82 00', (r) => r.readArrayHeader('')],
      ['b9 00', (r) => r.readMapHeader('')],
      ['', (r) => r.readBool('')],
    ];
    for (const [h, f] of cases) {
      const bytes = hex(h);
      const e = decodeErrorOf(() => f(new CborReader(bytes)));
      expect(e.reason).toMatch(/^unexpected end of input/);
      expect(e.offset).toBe(bytes.length);
    }
  });
});
