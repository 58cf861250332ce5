/**
 * Issue 8 item 10: schemas that crashed the generator or gave TypeScript that does not compile.
 * The generator fails only with a SchemaError (`file:line:col`, the line, a caret), never with a
 * stack overflow; what it generates type-checks under strict settings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, isSchemaError } from '../../generator/index.js';
import { load, thrown, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

/** The error compiling `text` as `x.cddl` throws: it must be a SchemaError pointing into the file. */
function schemaError(text: string): string {
  return schemaErrorLine(thrown(() => compile([{ path: 'x.cddl', text }])));
}

/** The first line of `error`, which must be a SchemaError pointing into the file. */
function schemaErrorLine(error: unknown): string {
  expect(isSchemaError(error), String(error)).toBe(true);
  const message = (error as Error).message;
  expect(message).toMatch(/^x\.cddl:\d+:\d+: /);
  expect(message).toContain('\n    | ');
  return message.split('\n')[0] ?? '';
}

// RFC 8927 (JSON Type Definition) recurses through an inline map: `{ g }` with `g = ( ? e: { g } )`.
const SCHEMA = `
a = { g }
g = ( ? e: { g }, ? n: int )
t = [tstr, ? int]
r = [* tstr, int]
s = [int, * tstr, ? int]
; Three alternatives whose members all may be absent: the encoder declared the second's test between \`if\` and \`else if\`.
o = { ? (? x: float // ? x: int) }
; A recursive rule as an optional member beside another (found by a random-schema campaign): laying it out asked
; whether each optional member's items are the other's, which laid the rule out again, without end.
p = [? p, ? tstr]
q = [? qg, ? b: bool]
qg = (? 7 => q)
; A rule's array beside an inline array holding the rule, at one place in two alternatives (found by the structural
; random-schema campaign): looking for floats beside integers there compared the pair again inside itself, without end.
u = [{}, ? [nil, u], u] / int
`;

type Rules = 'A' | 'T' | 'R' | 'S' | 'O' | 'P' | 'Q' | 'U';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;

beforeAll(async () => {
  loaded = await load<Rules>('language-crashes', SCHEMA);
  g = loaded.module;
});

describe('what crashed or did not compile now generates', () => {
  it('type-checks under strict settings: [tstr, ? int] is [string, (number | bigint)?], [* tstr, int] encodes', () => {
    expect(typeErrors(loaded)).toEqual([]);
  });

  it('recursion through an inline map: the map in the group becomes a rule, GNested1', () => {
    // {"e": {"e": {"n": 1}}}
    const bytes = hex('a1 6165 a1 6165 a1 616e 01');
    const value = g.decodeA(bytes);
    expect(value).toEqual({ e: { e: { n: 1 } } });
    expect(g.isA(value)).toBe(true);
    expect(toHex(g.encodeA(value) as Uint8Array)).toBe(toHex(bytes));
    expect(compile([{ path: 'x.cddl', text: SCHEMA }])[0]?.contents).toContain('export interface GNested1 {\n  e?: GNested1;\n  n?: number | bigint;\n}');
  });

  it('[* tstr, int], [int, * tstr, ? int], { ? (? x: float // ? x: int) } and p = [? p, ? tstr] encode what they decode', () => {
    for (const [encode, decode, bytes] of [
      [g.encodeR, g.decodeR, '83 6161 6162 05'],
      [g.encodeS, g.decodeS, '84 01 6161 6162 05'],
      [g.encodeS, g.decodeS, '81 01'],
      [g.encodeT, g.decodeT, '81 6161'],
      [g.encodeO, g.decodeO, 'a1 6178 f93e00'],
      [g.encodeO, g.decodeO, 'a1 6178 01'],
      [g.encodeO, g.decodeO, 'a0'],
      [g.encodeP, g.decodeP, '82 82 80 6161 6162'],
      [g.encodeP, g.decodeP, '81 6161'],
      [g.encodeQ, g.decodeQ, '82 81 f5 f4'],
      [g.encodeU, g.decodeU, '83 a0 82 f6 01 02'],
      [g.encodeU, g.decodeU, '82 a0 05'],
    ] as const) {
      expect(toHex(encode(decode(hex(bytes))) as Uint8Array)).toBe(bytes.replaceAll(' ', ''));
    }
  });
});

