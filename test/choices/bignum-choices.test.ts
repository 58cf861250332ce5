/**
 * Bignums (tags 2 and 3) in integer choices, in `.eq`/`.ne` and as literals beyond 64 bits, typed code against the
 * general matcher on fixed items: a choice takes a bignum only where an option that takes bignums takes its integer
 * (`uint / bignint` takes no `2(h'')`, though one flag on the merged integers said so); `.eq`/`.ne` compare a bignum
 * as its integer; a literal or range beyond 64 bits takes its bignums (typed code took none: no plain item holds
 * them), and a range across the bound is a general rule. Found by an ad-hoc differential of small items (the seeded
 * differentials draw no bignum of 0 or -1 in such rules, and no literal beyond 64 bits). Beside them, a float compared
 * with an integer no float holds (2^53 + 1): both typed code and the matcher rounded it to 2^53, so `float .lt
 * 9007199254740993` refused 2^53 as a float, which is less.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { hex } from '../support/hex.js';
import { cddl, generateModule, type GeneratedModule } from './generate.js';
import { decodes as decodesItem, itemsTaken } from './matcher-agreement.js';

const RULES: Record<string, string> = {
  UintOrBignint: 'uint / bignint',
  IntOrBiguint: 'int / biguint',
  SmallOrLarge: '(0..5) / (biguint .ge 10)',
  OneOrLarge: '1 / (biguint .ge 10)',
  InArray: '[(0..5) / (biguint .ge 10)]',
  ZeroOrBiguint: '0 / biguint',
  EqZero: 'bigint .eq 0',
  NeZero: 'bigint .ne 0',
  EqMinusOne: 'bignint .eq -1',
  Beyond: '18446744073709551616',
  BelowBeyond: '-18446744073709551617',
  BeyondRange: '18446744073709551616..18446744073709551620',
  ZeroOrBeyond: '0 / 18446744073709551616',
  AcrossRange: '0..18446744073709551616',
  FloatBelow: 'float .lt 9007199254740993',
  FloatAbove: 'float .gt 9007199254740993',
};
const SCHEMA = Object.entries(RULES).map(([name, type]) => `${ruleName(name)} = ${type}`).join('\n');
const PROGRAM = lowerProgram(compileIr(cddl(SCHEMA)), Object.keys(RULES).map(ruleName));

/** Plain integers, bignums of small values (some with leading zeros) and beyond 64 bits, and arrays of them. */
const ITEMS = ['00', '01', '05', '0a', '20', 'c240', 'c24100', 'c24101', 'c2420001', 'c2410a', 'c340', 'c34100', 'c249010000000000000000', 'c249010000000000000004', 'c249010000000000000005', 'c24a00010000000000000000', 'c349010000000000000000', '1bffffffffffffffff', 'fb4340000000000000', 'fb4340000000000001', '8101', '81c24101', '81c2410a'];

/** The CDDL name of a rule named in PascalCase here (`UintOrBignint` is `uint-or-bignint`). */
function ruleName(name: string): string {
  return name.replace(/[A-Z]/g, (c, i: number) => `${i > 0 ? '-' : ''}${c.toLowerCase()}`);
}

let mod: GeneratedModule;

beforeAll(async () => {
  mod = await generateModule('bignum-choices', cddl(SCHEMA));
});

describe('bignums in integer choices, in .eq/.ne and beyond 64 bits, typed code against the matcher', () => {
  it.each(Object.keys(RULES))('%s takes exactly the items the matcher takes, and writes each back as the matcher takes it', (name) => {
    const takes = (bytes: Uint8Array) => explain(PROGRAM, ruleName(name), readCborValue(new CborReader(bytes))) === null;
    expect(itemsTaken(mod, name, ITEMS, takes)).toEqual(ITEMS.filter((item) => takes(hex(item))));
  });

  it('the vectors that parted them', () => {
    const decodes = (name: string, item: string): boolean => decodesItem(mod, name, item);
    expect(['c240', 'c24100', '00', 'c340'].map((item) => decodes('UintOrBignint', item))).toEqual([false, false, true, true]);
    expect(['c340', 'c240', '20'].map((item) => decodes('IntOrBiguint', item))).toEqual([false, true, true]);
    expect(['c240', 'c2410a', '05'].map((item) => decodes('SmallOrLarge', item))).toEqual([false, true, true]);
    expect(['c240', 'c24100', '00'].map((item) => decodes('EqZero', item))).toEqual([true, true, true]);
    expect(['c240', '01', 'c24101'].map((item) => decodes('NeZero', item))).toEqual([false, true, true]);
    expect(['c249010000000000000000', 'c24a00010000000000000000', '1bffffffffffffffff'].map((item) => decodes('Beyond', item))).toEqual([true, true, false]);
    expect(decodes('BelowBeyond', 'c349010000000000000000')).toBe(true);
    expect(['c249010000000000000004', 'c249010000000000000005'].map((item) => decodes('BeyondRange', item))).toEqual([true, false]);
    expect(['00', 'c240', 'c249010000000000000000'].map((item) => decodes('ZeroOrBeyond', item))).toEqual([true, false, true]);
    expect(['1bffffffffffffffff', 'c249010000000000000000', 'c240'].map((item) => decodes('AcrossRange', item))).toEqual([true, true, false]);
    // 2^53 and 2^53 + 2 as floats, either side of 2^53 + 1.
    expect(['fb4340000000000000', 'fb4340000000000001'].map((item) => decodes('FloatBelow', item))).toEqual([true, false]);
    expect(['fb4340000000000000', 'fb4340000000000001'].map((item) => decodes('FloatAbove', item))).toEqual([false, true]);
  });
});
