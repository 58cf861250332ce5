/**
 * A value that holds one object in several places (a structured clone keeps such sharing, and a
 * caller's own code can build it) stands for a data item that grows as 2^depth: `parts: [p, p]`,
 * each `p` the same object, 40 levels deep, is 41 objects in memory. Guards check each object once
 * per rule on a cycle of rules, past the first checks of a call (CHECKS_BEFORE_REMEMBERING, in
 * templates/cbor-checks.ts); before, isMimiContent took a second at 22 levels and doubled with each.
 * Work is counted through a Proxy (reads.ts), not timed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeMimiContent, encodeMimiContent, isMimiContent, type MimiContent, type NestedPart, validateMimiContent } from '../../generated/mimi-content.js';
import { contentExamples } from '../../bench/content/suite.js';
import { load, type Generated } from './module.js';
import { counted, readsOf } from './reads.js';

/** A MIMI message whose part at the bottom is `leaf`, under `depth` multipart levels whose two parts are one object. */
function sharedParts(message: MimiContent, depth: number, leaf: unknown): MimiContent {
  let part = leaf;
  for (let i = 0; i < depth; i++) {
    const shared = part;
    part = counted({ disposition: 0, language: '', cardinality: 3, partSemantics: 0, parts: counted([shared, shared]) });
  }
  return { ...message, nestedPart: part as NestedPart };
}

/** The same value with no object in two places (what a decoder gives), of 2^depth leaves. */
function unshared(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unshared);
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unshared(v)]));
  return value;
}

describe('MIMI content: one part object in both places of each multipart level', () => {
  const message = contentExamples()
    .map((e) => decodeMimiContent(e.bytes))
    .find((m) => m.nestedPart.cardinality === 1)!;
  const leaf = message.nestedPart;

  it('isMimiContent answers at 10, 20 and 40 levels in about the same number of reads', () => {
    const counts = [10, 20, 40].map((depth) => readsOf(() => expect(isMimiContent(sharedParts(message, depth, leaf))).toBe(true)));
    // 40 levels checked as the tree they stand for would be 2^40 parts; each level adds its own few reads.
    expect(counts[2]! - counts[1]!, counts.join(' ')).toBeLessThan(2_000);
    expect(counts[2], counts.join(' ')).toBeLessThan(20_000);
  });

  it('validateMimiContent lists the problems of a shared bad part once, and where else it is', () => {
    const bad = { ...leaf, language: 42 };
    const value = sharedParts(message, 40, bad);
    let problems: ReturnType<typeof validateMimiContent> = [];
    expect(readsOf(() => (problems = validateMimiContent(value)))).toBeLessThan(50_000);
    expect(isMimiContent(value)).toBe(false);
    const direct = problems.filter((p) => p.message.startsWith('expected'));
    const references = problems.filter((p) => p.message.startsWith('the same value as at'));
    expect(direct.length).toBeGreaterThan(0);
    expect(direct.every((p) => p.path.endsWith('.language'))).toBe(true);
    expect(references.length).toBeGreaterThan(0);
    expect(problems.length).toBeLessThan(1_000);
    // Each reference names a path where the same object's problems are listed, or that refers on in turn.
    const listed = new Set(problems.map((p) => p.path));
    for (const p of references) {
      const at = /^the same value as at (\S+), whose problems are listed there$/.exec(p.message)?.[1];
      expect(at, p.message).toBeDefined();
      expect([...listed].some((path) => path.startsWith(at!)), p.message).toBe(true);
    }
  });

  it('a shared value is checked and encoded as the tree it stands for; a small one gets the tree\'s problems', () => {
    for (const depth of [1, 4, 6, 12]) {
      const shared = sharedParts(message, depth, leaf);
      const tree = unshared(shared) as MimiContent;
      expect(isMimiContent(shared)).toBe(true);
      expect(validateMimiContent(shared)).toEqual([]);
      expect(encodeMimiContent(shared)).toEqual(encodeMimiContent(tree));
      const bad = sharedParts(message, depth, { ...leaf, cardinality: 9 });
      expect(isMimiContent(bad)).toBe(false);
      // Up to 2^6 parts, fewer checks than a call makes before remembering: every path listed, as for the tree.
      if (depth <= 6) expect(validateMimiContent(bad)).toEqual(validateMimiContent(unshared(bad)));
      else expect(validateMimiContent(bad).length).toBeLessThan(validateMimiContent(unshared(bad)).length);
    }
  });
});

