/**
 * layout/rest-ends.ts: which shapes no data item, or no JavaScript value, is of both. The typed layouts
 * rest on these answers (a greedy repetition's end, optional members before a repetition, alternatives
 * that part at one member), so an answer of "apart" that is wrong would type a rule whose guard
 * picks the wrong member; "not apart" only leaves a rule to the general matcher.
 */
import { describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { dataApart, jsApart } from '../../generator/layout/rest-ends.js';
import { ruleShape, type ShapeContext } from '../../generator/layout/shapes.js';

function context(cddl: string): { ctx: ShapeContext; shape: (name: string) => ReturnType<typeof ruleShape> } {
  const ir = compileIr([{ path: 'rest-ends.cddl', text: cddl }]);
  const ctx: ShapeContext = { rules: new Map(ir.rules.map((r) => [r.name, r])), sources: new Map(), general: new Map() };
  return { ctx, shape: (name) => ruleShape(ctx.rules.get(name)!, ctx) };
}

describe('jsApart: the kinds of JavaScript value', () => {
  it('alternatives of tuples and alternatives that part at one member are JavaScript arrays; a map of array keys is a Map', () => {
    const { ctx, shape } = context(`
      alternatives = [1 // 2, tstr]
      forks = [1, (+ n // tstr)]
      n = [int]
      pairs = { * [int] => int }
      records = [x: 1 // y: 2, z: tstr]
      numbers = [* int]
    `);
    for (const array of ['alternatives', 'forks']) {
      // A map of array keys is a Map, which no JavaScript array is (and no CBOR array either).
      expect(dataApart(shape(array), shape('pairs'), ctx), array).toBe(true);
      expect(jsApart(shape(array), shape('pairs'), ctx), array).toBe(true);
      expect(jsApart(shape(array), shape('numbers'), ctx), array).toBe(false);
    }
    // Alternatives of named members are objects, which no JavaScript array or Map is.
    expect(jsApart(shape('records'), shape('pairs'), ctx)).toBe(true);
  });
});

describe('a rule met again while its own shape is found', () => {
  it('is what its CDDL says: an array is no integer, in data items or in JavaScript (before, unsure: the rule stayed general)', () => {
    const { ctx, shape } = context('r = [* r, 0]\nm = { * tstr => m }');
    const r = shape('r');
    if (r.kind !== 'array' || r.layout.kind !== 'tuple') throw new Error('r is a tuple');
    // r's repeated item is r itself: comparing it with the 0 after it resolves r, which meets r again.
    expect(r.layout.rest?.item.kind).toBe('rule');
    expect(dataApart(r.layout.rest!.item, r.layout.after![0]!.shape, ctx)).toBe(true);
    expect(jsApart(r.layout.rest!.item, r.layout.after![0]!.shape, ctx)).toBe(true);
    expect(dataApart(shape('m'), { kind: 'text', values: null, size: null }, ctx)).toBe(true);
  });
});
