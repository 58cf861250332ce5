/**
 * The test-data generators (templates/arbitrary.ts) on a schema of every construct they draw:
 * each rule's items decode with the generated decoder, pass its guard and re-encode to the same
 * bytes (check-module.ts, as the property test over the corpus does); draws are deterministic and
 * bounded; what cannot be drawn throws CannotGenerate with the reason.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { drawEncoded, drawValue, CannotGenerate, isCannotGenerate, seededRandom, type Random } from '../../templates/arbitrary.js';
import { CborAny, CborFloat, CborMap, CborTagged } from '../../templates/cbor-any.js';
import type { Program } from '../../templates/program.js';
import { checkModule } from '../property/check-module.js';
import { toHex } from '../support/hex.js';
import { scratchFolder } from '../support/scratch.js';

/** One rule per construct the generators must respect. */
const CONSTRUCTS = `
everything = [* thing]
thing = sockets / occurrences / pairs / recursive / keyed / ranges / sized / bits / compared / embedded / tagged / floats / literals / patterns / texts / majors / bignums
$socket /= int
$socket /= [tstr, bool]
$$extra //= (99: tstr)
sockets = { kind: $socket, * $$extra }
occurrences = [1*3 uint, ? bstr]
pairs = [* (a: int, b: tstr)]
recursive = [* recursive] / { ? next: recursive, value: int }
keyed = { 1 => tstr, ? 2 => bstr, ? lang => tstr, * label => int }
lang = 15
label = int / tstr
ranges = [0..10, -5...5, 0.5..1.5, uint .le 300, (int .gt -3) .lt 3]
sized = [tstr .size 3, bstr .size (2..4), uint .size 2, tstr .size (1..8), bstr .size (uint .le 4)]
bits = [uint .bits flags, bstr .bits flags]
flags = &(a: 0, b: 3, c: 9)
compared = [uint .ne 0, tstr .eq "x", int .ge 1000]
embedded = [bstr .cbor occurrences, bstr .cborseq [* int]]
tagged = [#6.32(tstr), #6.<100..102>(int), #6(bstr), #6.2(bstr)]
floats = [float16, float32, float64, float16-32, float32-64, float]
literals = [1, -1, 1.5, "x", h'01', true, null, undefined]
patterns = [tstr .regexp "[a-z]{2,4}(-[0-9]+)?", tstr .regexp "\\\\d\\\\w[^a-c]\\\\p{Lu}", tstr .regexp "[a-z-[aeiou]]+", bstr .abnfb ("x" .det bytes-abnf), tstr .abnf ("list" .det list-abnf), bstr .abnfb ("v" .det varint-abnf)]
bytes-abnf = '
  x = 2*4(%x00-7F)
'
list-abnf = '
  list = "[" [item *("," item)] "]"
  item = list / 1*%x30-39 / %s"Ab"
'
varint-abnf = '
  v = %x81-FF v / %x00-7F
'
texts = [tstr .b64u bstr, tstr .hex bstr, tstr .b32 bstr, tstr .b45 bstr, tstr .decimal int, tstr .json [int, tstr]]
majors = [#0.24, #1, #2.3, #7.25, #7.26, #7.27, #7.20, #7.24]
bignums = [biguint, bignint, bigint]
kinds = { ? "n" => tstr, * nint => int, * (0..9 / tstr) => bstr, 1*2 (10..20) => bool }
`;

const TMP = new URL('./__tmp__/generators/', import.meta.url);
let mod: Record<string, unknown>;
let arbitrary: Record<string, unknown>;

