/**
 * Issue 8: "A type that can match nothing (`{ 2* x: int }`) becomes `never` with a warning, not an
 * error." A map holds each key at most once (RFC 8610 §3.5.4, RFC 8949 §5.6), an empty group socket
 * has no alternative, and a tag number is unsigned: such types are valid CDDL that no data item
 * matches. The layout stage makes them `never` (generator/layout/maps.ts, arrays.ts, shapes.ts)
 * and warns; the decoder fails naming why, the guard says false, the encoder throws EncodeError.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import type { SchemaWarning } from '../../generator/diagnostics.js';
import { load, thrown, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `twice = { 2* x: int }
range = { 2*3 "k" => int }
same-key = { x: int, x: tstr }
overfull = { 3* (x: int // y: int) }
some = { 2* x: int // y: tstr }
empty-map = { $$nothing }
empty-array = [ $$nothing ]
empty-repeated = [ + $$nothing ]
negative-tag = #6.<-5..-1>(int)
holder = { ? t: twice, y: int }
greedy = [* int, int]
greedy-or-text = [* int, uint // tstr]
beyond = 1e999
beyond-range = 1e999..2e999
`;

type Rules = 'Twice' | 'Range' | 'SameKey' | 'Overfull' | 'Some' | 'EmptyMap' | 'EmptyArray' | 'EmptyRepeated' | 'NegativeTag' | 'Holder' | 'Greedy' | 'GreedyOrText' | 'Beyond' | 'BeyondRange';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;
const warnings: SchemaWarning[] = [];

beforeAll(async () => {
  compile([{ path: 'nothing.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  loaded = await load<Rules>('language-matches-nothing', SCHEMA);
  g = loaded.module;
});

const UNIQUE = 'which no map can hold: a map has each key at most once (RFC 8610 §3.5.4, RFC 8949 §5.6)';
const NEVER = 'so no data item matches it: it is typed never, and decoding it always fails';
const warningAt = (line: number, col: number) => warnings.find((w) => w.span.line === line && w.span.col === col)?.message;

/** Each rule that matches nothing: where the generator warns, why, and a data item its decoder must still refuse. */
const CASES: readonly { rule: Exclude<Rules, 'Some' | 'Holder' | 'GreedyOrText'>; at: [number, number]; reason: string; item: string; value: unknown }[] = [
  { rule: 'Twice', at: [1, 11], reason: `a map member with the fixed key "x" that must occur 2 times or more (2*), ${UNIQUE}`, item: 'a1 6178 01', value: { x: 1 } },
  { rule: 'Range', at: [2, 11], reason: `a map member with the fixed key "k" that must occur 2 times or more (2*3), ${UNIQUE}`, item: 'a1 616b 01', value: { k: 1 } },
  { rule: 'SameKey', at: [3, 22], reason: `the key "x" in two required members of one map, ${UNIQUE}`, item: 'a1 6178 01', value: { x: 1 } },
  { rule: 'Overfull', at: [4, 18], reason: `a group of 2 keyed members that must occur 3 times or more, ${UNIQUE}`, item: 'a2 6178 01 6179 02', value: { x: 1, y: 2 } },
  { rule: 'EmptyMap', at: [6, 1], reason: 'a map whose group has no alternatives (an empty group socket)', item: 'a0', value: {} },
  { rule: 'EmptyArray', at: [7, 1], reason: 'an array whose group has no alternatives (an empty group socket)', item: '80', value: [] },
  { rule: 'EmptyRepeated', at: [8, 20], reason: 'a group with no alternatives (an empty group socket) that must occur at least once in an array', item: '80', value: [] },
  { rule: 'Greedy', at: [11, 18], reason: 'an array member after an unbounded repeated one that takes every item it could be (int after int: RFC 8610 Appendix A matches greedily)', item: '82 01 02', value: [1, 2] },
  // RFC 8610 Appendix B bounds no number, but the largest binary64 is about 1.8e308 (RFC 8949 §3.3): Infinity is no 1e999.
  { rule: 'Beyond', at: [13, 1], reason: 'the float 1e999 is beyond every CBOR float (RFC 8949 §3.3: binary64 reaches about 1.8e308)', item: 'fb 7ff0000000000000', value: Infinity },
  { rule: 'BeyondRange', at: [14, 1], reason: '1e999..2e999 holds no float: its bounds are beyond every CBOR float (RFC 8949 §3.3)', item: 'fb 7fefffffffffffff', value: Number.MAX_VALUE },
  { rule: 'NegativeTag', at: [9, 1], reason: '#6.<-5..-1>(int) has a tag number no tag can have (RFC 8949 §3.4: tag numbers are unsigned integers)', item: 'c1 01', value: { tag: 1, value: 1 } },
];

