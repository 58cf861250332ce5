/**
 * Integers and floats that coincide (issue 10 §1): JavaScript has one number type, so a float
 * with an integral value (2.0, -0.0) and the integer would be the same value. Where a choice
 * has both, its float options' values are the runtime's `CborFloat` (with the width read), and a
 * plain number is an integer: decoding and re-encoding keeps the data item. A NaN with a sign or
 * payload bit cannot be a number: typed floats refuse it with a DecodeError (values of `any`
 * keep it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CborFloat } from '../../templates/cbor-any.js';
import { dataItem } from '../corpus/data-item.js';
import { hex, toHex } from '../support/hex.js';
import { typecheck } from '../support/typecheck.js';
import { cddl, fileNamed, folderNamed, generateModule, type GeneratedModule } from './generate.js';

type Fn = (value: unknown) => unknown;

const SCHEMA = `
number-or-int = int / float
list = [* (uint / float16)]
measure = { v: number }
narrow = int / float32
halves = float16 / float32
plain = float
fraction = int / 0.5
pinned = float32
wide = float32-64
apart = float16 / float64
rewound = [float64, tstr] / [float, int]
recalled = [pinned, tstr] / [pinned, int]
or-nil = float / nil
or-text-in-array = [float / tstr]
floats-then-nil = [* float16, nil]
`;

let loaded: GeneratedModule | undefined;
async function mod(): Promise<GeneratedModule> {
  loaded ??= await generateModule('numbers', cddl(SCHEMA));
  return loaded;
}

async function codec(rule: string): Promise<{ decode: (b: Uint8Array, o?: { deterministic: boolean }) => unknown; encode: (v: unknown) => Uint8Array; is: Fn; isDecodeError: Fn }> {
  const m = await mod();
  return { decode: m[`decode${rule}`] as (b: Uint8Array, o?: { deterministic: boolean }) => unknown, encode: m[`encode${rule}`] as (v: unknown) => Uint8Array, is: m[`is${rule}`] as Fn, isDecodeError: m.isDecodeError as Fn };
}

/** The value's class and fields, for comparisons (the module's CborFloat is its own copy of the class). */
function shown(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && value.constructor.name === 'CborFloat') {
    const f = value as CborFloat;
    return { float: Object.is(f.value, -0) ? '-0' : f.value, width: f.width };
  }
  if (Array.isArray(value)) return value.map(shown);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shown(v)]));
  return value;
}

describe('int / float: a float stays a float, an integer an integer', () => {
  it.each([
    ['f94000', { float: 2, width: 16 }, 'f94000'],
    ['02', 2, '02'],
    ['f98000', { float: '-0', width: 16 }, 'f98000'],
    ['00', 0, '00'],
    ['fb4000000000000000', { float: 2, width: 64 }, 'f94000'], // the same data item, written in the shortest width
    ['fa47c35000', { float: 100000, width: 32 }, 'fa47c35000'],
    ['3903e7', -1000, '3903e7'],
  ])('%s decodes to %j and re-encodes as %s', async (input, value, output) => {
    const c = await codec('NumberOrInt');
    const decoded = c.decode(hex(input));
    expect(shown(decoded)).toEqual(value);
    expect(toHex(c.encode(decoded))).toBe(output);
    expect(dataItem(hex(output))).toBe(dataItem(hex(input)));
  });

  it('the guard takes a number for an integer only, and a CborFloat for a float', async () => {
    const c = await codec('NumberOrInt');
    const m = await mod();
    const Float = m.CborFloat as typeof CborFloat;
    expect(c.is(2)).toBe(true);
    expect(c.is(2.5)).toBe(false); // a number that is not an integer is neither option
    expect(c.is(new Float(2.5))).toBe(true);
    expect(toHex(c.encode(new Float(2)))).toBe('f94000');
    expect(toHex(c.encode(2))).toBe('02');
    expect(() => c.encode(2.5)).toThrow(/expected an integer or a float/);
  });

  it('inside arrays and as map values (number is int / float)', async () => {
    const m = await mod();
    const Float = m.CborFloat as typeof CborFloat;
    const list = await codec('List');
    const input = '8302f94000f93e00';
    const value = list.decode(hex(input));
    expect(shown(value)).toEqual([2, { float: 2, width: 16 }, { float: 1.5, width: 16 }]);
    expect(toHex(list.encode(value))).toBe(input);
    // float16 must hold the value exactly: 100000 needs 32 bits.
    expect(list.is([new Float(100000)])).toBe(false);
    const measure = await codec('Measure');
    for (const bytes of ['a1617602', 'a16176f94000', 'a16176fb3ff199999999999a']) expect(toHex(measure.encode(measure.decode(hex(bytes))))).toBe(bytes);
  });

  it('a float type pinned to 32 bits is written in 32 bits', async () => {
    const c = await codec('Narrow');
    expect(toHex(c.encode(c.decode(hex('fa40000000'))))).toBe('fa40000000');
    expect(toHex(c.encode(c.decode(hex('02'))))).toBe('02');
  });

  it('a float option that holds no integral value needs no CborFloat', async () => {
    const c = await codec('Fraction');
    expect(c.decode(hex('f93800'))).toBe(0.5);
    expect(toHex(c.encode(0.5))).toBe('f93800');
    expect(toHex(c.encode(1))).toBe('01');
  });

  it('float16 / float32: the shortest width of the two that holds the value', async () => {
    const c = await codec('Halves');
    expect(toHex(c.encode(c.decode(hex('fa3fc00000'))))).toBe('f93e00');
    expect(toHex(c.encode(c.decode(hex('fa47c35000'))))).toBe('fa47c35000');
  });
});