beforeAll(async () => {
  const dir = scratchFolder(TMP, 'constructs', compile([{ path: 'constructs.cddl', text: CONSTRUCTS }], { arbitrary: true }));
  mod = (await import(/* @vite-ignore */ new URL('constructs.ts', dir).href)) as Record<string, unknown>;
  arbitrary = (await import(/* @vite-ignore */ new URL('constructs.arbitrary.ts', dir).href)) as Record<string, unknown>;
});
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe('every construct', () => {
  it('drawn items decode, pass the guard and re-encode to the same bytes; edits give DecodeError or a valid value', () => {
    const rules = compileIr([{ path: 'constructs.cddl', text: CONSTRUCTS }]).rules.flatMap((r) => (r.kind === 'type' ? [{ name: r.name, tsName: r.tsName }] : []));
    const report = checkModule(mod, arbitrary, rules, { seeds: 40, edits: 2, maxRules: 100 });
    expect(report.failures).toEqual([]);
    expect([...report.cannot]).toEqual([]);
    expect(report.covered).toBe(report.rules);
    expect(report.items).toBe(report.rules * 40);
  });

  it('the property finds a decoder that refuses edited bytes the general matcher takes', () => {
    // A broken decoder of `occurrences = [1*3 uint, ? bstr]` that refuses every item but the drawn ones: edits of a
    // drawn item that are still one of the rule's items (another integer, a byte string added) must show it.
    const rules = [{ name: 'occurrences', tsName: 'Occurrences' }];
    const draw = arbitrary.drawEncoded as (program: unknown, rule: string, seed: number) => Uint8Array;
    const drawn = new Set(Array.from({ length: 40 }, (_, seed) => toHex(draw(arbitrary.program, 'occurrences', seed))));
    const decode = mod.decodeOccurrences as (bytes: Uint8Array, options?: unknown) => unknown;
    const DecodeError = mod.DecodeError as new (message: string, path: string, offset: number) => Error;
    const refusing = { ...mod, decodeOccurrences: (bytes: Uint8Array, options?: unknown) => {
      if (!drawn.has(toHex(bytes))) throw new DecodeError('refused by this test', '', 0);
      return decode(bytes, options);
    } };
    const kinds = (m: Record<string, unknown>) => new Set(checkModule(m, arbitrary, rules, { seeds: 40, edits: 4, maxRules: 1 }).failures.map((f) => f.kind));
    // Drawn items with longer heads are other bytes of the same items: refused too, and found.
    expect([...kinds(refusing)].sort()).toEqual(['edit-refused', 'widened-refused']);
    expect(kinds(mod).size).toBe(0);
  });

  it('the property finds a decoder that takes the items of another rule the general matcher refuses', () => {
    // A broken decoder of `ranges` (five numbers) that also takes `compared`'s items (two integers and a text), as
    // the value it reads for them: edits of its own items (one or two bytes changed) seldom make another rule's item,
    // so only items of the other rules show it.
    const rules = [{ name: 'ranges', tsName: 'Ranges' }, { name: 'compared', tsName: 'Compared' }];
    const [decodeRanges, decodeCompared] = [mod.decodeRanges, mod.decodeCompared] as ((bytes: Uint8Array, options?: unknown) => unknown)[];
    const lenient = { ...mod, decodeRanges: (bytes: Uint8Array, options?: unknown) => {
      try {
        return decodeRanges!(bytes, options);
      } catch (error) {
        try {
          return decodeCompared!(bytes, options);
        } catch {
          throw error;
        }
      }
    } };
    const kinds = (m: Record<string, unknown>, crossItems: number) => new Set(checkModule(m, arbitrary, rules, { seeds: 10, edits: 2, maxRules: 2, crossItems }).failures.map((f) => `${f.rule} ${f.kind}`));
    expect([...kinds(lenient, 0)]).toEqual([]);
    expect([...kinds(lenient, 2)]).toEqual(['Ranges cross-matcher', 'Ranges cross-guard']);
    expect(kinds(mod, 2).size).toBe(0);
  });

  it('draws maps with several kinds of computed keys, each entry in the kind its key belongs to', () => {
    const draw = arbitrary.arbitraryKinds as (seed: number) => { n?: string; rest?: Map<unknown, unknown>; rest2?: Map<unknown, unknown>; rest3: Map<unknown, unknown> };
    const drawn = Array.from({ length: 40 }, (_, seed) => draw(seed));
    for (const value of drawn) {
      expect(value.rest3.size).toBeGreaterThanOrEqual(1);
      expect(value.rest3.size).toBeLessThanOrEqual(2);
    }
    expect(drawn.some((v) => (v.rest?.size ?? 0) > 0 && (v.rest2?.size ?? 0) > 0)).toBe(true);
  });

  it('the typed generator is the bytes decoded', () => {
    const draw = arbitrary.arbitraryKeyed as (seed: number) => unknown;
    const bytes = (seed: number) => drawEncoded(arbitrary.program as Program, 'keyed', seed);
    const decode = mod.decodeKeyed as (b: Uint8Array) => unknown;
    for (let seed = 0; seed < 5; seed++) expect(draw(seed)).toEqual(decode(bytes(seed)));
  });
});

