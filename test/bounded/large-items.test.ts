/**
 * A map key of `any` that is not deterministically encoded is identified by its deterministic
 * encoding (templates/cbor-deterministic.ts, canonicalItem), which was built with `push(...bytes)`:
 * each byte an argument, so a chunked byte-string key of 300 KB threw the engine's RangeError
 * (maximum call stack size), and a bignum with many leading zero bytes lost them one `shift()` at a
 * time (quadratic). The general matcher told map keys apart by `String.fromCharCode(...bytes)` of
 * their encoding, with the same RangeError. Bounded: only DecodeError and EncodeError, in time
 * linear in the input. validateX passed the problems of a choice's closest option on with
 * `push(...problems)`, a RangeError for 200,000 problems.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Generated } from './module.js';
import { accepts } from '../general/support.js';

/** A head of major type `major` with a 4-byte argument. */
function head(major: number, n: number): number[] {
  return [(major << 5) | 26, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

describe('a map of `any` keys', () => {
  let g: Generated<'T' | 'C'>;
  beforeAll(async () => {
    g = (await load<'T' | 'C'>('large-items', 't = { * any => int }\nc = { (a: [* uint], ? b: tstr) // (a: [* uint], b: int) }\n')).module;
  });

  it('takes a 300 KB byte-string key in chunks, and writes it back as one definite byte string', () => {
    const n = 300_000;
    const content = new Uint8Array(n).map((_, i) => i & 255);
    // { (_ h'…' in two chunks) : 1 }
    const input = Uint8Array.from([0xa1, 0x5f, ...head(2, n / 2), ...content.subarray(0, n / 2), ...head(2, n / 2), ...content.subarray(n / 2), 0xff, 0x01]);
    const value = g.decodeT(input);
    expect(g.isT(value)).toBe(true);
    const written = g.encodeT(value) as Uint8Array;
    expect(Buffer.from(written).equals(Uint8Array.from([0xa1, ...head(2, n), ...content, 0x01]))).toBe(true);
  });

  it('takes a bignum key with 1 MB of leading zero bytes, and writes it as the plain integer it is', () => {
    const n = 1_000_000;
    const magnitude = new Uint8Array(n);
    magnitude[n - 1] = 5;
    // { 2(h'00…0005') : 1 }
    const input = Uint8Array.from([0xa1, 0xc2, ...head(2, n), ...magnitude, 0x01]);
    const value = g.decodeT(input);
    expect(g.isT(value)).toBe(true);
    expect([...(g.encodeT(value) as Uint8Array)]).toEqual([0xa1, 0x05, 0x01]);
  });

  it('validateX lists 200,000 problems of the closest of two map alternatives', () => {
    const problems = g.validateC({ a: Array.from({ length: 200_000 }, () => 'x'), b: 5 }) as { path: string }[];
    expect(problems).toHaveLength(200_000);
    expect(problems[199_999]!.path).toBe('.a[199999]');
  });
});

it('the general matcher takes a map with a 300 KB key', () => {
  const hex = Buffer.from(new Uint8Array(300_000).map((_, i) => i & 255)).toString('hex');
  expect(accepts('a = { * bstr => int }', `{h'${hex}': 1, h'00': 2}`)).toBe(true);
  expect(accepts('a = { * bstr => int }', `{h'${hex}': 1, h'${hex}': 2}`)).toBe(false);
});