describe('types that match nothing become never, with a warning', () => {
  it('type-checks under strict settings, with never as the type', () => {
    expect(typeErrors(loaded)).toEqual([]);
    const module = compile([{ path: 'nothing.cddl', text: SCHEMA }])[0]?.contents ?? '';
    for (const { rule } of CASES) expect(module).toContain(`export type ${rule} = never;`);
  });

  it.each(CASES)('$rule: warned, decode fails naming why, guard false, encoder throws', ({ rule, at, reason, item, value }) => {
    expect(warningAt(...at)).toBe(`${reason}, ${NEVER}`);
    const decodeError = thrown(() => g[`decode${rule}`]?.(hex(item))) as Error;
    expect(decodeError.name).toBe('DecodeError');
    expect(decodeError.message).toBe(`(root) at byte 0: expected no value (${reason})`);
    expect(g[`is${rule}`]?.(value)).toBe(false);
    const encodeError = thrown(() => g[`encode${rule}`]?.(value)) as Error;
    expect(encodeError.name).toBe('EncodeError');
    expect(encodeError.message).toContain(`expected no value (${reason})`);
  });

  it('an alternative that matches nothing is left out, with a warning; the others stay', () => {
    expect(warningAt(5, 10)).toBe(`a map member with the fixed key "x" that must occur 2 times or more (2*), ${UNIQUE}, so no data item matches that alternative of the map: it is left out`);
    expect(g.decodeSome(hex('a1 6179 6161'))).toEqual({ y: 'a' });
    expect(toHex(g.encodeSome({ y: 'a' }) as Uint8Array)).toBe('a161796161');
    expect((thrown(() => g.decodeSome(hex('a1 6178 01'))) as Error).name).toBe('DecodeError');
    expect(g.isSome({ x: 1 })).toBe(false);
  });

  it('an array alternative that matches nothing is left out, with a warning; the others stay', () => {
    expect(warningAt(12, 26)).toBe('an array member after an unbounded repeated one that takes every item it could be (uint after int: RFC 8610 Appendix A matches greedily), so no data item matches that alternative of the array: it is left out');
    expect(g.decodeGreedyOrText(hex('81 6161'))).toEqual(['a']);
    expect(toHex(g.encodeGreedyOrText(['a']) as Uint8Array)).toBe('816161');
    expect((thrown(() => g.decodeGreedyOrText(hex('82 01 02'))) as Error).name).toBe('DecodeError');
    expect(g.isGreedyOrText([1, 2])).toBe(false);
  });

  it('an optional member of a type that matches nothing means its key is absent', () => {
    expect(g.decodeHolder(hex('a1 6179 01'))).toEqual({ y: 1 });
    expect(toHex(g.encodeHolder({ y: 1 }) as Uint8Array)).toBe('a1617901');
    // {"t": {"x": 1}, "y": 1}
    const error = thrown(() => g.decodeHolder(hex('a2 6174 a1617801 6179 01'))) as Error;
    expect(error.name).toBe('DecodeError');
    expect(error.message).toContain('.t at byte');
    expect(error.message).toContain('expected no value (a map member with the fixed key "x"');
    expect(g.isHolder({ t: { x: 1 }, y: 1 })).toBe(false);
  });

  it('a repeated array member before one that matches nothing: the repetition has no item to stop at, and the code compiles', async () => {
    // No major type starts a `never` member, so no test of the next item's major type ends the floats: the loop's condition had an empty `&&` operand.
    const schema = 'bounded = [2*3 float, none]\nunbounded = [* float, none]\nnone = { 2*3 "y" => uint }\n';
    const nothing = await load<'Bounded' | 'Unbounded'>('language-matches-nothing-after-rest', schema);
    expect(typeErrors(nothing)).toEqual([]);
    const program = lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), ['bounded', 'unbounded']);
    // [1.5, 1.5, {"y": 1}] and [1.5, {}]
    for (const [rule, item] of [['Bounded', '83 f93e00 f93e00 a1617901'], ['Unbounded', '82 f93e00 a0']] as const) {
      expect(explain(program, rule.toLowerCase(), readCborValue(new CborReader(hex(item))))).not.toBeNull();
      expect((thrown(() => nothing.module[`decode${rule}`]?.(hex(item))) as Error).name).toBe('DecodeError');
      expect(nothing.module[`is${rule}`]?.([1.5, { y: 1 }])).toBe(false);
    }
  });

  it('warns once per place: the emitters recompute inline shapes without a location', () => {
    expect(warnings.every((w) => w.span.file === 'nothing.cddl')).toBe(true);
    expect(new Set(warnings.map((w) => `${w.span.line}:${w.span.col}`)).size).toBe(warnings.length);
    expect(warnings).toHaveLength(CASES.length + 2);
  });
});

