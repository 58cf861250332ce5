/**
 * Arrays in the general matcher follow RFC 8610 Appendix A (a PEG): occurrences are greedy and
 * never re-tried with fewer, group choices are ordered, a sequence never backtracks into an entry
 * it has matched. Issue 8 item 4.
 */
import { describe, expect, it } from 'vitest';
import { explain } from '../../templates/matcher.js';
import type { Program } from '../../templates/program.js';
import { accepts, failureOf, programOf, valueOf } from './support.js';

describe('issue 8 item 4: arrays by the PEG of RFC 8610 Appendix A', () => {
  it('[* (int, ? tstr)]: a repeated group with an optional member', () => {
    const schema = 'a = [* (int, ? tstr)]';
    for (const edn of ['[]', '[1]', '[1, "a"]', '[1, 2]', '[1, "a", 2]', '[1, 2, "b", 3]']) expect(accepts(schema, edn), edn).toBe(true);
    for (const edn of ['["a"]', '[1, "a", "b"]', '[1, true]']) expect(accepts(schema, edn), edn).toBe(false);
    expect(failureOf(schema, '[1, "a", "b"]')).toMatchObject({ path: '[2]', message: 'expected int or the end of the array (2 items), got "b"' });
  });

  it('[1*2 (int, tstr), bool]: bounded repetitions of a group', () => {
    const schema = 'a = [1*2 (int, tstr), bool]';
    expect(accepts(schema, '[1, "a", true]')).toBe(true);
    expect(accepts(schema, '[1, "a", 2, "b", false]')).toBe(true);
    expect(accepts(schema, '[true]')).toBe(false);
    expect(accepts(schema, '[1, "a", 2, "b", 3, "c", true]')).toBe(false);
    expect(failureOf(schema, '[1, "a", 2, "b", 3, "c", true]')).toMatchObject({ path: '[4]', message: 'expected bool, got 3' });
  });

  it('[* int, ? uint]: the greedy * takes every integer, the ? takes none', () => {
    const schema = 'a = [* int, ? uint]';
    for (const edn of ['[]', '[1]', '[1, 2]', '[-1, 2]']) expect(accepts(schema, edn), edn).toBe(true);
    expect(accepts(schema, '[1, "x"]')).toBe(false);
  });

  it('[* int, int] matches nothing: the repetition never gives an item back', () => {
    expect(accepts('a = [* int, int]', '[1, 2]')).toBe(false);
    expect(failureOf('a = [* int, int]', '[1, 2]')).toMatchObject({ path: '[2]', message: 'expected int, the array has only 2 items' });
    expect(failureOf('a = [* int, int]', '[1]')).toMatchObject({ path: '[1]', message: 'expected int, the array has only 1 item' });
    expect(failureOf('a = [* int, int]', '[]')).toMatchObject({ path: '[0]', message: 'expected int, the array is empty' });
    expect(failureOf('a = [int]', '[1, 2]')).toMatchObject({ path: '[1]', message: 'expected the end of the array (1 item), got 2' });
  });

  it('[int, ? int, int] rejects [1, 2]: the optional member takes the 2', () => {
    const schema = 'a = [int, ? int, int]';
    expect(accepts(schema, '[1, 2]')).toBe(false);
    expect(accepts(schema, '[1, 2, 3]')).toBe(true);
    expect(failureOf(schema, '[1, 2]')).toMatchObject({ path: '[2]', message: 'expected int, the array has only 2 items' });
  });

  it('[* [* int], tstr]: nested repetitions stop at the first item of another kind', () => {
    const schema = 'a = [* [* int], tstr]';
    for (const edn of ['["x"]', '[[], "x"]', '[[1, 2], [3], "x"]']) expect(accepts(schema, edn), edn).toBe(true);
    for (const edn of ['[]', '[[1]]', '[[1, "y"], "x"]', '["x", "y"]']) expect(accepts(schema, edn), edn).toBe(false);
  });

  it('[a, * b, c] with b and c overlapping: the PEG takes every item b matches, so c must differ from b', () => {
    // RFC 9171's bundle is [primary-block, *extension-block, payload-block]: its extension blocks have block
    // type codes 6, 7, 10 and 11, its payload block code 1, so the PEG reads bundles as the RFC means them.
    const disjoint = 'bundle = [primary, * ext, payload]\nprimary = [7, tstr]\next = [6 / 7 / 10 / 11, uint]\npayload = [1, uint]';
    expect(accepts(disjoint, '[[7, "p"], [6, 1], [10, 2], [1, 3]]')).toBe(true);
    expect(accepts(disjoint, '[[7, "p"], [1, 3]]')).toBe(true);
    expect(accepts(disjoint, '[[7, "p"], [6, 1]]')).toBe(false);
    // Where they do overlap, the repetition takes the last item too, and the array does not match (no backtracking).
    const overlapping = 'bundle = [primary, * ext, payload]\nprimary = [7, tstr]\next = [uint, uint]\npayload = [1, uint]';
    expect(accepts(overlapping, '[[7, "p"], [6, 1], [1, 3]]')).toBe(false);
    expect(failureOf(overlapping, '[[7, "p"], [6, 1], [1, 3]]')).toMatchObject({ path: '[3]', message: 'expected payload, the array has only 3 items' });
  });

  it('group choices are ordered and the first that matches wins', () => {
    const schema = 'a = [(int, tstr) // (int, int) // (uint)]';
    expect(accepts(schema, '[1, "a"]')).toBe(true);
    expect(accepts(schema, '[1, 2]')).toBe(true);
    expect(accepts(schema, '[1]')).toBe(true);
    expect(accepts(schema, '[-1]')).toBe(false);
  });

  it('spliced group rules, occurrences of them, and an empty socket', () => {
    const schema = 'a = [+ pair, ? $$ext]\npair = (key: tstr, value: int)';
    expect(accepts(schema, '["a", 1, "b", 2]')).toBe(true);
    expect(accepts(schema, '[]')).toBe(false);
    expect(accepts(schema, '["a", 1, "b"]')).toBe(false);
  });

  it('keys in arrays only name positions', () => {
    expect(accepts('a = [x: int, "y" => tstr]', '[1, "b"]')).toBe(true);
  });

  it('a group that refers to itself without taking an item fails instead of looping', () => {
    expect(accepts('a = [g]\ng = (g // int)', '[1]')).toBe(true);
    // The IR refuses `g = (g)` (RFC 8610 Appendix C); a program is data, so the matcher still guards against it.
    expect(() => programOf('a = [g]\ng = (g)')).toThrow(/itself/);
    const program: Program = {
      rules: {
        a: { kind: 'type', type: { kind: 'array', group: { choices: [[{ kind: 'group', ref: 'g', group: null, min: 1, max: 1 }]] } } },
        g: { kind: 'group', group: { choices: [[{ kind: 'group', ref: 'g', group: null, min: 1, max: 1 }]] } },
      },
    };
    expect(explain(program, 'a', valueOf('[1]'))).not.toBeNull();
  });
});