describe('a schema whose rule on a cycle is met through alternatives and repetitions', () => {
  let g: Generated<'D' | 'T' | 'V' | 'W'>;
  beforeAll(async () => {
    const schema = `
d = { kids: [* d / e] } / e
e = [d, int]
t = a / b / null
a = { x: t, k: 1 }
b = { x: t, k: 2 }
v = { (a: v / null, ? b: tstr) // (a: v / null, ? b: int) }
w = { (k: [* w], ? b: tstr) // (k: [* w], ? b: int) }
`;
    g = (await load<'D' | 'T' | 'V' | 'W'>('shared-objects', schema)).module;
  });

  it('no object shared, alternatives tried in turn: the problems at their own path, past the first 256 checks too', () => {
    for (const [rule, level] of [
      ['T', (inner: unknown) => ({ x: inner, k: 2 })],
      ['V', (inner: unknown) => ({ a: inner, b: 5 })],
    ] as const) {
      let value: unknown = 'wrong';
      for (let i = 0; i < 40; i++) value = level(value);
      const problems = g[`validate${rule}`](value) as { path: string; message: string }[];
      expect(problems.length, rule).toBeGreaterThan(0);
      // The same value met again at the same path (an alternative reporting after others were tried) is no shared object.
      expect(problems.filter((p) => p.message.startsWith('the same value')), rule).toEqual([]);
    }
  });

  it('the alternative that explains a value reports its items itself, though an earlier one reported them at the same paths', () => {
    // 300 items that fail either way, each a value of its own: the first alternative reports them (past the first 256
    // checks, remembering where), then the second, which b = 5 makes the closest, checks them at the same paths.
    const value = { k: Array.from({ length: 300 }, () => ({ k: [], b: true })), b: 5 };
    const problems = g.validateW(value) as { path: string; message: string }[];
    expect(problems).toHaveLength(300);
    expect(problems.filter((p) => p.message.startsWith('the same value'))).toEqual([]);
    // Inside the comparison, each item explains by its first alternative (reportClosest).
    expect(problems[299]).toEqual({ path: '.k[299].b', message: 'expected a text string, got true' });
  });

  /** `depth` levels, each of three kids that are one object, directly or in an `e`: 3^depth nodes as a tree. */
  function sharedKids(depth: number, bottom: unknown): unknown {
    let node = bottom;
    for (let i = 0; i < depth; i++) {
      const kid = node;
      node = counted({ kids: counted([kid, counted([kid, i]), kid]) });
    }
    return node;
  }

  it('isD and validateD: 3^60 nodes as a tree, in tens of thousands of reads', () => {
    // Not linear in the levels: an object met again at another level (a kid directly, and inside an `e`, one level
    // deeper) is checked again there, for the nesting limit; so at most 256 times per object and rule.
    const valid = [30, 60].map((depth) => readsOf(() => expect(g.isD(sharedKids(depth, counted({ kids: [] })))).toBe(true)));
    const validated = [30, 60].map((depth) => readsOf(() => expect(g.validateD(sharedKids(depth, counted({ kids: [] })))).toEqual([])));
    const invalid = [30, 60].map((depth) => readsOf(() => expect(g.isD(sharedKids(depth, counted({ kids: ['x'] })))).toBe(false)));
    for (const counts of [valid, validated, invalid]) {
      expect(counts[1], counts.join(' ')).toBeLessThan(50_000);
      // Doubling the levels at most quadruples the reads (2^30 times as many nodes).
      expect(counts[1], counts.join(' ')).toBeLessThan(4.5 * counts[0]!);
    }
    let problems = 0;
    const reported = readsOf(() => (problems = (g.validateD(sharedKids(60, counted({ kids: ['x'] }))) as unknown[]).length));
    expect(problems).toBeGreaterThan(0);
    expect(problems).toBeLessThan(2_000);
    expect(reported).toBeLessThan(100_000);
  });
});
