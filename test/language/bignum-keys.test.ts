/**
 * Map keys that are bignums (tags 2 and 3) beside members of integer keys. A bignum key `2(h'05')` is another data item
 * than the plain key `5`, so it is no match for a member `5 =>` (a literal key is the plain item), yet the two are one
 * key by value, so a map holding both holds a key twice (RFC 8949 §5.6). Two faults, found by asking the typed decoders
 * and the general matcher about every map of one or two such keys:
 * - computed keys kept as data items (`* any =>`, `* #6.2(bstr) =>`) were told apart from the member's key by their
 *   encodings alone, so `{5: 1, 2(h'05'): 2}` decoded, a map with a key twice (the matcher refuses it);
 * - computed keys of an integer type that takes bignums (`* biguint =>`) hold such a key as the integer 5, the member's
 *   key: the decoder took `{2(h'05'): 1}` into a value the encoder refused. Such a map is now checked by the general
 *   matcher (typed `CborValue`, with a warning), which is exact.
 * Each item a decoder takes passes its guard and is written back as the same data item, deterministically encoded,
 * which a typed decoder reads as the same value; but for `* any =>`, which writes `2(h'05')` as its integer `5` (the
 * same data item, RFC 8949 §3.4.3), which then reads as the member's entry (docs/cddl-support.md says so).
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compile, compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { deterministicKey } from '../../templates/cbor-deterministic.js';
import { CborReader } from '../../templates/runtime.js';
import { load } from '../bounded/module.js';
import { decodes } from '../support/errors.js';

const KEYS = ['05', 'c24105', '20', 'c340', '1bffffffffffffffff', 'c248ffffffffffffffff', 'c249010000000000000000', '6161'];
const VALUES = ['01', '6178'];

/** Every map of one or two of the keys, each with each value. */
const MAPS = KEYS.flatMap((k1) => [null, ...KEYS].flatMap((k2) => VALUES.flatMap((v1) => VALUES.map((v2) => (k2 === null ? `a1${k1}${v1}` : `a2${k1}${v1}${k2}${v2}`)))));

const RULES = [
  '{ ? 5 => int, * any => any }',
  '{ ? 5 => int, ? -1 => tstr, * #6.2(bstr) => any }',
  '{ 18446744073709551615 => any, * (#6.2(bstr) / #6.3(bstr)) => int }',
  '{ ? 5 => int, * biguint => any }',
  '{ ? 5 ^ => tstr, ? 18446744073709551615 => any, * integer => any }',
  '{ ? -1 => any, * (int / bignint) => tstr }',
];
/** A data item's deterministic encoding (as the runtime tells keys apart): two encodings of one data item have the same. */
const canonical = (bytes: Uint8Array) => deterministicKey(bytes, 0, bytes.length);

/** The rules left to the general matcher: computed keys that hold a bignum of a member's key as that integer. */
const GENERAL = [3, 4, 5];
/** Typed rules whose values come back the same: not r0, whose `any` keys are written deterministically (a bignum of a member's key as that key). */
const SAME_VALUE = [1, 2];

const schema = RULES.map((r, i) => `r${i} = ${r}`).join('\n') + '\n';

describe('bignum keys beside members of integer keys', () => {
  it('the maps whose computed keys hold a bignum as an integer are general; the others stay typed', () => {
    const text = compile([{ path: 'x.cddl', text: schema }])[0]?.contents ?? '';
    for (const i of GENERAL) expect(text, `r${i}`).toMatch(new RegExp(`export type R${i} = CborValue;`));
    for (const i of [0, 1, 2]) expect(text, `r${i}`).toMatch(new RegExp(`export interface R${i} \\{`));
  });

  it('typed decoders take exactly the maps the general matcher takes, and give each back as it was', async () => {
    const program = lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), RULES.map((_, i) => `r${i}`));
    const { module } = await load('bignum-keys', schema);
    const wrong: string[] = [];
    for (const [i, rule] of RULES.entries()) {
      const decode = module[`decodeR${i}`] as (b: Uint8Array) => unknown;
      const encode = module[`encodeR${i}`] as (v: unknown) => Uint8Array;
      const is = module[`isR${i}`] as (v: unknown) => boolean;
      for (const hex of MAPS) {
        const bytes = Uint8Array.from(Buffer.from(hex, 'hex'));
        const matcher = explain(program, `r${i}`, readCborValue(new CborReader(bytes), '', true)) === null;
        const decoder = decodes(decode, bytes);
        if (matcher !== decoder) wrong.push(`${hex} in ${rule}: matcher ${matcher}, decoder ${decoder}`);
        if (!decoder) continue;
        const value = decode(bytes);
        if (!is(value)) {
          wrong.push(`${hex} in ${rule}: the guard refuses the decoded value`);
          continue;
        }
        // The same data item, deterministically encoded (keys in order, a bignum of a 64-bit integer plain), which decodes to the same value.
        const written = encode(value);
        if (canonical(written) !== canonical(bytes)) wrong.push(`${hex} in ${rule}: written back as ${Buffer.from(written).toString('hex')}, another data item`);
        // A general rule's value is the data item (its map's entries in the order read): the same data item is enough.
        else if (SAME_VALUE.includes(i) && !isDeepStrictEqual(decode(written), value)) wrong.push(`${hex} in ${rule}: written back as ${Buffer.from(written).toString('hex')}, which decodes to another value`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a typed map with the member key and a bignum of it is refused as holding one key twice', async () => {
    const { module } = await load('bignum-keys-twice', schema);
    const decode = module.decodeR1 as (b: Uint8Array) => unknown;
    for (const hex of ['a20501c2410502', 'a2c24105020501']) {
      expect(decodes(decode, Uint8Array.from(Buffer.from(hex, 'hex'))), hex).toBe(false);
      expect(decodes(module.decodeR0 as (b: Uint8Array) => unknown, Uint8Array.from(Buffer.from(hex, 'hex'))), hex).toBe(false);
    }
    expect(decodes(decode, Uint8Array.from(Buffer.from('a2c2410502206178', 'hex')))).toBe(true);
  });
});
