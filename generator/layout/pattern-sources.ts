/**
 * Writing regular expressions (JavaScript source, `u` flag) that computed.ts and regular-sides.ts put
 * together: literal strings over code points (or bytes read as latin1), and whether a source means
 * the same inside a longer one.
 */

/** One code point as pattern source: syntax characters escaped, what is not printable ASCII written as `\u{…}`, so the pattern reads the same in any source text. */
export function patternCharacter(cp: number): string {
  if (cp < 0x20 || cp > 0x7e) return `\\u{${cp.toString(16)}}`;
  const c = String.fromCharCode(cp);
  return '^$\\.*+?()[]{}|/'.includes(c) ? `\\${c}` : c;
}

/** A literal text (or bytes read as latin1) as pattern source. */
export function quoted(text: string): string {
  return [...text].map((c) => patternCharacter(c.codePointAt(0) as number)).join('');
}

/** Literal strings (as code points, or bytes as latin1) as one alternation; `[]` (nothing) for none. */
export function alternation(values: number[][]): string {
  return values.length === 0 ? '[]' : values.map((cps) => cps.map(patternCharacter).join('')).join('|');
}

/**
 * Whether a pattern source means the same inside a longer one: no anchor, no lookaround (which may
 * look past the part's ends) and no word boundary (`\b`, `\B`, which looks at the character before).
 */
export function standsAlone(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (!inClass && (source[i + 1] === 'b' || source[i + 1] === 'B')) return false;
      i++;
    } else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '^' || c === '$' || (c === '(' && source[i + 1] === '?' && (source[i + 2] === '=' || source[i + 2] === '!' || source[i + 2] === '<'))) return false;
  }
  return true;
}
