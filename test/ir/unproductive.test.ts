/**
 * Rules no data item matches because each of their values would hold another without end
 * (generator/ir/unproductive.ts): `tree = [tree, tree]` was typed `[Tree, Tree]`, with a decoder that refused
 * every item and no word of why; `x = tstr .det x` and `x = 1 .plus x` were refused. Now such a rule is the
 * empty choice, typed never, with a warning naming the rules each value would need. Checked on random systems
 * of arrays, tags and choices against witnesses built from nothing: a rule has a witness exactly when it is
 * left as written, and the general matcher takes each witness.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, compileIr, isSchemaError } from '../../generator/index.js';
import type { IrRule } from '../../generator/ir/types.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { CborTagged, type CborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { decodeError, load } from '../bounded/module.js';
import { hex } from '../support/hex.js';

/** The rules rewritten as having no values. */
function emptyRules(text: string): string[] {
  return compileIr([{ path: 'x.cddl', text }])
    .rules.filter((r) => r.type?.kind === 'choice' && r.type.options.length === 0 && r.type.nothing !== undefined)
    .map((r) => r.name);
}

function warningsOf(text: string): string[] {
  const warnings: string[] = [];
  compile([{ path: 'x.cddl', text }], { onWarning: (w) => warnings.push(w.message) });
  return warnings;
}

describe('rules each of whose values would hold another without end', () => {
  it('are found through arrays, maps, tags, groups, embedded CBOR and concatenations, and only those', () => {
    expect(emptyRules('tree = [tree, tree]\n')).toEqual(['tree']);
    expect(emptyRules('x = { next: x }\ny = [x]\nz = [? x]\n')).toEqual(['x', 'y']);
    expect(emptyRules('x = #6.1(x)\nb = bstr .cbor b\nc = "a" .cat c\n')).toEqual(['x', 'b', 'c']);
    // A group rule on the way, spliced or unwrapped.
    expect(emptyRules('x = [g]\ng = (a: int, b: x)\nm = { ~n }\nn = { v: m }\n')).toEqual(['x', 'm', 'n']);
    // A type hoisted out of a choice is rewritten with its rule.
    expect(emptyRules('x = [x] / { a: x }\n')).toEqual(['x', 'x.option1', 'x.option2']);
    // A way out: an option, an optional or repeated member, a group choice, a computed key of a rule with values.
    for (const text of ['tree = [tree, tree] / int', 'x = [* x]', 'x = [? x]', 'x = { ? next: x }', 'x = [(a: x // b: int)]', 'x = { * tstr => x }', 'x = [x] / nil\ny = [x]']) {
      expect(emptyRules(`${text}\n`), text).toEqual([]);
    }
    // .size and the comparisons need a value of their controller; .bits does not (0 sets no bit), nor .ne (fewer values
    // there leave more), though `n = uint .ne n` is refused as a cycle not handled (ir/controller-cycles.ts).
    expect(emptyRules('x = uint .size x\ny = uint .lt y\nz = int .and [z]\nb = uint .bits b\n')).toEqual(['x', 'y', 'z']);
    // Read generously: a socket may be plugged.
    expect(emptyRules('x = [$s]\n$s /= [$s]\n')).toEqual([]);
  });

  it('are typed never, with a warning and JSDoc naming the rules each value needs, and decoding says why', async () => {
    const text = '; A binary tree, without its leaves.\ntree = [tree, tree]\nholder = [? tree, int]\n';
    expect(warningsOf(text)).toEqual([
      "'tree' matches nothing: each of its values would need a value of 'tree' (tree → tree), and that one another, without end, but a data item is finite (RFC 8610 §2.2.2: a rule's values are the least solution of its definition, empty here), so no data item matches it: it is typed never, and decoding it always fails",
    ]);
    const files = compile([{ path: 'x.cddl', text }]);
    const module = files[0]?.contents ?? '';
    expect(module).toContain(
      "/**\n * A binary tree, without its leaves.\n *\n * Matches nothing: each of its values would need a value of 'tree' (tree → tree), and that one another, without end, but a data item is finite.\n *\n * CDDL rule `tree` (x.cddl:2).\n */\nexport type Tree = never;",
    );
    const { module: generated } = await load<'Tree' | 'Holder'>('unproductive', text);
    expect(decodeError(() => generated.decodeTree(hex('82 80 80')))).toBe(
      "(root) at byte 0: expected no value (each of its values would need a value of 'tree' (tree → tree), and that one another, without end, but a data item is finite)",
    );
    expect(generated.isTree([[], []])).toBe(false);
    // The optional member is left out: the rule around it has values, arrays of the int alone.
    expect(generated.decodeHolder(hex('81 01'))).toEqual([1]);
    expect(decodeError(() => generated.decodeHolder(hex('82 82 80 80 01')))).toBe('(root) at byte 0: expected an array of 1 item, got 2');
  });

  it('through a .det, .plus or .printf of itself: never, where they were refused', () => {
    for (const text of ['x = tstr .det x', 'x = 1 .plus x', 'x = tstr .printf ["%s", x]', 'x = x .cat x']) {
      expect(warningsOf(`${text}\n`), text).toEqual([expect.stringMatching(/^'x' matches nothing: each of its values would need a value of 'x' \(x → x\)/)]);
    }
  });
});

