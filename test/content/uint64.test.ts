/** `uint .size 8` (ExternalPart.size): numbers up to 2^53 - 1, exact bigints beyond, nothing from 2^64. */
import { Tag } from 'cbor2';
import { describe, expect, it } from 'vitest';
import * as m from '../../generated/mimi-content.js';
import { cde, external, genericMessage, genericPart, message } from './build.js';
import { decodeErrorOf, toHex } from './helpers.js';

function sizeOf(bytes: Uint8Array): number | bigint {
  const p = m.decodeMimiContent(bytes).nestedPart;
  if (p.cardinality !== 2) throw new Error('not an external part');
  return p.size;
}

describe('ExternalPart.size (uint .size 8)', () => {
  it('2^60 as a bigint round-trips exactly, in a 9-byte head', () => {
    const size = 2n ** 60n;
    const bytes = m.encodeMimiContent(message(external(size)));
    expect(toHex(bytes)).toContain('1b1000000000000000');
    expect(toHex(bytes)).toBe(toHex(cde(genericMessage(genericPart(external(size))))));
    expect(sizeOf(bytes)).toBe(size);
    expect(toHex(m.encodeMimiContent(m.decodeMimiContent(bytes)))).toBe(toHex(bytes));
  });

  it('2^53 - 1 decodes as a number, 2^53 and 2^64 - 1 as bigints; a safe number and a bigint of the same value encode alike', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(sizeOf(m.encodeMimiContent(message(external(max))))).toBe(max);
    expect(sizeOf(m.encodeMimiContent(message(external(2n ** 53n))))).toBe(2n ** 53n);
    expect(sizeOf(m.encodeMimiContent(message(external(2n ** 64n - 1n))))).toBe(2n ** 64n - 1n);
    // A number beyond 2^53 - 1 may already be rounded: the guard asks for a bigint there.
    expect(m.validateMimiContent(message(external(2 ** 53))).map((p) => p.path)).toEqual(['.nestedPart.size']);
    expect(toHex(m.encodeMimiContent(message(external(708234961n))))).toBe(toHex(m.encodeMimiContent(message(external(708234961)))));
  });

  it('2^64 (a bignum, tag 2) and negatives are rejected when decoding, at .nestedPart.size', () => {
    const big = cde(genericMessage(genericPart(external(0)).map((x, i) => (i === 6 ? new Tag(2, new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0])) : x))));
    expect(decodeErrorOf(() => m.decodeMimiContent(big)).path).toBe('.nestedPart.size');
    const negative = cde(genericMessage(genericPart(external(0)).map((x, i) => (i === 6 ? -1 : x))));
    expect(decodeErrorOf(() => m.decodeMimiContent(negative)).path).toBe('.nestedPart.size');
  });

  it('encoding 2^64 never produces bytes', () => {
    for (const size of [2n ** 64n, 2 ** 64, 2n ** 70n]) expect(() => m.encodeMimiContent(message(external(size)))).toThrow();
  });

  it('2^64 is reported by the guards and the encoder (EncodeError at .nestedPart.size)', () => {
    const value = message(external(2n ** 64n));
    expect(m.validateMimiContent(value).map((p) => p.path)).toEqual(['.nestedPart.size']);
    expect(m.isMimiContent(value)).toBe(false);
    let thrown: unknown;
    try {
      m.encodeMimiContent(value);
    } catch (e) {
      thrown = e;
    }
    expect(m.isEncodeError(thrown)).toBe(true);
  });

  it('the uint .size 4 and .size 2 neighbours are bounded: expires 2^32 and encAlg 2^16 are rejected', () => {
    for (const [index, value, path] of [[5, 2 ** 32, '.nestedPart.expires'], [7, 2 ** 16, '.nestedPart.encAlg']] as const) {
      const bytes = cde(genericMessage(genericPart(external(0)).map((x, i) => (i === index ? value : x))));
      expect(decodeErrorOf(() => m.decodeMimiContent(bytes)).path).toBe(path);
    }
    expect(m.validateMimiContent(message({ ...(external(0) as Extract<m.NestedPart, { cardinality: 2 }>), expires: 2 ** 32 })).map((p) => p.path)).toEqual(['.nestedPart.expires']);
  });
});
