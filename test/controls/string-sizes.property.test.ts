/**
 * `.size` on text and byte strings (RFC 8610 §3.8.1) with controllers of several sizes against brute force: random
 * controllers (literals, ranges with closed and open ends and negative starts, `uint`, comparisons with and without a greatest size, `.bits`, `.size` of an integer, choices
 * of them, and `.and` of two sized strings) on every text of up to five characters of "a" and "é" (one and two bytes in
 * UTF-8) and every byte string of up to eight bytes. A string meets the control where its length in bytes is one of
 * the controller's values; the general matcher and the typed decoders must agree with that.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { CborReader } from '../../templates/runtime.js';
import { explain } from '../../templates/matcher.js';
import { load } from '../bounded/module.js';
import { decodes } from '../support/errors.js';

type Sizes = { int: number } | { range: [number, number, boolean] } | { uint: true } | { below: number } | { above: number; big: boolean } | { bits: [number, number] } | { sizeOf: number } | { choice: [Sizes, Sizes] };
interface Case {
  kind: 'tstr' | 'bstr';
  sizes: Sizes;
  /** A second size, for `(K .size A) .and (K .size B)`. */
  and: Sizes | null;
}

const small = fc.integer({ min: 0, max: 9 });
const sizes: fc.Arbitrary<Sizes> = fc.letrec<{ s: Sizes }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    small.map((n): Sizes => ({ int: n })),
    fc.tuple(small, small, fc.boolean()).map(([a, b, inclusive]): Sizes => ({ range: [Math.min(a, b), Math.max(a, b), inclusive] })),
    // Ranges that start below 0 (no size is negative) and end anywhere below 9.
    fc.tuple(fc.integer({ min: -4, max: -1 }), fc.integer({ min: -4, max: 9 }), fc.boolean()).map(([a, b, inclusive]): Sizes => ({ range: [a, Math.max(a, b), inclusive] })),
    // Sizes without a greatest: `uint .gt n`, `bigint .ge n` (an integer type that takes bignums).
    fc.tuple(fc.integer({ min: -2, max: 9 }), fc.boolean()).map(([n, big]): Sizes => ({ above: n, big })),
    fc.constant<Sizes>({ uint: true }),
    small.map((n): Sizes => ({ below: n })),
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([a, b]): Sizes => ({ bits: [a, b] })),
    fc.integer({ min: 0, max: 1 }).map((n): Sizes => ({ sizeOf: n })),
    fc.tuple(tie('s'), tie('s')).map(([a, b]): Sizes => ({ choice: [a, b] })),
  ),
})).s;
const cases: fc.Arbitrary<Case> = fc.record({ kind: fc.constantFrom('tstr' as const, 'bstr' as const), sizes, and: fc.option(sizes, { nil: null }) });

const text = (s: Sizes): string => {
  if ('int' in s) return `${s.int}`;
  if ('range' in s) return `(${s.range[0]} ${s.range[2] ? '..' : '...'} ${s.range[1]})`;
  if ('uint' in s) return 'uint';
  if ('below' in s) return `(uint .lt ${s.below})`;
  if ('above' in s) return s.big ? `(bigint .ge ${s.above})` : `(uint .gt ${s.above})`;
  // Sizes 0..9 that set only bits a and b.
  if ('bits' in s) return `((0 .. 9) .bits (${s.bits[0]} / ${s.bits[1]}))`;
  if ('sizeOf' in s) return `(uint .size ${s.sizeOf})`;
  return `(${text(s.choice[0])} / ${text(s.choice[1])})`;
};

const schema = (c: Case): string => (c.and === null ? `a = ${c.kind} .size ${text(c.sizes)}\n` : `a = (${c.kind} .size ${text(c.sizes)}) .and (${c.kind} .size ${text(c.and)})\n`);

/** Whether `n` is one of the sizes. */
function holds(s: Sizes, n: number): boolean {
  if ('int' in s) return n === s.int;
  if ('range' in s) return n >= s.range[0] && (s.range[2] ? n <= s.range[1] : n < s.range[1]);
  if ('uint' in s) return true;
  if ('below' in s) return n < s.below;
  if ('above' in s) return s.big ? n >= s.above : n > s.above;
  if ('bits' in s) return n <= 9 && [...n.toString(2)].reverse().every((bit, i) => bit === '0' || i === s.bits[0] || i === s.bits[1]);
  // `uint .size 0` is 0 alone, `uint .size 1` 0..255.
  if ('sizeOf' in s) return s.sizeOf === 0 ? n === 0 : n <= 255;
  return holds(s.choice[0], n) || holds(s.choice[1], n);
}

const expected = (c: Case, bytes: number): boolean => holds(c.sizes, bytes) && (c.and === null || holds(c.and, bytes));

/** The strings tried, as data items, with their length in bytes. */
function items(kind: Case['kind']): { item: Uint8Array; bytes: number; shown: string }[] {
  const out: { item: Uint8Array; bytes: number; shown: string }[] = [];
  if (kind === 'tstr') {
    const texts = [''];
    for (let length = 1; length <= 5; length++) for (const prefix of texts.filter((t) => [...t].length === length - 1)) texts.push(`${prefix}a`, `${prefix}é`);
    for (const t of texts) {
      const utf8 = new TextEncoder().encode(t);
      out.push({ item: Uint8Array.from([0x60 + utf8.length, ...utf8]), bytes: utf8.length, shown: JSON.stringify(t) });
    }
  } else {
    for (let length = 0; length <= 8; length++) out.push({ item: Uint8Array.from([0x40 + length, ...new Array<number>(length).fill(7)]), bytes: length, shown: `${length} bytes` });
  }
  return out;
}

describe('.size on strings with controllers of several sizes against brute force', () => {
  it('the general matcher takes exactly the strings whose length is one of the sizes', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const cddl = schema(c);
        const program = lowerProgram(compileIr([{ path: 'x.cddl', text: cddl }]), ['a']);
        for (const { item, bytes, shown } of items(c.kind)) {
          expect(explain(program, 'a', readCborValue(new CborReader(item), '', true)) === null, `${shown} in ${cddl}`).toBe(expected(c, bytes));
        }
      }),
      { numRuns: 1000, seed: 20261207 },
    );
  });

  it('the typed decoders take exactly the same strings', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const cddl = schema(c);
        const { module } = await load<'A'>(`string-sizes-${run++}`, cddl);
        for (const { item, bytes, shown } of items(c.kind)) {
          expect(decodes(module.decodeA, item), `${shown} in ${cddl}`).toBe(expected(c, bytes));
        }
      }),
      { numRuns: 40, seed: 20261208 },
    );
  });
});
