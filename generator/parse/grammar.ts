/**
 * Where each rule a syntax error breaks is written, so that every syntax error cites it: a
 * production of the ABNF in RFC 8610 Appendix B, the same production in RFC 9682 Appendix A where
 * RFC 9682 rewrote it (string literals, comments, the top level, tags with a head-number), or the
 * section that gives the content of `h''` and `b64''` strings its meaning. The lexer, the literal
 * decoders and the parser name one of these with every syntax error (`SourceText.syntaxError`), so a
 * new error cannot leave its citation out.
 */

/** Productions RFC 9682 Appendix A states anew; all others stand as RFC 8610 Appendix B wrote them. */
const UPDATED_BY_RFC9682 = ['cddl', 'type2', 'head-number', 'SCHAR', 'SESC', 'hexchar', 'hexscalar', 'BCHAR', 'PCHAR'] as const;

/** Productions that syntax errors name and RFC 9682 left as RFC 8610 Appendix B wrote them. */
const RFC8610_PRODUCTIONS = ['rule', 'genericparm', 'genericarg', 'type1', 'ctlop', 'grpent', 'memberkey', 'uint', 'int', 'hexfloat', 'text', 'bytes'] as const;

/** Rules of the content of qualified byte strings, and of the values of numbers, which the ABNF leaves to prose. */
const CONTENT_RULES = {
  /** `h'…'`: pairs of hexadecimal digits. */
  base16: "RFC 8610 §3.1: h'' holds base16",
  /** `b64'…'`: one of the two base64 alphabets, padding optional. */
  base64: "RFC 8610 §3.1: b64'' holds base64 or base64url",
  /** A `;` comment inside `h'…'`/`b64'…'` runs to the end of its line. */
  bytesComment: "RFC 9682 §2: a comment in h'' or b64'' ends at a line break",
  /** A number the grammar derives that has no value: a decimal fraction after a hexadecimal or binary integer. */
  numberValue: 'RFC 8610 §2.2.1: number values are written as in C',
} as const;

import { type Citation, citing } from '../diagnostics.js';

export type Production = (typeof UPDATED_BY_RFC9682)[number] | (typeof RFC8610_PRODUCTIONS)[number] | keyof typeof CONTENT_RULES;

const CITATIONS: ReadonlyMap<Production, Citation> = new Map<Production, Citation>([
  ...RFC8610_PRODUCTIONS.map((p) => [p, `RFC 8610 Appendix B: ${p}`] as const),
  ...UPDATED_BY_RFC9682.map((p) => [p, `RFC 9682 Appendix A: ${p}`] as const),
  ...(Object.entries(CONTENT_RULES) as [Production, Citation][]),
]);

/** The message of a syntax error: what is wrong, then where the rule it breaks is written. */
export function citeGrammar(detail: string, production: Production): string {
  return citing(detail, CITATIONS.get(production) as Citation);
}
