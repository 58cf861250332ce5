/**
 * Typed decoders, guards and encoders against the general matcher on random small schemas of
 * scalar types, their controls and choices: integers and floats whose values coincide (`2` and
 * `2.0`), ranges of both kinds, sizes, `.bits`, comparisons, literals, enumerations, tags and the
 * prelude's tag types, text and byte strings, and arrays, maps and tags of those. The matcher
 * follows RFC 8610 exactly, so a typed decoder must take exactly the data items it takes; on
 * each item taken, the guard accepts the value, the encoder writes it, the matcher takes what it
 * writes, and a deterministic input comes back byte for byte (the lossless round trip). The items
 * are drawn from each rule, drawn and then changed, and random (floats of every width, integers
 * of every size, a few tags), most of which the rule refuses. test/language/groups-differential
 * does the same for groups; `TYPES_DIFFERENTIAL_SEED` picks another schema (CI runs seed 1).
 *
 * What it found is kept in test/choices/instances-and-widths.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { seededRandom, type Random } from '../../templates/arbitrary.js';
import { CborMap, CborTagged, readCborValue, type CborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { load, thrown, type Generated } from '../bounded/module.js';
import { toHex } from '../support/hex.js';
import { differentialItems, floatOfSomeWidth, roundTripProblems, ruleFunctions } from '../support/differential.js';

const RULES = 160;
const ITEMS_PER_RULE = 60;

/** Scalar types, with and without controls, whose values meet at the few values the random items hold. */
const SCALARS = [
  'int', 'uint', 'nint', 'float', 'float16', 'float32', 'float64', 'float16-32', 'float32-64', 'number', 'tstr', 'bstr', 'bool', 'nil', 'true', 'undefined',
  '0..10', '-5..5', '0..255', '1.5..2.5', '0.0..2.0', '-1.0..1.0', '1', '-1', '2', '0', '2.0', '1.5', '0.0', '-0.0', '"s"', '""', "h'01'", "h''",
  'uint .size 1', 'uint .size 2', 'int .lt 5', 'int .ge -3', 'float .lt 2.0', 'float .ge 0.0', 'number .le 2', 'tstr .size (0..1)', 'bstr .size 1',
  'uint .bits (0 / 2)', 'int .ne 0', 'float .ne 2.0', 'tstr .regexp "a+"', 'bstr .cbor int', 'bstr .cbor tstr', 'uint .eq 2', 'tstr .eq "s"',
  'biguint', 'bignint', 'bigint', 'integer', 'unsigned', 'time', 'tdate', 'uri', 'encoded-cbor', 'any',
  '~tdate', 'bstr .cborseq int', 'uint .size 8', 'bstr .bits (0 / 2)', '#7.25', 'float16 .lt 1.0', 'nil / undefined', 'decfrac', 'bigfloat',
  'eb64url', 'regexp', '#6.0(tstr)', '#6.5([int, int])', 'uint .default 3', '&( a: 0.0, b: -0.0 )', '(0..3) .and (2..9)', 'int .within uint',
  'int .lt 1.5', 'uint .ge 0.5', 'int .ne 2.0', '(0..10) .gt -0.0', 'biguint .lt 300', 'bigint .ge -2', 'bignint .le -2.5',
  'biguint .size 2', 'bigint .ne 5', 'biguint .and (0..300)', 'bigint .eq -1', 'uint .within biguint',
  'bigint .plus 1', 'biguint .bits (0 / 8)', 'uint .plus 2', '(0..3) .plus 1.5', '~biguint', '#6.2(bstr)', 'bigint .size 1', 'nint .size 1',
  '{ k: int } .and { k: uint }', '{ ? k: int, ? 1 => tstr } .and { ? k: 0..5 }', '{ k: int } .and { 1: int }', '{ "k" => int } .within { k: uint / tstr, ? 1: bool }',
  'uint .ne (0 / 2)', 'int .eq (-1 / 1..2)', 'bigint .ne (1 / 5)',
  '[int] .and [uint]', '[* int] .and [0*1 uint]', '[* int] .and [uint, 5]', '[int, int] .and [uint]', '[* int] .and [* tstr]', '[x: int, tstr] .within [0..10, tstr .size 1]',
];

