/**
 * Code point sets for `.regexp` translation (xsd-regexp.ts): XML name
 * characters, the XSD and PCRE meanings of `\s \d \w`, POSIX classes, set
 * arithmetic on ranges, and how a code point or a set is written as
 * JavaScript pattern source (printable ASCII only, `u` flag).
 */
// ---- code point sets -----------------------------------------------------------

export type Ranges = readonly (readonly [number, number])[];

export const MAX_CODE_POINT = 0x10ffff;

export function normalise(ranges: Ranges): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out.at(-1);
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function complement(ranges: Ranges): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of normalise(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export const chars = (text: string): [number, number][] => [...text].map((c) => [c.codePointAt(0) as number, c.codePointAt(0) as number]);

/** XML 1.0 (fifth edition) NameStartChar, which XSD 1.1 uses for `\i` (XSD 1.0 used XML 1.0's older Letter table). */
export const NAME_START: Ranges = normalise([
  ...chars(':_'),
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x2ff],
  [0x370, 0x37d],
  [0x37f, 0x1fff],
  [0x200c, 0x200d],
  [0x2070, 0x218f],
  [0x2c00, 0x2fef],
  [0x3001, 0xd7ff],
  [0xf900, 0xfdcf],
  [0xfdf0, 0xfffd],
  [0x10000, 0xeffff],
]);
/** XML NameChar, for `\c`. */
export const NAME_CHAR: Ranges = normalise([...NAME_START, ...chars('-.\u00b7'), [0x30, 0x39], [0x300, 0x36f], [0x203f, 0x2040]]);
export const XSD_SPACE: Ranges = chars(' \t\n\r');
export const ASCII_DIGIT: Ranges = [[0x30, 0x39]];
export const ASCII_WORD: Ranges = normalise([[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], ...chars('_')]);
/** PCRE2's `\s`: space, \t \n \v \f \r. */
export const PCRE_SPACE: Ranges = normalise([[0x09, 0x0d], ...chars(' ')]);
export const PCRE_HSPACE: Ranges = normalise([...chars('\t \u00a0\u1680\u180e\u202f\u205f\u3000'), [0x2000, 0x200a]]);
export const PCRE_VSPACE: Ranges = normalise([[0x0a, 0x0d], ...chars('\u0085\u2028\u2029')]);

/** The general categories XSD names (Appendix F.1.1); JavaScript's `\p{…}` knows them all. */
export const XSD_CATEGORIES = new Set('L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po Z Zs Zl Zp S Sm Sc Sk So C Cc Cf Co Cn'.split(' '));

export const POSIX_CLASSES: Record<string, Ranges> = {
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  digit: ASCII_DIGIT,
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  upper: [[0x41, 0x5a]],
  lower: [[0x61, 0x7a]],
  space: PCRE_SPACE,
  blank: chars(' \t'),
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  print: [[0x20, 0x7e]],
  graph: [[0x21, 0x7e]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
  word: ASCII_WORD,
  ascii: [[0x00, 0x7f]],
};

// ---- JavaScript source -----------------------------------------------------------

export const NAMED_ESCAPES: Record<number, string> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

/** A code point as a JavaScript pattern character, outside a class. */
export function literal(cp: number): string {
  if (NAMED_ESCAPES[cp] !== undefined) return NAMED_ESCAPES[cp];
  const c = String.fromCodePoint(cp);
  if ('^$\\.*+?()[]{}|/'.includes(c)) return `\\${c}`;
  return cp >= 0x20 && cp <= 0x7e ? c : `\\u{${cp.toString(16)}}`;
}

/** A code point inside a class (`u` flag: `\-` is an escape there). */
export function classChar(cp: number): string {
  if (NAMED_ESCAPES[cp] !== undefined) return NAMED_ESCAPES[cp];
  const c = String.fromCodePoint(cp);
  if ('\\]^-[/'.includes(c)) return `\\${c}`;
  return cp >= 0x20 && cp <= 0x7e ? c : `\\u{${cp.toString(16)}}`;
}

export function rangeAtoms(ranges: Ranges): string[] {
  return normalise(ranges).map(([lo, hi]) => (lo === hi ? classChar(lo) : hi === lo + 1 ? classChar(lo) + classChar(hi) : `${classChar(lo)}-${classChar(hi)}`));
}

/** JavaScript pattern source that matches exactly `text` (printable ASCII, as the translations are). */
export function quoteRegexp(text: string): string {
  return [...text].map((c) => literal(c.codePointAt(0) as number)).join('');
}
