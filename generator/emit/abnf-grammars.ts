/**
 * The ABNF grammars that generated code checks with the recogniser
 * (templates/abnf-recogniser.ts), each a constant of the module: a check
 * names its grammar's constant, and the module declares the constants its
 * text names. A constant's name comes from its grammar's content (a digest),
 * so the same grammar is one constant however often it is used, and the
 * names are the same on every run.
 */
import { sha256 } from '../ir/index.js';
import type { AbnfGrammarData } from '../layout/abnf-data.js';

export const ABNF_RECOGNISER_FILE = 'abnf-recogniser.ts';

const PREFIX = 'abnfGrammar';

/** Each grammar's literal by its constant's name; a name is a digest of its literal, so entries never conflict. */
const literals = new Map<string, string>();

/** The name of the constant holding the grammar. */
export function grammarConstant(grammar: AbnfGrammarData): string {
  const literal = JSON.stringify(grammar);
  const name = `${PREFIX}${sha256(literal).slice(0, 12)}`;
  literals.set(name, literal);
  return name;
}

/** The declarations of the grammar constants a module's text names, in the order it first names them. */
export function grammarDeclarations(text: string): string[] {
  const names = [...new Set(text.match(new RegExp(`\\b${PREFIX}[0-9a-f]{12}\\b`, 'g')) ?? [])];
  return names.map((name) => {
    const literal = literals.get(name);
    if (literal === undefined) throw new Error(`grammarDeclarations: no grammar named ${name}`);
    return `/** An ABNF grammar (RFC 9165 §3) that no regular expression says, as data for matchesAbnf (abnf-recogniser.ts). */\nconst ${name}: CddlAbnfGrammar = ${literal};`;
  });
}
