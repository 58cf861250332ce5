/**
 * Rules whose values are concatenations that come back to themselves: `x = "a" / ("b" .cat x)` (any
 * number of "b", then "a"), `p = "" / ("(" .cat (p .cat ")"))` (balanced parentheses), `x = "a" /
 * (tstr .join ["b", x])` (RFC 9741 §3.1: the concatenation of the parts, each once).
 *
 * RFC 8610 §2.2.2 and RFC 9165 §2.1 read such rules as equations between sets of strings; their
 * values are the least solution, what a string can be shown to be in finitely many steps. The
 * layouts compute a `.cat` from its operands' values, which never ends for a rule among its own
 * operands. But where every option is a literal, any text or bytes, another such rule, or a
 * `.cat`, a plain `.join` or a `.printf` of plain `%s` (`tstr .printf ["(%s)", x]`) of those, the
 * rules are a context-free grammar, and RFC 9165 §3 has a control for that:
 * each rule of the cycle is rewritten as `tstr .abnf` (`bstr .abnfb`) of the grammar whose first
 * rule is its own, which the layouts check exactly (the grammar's pattern where it is regular,
 * templates/abnf-recogniser.ts where it is not). Its JSDoc says so; the values are the same.
 *
 * Other cycles through controls (`x = 1 / (x .plus 1)`, `x = 1 / (uint .size x)`, a `.regexp` operand)
 * are left as they are, and refused by ir/cycles.ts `controlCycleError` where the layouts cannot
 * compute them.
 */
import { isCycle, stronglyConnected } from '../strongly-connected.js';
import { parseFormat } from '../../templates/printf.js';
import type { IrLiteral, IrRule, IrType } from './types.js';
import { productiveRules } from './unproductive.js';

/** What a grammar's strings are: a text's code points, or bytes. */
type Alphabet = 'text' | 'bytes';

/** The rules of `rules` in a `.cat` cycle the grammar covers, each rewritten as `.abnf`/`.abnfb` of it; the others as they are. */
export function catCycleGrammars(rules: readonly IrRule[], productive: ReadonlySet<string> = productiveRules(rules)): IrRule[] {
  const byName = new Map(rules.map((r) => [r.name, r]));
  const references = new Map<string, string[]>();
  for (const rule of rules) {
    const refs = rule.type === undefined ? null : stringReferences(rule.type);
    if (refs !== null) references.set(rule.name, refs);
  }
  const successors = (name: string): string[] => (references.get(name) ?? []).filter((ref) => references.has(ref));
  const rewritten = new Map<string, IrRule>();
  // A cycle with no way out (`x = "a" .cat x`) has no values: ir/unproductive.ts says so, after ir/cycles.ts.
  for (const component of stronglyConnected([...references.keys()], successors)) {
    if (!isCycle(component, successors) || component.some((name) => !productive.has(name))) continue;
    const members = new Set(component);
    if (!component.some((name) => catComesBack(byName.get(name)?.type as IrType, members))) continue;
    const closure = reachable(component, references);
    if (closure === null) continue;
    const alphabet = alphabetOf(closure.map((name) => byName.get(name)?.type as IrType));
    if (alphabet === null) continue;
    const names = abnfNames(closure);
    const definitions = closure.map((name) => `${names.get(name)} = ${abnfOf(byName.get(name)?.type as IrType, alphabet, names)}`);
    for (const name of component) {
      const rule = byName.get(name) as IrRule;
      const own = closure.indexOf(name);
      // The controller's element is the rule's own name, then every rule (RFC 9165 §3), the rule's first.
      const grammar = [names.get(name), definitions[own], ...definitions.filter((_, i) => i !== own)].join('\n');
      const note = `Its values are concatenations that come back to ${component.length === 1 ? 'itself' : `each other (${component.join(', ')})`}: checked as the least solution, the grammar \`${(names.get(name) as string)}\` of RFC 9165 §3 (\`${alphabet === 'text' ? '.abnf' : '.abnfb'}\`) that its definition${closure.length === 1 ? ' is' : 's are'}: ${definitions.join('; ')}.`;
      rewritten.set(name, {
        ...rule,
        type: {
          kind: 'control',
          op: alphabet === 'text' ? 'abnf' : 'abnfb',
          target: { kind: 'prim', prim: alphabet === 'text' ? 'tstr' : 'bstr' },
          controller: { kind: 'literal', value: { type: 'text', value: `${grammar}\n` } },
          span: rule.span,
        },
        doc: rule.doc === null ? note : `${rule.doc}\n\n${note}`,
      });
    }
  }
  return rules.map((rule) => rewritten.get(rule.name) ?? rule);
}