/** The program of a small schema, as the emitted generators get it. */
function programOf(text: string) {
  const ir = compileIr([{ path: 't.cddl', text }]);
  return lowerProgram(ir, ir.rules.filter((r) => r.kind === 'type').map((r) => r.name));
}

describe('drawing', () => {
  const program = programOf('t = [* t] / { ? n: t, v: int }\nm = { * tstr => uint }\nw = float32');

  it('is deterministic: the same seed gives the same bytes, other seeds other items', () => {
    const draws = Array.from({ length: 20 }, (_, seed) => toHex(drawEncoded(program, 't', seed)));
    expect(Array.from({ length: 20 }, (_, seed) => toHex(drawEncoded(program, 't', seed)))).toEqual(draws);
    expect(new Set(draws).size).toBeGreaterThan(10);
  });

  it('ends on recursive rules, within the depth asked for', () => {
    const depthOf = (v: unknown): number => (Array.isArray(v) ? 1 + Math.max(0, ...v.map(depthOf)) : v instanceof CborMap ? 1 + Math.max(0, ...v.entries.map(([, x]) => depthOf(x))) : 0);
    for (let seed = 0; seed < 200; seed++) expect(depthOf(drawValue(program, 't', seed, { maxDepth: 3 }))).toBeLessThanOrEqual(4);
  });

  it('draws distinct map keys, and floats of the width the type names', () => {
    for (let seed = 0; seed < 50; seed++) {
      const m = drawValue(program, 'm', seed) as CborMap;
      expect(new Set(m.entries.map(([k]) => k)).size).toBe(m.size);
      const w = drawValue(program, 'w', seed) as CborFloat;
      expect(CborAny.of(w).encoded[0]).toBe(0xfa);
    }
  });

  it('takes any random source: a function of the bound', () => {
    let calls = 0;
    const zero: Random = () => {
      calls++;
      return 0;
    };
    expect(drawValue(program, 'm', zero)).toEqual(new CborMap([]));
    expect(calls).toBeGreaterThan(0);
    const random = seededRandom(7);
    const again = seededRandom(7);
    expect(Array.from({ length: 10 }, () => random(1000))).toEqual(Array.from({ length: 10 }, () => again(1000)));
  });

  it('ends on a group spliced into itself, which nests no item', () => {
    // Each repetition of the group drew the group again at the same depth, and no type on the way counted a step: it
    // overflowed the stack (found by the structural random-schema campaign).
    const spliced = programOf('m = { g }\ng = (* g, ? b: int)\na = [h]\nh = (* h, ? int)');
    for (let seed = 0; seed < 20; seed++) {
      expect(drawValue(spliced, 'm', seed)).toBeInstanceOf(CborMap);
      expect(drawValue(spliced, 'a', seed)).toBeInstanceOf(Array);
    }
  });

  it('draws .and and .within from either side, each value checked against the other', () => {
    // From the target alone, `int .and 5` met its controller about once in 2^64 draws: no value in 40 attempts.
    const meeting = programOf('a = int .and 5\nw = tstr .within ("x" / "y")\nm = { * tstr => any } .and { n: uint }');
    for (let seed = 0; seed < 20; seed++) {
      expect(drawValue(meeting, 'a', seed)).toBe(5);
      expect(['x', 'y']).toContain(drawValue(meeting, 'w', seed));
      expect(drawValue(meeting, 'm', seed)).toBeInstanceOf(CborMap);
    }
  });

  it('ends on a group that must splice itself several times in one of its choices', () => {
    // Past the step budget a group's choices of the least nesting were all drawn, and `3* g` nests no more than
    // `int`: each `g` drawn three more, without end (RangeError; the structural random-schema campaign, seed 80370).
    // A draw that must end now takes the choice whose spliced groups are fewest (Costs' ranks).
    const spliced = programOf('a = [g]\ng = (3* g // int)\nm = { h }\nh = (2* h // k: int)\nt = [~u]\nu = [2* t // int]');
    for (let seed = 0; seed < 20; seed++) {
      expect(drawValue(spliced, 'a', seed)).toBeInstanceOf(Array);
      expect(drawValue(spliced, 'm', seed)).toBeInstanceOf(CborMap);
      expect(drawValue(spliced, 't', seed)).toBeInstanceOf(Array);
    }
  });

  it('writes tags 2 and 3 only as bignums that do not fit 64 bits (deterministic encoding)', () => {
    const tagged = programOf('b = #6.2(bstr)');
    for (let seed = 0; seed < 20; seed++) {
      const v = drawValue(tagged, 'b', seed) as CborTagged;
      expect((v.value as Uint8Array).length).toBeGreaterThan(8);
      expect(CborAny.of(v).encoded[0]).toBe(0xc2);
    }
  });
});

