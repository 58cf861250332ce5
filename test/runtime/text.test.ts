/**
 * cbor-text.ts: UTF-8 lengths and decoding against the platform's TextEncoder and TextDecoder, on
 * strings of every kind of code unit (ASCII, two- and three-byte characters, surrogate pairs and
 * lone surrogates, which TextEncoder encodes as U+FFFD and utf8Length counts so; guards and the writer refuse them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, utf8Length, utf8LengthWithin } from '../../templates/runtime.js';
import { asciiText } from '../../templates/cbor-text.js';

const encoded = (s: string) => new TextEncoder().encode(s);

/** Strings mixing one- to four-byte characters and lone surrogates. */
const mixed = fc
  .array(fc.oneof(fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udfff', '\u0000', '\uffff'), fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 })
  .map((parts) => parts.join(''));

describe('UTF-8 lengths', () => {
  it('utf8Length is the length TextEncoder gives', () => {
    fc.assert(fc.property(mixed, (s) => utf8Length(s) === encoded(s).length));
  });

  it('utf8LengthWithin answers as comparing utf8Length with the bounds, for any bounds', () => {
    const bound = fc.integer({ min: 0, max: 50 });
    fc.assert(
      fc.property(mixed, bound, fc.option(bound, { nil: undefined }), (s, min, width) => {
        const max = width === undefined ? Infinity : min + width;
        const n = encoded(s).length;
        expect(utf8LengthWithin(s, min, max)).toBe(n >= min && n <= max);
      }),
      { numRuns: 2000 },
    );
  });

  it('utf8LengthWithin at the edges of what the count of code units decides', () => {
    // 'é€' is 2 units, 5 bytes: between 2 and 6, so the bytes must be counted.
    expect(utf8LengthWithin('é€', 5, 5)).toBe(true);
    expect(utf8LengthWithin('é€', 6, 6)).toBe(false);
    expect(utf8LengthWithin('é€', 2, 4)).toBe(false);
    // A surrogate pair: 2 units, 4 bytes.
    expect(utf8LengthWithin('😀', 4, 4)).toBe(true);
    expect(utf8LengthWithin('😀', 3, 3)).toBe(false);
    expect(utf8LengthWithin('', 0, 0)).toBe(true);
    expect(utf8LengthWithin('', 1, Infinity)).toBe(false);
  });
});

describe('decodeUtf8', () => {
  it('decodes what TextEncoder encodes, whole or any range of it on character boundaries', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'é', '€', '😀', 'Z', '\ufeff'), { maxLength: 80 }), fc.nat(), (characters, cut) => {
        const k = characters.length === 0 ? 0 : cut % (characters.length + 1);
        const head = encoded(characters.slice(0, k).join('')).length;
        const bytes = encoded(characters.join(''));
        expect(decodeUtf8(bytes)).toBe(characters.join(''));
        expect(decodeUtf8(bytes, head)).toBe(characters.slice(k).join(''));
        expect(decodeUtf8(bytes, 0, head)).toBe(characters.slice(0, k).join(''));
      }),
    );
  });

  it('is null on bytes that are not UTF-8, short or long', () => {
    expect(decodeUtf8(new Uint8Array([0x61, 0xff]))).toBeNull();
    expect(decodeUtf8(new Uint8Array([0xc3]))).toBeNull();
    expect(decodeUtf8(new Uint8Array([...new Array(100).fill(0x61), 0xed, 0xa0, 0x80]))).toBeNull();
  });
});

describe('asciiText', () => {
  it('reads ASCII of every length up to 100 from any offset, and is null when any one byte is not ASCII', () => {
    const input = Uint8Array.from({ length: 120 }, (_, i) => 0x20 + ((i * 7) % 95));
    const latin = (from: number, to: number) => String.fromCharCode(...input.subarray(from, to));
    for (const offset of [0, 3]) {
      for (let n = 0; n <= 100; n++) {
        expect(asciiText(input, offset, offset + n)).toBe(latin(offset, offset + n));
        for (let k = 0; k < n; k++) {
          const bytes = input.slice();
          bytes[offset + k] = k % 2 === 0 ? 0x80 : 0xff;
          expect(asciiText(bytes, offset, offset + n)).toBeNull();
        }
      }
    }
  });
});