/** The rules a string expression names (literals, `tstr`/`bstr`, choices, `.cat`, references), or null for a type that is no such expression. */
function stringReferences(type: IrType): string[] | null {
  switch (type.kind) {
    case 'ref':
      return [type.rule];
    case 'literal':
      return type.value.type === 'text' || type.value.type === 'bytes' ? [] : null;
    case 'prim':
      return type.prim === 'tstr' || type.prim === 'bstr' ? [] : null;
    case 'choice': {
      const found: string[] = [];
      for (const option of type.options) {
        const refs = stringReferences(option);
        if (refs === null) return null;
        found.push(...refs);
      }
      return found;
    }
    case 'control': {
      const found: string[] = [];
      for (const operand of concatenated(type) ?? [null]) {
        const refs = operand === null ? null : stringReferences(operand);
        if (refs === null) return null;
        found.push(...refs);
      }
      return found;
    }
    default:
      return null;
  }
}

/**
 * What a concatenation puts one after another: a `.cat`'s target and controller; the parts of a `.join` over any text or
 * any bytes whose controller is an array of parts each there once (RFC 9741 §3.1), and the pieces of a `.printf` over
 * any text whose format is literal text and plain `%s` (RFC 9741 §2.3: each `%s` is its argument's text, as it is), each
 * with its target first (it only says the kind); null for any other control.
 */
function concatenated(type: Extract<IrType, { kind: 'control' }>): IrType[] | null {
  if (type.op === 'cat') return [type.target, type.controller];
  if (type.op !== 'join' && type.op !== 'printf') return null;
  if (type.target.kind !== 'prim' || (type.target.prim !== 'tstr' && (type.op === 'printf' || type.target.prim !== 'bstr'))) return null;
  const parts = arrayParts(type.controller);
  if (parts === null || type.op === 'join') return parts === null ? null : [type.target, ...parts];
  const [format, ...args] = parts;
  const tokens = format?.kind === 'literal' && format.value.type === 'text' ? parseFormat(format.value.value) : undefined;
  if (tokens === undefined) return null;
  const pieces: IrType[] = [];
  let next = 0;
  for (const token of tokens) {
    if (typeof token === 'string') pieces.push({ kind: 'literal', value: { type: 'text', value: token } });
    else if (token.conversion === 's' && token.flags === '' && token.width === 0 && token.precision === null && next < args.length) pieces.push(args[next++] as IrType);
    else return null;
  }
  return next === args.length ? [type.target, ...pieces] : null;
}

/** The members of an array of one group, each there once and without a key (`.join`'s and `.printf`'s controllers), or null. */
function arrayParts(controller: IrType): IrType[] | null {
  if (controller.kind !== 'array') return null;
  const [only, ...others] = controller.group.choices;
  if (only === undefined || others.length > 0) return null;
  const parts: IrType[] = [];
  for (const entry of only.entries) {
    if (entry.kind !== 'member' || entry.key !== null || entry.occurrence.min !== 1 || entry.occurrence.max !== 1) return null;
    parts.push(entry.type);
  }
  return parts;
}

/** Whether a `.cat` in `type` has a rule of `cycle` among its operands: the cycle goes through a concatenation. */
function catComesBack(type: IrType, cycle: ReadonlySet<string>): boolean {
  switch (type.kind) {
    case 'choice':
      return type.options.some((o) => catComesBack(o, cycle));
    case 'control':
      return (concatenated(type) ?? []).some((operand) => (stringReferences(operand) ?? []).some((ref) => cycle.has(ref)));
    default:
      return false;
  }
}