describe('a float literal beyond every binary64 (1e999)', () => {
  it('is kept as its text in the IR, which is JSON and has no Infinity', () => {
    const ir = compileIr([{ path: 'x.cddl', text: 'a = -1e999\n' }]);
    expect(JSON.parse(JSON.stringify(ir.rules[0]))).toMatchObject({ type: { kind: 'literal', value: { type: 'float', value: null, text: '-1e999' } } });
  });

  it('as a range bound: below it every finite float, and no infinity', async () => {
    const schema = 'upto = 0.0..1e999\nfrom = -1e999..-1.0\n';
    const m = (await load<'Upto' | 'From'>('language-beyond-floats', schema)).module;
    expect(m.isUpto?.(Number.MAX_VALUE)).toBe(true);
    expect(m.isUpto?.(0)).toBe(true);
    expect(m.isUpto?.(Infinity)).toBe(false);
    expect(m.isUpto?.(-1)).toBe(false);
    expect(m.decodeUpto?.(hex('fb 7fefffffffffffff'))).toBe(Number.MAX_VALUE);
    expect((thrown(() => m.decodeUpto?.(hex('f9 7c00'))) as Error).name).toBe('DecodeError');
    expect(m.isFrom?.(-Number.MAX_VALUE)).toBe(true);
    expect(m.isFrom?.(-Infinity)).toBe(false);
    expect(m.isFrom?.(-0.5)).toBe(false);
    const program = lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), ['upto', 'from']);
    expect(explain(program, 'upto', Number.MAX_VALUE)).toBeNull();
    expect(explain(program, 'upto', Infinity)).not.toBeNull();
    expect(explain(program, 'from', -Number.MAX_VALUE)).toBeNull();
    expect(explain(program, 'from', -Infinity)).not.toBeNull();
  });

  it('in an enumeration: no constant (it names no value) and no member of the type; the module type-checks', async () => {
    const loaded = await load<'E' | 'Only'>('language-beyond-enum', 'e = &(x: 1e999, y: 2)\nonly = &(z: 1e999)\n');
    expect(loaded.module.E).toEqual({ y: 2 });
    expect(typeErrors(loaded)).toEqual([]);
    expect(loaded.module.isE?.(2)).toBe(true);
    expect(loaded.module.isOnly?.(Infinity)).toBe(false);
    expect(toHex(loaded.module.encodeE?.(2) as Uint8Array)).toBe('02');
  });
});

