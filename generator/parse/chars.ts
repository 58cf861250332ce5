/** Character classes of the CDDL ABNF (RFC 8610 Appendix B, RFC 9682 Appendix A), by UTF-16 code unit or code point. */

export const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

export const isHexDigit = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

export const isBinDigit = (c: number): boolean => c === 0x30 || c === 0x31;

export const isAlpha = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** EALPHA = ALPHA / "@" / "_" / "$" */
export const isEalpha = (c: number): boolean => isAlpha(c) || c === 0x40 || c === 0x5f || c === 0x24;

/** NONASCII = %xA0-D7FF / %xE000-10FFFD */
export const isNonAscii = (cp: number): boolean =>
  (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0x10fffd);

/** Printable: %x20-7E / NONASCII (PCHAR, and the plain characters of SCHAR and BCHAR). */
export const isPrintable = (cp: number): boolean => (cp >= 0x20 && cp <= 0x7e) || isNonAscii(cp);

/** `U+0009` style name of a code point, for messages about characters that cannot be shown. */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Characters a message cannot show so that one sees which they are: spaces, format and private-use characters, marks, unassigned ones. */
const UNSEEN = /^[\p{Z}\p{Cf}\p{M}\p{Co}\p{Cn}]$/u;

/**
 * A character for a message: itself in quotes, with its U+ name beyond ASCII (`'€' (U+20AC)`); only its U+ name where
 * quotes would show nothing or look like something else, and for a space other than U+0020 (a no-break space copied
 * from a web page looks like one) that it is one.
 */
export function describeChar(cp: number): string {
  if (cp >= 0x20 && cp <= 0x7e) return `'${String.fromCodePoint(cp)}'`;
  const ch = String.fromCodePoint(cp);
  if (isPrintable(cp) && !UNSEEN.test(ch)) return `'${ch}' (${codePointName(cp)})`;
  return /^\p{Z}$/u.test(ch) ? `${codePointName(cp)} (a space that is not U+0020, which CDDL does not read as white space)` : codePointName(cp);
}