// ---- random systems against witnesses ----------------------------------------------------------

/** An option: an integer, a rule, an array of members (each once, optional, repeated, or one or more), a tag, a choice. */
type Expr = { int: true } | { rule: number } | { array: [Expr, '' | '?' | '*' | '+'][] } | { tag: Expr } | { choice: [Expr, Expr] };

const expr = (rules: number): fc.Arbitrary<Expr> =>
  fc.letrec<{ e: Expr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constant({ int: true as const }),
      fc.nat(rules - 1).map((rule) => ({ rule })),
      fc.array(fc.tuple(tie('e'), fc.constantFrom('' as const, '?' as const, '*' as const, '+' as const)), { maxLength: 3 }).map((array) => ({ array: inOrder(array) })),
      tie('e').map((tag) => ({ tag })),
      fc.tuple(tie('e'), tie('e')).map(([a, b]) => ({ choice: [a, b] as [Expr, Expr] })),
    ),
  })).e;

/**
 * Members each once first, then one `+` member, then the optional and repeated ones: the witness gives each required
 * member one item and leaves the others out, which RFC 8610 Appendix A reads as those members only in this order (a
 * greedy `*` or `+` before a required member could take its item: `[* int, int]` matches nothing).
 */
function inOrder(members: [Expr, '' | '?' | '*' | '+'][]): [Expr, '' | '?' | '*' | '+'][] {
  const plus = members.findIndex(([, o]) => o === '+');
  const rank = (o: string, i: number): number => (o === '' ? 0 : i === plus ? 1 : 2);
  return members
    .map(([m, o], i): [Expr, '' | '?' | '*' | '+'] => [m, o === '+' && i !== plus ? '*' : o])
    .map((member, i) => ({ member, rank: rank(member[1], i) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ member }) => member);
}

const cddl = (e: Expr): string =>
  'int' in e
    ? 'int'
    : 'rule' in e
      ? `r${e.rule}`
      : 'array' in e
        ? `[${e.array.map(([m, occurrence]) => `${occurrence} ${cddl(m)}`).join(', ')}]`
        : 'tag' in e
          ? `#6.7(${cddl(e.tag)})`
          : `(${cddl(e.choice[0])} / ${cddl(e.choice[1])})`;

/** A value of the option with the rules' witnesses so far, or undefined for none yet: required members once, others left out. */
function witness(e: Expr, env: readonly (CborValue | undefined)[]): CborValue | undefined {
  if ('int' in e) return 0;
  if ('rule' in e) return env[e.rule];
  if ('tag' in e) {
    const inner = witness(e.tag, env);
    return inner === undefined ? undefined : new CborTagged(7, inner);
  }
  if ('choice' in e) return witness(e.choice[0], env) ?? witness(e.choice[1], env);
  const items: CborValue[] = [];
  for (const [member, occurrence] of e.array) {
    if (occurrence === '?' || occurrence === '*') continue;
    const item = witness(member, env);
    if (item === undefined) return undefined;
    items.push(item);
  }
  return items;
}

/** Each rule's witness, built from nothing until no rule gains one: a rule with none then has no value. */
function witnesses(system: readonly Expr[]): (CborValue | undefined)[] {
  let env: (CborValue | undefined)[] = system.map(() => undefined);
  for (;;) {
    const next = system.map((e, i) => env[i] ?? witness(e, env));
    if (next.every((w, i) => (w === undefined) === (env[i] === undefined))) return next;
    env = next;
  }
}

describe('on random systems of arrays, tags and choices', () => {
  it('a rule is left as written exactly when it has a witness, and the matcher takes the witness', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => fc.array(expr(n), { minLength: n, maxLength: n })),
        (system) => {
          const text = `${system.map((e, i) => `r${i} = ${cddl(e)}`).join('\n')}\n`;
          let rules: readonly IrRule[];
          let program;
          try {
            const ir = compileIr([{ path: 'x.cddl', text }]);
            rules = ir.rules;
            program = lowerProgram(ir, system.map((_, i) => `r${i}`));
          } catch (error) {
            // `r0 = r0` reaches no data item: an error of ir/cycles.ts, before this pass.
            if (isSchemaError(error) && /never reaches a data item|never ends/.test(error.message)) return;
            throw error;
          }
          const found = witnesses(system);
          for (const [i, w] of found.entries()) {
            const rule = rules.find((r) => r.name === `r${i}`);
            const empty = rule?.type?.kind === 'choice' && rule.type.options.length === 0 && rule.type.nothing !== undefined;
            expect(empty, `r${i} of\n${text}`).toBe(w === undefined);
            if (w !== undefined) expect(explain(program, `r${i}`, w), `r${i} of\n${text}`).toBeNull();
          }
        },
      ),
      { numRuns: 400, seed: 20261207 },
    );
  });
});
