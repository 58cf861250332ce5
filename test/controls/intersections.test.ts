/**
 * `.and` / `.within` between arrays and maps (RFC 8610 §3.8.5): when every
 * value of the left side is shown to match the right side, the rule is the
 * left side, and its decoder, guard and encoder agree on what they accept;
 * otherwise the rule is typed CborValue and the general matcher checks both sides. RFC 9173 (whose imported
 * RFC 9171 says `eid = $eid .within eid-structure`) generates alone in
 * test/modules/library.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { hex, toHex } from '../support/hex.js';
import { typecheck } from '../support/typecheck.js';
import { accepts } from '../general/support.js';

const schema = `
top = [* eid]
eid = $eid .within eid-structure
eid-structure = [uri-code: uint, ssp: any]
$eid /= [uri-code: 1, ssp: tstr / 0]
$eid /= [uri-code: 2, ssp: [nodenum: uint, servicenum: uint]]
small = [* byte] .and [* uint]
byte = 0..255
named = { a: int, ? b: tstr } .and { * tstr => any }
nonempty = { a: int, ? b: tstr } .and { + tstr => int / tstr }
; Two kinds: a float range beside an integer is kept as CborFloat, in the type as in the code (the module type-checks).
numbers = (int / float) .and (1 / (2.625..2.875))
; Float literals of one width are one float type: 2.5 or 4.0, beside the integer 1.
literals = (int / float) .and (1 / 2.5 / 4.0)
; RFC 9171's blocks: optional members last on both sides, one rule (flags) on both, sizes within sizes.
block = [code: 7, number: uint, flags, data: bstr .size (1..8), ? crc: bstr .size 2] .within block-structure
block-structure = [code: uint, number: uint, flags, data: bstr, ? crc: bstr .size (2..4)]
flags = uint .bits (0 / 1)
; A repeated member takes what is past the fixed ones: 1 or 2 items here, 0 or 1 of them.
short = [uint, ? uint] .within [uint, * uint]
; RFC 8990's grasp-message: every message, a repetition and alternatives that part at one member too, within a
; structure whose optional member before its repetition takes an item where it reads as one (any item is an option).
grasp = message .within structure
structure = [0..255, uint, ? init, * any]
init = bstr .size 4
message = discovery / flood / response
discovery = [1, uint, init, tstr]
flood = [9, uint, init, + [tstr, int]]
response = [2, uint, (+ locator // divert), ? tstr]
locator = [1, int]
divert = [100, + locator]
; Repeated items and a member after them, all within the repeated item.
texts = [uint, * tstr, ? int] .within [uint, * (tstr / int)]
`;

function thrown(f: () => unknown): string {
  try {
    f();
  } catch (error) {
    return (error as Error).name;
  }
  return 'nothing thrown';
}

type Module = Record<string, (value: unknown) => unknown>;

describe('.and / .within where the left side is within the right side', () => {
  let dir: string;
  let mod: Module;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'intersections-'));
    const files = compile([{ path: 'x.cddl', text: schema }]);
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    for (const f of files) writeFileSync(join(dir, f.path), f.contents);
    expect(typecheck(files.map((f) => join(dir, f.path)), { moduleResolution: 'nodenext' })).toEqual([]);
    mod = (await import(pathToFileURL(join(dir, 'x.ts')).href)) as Module;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fn = (name: string) => {
    const f = mod[name];
    if (f === undefined) throw new Error(`no ${name}`);
    return f;
  };

  it('every rule is typed: each left side is shown to be within its right side', () => {
    const warnings: string[] = [];
    const files = compile([{ path: 'x.cddl', text: schema }], { onWarning: (w) => warnings.push(w.message) });
    expect(warnings).toEqual([]);
    expect(files.find((f) => f.path === 'x.ts')?.contents).toContain('export type Grasp = Message;');
  });

  // [rule, value, its encoding]
  const accept: [string, unknown, string][] = [
    ['Eid', { 'uri-code': 1, ssp: 'dtn:none' }, '82016864746e3a6e6f6e65'],
    ['Eid', { 'uri-code': 1, ssp: 0 }, '820100'],
    ['Eid', { 'uri-code': 2, ssp: { nodenum: 5, servicenum: 7 } }, '8202820507'],
    ['Small', [0, 255], '820018ff'],
    ['Named', { a: 1 }, 'a1616101'],
    ['Named', { a: 1, b: 'x' }, 'a261610161626178'],
    ['Nonempty', { a: -1 }, 'a1616120'],
    ['Numbers', 1, '01'],
    ['Literals', 1, '01'],
    ['Block', [7, 2, 3, new Uint8Array([1])], '840702034101'],
    ['Block', [7, 2, 0, new Uint8Array([1]), new Uint8Array([9, 9])], '850702004101420909'],
    ['Short', [1], '8101'],
    ['Short', [1, 2], '820102'],
    ['Grasp', [1, 7, new Uint8Array([1, 2, 3, 4]), 'x'], '840107440102030461' + '78'],
    ['Grasp', [9, 7, new Uint8Array([1, 2, 3, 4]), ['a', 1], ['b', 2]], '85090744010203048261610182616202'],
    ['Grasp', [2, 7, [100, [1, 5]]], '830207821864820105'],
    ['Grasp', [2, 7, [1, 5], [1, 6], 'x'], '8502078201058201066178'],
    ['Texts', [1, 'a', 'b', -1], '8401616161622' + '0'],
    ['Texts', [1], '8101'],
  ];
  it.each(accept)('%s %j: guard true, encodes to the bytes, which decode back', (rule, value, bytes) => {
    expect(fn(`is${rule}`)(value)).toBe(true);
    expect(toHex(fn(`encode${rule}`)(value) as Uint8Array)).toBe(bytes);
    expect(fn(`decode${rule}`)(hex(bytes))).toEqual(value);
  });

  // Values within the right side but not the left (uri-code 3; 256; a number for text): every function says no.
  const reject: [string, unknown, string][] = [
    ['Eid', { 'uri-code': 3, ssp: 0 }, '820300'],
    ['Eid', { 'uri-code': 1, ssp: 1 }, '820101'],
    ['Eid', { 'uri-code': 2, ssp: 'x' }, '82026178'],
    ['Small', [256], '81190100'],
    // Within the structure, not the block: code 8, a data of 9 bytes, a crc of 4.
    ['Block', [8, 2, 0, new Uint8Array([1])], '840802004101'],
    ['Block', [7, 2, 0, new Uint8Array(9)], '84070200' + '49' + '00'.repeat(9)],
    ['Block', [7, 2, 0, new Uint8Array([1]), new Uint8Array(4)], '8507020041014400000000'],
    ['Short', [1, 2, 3], '83010203'],
    ['Named', { a: 1, b: 2 }, 'a2616101616202'],
    ['Nonempty', { a: 'x' }, 'a161616178'],
    // Within the structure, no message: a type 2 of no locator, a discovery without its objective.
    ['Grasp', [2, 7], '820207'],
    ['Grasp', [1, 7, new Uint8Array([1, 2, 3, 4])], '8301074401020304'],
    ['Texts', [1, 2, 'a'], '83010261' + '61'],
  ];
  it.each(reject)('%s %j: guard false, encoder EncodeError, decoder DecodeError', (rule, value, bytes) => {
    expect(fn(`is${rule}`)(value)).toBe(false);
    // The generated module has its own copy of the runtime, so the error classes are told by name.
    expect(thrown(() => fn(`encode${rule}`)(value))).toBe('EncodeError');
    expect(thrown(() => fn(`decode${rule}`)(hex(bytes)))).toBe('DecodeError');
  });
});

describe('.and / .within where the left side is not shown to be within the right side: the general matcher (test/general)', () => {
  it.each([
    // Beside a repeated member on one side, members that occur once on the other (a fixed array or one list each is typed, below).
    ['e = [uint, any] .within [1, * tstr]', '[1, "x"]', '[2, "x"]'],
    ['e = [* uint] .and [uint, * uint]', '[1, 2]', '[]'],
    ['e = { ? a: int } .and { + tstr => any }', '{"a": 1}', '{}'],
    ['e = { a: int } .and { * int => any }', null, '{"a": 1}'],
    // Appendix A does not backtrack: the optional member takes the one item, and the required one after it finds none.
    ['e = [int] .within [? int, int]', null, '[1]'],
    // An optional member before a required one: the items stand at other positions.
    ['e = [? tstr, int] .within [? tstr, int]', '[1]', '["x"]'],
    ['e = [int, ? int] .within [int, int]', '[1, 2]', '[1]'],
    // A repetition that may take no item within one that must take one; an optional member that may take the one item.
    ['e = [uint, * tstr] .within [uint, + tstr]', '[1, "x"]', '[1]'],
    ['e = [uint, tstr] .within [uint, ? tstr, + any]', null, '[1, "x"]'],
  ])('%s generates, typed CborValue, and matches both sides exactly', (text, accepted, rejected) => {
    const warnings: string[] = [];
    compile([{ path: 'x.cddl', text }], { onWarning: (w) => warnings.push(w.message) });
    expect(warnings).toEqual([expect.stringMatching(/^'e' is typed as CborValue .* general matcher, because the typed layouts do not cover \.(and|within) between types that are not all scalars/)]);
    if (accepted !== null) expect(accepts(text, accepted)).toBe(true);
    expect(accepts(text, rejected)).toBe(false);
  });
});

describe('.and / .within between arrays of members that occur once, or of one repeated member: the array of the members\' intersections', () => {
  it.each([
    ['e = [uint, any] .within [1, tstr]', 'export type E = [1, string];', '[1, "x"]', '[2, "x"]'],
    ['e = [* uint] .and [uint, uint]', 'export type E = [number | bigint, number | bigint];', '[1, 2]', '[1]'],
    ['e = [* int] .and [1*2 uint]', 'export type E = (number | bigint)[];', '[1, 2]', '[-1]'],
  ])('%s is typed, not general, and takes what the matcher takes', (text, declared, accepted, rejected) => {
    const warnings: string[] = [];
    const files = compile([{ path: 'x.cddl', text }], { onWarning: (w) => warnings.push(w.message) });
    expect(warnings).toEqual([]);
    expect(files.find((f) => f.path === 'x.ts')?.contents).toContain(declared);
    expect(accepts(text, accepted)).toBe(true);
    expect(accepts(text, rejected)).toBe(false);
  });
});

describe('.and of scalars whose result is one kind of several values', () => {
  it('float literals of one width are one float type, typed, not general (issue 8)', () => {
    const warnings: string[] = [];
    const files = compile([{ path: 'x.cddl', text: 'e = (int / float) .and (1 / 2.5 / 4.0)\n' }], { onWarning: (w) => warnings.push(w.message) });
    expect(warnings).toEqual([]);
    expect(files.find((f) => f.path === 'x.ts')?.contents).toContain('export type E = 1 | CborFloat;');
  });
});