describe('NaN with a sign or payload bit in a typed float', () => {
  // Rules of one or two widths (Pinned, Halves, Wide, Apart, Narrow) too: the NaN is what no float type accepts, so
  // it is named before the width, whose check said "expected a float (32-bit)" for a float16 NaN with a payload in
  // float16 / float32 (the last option's error won the tie at the item) or in float32.
  it.each(['f97e01', 'f9fe00', 'fa7fc00001', 'fb7ff8000000000001', 'fbfff8000000000000'])('%s: a DecodeError saying why, never a silently different NaN', async (input) => {
    // And beside options of another type read after it (OrNil, OrTextInArray): their "expected null" won the tie at the
    // item, where the float option's reason is the news (a structural campaign's seed 7427 found it in a map's value).
    for (const rule of ['Plain', 'NumberOrInt', 'Pinned', 'Halves', 'Wide', 'Apart', 'Narrow', 'OrNil']) {
      const c = await codec(rule);
      let error: unknown;
      try {
        c.decode(hex(input));
      } catch (e) {
        error = e;
      }
      expect(c.isDecodeError(error), `${rule} ${input}`).toBe(true);
      expect(String((error as Error).message)).toMatch(/a NaN with a sign or payload bit, which a number cannot keep/);
    }
  });

  it('inside an array, beside a text option: the NaN is named at its path', async () => {
    const c = await codec('OrTextInArray');
    expect(() => c.decode(hex('81f97e01'))).toThrow(/^\[0\] at byte 1: a NaN with a sign or payload bit, which a number cannot keep/);
  });

  it('in a repetition followed by a member of the same major type: the NaN is named, not what the next member expected', async () => {
    // The loop ended at the NaN and the nil said "expected null, got a float" (a structural campaign's seed 11140).
    const c = await codec('FloatsThenNil');
    expect(() => c.decode(hex('83f93c00f97e01f6'))).toThrow(/^\[1\] at byte 4: a NaN with a sign or payload bit, which a number cannot keep/);
    expect(toHex(c.encode(c.decode(hex('83f93c00f97e00f6'))))).toBe('83f93c00f97e00f6');
    expect(() => c.decode(hex('82f5f6'))).toThrow('[0] at byte 1: expected null, got true');
  });

  it.each(['f97e00', 'fa7fc00000', 'fb7ff8000000000000'])('the quiet NaN %s is read and written as f97e00', async (input) => {
    const plain = await codec('Plain');
    expect(toHex(plain.encode(plain.decode(hex(input))))).toBe('f97e00');
    const c = await codec('NumberOrInt');
    expect(toHex(c.encode(c.decode(hex(input))))).toBe('f97e00');
  });

  it('a CborFloat with NaN payload bits is not a value of the typed float', async () => {
    const m = await mod();
    const Float = m.CborFloat as typeof CborFloat;
    const c = await codec('NumberOrInt');
    expect(c.is(new Float(NaN, 16, 0x7ff8000000000001n))).toBe(false);
    expect(c.is(new Float(NaN))).toBe(true);
  });
});

