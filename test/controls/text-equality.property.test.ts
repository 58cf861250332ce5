/**
 * `.eq`, `.ne`, `.and`, `.within`, `.size`, `.regexp` and `.cat` between text types (RFC 8610 §3.8, RFC 9165 §2.2)
 * against brute force: random types built from text literals, `tstr`, sizes, patterns, concatenations and choices, on
 * every text of up to two characters of "a", "b" and "é". `.eq` takes a value equal to one of the controller's, `.ne` one equal to none, `.and` and `.within` one of
 * both sides, `.cat` one that some split makes of a value of each; the general matcher and the typed decoders must agree with that.
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

const LETTERS = ['a', 'b', 'é'];
const TEXTS = ['', ...LETTERS, ...LETTERS.flatMap((x) => LETTERS.map((y) => x + y))];

type Text =
  | { literal: string }
  | { any: true }
  | { sized: [number, number] }
  | { pattern: string }
  | { choice: [Text, Text] }
  | { cat: [Text, Text] }
  | { control: ['eq' | 'ne' | 'and' | 'within', Text, Text] };

/** Patterns that read alike in XSD (anchored at both ends) and in JavaScript between ^ and $. */
const PATTERNS = ['a*', '[ab]', 'é?', '(a|b)b', '[^a]*', '.', 'a{0,2}', '[a-b]é?'];

const text: fc.Arbitrary<Text> = fc.letrec<{ t: Text }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...TEXTS).map((literal): Text => ({ literal })),
    fc.constant<Text>({ any: true }),
    fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).map(([a, b]): Text => ({ sized: [Math.min(a, b), Math.max(a, b)] })),
    fc.constantFrom(...PATTERNS).map((pattern): Text => ({ pattern })),
    fc.tuple(tie('t'), tie('t')).map(([a, b]): Text => ({ choice: [a, b] })),
    fc.tuple(tie('t'), tie('t')).map(([a, b]): Text => ({ cat: [a, b] })),
    fc.tuple(fc.constantFrom('eq' as const, 'ne' as const, 'and' as const, 'within' as const), tie('t'), tie('t')).map(([op, a, b]): Text => ({ control: [op, a, b] })),
  ),
})).t;

const cddl = (t: Text): string => {
  if ('literal' in t) return JSON.stringify(t.literal);
  if ('any' in t) return 'tstr';
  if ('sized' in t) return `(tstr .size (${t.sized[0]}..${t.sized[1]}))`;
  if ('pattern' in t) return `(tstr .regexp ${JSON.stringify(t.pattern)})`;
  if ('choice' in t) return `(${cddl(t.choice[0])} / ${cddl(t.choice[1])})`;
  if ('cat' in t) return `(${cddl(t.cat[0])} .cat ${cddl(t.cat[1])})`;
  return `(${cddl(t.control[1])} .${t.control[0]} ${cddl(t.control[2])})`;
};

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** Whether the text `v` is a value of `t` (every text a value of `tstr`, so a controller's values need not be listed). */
function holds(t: Text, v: string): boolean {
  if ('literal' in t) return v === t.literal;
  if ('any' in t) return true;
  if ('sized' in t) return utf8Length(v) >= t.sized[0] && utf8Length(v) <= t.sized[1];
  if ('pattern' in t) return new RegExp(`^(?:${t.pattern})$`, 'u').test(v);
  if ('choice' in t) return holds(t.choice[0], v) || holds(t.choice[1], v);
  if ('cat' in t) {
    // Some split of the text into a value of each side (RFC 9165 §2.2).
    const points = [...v];
    return points.some((_, i) => holds(t.cat[0], points.slice(0, i).join('') ) && holds(t.cat[1], points.slice(i).join(''))) || (holds(t.cat[0], v) && holds(t.cat[1], ''));
  }
  const [op, target, controller] = t.control;
  // A text equals one of the controller's values exactly where it is one of them.
  return holds(target, v) && (op === 'ne' ? !holds(controller, v) : holds(controller, v));
}

const item = (s: string): Uint8Array => {
  const utf8 = new TextEncoder().encode(s);
  return Uint8Array.from([0x60 + utf8.length, ...utf8]);
};

describe('equality and intersections of text types against brute force', () => {
  it('the general matcher takes exactly the texts of the type', () => {
    fc.assert(
      fc.property(text, (t) => {
        const schema = `a = ${cddl(t)}\n`;
        const program = lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), ['a']);
        for (const v of TEXTS) expect(explain(program, 'a', readCborValue(new CborReader(item(v)), '', true)) === null, `${JSON.stringify(v)} in ${schema}`).toBe(holds(t, v));
      }),
      { numRuns: 1000, seed: 20261207 },
    );
  });

  it('the typed decoders take exactly the same texts', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const schema = `a = ${cddl(t)}\n`;
        const { module } = await load<'A'>(`text-equality-${run++}`, schema);
        for (const v of TEXTS) {
          expect(decodes(module.decodeA, item(v)), `${JSON.stringify(v)} in ${schema}`).toBe(holds(t, v));
        }
      }),
      { numRuns: 40, seed: 20261208 },
    );
  });
});
