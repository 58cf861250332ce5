/**
 * A recursive rule whose options are tags of one number (`r1 = #6.30({? 0 => int}) / #6.30([int] / r1)`, found by the
 * structural campaign, seed 10221): `[int] / r1` keeps r1's values with their tags (`{ tag: 30, value: … }`), one leaf
 * per option of r1. r1's own plan tells its map option from the other by the map's keys (`hasOnlyKeys`), but the
 * leaves were taken while r1's plan was still being made, and so were tested without it: the encoder took
 * `{ tag: 30, value: { tag: 30, value: [1] } }`'s inner value for the map option, an object with no "0", and wrote
 * 30(30(30([1]))) back as 30(30({})). The leaves are told apart as r1's plan says once it is made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratedModule, type GeneratedModule } from '../support/generated-module.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `a = r1
r1 = #6.30({? 0 => int}) / #6.30(([int] / r1))
b = r2
r2 = #6.30({? 0 => ([2* &(a: 0..2, b: 3)] .and [int, int])}) / #6.30(([int] / r2))
`;

let generated: GeneratedModule;
beforeAll(async () => {
  generated = await loadGeneratedModule(SCHEMA, 'recursive-tag-leaves');
}, 120_000);
afterAll(() => generated?.remove());

describe('leaves of a recursive choice of one tag', () => {
  it.each([
    ['d81ea0', 'a map'],
    ['d81ea10001', 'a map with its key', ['A']],
    ['d81ea100820001', 'a map with its key', ['B']],
    ['d81e8101', 'an array'],
    ['d81ed81ea0', 'a map one tag deeper'],
    ['d81ed81e8101', 'an array one tag deeper'],
    ['d81ed81ed81e8101', 'an array two tags deeper'],
    ['d81ed81ed81e813844', 'the campaign’s item'],
    ['d81ed81ed81ea10001', 'a map with its key two tags deeper', ['A']],
    ['d81ed81ed81ea100820203', 'a map with its key two tags deeper', ['B']],
    ['d81ed81ed81ed81ed81e8101', 'an array four tags deeper'],
  ])('%s (%s) decodes, passes the guard and encodes back as it was', (input, _what, rules = ['A', 'B']) => {
    for (const rule of rules) {
      const value = generated.mod[`decode${rule}`]?.(hex(input));
      expect(generated.mod[`is${rule}`]?.(value)).toBe(true);
      expect(toHex(generated.mod[`encode${rule}`]?.(value) as Uint8Array)).toBe(input);
    }
  });

  it('writes a value built by hand by the option its keys say', () => {
    const encode = generated.mod.encodeA as (value: unknown) => Uint8Array;
    expect(toHex(encode({ tag: 30, value: { tag: 30, value: [1] } }))).toBe('d81ed81ed81e8101');
    expect(toHex(encode({ tag: 30, value: { tag: 30, value: { 0: 1 } } }))).toBe('d81ed81ed81ea10001');
    expect(toHex(encode({ tag: 30, value: {} }))).toBe('d81ed81ea0');
  });
});