describe('float widths the schema pins, and the deterministic check (RFC 8949 §4.2.1 against float32)', () => {
  /** Whether the bytes decode with `{ deterministic: true }`. */
  async function deterministic(rule: string, input: string): Promise<boolean> {
    const c = await codec(rule);
    try {
      c.decode(hex(input), { deterministic: true });
      return true;
    } catch (error) {
      if (!c.isDecodeError(error)) throw error;
      return false;
    }
  }

  it.each([
    // rule, input, deterministic there (the shortest of the widths the schema allows that holds the value), what the encoder writes
    ['Pinned', 'fa3fc00000', true, 'fa3fc00000'], // float32 holding 1.5: 32 bits is the only width, so it is deterministic
    ['Wide', 'fa3fc00000', true, 'fa3fc00000'],
    ['Wide', 'fb3ff8000000000000', false, 'fa3fc00000'], // float32 holds it
    ['Wide', 'fb3ff199999999999a', true, 'fb3ff199999999999a'],
    ['Apart', 'f93e00', true, 'f93e00'],
    ['Apart', 'fb3ff8000000000000', false, 'f93e00'], // float16 holds it
    ['Apart', 'fb3ff199999999999a', true, 'fb3ff199999999999a'],
    ['Halves', 'fa3fc00000', false, 'f93e00'], // float16 / float32: 16 bits hold 1.5
    ['Narrow', 'fa40000000', true, 'fa40000000'], // int / float32: a CborFloat written in 32 bits
    ['Plain', 'fa3fc00000', false, 'f93e00'],
    // The first alternative pins float64 at offset 1 and fails on its second member; the second one, which writes 1.5 in 16 bits, is what was read.
    ['Rewound', '82fb3ff800000000000001', false, '82f93e0001'],
    ['Rewound', '82fb3ff80000000000006161', true, '82fb3ff80000000000006161'],
    // The rule `pinned` is read once at offset 1 (memo.ts): the second alternative recalls it, and its pin with it.
    ['Recalled', '82fa3fc0000001', true, '82fa3fc0000001'],
    ['Recalled', '82fa3fc000006161', true, '82fa3fc000006161'],
  ])('%s %s: deterministic %s, written as %s', async (rule, input, isDeterministic, written) => {
    const c = await codec(rule);
    expect(toHex(c.encode(c.decode(hex(input))))).toBe(written);
    expect(await deterministic(rule, input)).toBe(isDeterministic);
    // What the encoder writes is always deterministic for the module's decoders.
    expect(await deterministic(rule, written)).toBe(true);
  });
});

/**
 * Floats hidden in another rule's choice beside an integer option: the RFC 8610 prelude written
 * out as CDDL (Appendix D: `float` is `float16-32 / float64`, a choice of rules), `time` around
 * it, and a float in a referenced choice of other kinds (`x = y / int`, `y = float / tstr`). The
 * layout takes those floats into the choice with the integer (generator/layout/hidden-floats.ts).
 */
