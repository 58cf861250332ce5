/** The IR lowered to the run-time program (generator/layout/program.ts, docs/program.md): reviewed snapshots and the rules of lowering. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileIr, type SchemaText } from '../../generator/index.js';
import type { SchemaWarning } from '../../generator/diagnostics.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { errorOf, SHARED, statusSchema } from '../support/schemas.js';

const schema = (text: string): SchemaText => ({ path: 'a.cddl', text });
const lower = (text: string, roots: string[], warnings?: SchemaWarning[]) => lowerProgram(compileIr([schema(text)]), roots, warnings === undefined ? {} : { warnings });
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('reviewed snapshots', () => {
  it('the MIMI message-status schema', async () => {
    const ir = compileIr([statusSchema()]);
    await expect(json(lowerProgram(ir, [ir.root as string]))).toMatchFileSnapshot('__snapshots__/mimi-message-status.program.json');
  });

  it("RFC 9171's bundle (arrays whose repeated member overlaps the next, .within, flag bits)", async () => {
    const ir = compileIr([{ path: 'rfc9171.cddl', text: readFileSync(`${SHARED}cddl-library/rfc9171.cddl`, 'utf8') }]);
    await expect(json(lowerProgram(ir, [ir.root as string]))).toMatchFileSnapshot('__snapshots__/rfc9171.program.json');
  });

  it('controls: folded constants, patterns, resolved controllers', async () => {
    const program = lower(
      [
        'c = tstr .regexp "[a-z]+" / tstr .size max / ("a" .cat "b") / &(x: 1, y: 2) / #6.32(uint .bits flags) / d / (int .and uint) / (2 .plus 3)',
        'max = 5',
        'flags = &(f: 1, g: 3)',
        'unused = int',
        'd = tstr .abnf ("x" .det g) / bstr .abnfb ("x" .det g)',
        'g = "\\nx = 1*DIGIT\\nDIGIT = %x30-39"',
      ].join('\n'),
      ['c'],
    );
    await expect(json(program)).toMatchFileSnapshot('__snapshots__/controls.program.json');
  });
});

describe('lowering', () => {
  it('keeps only the rules reachable from the roots, through types, groups, keys, tags and controllers', () => {
    const program = lower('a = [ g, * k => v ]\ng = ( x: t )\nt = #6.<n>(int) .and w\nn = 1..3\nw = int\nk = tstr\nv = bytes\nunused = int\nu2 = [ unused ]', ['a']);
    expect(Object.keys(program.rules)).toEqual(['a', 'g', 't', 'n', 'w', 'k', 'v']);
  });

  it('is plain JSON and deterministic', () => {
    const text = 'a = { ? 1 => [* (int, ? tstr)], * tstr => any } / #6.1(number) / 1.5 / h\'00\' / true / #7.25';
    const program = lower(text, ['a']);
    expect(JSON.parse(JSON.stringify(program))).toEqual(program);
    expect(lower(text, ['a'])).toEqual(program);
  });

  it('keeps integers beyond 2^53 as decimal strings', () => {
    expect(lower('a = 18446744073709551615 / -18446744073709551616..0', ['a']).rules.a).toEqual({
      kind: 'type',
      type: {
        kind: 'choice',
        options: [
          { kind: 'literal', value: { type: 'int', value: '18446744073709551615' } },
          { kind: 'range', min: { type: 'int', value: '-18446744073709551616' }, max: { type: 'int', value: '0' }, inclusive: true },
        ],
      },
    });
  });

  it('makes an unfilled socket a choice of nothing', () => {
    expect(lower('a = [ $s ]', ['a']).rules.$s).toEqual({ kind: 'type', type: { kind: 'choice', options: [] } });
  });

  it('warns through the SchemaWarning channel for a .regexp that is PCRE, not XSD', () => {
    const warnings: SchemaWarning[] = [];
    const program = lower('a = tstr .regexp "(?<n>x)"', ['a'], warnings);
    expect(program.rules.a).toMatchObject({ type: { kind: 'pattern', alphabet: 'text' } });
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('is not an XSD regular expression (RFC 8610 §3.8.3)')]);
  });

  it('refuses what is invalid: a .regexp that is no regular expression, an ABNF grammar in error, .cat of what is no string', () => {
    expect(errorOf(() => lower('a = tstr .regexp "[a-"', ['a'])).first).toContain('.regexp pattern that is not a regular expression');
    expect(errorOf(() => lower('a = tstr .abnf "x"', ['a'])).first).toContain('.abnf grammar');
    expect(errorOf(() => lower('a = [int] .cat "x"', ['a'])).first).toContain('.cat between types that are not both strings or both numbers (RFC 9165 §2)');
  });

  it('computes .cat and .plus of types with many values (RFC 9165 §2: a function of the cross-product)', () => {
    expect(lower('a = ("x" / "y") .cat ("1" / "2")', ['a']).rules['a']).toEqual({
      kind: 'type',
      type: { kind: 'choice', options: ['x1', 'x2', 'y1', 'y2'].map((value) => ({ kind: 'literal', value: { type: 'text', value } })) },
    });
    expect(lower('a = r .plus 10\nr = 1..3', ['a']).rules['a']).toEqual({ kind: 'type', type: { kind: 'range', min: { type: 'int', value: '11' }, max: { type: 'int', value: '13' }, inclusive: true } });
    expect(lower('a = tstr .cat "!"', ['a']).rules['a']).toEqual({ kind: 'type', type: { kind: 'pattern', target: { kind: 'prim', prim: 'tstr' }, source: '(?:[^]*)(?:!)', alphabet: 'text' } });
  });
});
