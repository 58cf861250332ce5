/**
 * An ABNF grammar as the plain data templates/abnf-recogniser.ts reads: for
 * grammars no regular expression checks (a recursive rule, a repetition
 * count above what a quantifier takes). The element and the rules it
 * reaches, each node as it is written; quoted strings keep their case rule
 * (RFC 5234 §2.3, RFC 7405) for the recogniser to apply, as the regular
 * expression path does.
 */
import type { AbnfItem, AbnfGrammar } from '../../templates/abnf-recogniser.js';
import { referencesIn, type AbnfGrammar as AbnfSyntax, type AbnfNode } from './abnf-grammar.js';

export type { AbnfGrammar as AbnfGrammarData, AbnfItem } from '../../templates/abnf-recogniser.js';

/** The highest code point (or byte) of each alphabet: what a prose value matches any string of. */
const ALPHABET_TOP = { text: 0x10ffff, bytes: 0xff } as const;

/** The grammar as data; `onProse` is told of each prose value, which matches any string of the alphabet. */
export function grammarData(grammar: AbnfSyntax, alphabet: 'text' | 'bytes', onProse?: (text: string, line: number, col: number) => void): AbnfGrammar {
  const item = (node: AbnfNode): AbnfItem => {
    switch (node.kind) {
      case 'alternation':
        return { oneOf: node.options.map(sequence) };
      case 'concatenation':
        return { oneOf: [sequence(node)] };
      case 'repetition':
        return { repeat: item(node.node), min: node.min, max: node.max };
      case 'rulename':
        return { rule: node.name.toLowerCase() };
      case 'string':
        return node.caseSensitive && node.text.toLowerCase() !== node.text.toUpperCase() ? { text: node.text, exact: true } : { text: node.text };
      case 'range':
        return { range: [node.lo, node.hi] };
      case 'prose':
        onProse?.(node.text, node.at.line, node.at.col);
        return { repeat: { range: [0, ALPHABET_TOP[alphabet]] }, min: 0, max: null };
    }
  };
  const sequence = (node: AbnfNode): AbnfItem[] => (node.kind === 'concatenation' ? node.items.map(item) : [item(node)]);
  const element = item(grammar.element);
  // The rules the element reaches, in the order first reached (a work list: chains of rules may be long).
  const rules: Record<string, AbnfItem[][]> = {};
  const pending = namesIn(grammar.element);
  for (let i = 0; i < pending.length; i++) {
    const name = pending[i] as string;
    if (Object.prototype.hasOwnProperty.call(rules, name)) continue;
    const rule = grammar.rules.get(name);
    if (rule === undefined) continue;
    // `a / b` on the rule's line is two alternatives, as `=/` would add them.
    rules[name] = rule.alternatives.flatMap((a) => (a.kind === 'alternation' ? a.options.map(sequence) : [sequence(a)]));
    for (const alternative of rule.alternatives) pending.push(...namesIn(alternative));
  }
  return { element, rules };
}

/** The lower-cased rule names a node uses, in order. */
function namesIn(node: AbnfNode): string[] {
  return referencesIn(node).map((ref) => ref.name.toLowerCase());
}