describe('a map entry without a key (RFC 8610 Appendix C: it "can only be used for matching arrays, not for maps")', () => {
  const schema = 'needed = { int, x: 1 }\noptional = { ? int, x: 1 }\nrepeated = { * tstr, ? y: 2 }\nsome = { + (int // x: 1) }\n';
  type Keyless = 'Needed' | 'Optional' | 'Repeated' | 'Some';
  let m: Generated<Keyless>;
  const found: SchemaWarning[] = [];
  beforeAll(async () => {
    compile([{ path: 'keyless.cddl', text: schema }], { onWarning: (w) => found.push(w) });
    m = (await load<Keyless>('language-keyless-entries', schema)).module;
  });
  const program = () => lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), ['needed', 'optional', 'repeated', 'some']);
  const matcherTakes = (rule: string, item: string) => explain(program(), rule, readCborValue(new CborReader(hex(item)))) === null;

  it('needed once: no map matches it, so its rule is never, with a warning citing the appendix', () => {
    expect(found.map((w) => w.message)).toEqual([`a map entry without a key (int), which matches only in arrays (RFC 8610 Appendix C), needed once, ${NEVER}`]);
    expect((thrown(() => m.decodeNeeded?.(hex('a1 6178 01'))) as Error).name).toBe('DecodeError');
    expect(matcherTakes('needed', 'a1 6178 01')).toBe(false);
  });

  it('optional or repeated from none: met by none of the entries, so the map is read without it, by the typed code and the matcher alike', () => {
    // {"x": 1}; {}; {"y": 2}; {"x": 1, 1: 5} has an entry nothing takes.
    for (const [rule, item, value] of [['Optional', 'a1 6178 01', { x: 1 }], ['Repeated', 'a0', {}], ['Repeated', 'a1 6179 02', { y: 2 }], ['Some', 'a1 6178 01', { x: 1 }]] as const) {
      expect(m[`decode${rule}`]?.(hex(item))).toEqual(value);
      expect(matcherTakes(rule.toLowerCase(), item)).toBe(true);
      expect(toHex(m[`encode${rule}`]?.(value) as Uint8Array)).toBe(item.replaceAll(' ', ''));
    }
    for (const [rule, item] of [['Optional', 'a2 6178 01 01 05'], ['Repeated', 'a1 6161 6162'], ['Some', 'a0'], ['Some', 'a1 01 02']] as const) {
      expect((thrown(() => m[`decode${rule}`]?.(hex(item))) as Error).name, `${rule} ${item}`).toBe('DecodeError');
      expect(matcherTakes(rule.toLowerCase(), item), `${rule} ${item}`).toBe(false);
    }
  });
});

describe('an occurrence whose least is above its most (5*3)', () => {
  const schema = 'required = [5*3 int]\noptional = [? (5*3 int)]\nkeyed = { 5*3 x: int }\n';
  type Rules = 'Required' | 'Optional' | 'Keyed';
  let m: Generated<Rules>;
  const found: SchemaWarning[] = [];
  beforeAll(async () => {
    compile([{ path: 'counts.cddl', text: schema }], { onWarning: (w) => found.push(w) });
    m = (await load<Rules>('language-empty-occurrences', schema)).module;
  });
  const program = () => lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), ['required', 'optional', 'keyed']);
  const matcherTakes = (rule: string, item: string) => explain(program(), rule, readCborValue(new CborReader(hex(item)))) === null;

  it('is an entry no data item has, with a warning at it: required, its array or map is never; optional, left out', () => {
    expect(found.map((w) => `${w.span?.line}:${w.span?.col} ${w.message.split(',')[0]}`)).toEqual(['1:13 a group entry that occurs 5*3 times', '2:16 a group entry that occurs 5*3 times', '3:11 a group entry that occurs 5*3 times']);
    for (const [rule, item] of [['Required', '80'], ['Required', '84 01 02 03 04'], ['Keyed', 'a0'], ['Keyed', 'a1 6178 01']] as const) {
      expect((thrown(() => m[`decode${rule}`]?.(hex(item))) as Error).name, `${rule} ${item}`).toBe('DecodeError');
      expect(matcherTakes(rule.toLowerCase(), item), `${rule} ${item}`).toBe(false);
    }
    expect(m.decodeOptional?.(hex('80'))).toEqual([]);
    expect(matcherTakes('optional', '80')).toBe(true);
    expect((thrown(() => m.decodeOptional?.(hex('81 01'))) as Error).message).toBe('(root) at byte 0: expected an empty array, got 1');
    expect(m.validateOptional?.([1])).toEqual([{ path: '', message: 'expected an empty array, got an array' }]);
  });
});
