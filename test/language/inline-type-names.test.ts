/**
 * Inline types that got a rule of their own (ir/hoist.ts: an array or map that is an option of a type
 * choice, the type `.cbor`/`.cborseq`/`.json` embeds) carry names the schema never wrote (`c.option1`,
 * `a.embedded1`). Messages of decoders, guards and the general matcher show such a type as the
 * schema writes it (`{x: int}`, `[* int]`), cut at 60 characters, and the path into an embedded
 * item steps through `<embedded>`, as the general matcher's does; a named rule keeps its name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type SchemaWarning } from '../../generator/index.js';
import { load, thrown, typeErrors, type Generated } from '../bounded/module.js';
import { hex } from '../support/hex.js';

const SCHEMA = `
choice = int / { x: int }
holder = { x: bstr .cbor [* int], ? y: tstr .json { n: int } }
named = { x: bstr .cbor point }
point = [int, int]
long = { x: bstr .cbor { alpha: int, beta: tstr, gamma: bool, delta: [* int], epsilon: bstr } }
; a repeated group of an optional member: a general rule, checked by the matcher
pairs = [* (int, ? tstr), c: tstr .json { n: int }]
`;

type Rules = 'Choice' | 'Holder' | 'Named' | 'Long' | 'Pairs';
let g: Generated<Rules>;

beforeAll(async () => {
  const warnings: SchemaWarning[] = [];
  compile([{ path: 'x.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  expect(warnings.map((w) => w.message.split(' ').slice(0, 2).join(' '))).toContain("'pairs' is");
  const loaded = await load<Rules>('inline-type-names', SCHEMA);
  expect(typeErrors(loaded)).toEqual([]);
  g = loaded.module;
});

function decodeMessage(rule: Rules, bytes: string): string {
  return (thrown(() => g[`decode${rule}`](hex(bytes))) as Error).message;
}

describe('messages show an inline type as the schema writes it', () => {
  it('an option of a type choice: decoder, guard and validator', () => {
    expect(decodeMessage('Choice', '6161')).toBe('(root) at byte 0: expected an integer or {x: int}, got a text string');
    expect(g.validateChoice('a')).toEqual([{ path: '', message: 'expected an integer or {x: int}, got a string' }]);
  });

  it('the type .cbor embeds: the guard says it, and the decoder steps into it as <embedded>', () => {
    expect(g.validateHolder({ x: hex('61 61') })).toEqual([{ path: '.x', message: 'expected a byte string holding an encoded [* int], got a Uint8Array of 2 bytes' }]);
    // {x: h'8201 6161'}: the embedded array's second item is text.
    expect(decodeMessage('Holder', 'a1 6178 44 82 01 61 61')).toBe('.x<embedded>[1] at byte 6: expected an integer, got a text string');
    // An empty byte string (the reader's one shared empty array, no view into the input): the offset is still where its content would start.
    expect(decodeMessage('Holder', 'a1 6178 40')).toBe('.x<embedded> at byte 4: unexpected end of input');
    expect(decodeMessage('Holder', 'a1 6178 5800')).toBe('.x<embedded> at byte 5: unexpected end of input');
  });

  it('the type .json holds', () => {
    expect(g.validateHolder({ x: hex('80'), y: '{"n": "a"}' })).toEqual([{ path: '.y', message: 'expected a text string that is JSON text of {n: int}, got a string' }]);
    expect(decodeMessage('Holder', 'a2 6178 41 80 6179 68 7b226e223a2261227d')).toContain('expected a text string that is JSON text of {n: int}');
  });

  it('a named rule keeps its name, in the path too', () => {
    expect(g.validateNamed({ x: hex('61 61') })).toEqual([{ path: '.x', message: 'expected a byte string holding an encoded point, got a Uint8Array of 2 bytes' }]);
    expect(decodeMessage('Named', 'a1 6178 43 82 01 f4')).toBe('.x<point>[1] at byte 6: expected an integer, got false');
  });

  it('a long inline type is cut at 60 characters', () => {
    const [problem] = g.validateLong({ x: hex('01') }) as { message: string }[];
    expect(problem?.message).toBe('expected a byte string holding an encoded {alpha: int, beta: tstr, gamma: bool, delta: [* int], epsil…, got a Uint8Array of 1 byte');
  });

  it('the general matcher shows it too', () => {
    // [1, "a", c: '{"n": "a"}']
    const message = decodeMessage('Pairs', '83 01 6161 6a 7b226e223a202261227d');
    expect(message).toContain('.json {n: int}');
    expect(message).not.toContain('embedded');
  });
});