// Found by an ad-hoc differential of bignums (see test/choices/bignum-choices.test.ts): the encoder's sort of fixed keys
// wrote each key with CborWriter.int, which throws a RangeError beyond 64 bits.
describe('a fixed map key integer beyond 64 bits', () => {
  it('makes its rule general, which takes the bignum key and writes it back', async () => {
    const warnings: string[] = [];
    const schema = 'a = { 18446744073709551616 => int, ? 1: tstr }\n';
    const { module } = await load<'A'>('language-crashes-bignum-key', schema, { onWarning: (w) => warnings.push(w.message) });
    expect(warnings).toEqual([expect.stringContaining('a map key integer beyond 64 bits, which only a bignum (tag 2 or 3) holds: 18446744073709551616')]);
    // {2(h'010000000000000000'): 5, 1: "z"} in deterministic order: the key 1 first.
    const bytes = 'a2 01 617a c249010000000000000000 05';
    expect(toHex(module.encodeA(module.decodeA(hex(bytes))) as Uint8Array)).toBe(bytes.replaceAll(' ', ''));
    expect(thrown(() => module.decodeA(hex('a1 1bffffffffffffffff 05')))).toMatchObject({ name: 'DecodeError' });
  });
});

describe('what crashed now is a SchemaError at its place', () => {
  it('rules defined only in terms of each other (a = b, b = a): RFC 8610 Appendix C', () => {
    expect(schemaError('a = b\nb = a\n')).toBe(
      "x.cddl:1:1: 'a' is defined only in terms of itself (a → b → a): matching it never reaches a data item (RFC 8610 Appendix C: a name stands for its definition, and replacing these never ends)",
    );
    // A rule whose every data item must match the rule again (its least solution is nothing) never ends either.
    expect(schemaError('a = b .size 2\nb = a\n')).toContain("'a' is defined only in terms of itself (a → b → a)");
    expect(schemaError('x = (uint / x) .within x\n')).toContain("'x' matches a data item only where 'x' matches it too (x → x): matching it never ends");
    // A rule that is one of its own options is its least solution (test/ir/least-solutions.test.ts).
    expect(() => compile([{ path: 'x.cddl', text: 'x = uint / x\n' }])).not.toThrow();
    // Through an array, map or tag the recursion reads a data item each time: that is fine.
    expect(() => compile([{ path: 'x.cddl', text: 'a = [* a] / int\nb = { ? x: b }\nc = #6.1(c) / int\n' }])).not.toThrow();
  });

  it('a control whose controller or operands are the rule it constrains: the layouts looked them up without end', () => {
    // Each of these overflowed the generator's stack.
    for (const [text, path] of [
      ['x = uint .ne x', 'x → x'],
      ['x = 1 / (x .plus 1)', 'x → x'],
      // Refused as invalid CDDL before (its controller had no shape): valid, and a cycle not handled yet.
      ['x = 2 / (uint .bits x)', 'x → x'],
      ['x = "a" / ((tstr .size 1) .cat x)', 'x → x'],
      ['x = tstr .join [tstr .size 1, y]\ny = "a" / x', 'x → y → x'],
    ] as const) {
      expect(schemaError(`${text}\n`), text).toMatch(new RegExp(`^x\\.cddl:1:1: unsupported: 'x' is needed to check a control in its own definition \\(${path}\\)`));
    }
    // Where every value would be made of another value of the rule, without end, the rule has none (ir/unproductive.ts): never.
    // So with `.size` and the comparisons, whose values each need a value of the controller (these overflowed the stack too).
    for (const text of ['x = tstr .det x', 'x = 1 .plus x', 'x = tstr .printf ["%s", x]', 'x = uint .size x', 'x = uint .lt x', 'x = [uint .size x]', 'x = #6.1(uint .lt x)', 'x = { a: uint .size x }']) {
      const warnings: string[] = [];
      compile([{ path: 'x.cddl', text: `${text}\n` }], { onWarning: (w) => warnings.push(w.message) });
      expect(warnings, text).toEqual([expect.stringMatching(/^'x' matches nothing: each of its values would need a value of 'x' \(x → x\)/)]);
    }
    const warnings: string[] = [];
    compile([{ path: 'x.cddl', text: 'x = uint .size y\ny = x\n' }], { onWarning: (w) => warnings.push(w.message) });
    expect(warnings.map((w) => w.slice(0, w.indexOf(','))), 'x = uint .size y, y = x').toEqual([
      "'x' matches nothing: each of its values would need a value of 'y' (x → y → x)",
      "'y' matches nothing: each of its values would need a value of 'x' (y → x → y)",
    ]);
    // Embedded in bytes the recursion reads a data item each time; behind a choice in a value controller, directly or through
    // a rule, the layouts leave it to the general matcher before they compute it (it is refused only where they run out of stack).
    expect(() => compile([{ path: 'x.cddl', text: 'x = bstr .cbor x\ny = uint .size (1 / y)\nv = uint .size w\nw = 1 / v\n' }])).not.toThrow();
  });

  it('a generic that instantiates itself with ever larger arguments (g<T> = [ g<[T]> ]): RFC 8610 §3.10', () => {
    expect(schemaError('a = g<int>\ng<T> = [ g<[T]> ]\n')).toBe(
      "x.cddl:2:10: instantiating 'g' never ends: g<int> needs g<[int]> needs g<[[int]]> needs … (RFC 8610 §3.10 puts generic arguments in the definition's place, and here each instance asks for a new one)",
    );
    // Recursion with the same arguments is one instance.
    expect(() => compile([{ path: 'x.cddl', text: 'a = g<int>\ng<T> = [ T, ? g<T> ]\n' }])).not.toThrow();
  });

  it('an .abnf grammar nested 3,000 deep is refused at its place; a chain of 3,000 rules generates', () => {
    const deep = `a = tstr .abnf ("x" .det g)\ng = "\\nx = ${'('.repeat(3000)}%x61${')'.repeat(3000)}"\n`;
    expect(schemaError(deep)).toBe('x.cddl:1:10: unsupported: .abnf grammar 2:261: groups and options nested more than 256 levels deep');
    const chain = Array.from({ length: 3000 }, (_, i) => `\\nr${i} = r${i + 1}`).join('');
    const files = compile([{ path: 'x.cddl', text: `a = tstr .abnf ("r0" .det g)\ng = "${chain}\\nr3000 = %x61"\n` }]);
    expect(files[0]?.contents).toContain('export type A = string;');
  });

  it('types nested 3,000 deep are refused at their place', () => {
    expect(schemaError(`a = ${'['.repeat(3000)}int${']'.repeat(3000)}\n`)).toMatch(/^x\.cddl:1:\d+: unsupported: types and groups are nested more than 256 levels deep$/);
  });
});

