/**
 * Controls on the types that take bignums (`biguint`, `bigint`, `integer`, `unsigned`): their values are every integer,
 * beyond 64 bits as a bignum (tag 2 or 3, RFC 8949 §3.4.3), and a control on them keeps taking bignums.
 *
 * `.bits` (RFC 8610 §3.8.2) sets bits of the integer: `biguint .bits 64` is 0 and 2^64. It took plain items only, in
 * the typed layouts (the shape lost the target's bignum flag) and in the general matcher (its test read plain integers).
 *
 * `.plus` of a target that takes bignums (RFC 9165 §2.1: "the sum is converted into the type of the target"):
 * `biguint`, `bigint`, `integer` and `unsigned` hold every integer, beyond 64 bits as a bignum (tag 2 or 3, RFC 8949
 * §3.4.3), so their sums do too (`integer .plus 0` is `integer`), where a plain target's sums are its plain items
 * (`uint .plus 1` stops at 2^64 − 1, which a plain item holds last). The sums were cut to 64 bits whatever the
 * target, so `integer .plus 0` refused the bignum 2^64 that `integer` takes. Typed decoders (with the re-encoding)
 * and the general matcher are asked about the same data items.
 */
import { describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { load } from '../bounded/module.js';
import { checkModule } from '../property/check-module.js';
import { decodes } from '../support/errors.js';
import { loadGeneratedModule } from '../support/generated-module.js';

/** Data items at the 64-bit seams: plain, preferred bignums beyond 64 bits, and bignums of values a plain item holds. */
const ITEMS: Record<string, string> = {
  '5': '05',
  '2^64-1': '1bffffffffffffffff',
  '-2^64': '3bffffffffffffffff',
  'bignum 0': 'c240',
  'bignum 5': 'c24105',
  'bignum 2^64-1': 'c248ffffffffffffffff',
  'bignum 2^64': 'c249010000000000000000',
  'bignum -2^64-1': 'c349010000000000000000',
  // Beyond the 2^8192 the layouts stand for "no end" with: still an integer of biguint, bigint and integer.
  'bignum 2^8192': `c2590401${'01'}${'00'.repeat(1024)}`,
  'bignum -2^8192-1': `c3590401${'01'}${'00'.repeat(1024)}`,
};

/** Each rule and the items it takes (of ITEMS; the others it refuses); `general`: a rule the typed layouts leave to the general matcher, whose values are the data items, written back whole. */
const RULES: [string, string[], 'general'?][] = [
  ['integer .plus 0', Object.keys(ITEMS)],
  ['bigint .plus 0', Object.keys(ITEMS)],
  ['integer .plus 1', Object.keys(ITEMS)],
  ['biguint .plus 0', ['5', '2^64-1', 'bignum 0', 'bignum 5', 'bignum 2^64-1', 'bignum 2^64', 'bignum 2^8192']],
  ['biguint .plus 1', ['5', '2^64-1', 'bignum 5', 'bignum 2^64-1', 'bignum 2^64', 'bignum 2^8192']],
  ['unsigned .plus 1', ['5', '2^64-1', 'bignum 5', 'bignum 2^64-1', 'bignum 2^64', 'bignum 2^8192']],
  ['(biguint .plus 1) .lt 10', ['5', 'bignum 5']],
  ['bignint .plus -1', ['-2^64', 'bignum -2^64-1', 'bignum -2^8192-1']],
  // A sum with an end that has none has none either: every integer from −5 (it stopped at 2^8192 − 5, a bound of 2,467
  // digits written into the generated code), every one up to 9.
  ['biguint .plus -5', ['5', '2^64-1', 'bignum 0', 'bignum 5', 'bignum 2^64-1', 'bignum 2^64', 'bignum 2^8192']],
  ['bignint .plus 10', ['5', '-2^64', 'bignum 0', 'bignum 5', 'bignum -2^64-1', 'bignum -2^8192-1']],
  ['(bigint .le 3) .plus -3', ['-2^64', 'bignum 0', 'bignum -2^64-1', 'bignum -2^8192-1']],
  // A float controller: n + floor(x) (§2.1), every floor where the target takes bignums.
  ['integer .plus 0.5', Object.keys(ITEMS)],
  ['biguint .plus float16', ['5', '2^64-1', 'bignum 0', 'bignum 5', 'bignum 2^64-1', 'bignum 2^64', 'bignum 2^8192']],
  ['biguint .plus -1.5', ['5', '2^64-1', 'bignum 0', 'bignum 5', 'bignum 2^64-1', 'bignum 2^64', 'bignum 2^8192']],
  // 2^64 .. 2^64 + 3 plus the floor of any double: 0 .. 3 (with −2^64), 2^64 − 1 (with −1.0) and −2^64 (with −2^65),
  // but not 5, whose double would be one of −2^64 + 2 .. −2^64 + 5, where doubles are 2048 apart (evenly spaced runs).
  ['(18446744073709551616 .. 18446744073709551619) .plus float', ['2^64-1', '-2^64', 'bignum 0', 'bignum 2^64-1', 'bignum 2^64'], 'general'],
  // .bits: the bits of the integer a bignum stands for.
  ['biguint .bits 64', ['bignum 0', 'bignum 2^64']],
  ['biguint .bits (0..63)', ['5', '2^64-1', 'bignum 0', 'bignum 5', 'bignum 2^64-1']],
  ['unsigned .bits (0..64)', ['5', '2^64-1', 'bignum 0', 'bignum 5', 'bignum 2^64-1', 'bignum 2^64']],
  ['uint .bits (0..64)', ['5', '2^64-1']],
  // .plus of such a .bits: its values as ranges, still taking bignums (it was refused once .bits kept them).
  ['(biguint .bits (0 / 64)) .plus -1', ['2^64-1', 'bignum 0', 'bignum 2^64-1', 'bignum 2^64']],
  // Plain targets: their sums are plain items, up to 2^64 − 1 and down to −2^64.
  ['uint .plus 1', ['5', '2^64-1']],
  ['int .plus 0', ['5', '2^64-1', '-2^64']],
  ['(0..3) .plus 18446744073709551615', ['2^64-1']],
];

const schema = RULES.map(([type], i) => `r${i} = ${type}`).join('\n') + '\n';
const item = (name: string) => Uint8Array.from(Buffer.from(ITEMS[name] as string, 'hex'));

describe('controls on types that take bignums', () => {
  it('the general matcher takes exactly their values, as plain items or bignums as the target does', () => {
    const program = lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), RULES.map((_, i) => `r${i}`));
    for (const [i, [type, takes]] of RULES.entries()) {
      for (const name of Object.keys(ITEMS)) {
        const value = readCborValue(new CborReader(item(name)), '', true);
        expect(explain(program, `r${i}`, value) === null, `${name} in ${type}`).toBe(takes.includes(name));
      }
    }
  });

  it('the typed decoders take the same items, and give back each as its preferred serialization', async () => {
    const { module } = await load('bignum-controls', schema);
    for (const [i, [type, takes, general]] of RULES.entries()) {
      const decode = module[`decodeR${i}`] as (b: Uint8Array) => unknown;
      if (decode === undefined) throw new Error(`no decodeR${i}`);
      const encode = module[`encodeR${i}`] as (v: unknown) => Uint8Array;
      for (const name of Object.keys(ITEMS)) {
        expect(decodes(decode, item(name)), `${name} in ${type}`).toBe(takes.includes(name));
        if (!takes.includes(name)) continue;
        // A bignum of a value a plain item holds is that integer (RFC 8949 §3.4.3), written plain by a typed rule.
        const value = decode(item(name));
        const preferred = general === 'general' ? ITEMS[name] : name === 'bignum 5' ? '05' : name === 'bignum 0' ? '00' : name === 'bignum 2^64-1' ? '1bffffffffffffffff' : ITEMS[name];
        expect(Buffer.from(encode(value)).toString('hex'), `${name} in ${type}`).toBe(preferred);
      }
    }
  });

  it('the test-data generators draw values of both forms, which decode, pass the guard and re-encode; edits decode as the matcher says', async () => {
    const { mod, arbitrary, remove } = await loadGeneratedModule(schema, 'bignum-controls-drawn');
    try {
      const rules = compileIr([{ path: 'x.cddl', text: schema }]).rules.map((r) => ({ name: r.name, tsName: r.tsName }));
      const report = checkModule(mod, arbitrary, rules, { seeds: 40, edits: 3, maxRules: 1000 });
      expect(report.failures).toEqual([]);
      expect(report.covered).toBe(RULES.length);
    } finally {
      remove();
    }
  });
});