/** A random schema: rule r0 … r(n-1), each a type built of the scalars above, choices, arrays, maps, tags and earlier rules. */
function randomSchema(random: Random, rules: number): string {
  const pick = <T,>(items: readonly T[]): T => items[random(items.length)] as T;
  const type = (r: number, depth: number): string => {
    const roll = random(10);
    if (roll < 4 || depth === 0) return pick(SCALARS);
    if (roll < 7) return Array.from({ length: 2 + random(2) }, () => typeIn(r, depth - 1)).join(' / ');
    if (roll === 7) return pick([`[ ${type(r, depth - 1)} ]`, `[* ${type(r, depth - 1)}]`, `{ "k": ${type(r, depth - 1)} }`, `{ ? 1 => ${type(r, depth - 1)} }`]);
    if (roll === 8) return pick([`#6.${pick([1, 2, 3, 24, 32, 100])}(${type(r, depth - 1)})`, `&( a: ${pick(['1', '2', '2.0', '"s"'])}, b: ${pick(['0', '-1', '1.5', 'true'])} )`]);
    return r > 0 ? `r${random(r)}` : pick(SCALARS);
  };
  // A choice's option: parenthesised where it is a choice itself.
  const typeIn = (r: number, depth: number): string => {
    const t = type(r, depth);
    return t.includes(' / ') && !/^[[{#&]/.test(t) ? `(${t})` : t;
  };
  const lines: string[] = [];
  for (let r = 0; r < rules; r++) lines.push(`r${r} = ${type(r, 2)}`);
  return lines.join('\n') + '\n';
}

/** Floats of every width (each at least as wide as its shortest form, so some are not deterministic). */
function randomFloat(random: Random): CborValue {
  return floatOfSomeWidth(random, [0, -0, 1, 1.5, 2, 2.5, -1, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 65504, 1e10, 0.5]);
}

/** A random data item near the values of the schema's types. */
function randomItem(random: Random, depth: number): CborValue {
  const ints: CborValue[] = [0, 1, 2, 3, 5, 10, 23, 24, 255, 256, 65535, 65536, 2 ** 32, 2n ** 64n - 1n, -1, -2, -3, -6, -25, -256, -(2n ** 64n)];
  // Bignums, also of values a plain integer holds (RFC 8949 §3.4.3: the same numbers).
  const bignums: CborValue[] = [new CborTagged(2, new Uint8Array([1])), new CborTagged(2, new Uint8Array([1, 0])), new CborTagged(3, new Uint8Array([0])), new CborTagged(3, new Uint8Array([2])), new CborTagged(2, new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0]))];
  const texts: CborValue[] = ['', 's', 'a', 'aa', 'k', 'é', 'aaaa', '2024-01-01T00:00:00Z', 'https://x'];
  const bytes: CborValue[] = [new Uint8Array([]), new Uint8Array([1]), new Uint8Array([0, 0]), new Uint8Array([0x20]), new Uint8Array([0x61, 0x73]), new Uint8Array([0xff])];
  const roll = random(depth > 0 ? 9 : 6);
  switch (roll) {
    case 0:
      return ints[random(ints.length)] as CborValue;
    case 1:
      return random(3) === 0 ? (bignums[random(bignums.length)] as CborValue) : (ints[random(ints.length)] as CborValue);
    case 2:
      return randomFloat(random);
    case 3:
      return texts[random(texts.length)] as CborValue;
    case 4:
      return bytes[random(bytes.length)] as CborValue;
    case 5:
      return ([true, false, null, undefined] as CborValue[])[random(4)] as CborValue;
    case 6: {
      const tags = [0, 1, 2, 3, 4, 5, 21, 24, 32, 35, 100];
      return new CborTagged(tags[random(tags.length)] as number, randomItem(random, depth - 1));
    }
    case 7:
      return Array.from({ length: random(3) }, () => randomItem(random, depth - 1));
    default:
      return new CborMap(random(4) === 0 ? [] : [[random(2) === 0 ? 'k' : 1, randomItem(random, depth - 1)]]);
  }
}

/** The item with one scalar inside it (or itself) replaced by a random one. */
function mutate(value: CborValue, random: Random): CborValue {
  if (Array.isArray(value) && value.length > 0) {
    const items = [...value];
    const i = random(items.length);
    items[i] = mutate(items[i] as CborValue, random);
    return items;
  }
  if (value instanceof CborMap && value.entries.length > 0) {
    const entries = [...value.entries];
    const i = random(entries.length);
    const [key, old] = entries[i] as [CborValue, CborValue];
    entries[i] = [key, mutate(old, random)];
    return new CborMap(entries);
  }
  if (value instanceof CborTagged && random(2) === 0) return new CborTagged(value.tag, mutate(value.value, random));
  return randomItem(random, 1);
}

const random = seededRandom(Number(process.env.TYPES_DIFFERENTIAL_SEED ?? 1));
const SCHEMA = randomSchema(random, RULES);
const names = Array.from({ length: RULES }, (_, r) => `r${r}`);
const program = lowerProgram(compileIr([{ path: 'types-differential.cddl', text: SCHEMA }]), names);
let g: Generated;

beforeAll(async () => {
  g = (await load('language-types-differential', SCHEMA)).module;
}, 120_000);


describe('typed codecs of scalar types and their choices agree with the general matcher (random types)', () => {
  it.each(names.map((name, r) => [name, SCHEMA.split('\n')[r] as string]))('%s: %s', (name) => {
    const decode = g[`decodeR${name.slice(1)}`] as (bytes: Uint8Array) => unknown;
    const items = differentialItems(program, name, ITEMS_PER_RULE, seededRandom(Number(name.slice(1)) + 1), mutate, randomItem);
    const disagreements: string[] = [];
    for (const bytes of items) {
      const matcher = explain(program, name, readCborValue(new CborReader(bytes))) === null;
      let value: unknown;
      const error = thrown(() => (value = decode(bytes))) as Error | undefined;
      if (error !== undefined && error.name !== 'DecodeError') throw error;
      const typed = error === undefined;
      if (typed !== matcher) disagreements.push(`${toHex(bytes)}: matcher ${matcher ? 'takes' : 'refuses'}, typed ${typed ? 'takes' : `refuses (${error?.message})`}`);
      if (typed) disagreements.push(...roundTripProblems(bytes, value, ruleFunctions(g, name), program, name));
    }
    expect([...new Set(disagreements)]).toEqual([]);
  });
});