describe('long chains of rules', () => {
  it('a chain of 600 rules, each in a tag beside an integer, generates or is refused as a resource limit, never a stack trace', () => {
    const lines = ['top = [r0]', ...Array.from({ length: 600 }, (_, i) => `r${i} = #6.1(r${i + 1}) / ${i}`), 'r600 = int'];
    const text = `${lines.join('\n')}\n`;
    // Where the stack runs out depends on how much of it the engine's frames take: a worker whose code is compiled
    // already goes deeper, and generates this. Either is right; a RangeError or any other error is not.
    let module: string | undefined;
    const error = thrown(() => (module = compile([{ path: 'x.cddl', text }]).find((f) => f.path === 'x.ts')?.contents));
    if (error === undefined) expect(module).toContain('export const decodeTop: Decoder<Top> = ');
    else
      expect(schemaErrorLine(error)).toBe(
        "x.cddl:1:1: unsupported: this schema's rules hold each other deeper than the generator follows them, and its stack ran out (a resource limit, not a rule of CDDL: a chain of about 550 rules, each in a tag beside another option, does this)",
      );
  });

  it('a chain of 1,500 rules, each an array or map of the next beside an integer, generates (which checks take a depth was found by recursion, a rule a level, and overflowed the stack at 1,000)', () => {
    for (const wrap of [(next: string) => `[${next}]`, (next: string) => `{ a: ${next} }`]) {
      const lines = ['top = [r0]', ...Array.from({ length: 1500 }, (_, i) => `r${i} = ${wrap(`r${i + 1}`)} / ${i}`), 'r1500 = int'];
      const module = compile([{ path: 'x.cddl', text: `${lines.join('\n')}\n` }]).find((f) => f.path === 'x.ts')?.contents ?? '';
      // Past MAX_DEPTH (256) levels the checks take the level they start at: r0 is 1,501 levels deep at most.
      expect(module).toMatch(/function checkR0\(value: unknown, problems: Problem\[\] \| null, path: string, depth: number\)/);
    }
  });
});
