/**
 * Bignums (tag 2 or 3 on a byte string) are read and written in time linear in their bytes. The
 * runtime built a bigint from the bytes with a shift and an OR per byte, and the bytes from a
 * bigint with a shift per byte, each copying the growing value: a 100 KB bignum took 0.7 s to
 * decode and as long to encode, 1 MB about a minute (a decoder of `integer` froze on a 1 MB input).
 * Both go through one hex string now. One larger than the engine's bigints (2^30 bits in V8) is a
 * DecodeError, tested with MIMI_HEAVY_TESTS=1 (the input is 128 MiB). Messages show an integer of
 * 2^128 or more by its first hex digits and its size: its decimal took as long as the decode did.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { bigIntFromBytes, byteLengthOfBigInt, bytesOfBigInt } from '../../templates/runtime.js';
import { load, type Generated } from './module.js';

/** The definition, a shift and an OR per byte (quadratic, fine for the small values fast-check draws). */
function reference(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/** A bignum item: tag 2 (3 if `negative`) on a byte string with a 4-byte length head. */
function bignumItem(magnitude: Uint8Array, negative = false): Uint8Array {
  const n = magnitude.length;
  const item = new Uint8Array(6 + n);
  item.set([negative ? 0xc3 : 0xc2, 0x5a, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  item.set(magnitude, 6);
  return item;
}

describe('bytes to bigint and back', () => {
  it('agree with the definition, with no leading zero written, and count the bytes needed', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(bigIntFromBytes(bytes)).toBe(reference(bytes));
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 640n }), (n) => {
        const bytes = bytesOfBigInt(n);
        expect(reference(bytes)).toBe(n);
        expect(bytes[0]).not.toBe(0);
        expect(bytes.length).toBe(byteLengthOfBigInt(n));
      }),
    );
    expect([...bytesOfBigInt(0n)]).toEqual([]);
    expect(byteLengthOfBigInt(0n)).toBe(0);
    expect([...bytesOfBigInt(256n)]).toEqual([1, 0]);
  });
});

describe('a rule of `integer` (int / bignint / biguint)', () => {
  let g: Generated<'T' | 'Small'>;
  beforeAll(async () => {
    g = (await load<'T' | 'Small'>('bignums-linear', 't = integer\nsmall = biguint .le 1000\n')).module;
  });

  it('decodes a 4 MB bignum of either sign and encodes it back to the same bytes', () => {
    const magnitude = new Uint8Array(4_000_000).map((_, i) => (i * 131 + 7) & 255);
    magnitude[0] = 0x80;
    for (const negative of [false, true]) {
      const item = bignumItem(magnitude, negative);
      const value = g.decodeT(item) as bigint;
      expect(typeof value).toBe('bigint');
      expect(value < 0n).toBe(negative);
      // Compared as one string: toEqual walks 4 million items one by one, slower than the codec.
      expect(Buffer.from(g.encodeT(value) as Uint8Array).equals(item)).toBe(true);
    }
  });

  it('names a large bignum out of range by its size, in decoders, guards and encoders', () => {
    const magnitude = new Uint8Array(1_000_000).fill(0xab);
    const shown = '0xabababababababab… (an integer of 8000000 bits)';
    expect(() => g.decodeSmall(bignumItem(magnitude))).toThrow(`expected an integer in 0..1000, got ${shown}`);
    const big = BigInt('0x' + 'ab'.repeat(1_000_000));
    expect(g.validateSmall(big)).toEqual([{ path: '', message: `expected an integer in 0..1000, got the bigint ${shown}` }]);
    expect(() => g.encodeSmall(-big)).toThrow(`got the bigint -${shown}`);
    // Below 2^128, in decimal as before.
    expect(g.validateSmall(2n ** 127n)).toEqual([{ path: '', message: 'expected an integer in 0..1000, got the bigint 170141183460469231731687303715884105728' }]);
  });

  it.runIf(process.env.MIMI_HEAVY_TESTS === '1')('a bignum larger than the engine holds is a DecodeError at its tag', () => {
    const item = bignumItem(new Uint8Array(2 ** 27 + 16).fill(0x11));
    expect(() => g.decodeT(item)).toThrow(expect.objectContaining({ name: 'DecodeError', offset: 0, message: expect.stringContaining("a bignum larger than this engine's bigints can be") }));
  });
});