describe('a float inside a referenced choice, beside an integer option', () => {
  const HIDDEN = `
float16 = #7.25
float32 = #7.26
float64 = #7.27
float16-32 = float16 / float32
float = float16-32 / float64
number = int / float
time = #6.1(number)
x = y / int
y = float / tstr
deep = outer / uint
outer = inner / bstr
inner = float32 / tstr
literals = several / int
several = 1.0 / 2.5 / null
`;
  let hidden: GeneratedModule | undefined;
  async function rule(name: string): Promise<{ decode: (b: Uint8Array, o?: { deterministic: boolean }) => unknown; encode: (v: unknown) => Uint8Array; is: Fn; Float: typeof CborFloat; isDecodeError: Fn }> {
    hidden ??= await generateModule('numbers-hidden', cddl(HIDDEN));
    const m = hidden;
    return { decode: m[`decode${name}`] as (b: Uint8Array, o?: { deterministic: boolean }) => unknown, encode: m[`encode${name}`] as (v: unknown) => Uint8Array, is: m[`is${name}`] as Fn, Float: m.CborFloat as typeof CborFloat, isDecodeError: m.isDecodeError };
  }

  it.each([
    // rule, input, value, what the encoder writes (the same data item; byte for byte when the input is deterministic)
    ['Number$', 'f93c00', { float: 1, width: 16 }, 'f93c00'],
    ['Number$', '01', 1, '01'],
    ['Number$', 'f98000', { float: '-0', width: 16 }, 'f98000'],
    ['Number$', 'fa47c35000', { float: 100000, width: 32 }, 'fa47c35000'],
    ['Number$', 'fb3ff199999999999a', { float: 1.1, width: 64 }, 'fb3ff199999999999a'],
    ['Number$', 'fb3ff0000000000000', { float: 1, width: 64 }, 'f93c00'],
    ['Time', 'c1f93c00', { float: 1, width: 16 }, 'c1f93c00'],
    ['Time', 'c101', 1, 'c101'],
    ['X', 'f94000', { float: 2, width: 16 }, 'f94000'],
    ['X', '02', 2, '02'],
    ['X', '6161', 'a', '6161'],
    ['Deep', 'fa40000000', { float: 2, width: 32 }, 'fa40000000'],
    ['Deep', '02', 2, '02'],
    ['Deep', '6161', 'a', '6161'],
    ['Deep', '4101', new Uint8Array([1]), '4101'],
    ['Literals', 'f93c00', { float: 1, width: 16 }, 'f93c00'],
    ['Literals', '01', 1, '01'],
    ['Literals', 'f94100', 2.5, 'f94100'], // 2.5 is no integer: it stays a number
    ['Literals', 'f6', null, 'f6'],
  ])('%s %s decodes to %j and re-encodes as %s', async (name, input, value, output) => {
    const c = await rule(name);
    const decoded = c.decode(hex(input));
    expect(shown(decoded)).toEqual(shown(value));
    expect(c.is(decoded)).toBe(true);
    expect(toHex(c.encode(decoded))).toBe(output);
    expect(dataItem(hex(output))).toBe(dataItem(hex(input)));
  });

  it('values made in JavaScript: a number is the integer, a CborFloat the float, both ways', async () => {
    for (const name of ['Number$', 'X', 'Deep', 'Literals']) {
      const c = await rule(name);
      expect(toHex(c.encode(1)), name).toBe('01');
      expect(toHex(c.encode(new c.Float(1))), name).toBe(name === 'Deep' ? 'fa3f800000' : 'f93c00');
      expect(shown(c.decode(c.encode(new c.Float(1)))), name).toEqual({ float: 1, width: name === 'Deep' ? 32 : 16 });
      expect(c.is(2.5), name).toBe(name === 'Literals' ? true : false);
    }
    const time = await rule('Time');
    expect(toHex(time.encode(new time.Float(-0)))).toBe('c1f98000');
    expect(toHex(time.encode(0))).toBe('c100');
    expect(shown(time.decode(hex('c1f98000')))).toEqual({ float: '-0', width: 16 });
    const x = await rule('X');
    expect(x.is(new x.Float(2.5))).toBe(true);
    expect(toHex(x.encode(new x.Float(2.5)))).toBe('f94100');
  });

  it.each([
    // rule, input, deterministic: the shortest width of all the floats the choice takes in is the one written
    ['Number$', 'f93e00', true],
    ['Number$', 'fa3fc00000', false],
    ['Number$', 'fb3ff8000000000000', false],
    ['Number$', 'fb3ff199999999999a', true],
    ['Time', 'c1fb3ff8000000000000', false],
    ['Time', 'c1f93e00', true],
    ['X', 'fb3ff8000000000000', false],
    ['Deep', 'fa3fc00000', true], // float32 is the only width there
  ])('%s %s: deterministic %s, and what the encoder writes is', async (name, input, isDeterministic) => {
    const c = await rule(name);
    const attempt = (bytes: Uint8Array) => {
      try {
        c.decode(bytes, { deterministic: true });
        return true;
      } catch (error) {
        if (!c.isDecodeError(error)) throw error;
        return false;
      }
    };
    expect(attempt(hex(input))).toBe(isDeterministic);
    const written = c.encode(c.decode(hex(input)));
    expect(attempt(written)).toBe(true);
    if (isDeterministic) expect(toHex(written)).toBe(input);
  });
});