/** The rules the component reaches, the component's first in its order, or null where one is no string expression (or unknown). */
function reachable(component: readonly string[], references: ReadonlyMap<string, string[]>): string[] | null {
  const seen = new Set(component);
  const order = [...component];
  for (let i = 0; i < order.length; i++) {
    for (const ref of references.get(order[i] as string) ?? []) {
      if (!references.has(ref)) return null;
      if (!seen.has(ref)) {
        seen.add(ref);
        order.push(ref);
      }
    }
  }
  return order;
}

/** One alphabet for every literal and primitive of the types, or null where text and bytes meet (left as written). */
function alphabetOf(types: readonly IrType[]): Alphabet | null {
  const kinds = new Set<Alphabet>();
  const visit = (type: IrType): void => {
    if (type.kind === 'literal') kinds.add(type.value.type === 'bytes' ? 'bytes' : 'text');
    else if (type.kind === 'prim') kinds.add(type.prim === 'bstr' ? 'bytes' : 'text');
    else if (type.kind === 'choice') type.options.forEach(visit);
    else if (type.kind === 'control') (concatenated(type) ?? []).forEach(visit);
  };
  types.forEach(visit);
  return kinds.size === 1 ? ([...kinds][0] as Alphabet) : null;
}

/**
 * An ABNF rule name for each CDDL name (RFC 5234 §2.1: a letter, then letters, digits and hyphens; compared without
 * case): the name with other characters as hyphens, `r-` before one that starts otherwise, `-2`, `-3`, … where two meet.
 */
function abnfNames(names: readonly string[]): Map<string, string> {
  const taken = new Set<string>();
  const result = new Map<string, string>();
  for (const name of names) {
    let base = name.replace(/[^A-Za-z0-9-]/g, '-');
    if (!/^[A-Za-z]/.test(base)) base = `r-${base}`;
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base}-${n}`;
    taken.add(candidate.toLowerCase());
    result.set(name, candidate);
  }
  return result;
}

/** A string expression as ABNF: alternatives with `/`, a concatenation as a sequence, literals as `%x` code points or bytes. */
function abnfOf(type: IrType, alphabet: Alphabet, names: ReadonlyMap<string, string>): string {
  switch (type.kind) {
    case 'ref':
      return names.get(type.rule) as string;
    case 'literal':
      return literalAbnf(type.value);
    case 'prim':
      // Any text (Unicode scalar values) or any bytes.
      return alphabet === 'text' ? '*(%x0-D7FF / %xE000-10FFFF)' : '*%x0-FF';
    case 'choice':
      return type.options.length === 1 ? abnfOf(type.options[0] as IrType, alphabet, names) : `(${type.options.map((o) => abnfOf(o, alphabet, names)).join(' / ')})`;
    case 'control': {
      // A `.join`'s or `.printf`'s target only says the kind (any text or bytes): its parts are the string.
      const parts = type.op === 'cat' ? [type.target, type.controller] : (concatenated(type) ?? []).slice(1);
      return parts.length === 0 ? '""' : `(${parts.map((p) => abnfOf(p, alphabet, names)).join(' ')})`;
    }
    default:
      throw new Error(`cat-grammars: no ABNF for a ${type.kind}`);
  }
}

/** A text's code points or a byte string's bytes as one `%x` sequence (`%x62.63`); the empty string as `""`. */
function literalAbnf(value: IrLiteral): string {
  if (value.type !== 'bytes' && value.type !== 'text') throw new Error(`cat-grammars: no ABNF for a ${value.type} literal`);
  const units = value.type === 'bytes' ? (value.hex.match(/../g) ?? []).map((h) => parseInt(h, 16)) : [...value.value].map((c) => c.codePointAt(0) as number);
  return units.length === 0 ? '""' : `%x${units.map((u) => u.toString(16).toUpperCase()).join('.')}`;
}