describe('what cannot be drawn is reported, never skipped', () => {
  const cases: [string, string, RegExp][] = [
    ['empty-socket', 'a = [$empty]', /needs what nothing matches \(an empty socket/],
    // A rule each of whose values holds another without end is never (ir/unproductive.ts), and says why.
    ['endless', 'e = [e]', /no value: each of its values would need a value of 'e' \(e → e\)/],
    // No choice and no group on the way, only tags or embedded CBOR: each drew the rule again, without end (RangeError).
    ['endless-tags', 't = #6.7(t)', /no value: each of its values would need a value of 't' \(t → t\)/],
    ['endless-embedded', 'b = bstr .cbor b', /no value: each of its values would need a value of 'b' \(b → b\)/],
    // Its other option holds nothing, and embedded CBOR counted no level: it chose the recursion again, without end.
    ['endless-embedded-choice', "r = ((bstr .cbor (bstr .size 2)) .and #6.1('x')) / (bstr .cbor r)", /no value drawn in 40 attempts meets \.and/],
    // The tag number is a value of the rule itself (directly, or inside an array): it counted no level, and each draw
    // of the number drew the rule again, without end (RangeError).
    ['endless-tag-number', 'a = #6.<a>(int)', /a needs what nothing matches \(an empty socket, or recursion without end\)/],
    ['endless-tag-number-array', 'a = #6.<b>(int)\nb = [a]', /needs what nothing matches \(an empty socket, or recursion without end\)/],
    // A tag number drawn from a type of negative integers alone: drawn as a tag number all the same, its encoding threw
    // an EncodeError out of drawEncoded (found by the wider random-schema test).
    ['negative-tag-number', 'a = #6.<n>(int)\nn = (-5..-1) / -1', /a tag number that is not an unsigned integer/],
    ['never-met', 'n = uint .ne uint', /no value drawn in 40 attempts meets \.ne/],
    ['indefinite', 'i = #2.31', /not written by deterministic encoding/],
    ['short-bignum', 's = #6.2(bstr .size 4)', /bignum \(tag 2\) of 4 bytes is not deterministic/],
    ['lookbehind', 'l = tstr .regexp "(?<=a)b"', /no string drawn matches/],
  ];
  it.each(cases)('%s', (_, text, reason) => {
    const program = programOf(text);
    const rule = Object.keys(program.rules)[0]!;
    let error: unknown;
    try {
      drawValue(program, rule, 1);
    } catch (e) {
      error = e;
    }
    expect(isCannotGenerate(error)).toBe(true);
    expect(error).toBeInstanceOf(CannotGenerate);
    expect((error as CannotGenerate).reason).toMatch(reason);
    expect((error as CannotGenerate).rule).toBe(rule);
  });

  it('a tag number given by a rule that ends is drawn from it', () => {
    // The number's type counts toward the tag's least depth, and a finite one leaves the tag drawable.
    for (const text of ['a = #6.<uint>(int)', 'a = #6.<n>(int)\nn = uint / [a]']) {
      const program = programOf(text);
      for (let seed = 0; seed < 10; seed++) expect(drawValue(program, 'a', seed)).toBeInstanceOf(CborTagged);
    }
  });

  it('a group rule is not a data item', () => {
    const program = programOf('a = [g]\ng = (x: int)');
    expect(() => drawValue(program, 'g', 1)).toThrow(/a group rule is not a data item/);
  });
});