/**
 * A float and an integer at the same place inside two alternatives that are not numbers themselves
 * (two tags, two arrays, two maps, through rules and nested choices): the float there is kept as
 * CborFloat (generator/layout/coinciding-floats.ts, and the planner for a float inside tags), so
 * the guards tell `[1]` from `[1.0]` and the encoder writes the alternative the decoder read. These
 * were the last "still one number" losses (`c101` came back as `c1f93c00`, `8101` as `81f93c00`).
 */
describe('a float and an integer at the same place inside two alternatives', () => {
  const INSIDE = `
t = #6.1(float) / #6.1(int)
a = [float] / [int]
pair = [float, tstr] / [int, tstr]
deep-tag = #6.1([float]) / #6.1([int])
m = {1: float} / {1: int}
refs = ta / tb
ta = #6.1(float)
tb = #6.1(int)
halves = [float16] / [int]
alias = [f] / [int]
f = float
tagged-items = [#6.1(float)] / [#6.1(int)]
variants = { (1: float) // (1: int) }
nested = [[float]] / [[int]]
lists = [* float] / [* int]
rules = b1 / b2
b1 = [float]
b2 = [int]
crossed = [float, int] / [int, float]
nullable = [float / null] / [int]
entries = { * tstr => float } / { * tstr => int }
unnamed = [ (float // int) ]
repeated = [* ((float, tstr) // (int, tstr))]
named-apart = [* (x: float // y: int)]
alone = [float]
enumerated = [e] / [int]
e = &(x: 1.0, y: 2.5)
within = w / [int]
w = [float] .within [any]
`;
  let inside: { mod: GeneratedModule; source: string } | undefined;
  async function rule(name: string): Promise<{ decode: (b: Uint8Array) => unknown; encode: (v: unknown) => Uint8Array; is: Fn; Float: typeof CborFloat; source: string }> {
    if (inside === undefined) {
      const mod = await generateModule('numbers-inside', cddl(INSIDE));
      inside = { mod, source: readFileSync(fileNamed('numbers-inside', 'x.ts'), 'utf8') };
    }
    const m = inside.mod;
    return { decode: m[`decode${name}`] as (b: Uint8Array) => unknown, encode: m[`encode${name}`] as (v: unknown) => Uint8Array, is: m[`is${name}`] as Fn, Float: m.CborFloat as typeof CborFloat, source: inside.source };
  }

  it.each([
    // rule, the integer's encoding, the float's (each decodes, passes the guard and is written back byte for byte)
    ['T', 'c101', 'c1f93c00'],
    ['A', '8101', '81f93c00'],
    ['Pair', '82016161', '82f93c006161'],
    ['DeepTag', 'c18101', 'c181f93c00'],
    ['M', 'a10101', 'a101f93c00'],
    ['Refs', 'c101', 'c1f93c00'],
    ['Halves', '8101', '81f93c00'],
    ['Alias', '8101', '81f93c00'],
    ['TaggedItems', '81c101', '81c1f93c00'],
    ['Variants', 'a10101', 'a101f93c00'],
    ['Nested', '818101', '8181f93c00'],
    ['Lists', '820102', '82f93c00f94000'],
    ['Rules', '8101', '81f93c00'],
    ['Crossed', '8201f93c00', '82f93c0001'],
    ['Nullable', '8101', '81f93c00'],
    ['Entries', 'a1616101', 'a16161f93c00'],
    ['Unnamed', '8101', '81f93c00'],
    ['Repeated', '84016161026162', '84f93c006161f940006162'],
    ['Enumerated', '8101', '81f93c00'],
    ['Within', '8101', '81f93c00'],
  ])('%s: %s and %s each come back as they were read', async (name, integer, float) => {
    const c = await rule(name);
    for (const input of [integer, float]) {
      const decoded = c.decode(hex(input));
      expect(c.is(decoded), `${name} ${input}`).toBe(true);
      expect(toHex(c.encode(decoded)), `${name} ${input}`).toBe(input);
    }
  });

  it('the float there is a CborFloat and the integer a number, in values made in JavaScript too', async () => {
    const a = await rule('A');
    expect(shown(a.decode(hex('81f93c00')))).toEqual([{ float: 1, width: 16 }]);
    expect(a.decode(hex('8101'))).toEqual([1]);
    expect(toHex(a.encode([1]))).toBe('8101');
    expect(toHex(a.encode([new a.Float(1)]))).toBe('81f93c00');
    expect(a.is([1.5])).toBe(false); // a number is the integer option's, and 1.5 is none
    expect(a.is([new a.Float(1.5)])).toBe(true);
    const m = await rule('M');
    expect(toHex(m.encode({ 1: 2 }))).toBe('a10102');
    expect(toHex(m.encode({ 1: new m.Float(2) }))).toBe('a101f94000');
    const t = await rule('T');
    expect(shown(t.decode(hex('c1fb3ff0000000000000')))).toEqual({ float: 1, width: 64 });
    expect(toHex(t.encode(new t.Float(-0)))).toBe('c1f98000');
    expect(toHex(t.encode(0))).toBe('c100');
    // float16 holds 1.5 but not 100000.
    const halves = await rule('Halves');
    expect(halves.is([new halves.Float(1.5)])).toBe(true);
    expect(halves.is([new halves.Float(100000)])).toBe(false);
    // A NaN with payload bits is no value of the float there (a number could not keep them either).
    expect(a.is([new a.Float(NaN, 16, 0x7ff8000000000001n)])).toBe(false);
  });

  it('invalid input is still refused', async () => {
    for (const [name, input] of [
      ['A', '816161'],
      ['T', 'c26161'],
      ['Halves', '81fa47c35000'], // 100000 needs 32 bits
      ['M', 'a102f93c00'],
      ['Variants', 'a1016161'],
    ] as const) {
      const c = await rule(name);
      expect(() => c.decode(hex(input)), `${name} ${input}`).toThrow();
    }
  });

  it('typed, with CborFloat only where an integer is at the same place', async () => {
    const { source } = await rule('A');
    for (const declaration of [
      'export type T = CborFloat | number | bigint;',
      'export type AOption1 = [CborFloat];',
      'export type PairOption1 = [CborFloat, string];',
      'export type Refs = CborFloat | Tb;',
      'export type AliasOption1 = [CborFloat];',
      'export type F = number;', // the float rule a member refers to keeps its own type
      'export type Variants = { "1": CborFloat } | { "1": number | bigint };',
      'export type NestedOption1 = [[CborFloat]];',
      'export type ListsOption1 = CborFloat[];',
      'export type B1 = [CborFloat];', // a rule that is itself an alternative is boxed where it is defined
      'export type CrossedOption1 = [CborFloat, number | bigint];',
      'export type CrossedOption2 = [number | bigint, CborFloat];',
      'export type NullableOption1 = [CborFloat | null];',
      'export type EntriesOption1 = Map<string, CborFloat>;',
      'export type Unnamed = [CborFloat] | [number | bigint];',
      'export type Repeated = ([CborFloat, string] | [number | bigint, string])[];',
      'export type NamedApart = ({ x: number } | { y: number | bigint })[];', // the names tell them apart
      'export type Alone = [number];', // no integer beside it: a number
      'export type EnumeratedOption1 = [CborFloat | number];', // an enumeration's choice, boxed at the member
      'export type E = (typeof E)[keyof typeof E];', // while the enumeration keeps its constants
      'export type W = [CborFloat];', // .within whose layout is its left side: typed as that side
      // Inline arrays inside tags as options get rules of their own (ir/hoist.ts), boxed like any other alternative.
      'export type DeepTag = DeepTagOption1 | DeepTagOption2;',
      'export type DeepTagOption1 = [CborFloat];',
    ]) {
      expect(source).toContain(declaration);
    }
  });

  it('the module type-checks under the strictest settings', async () => {
    await rule('A');
    const dir = folderNamed('numbers-inside');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => fileURLToPath(new URL(f, dir)));
    expect(typecheck(files, { moduleResolution: 'nodenext' })).toEqual([]);
  }, 60_000);
});
