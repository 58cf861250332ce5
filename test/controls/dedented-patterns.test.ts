/**
 * templates/dedented-patterns.ts against the definition (RFC 9165 §2.3): a string is the dedenting of
 * a word of the pattern exactly when dedenting one of the strings that re-indent it (k spaces before
 * each line that is not empty, 0..k before each empty one, for one k) gives it back and that string
 * matches. Every string up to 5 characters over space, line feed, tab and two letters is asked, for
 * patterns with indentation, blank lines, tabs and several lines, and compared with that search for
 * k up to 6 (none of the patterns acts differently past it); then the limits, and the time a long
 * text takes.
 */
import { describe, expect, it } from 'vitest';
import { dedentedPatternRefusal, isDedentedWord } from '../../templates/dedented-patterns.js';
import { dedent } from '../../templates/text-controls.js';
import { reindentations } from '../support/reindentations.js';

/** Whether some re-indentation of `d` by k ≤ `most` spaces matches `re` (and has a size, in UTF-8 bytes, in `size`) and dedents to `d`. */
function bySearch(d: string, re: RegExp, most: number, size?: readonly [number, number | null]): boolean {
  for (const s of reindentations(d, most, size?.[1] ?? Infinity)) {
    const length = new TextEncoder().encode(s).length;
    if (size !== undefined && (length < size[0] || (size[1] !== null && length > size[1]))) continue;
    if (re.test(s) && dedent(s) === d) return true;
  }
  return false;
}

const PATTERNS = ['a+', '[a ]*', ' *a', '  a', '(?:  a\n)*', '(?: *a\n?)*', '(?:  a|a)(?:\n  b)*', '[ \n]*', '(?: {2}|b)+(?:\n {3}a)?', '(?:(?: {2})*a\n)*(?: {3})*b', '\t?a(?:\n\t?b)*', ' a\n\n b', ' a\n {0,2}\n b', '[^\n\r]*', '[^\n]*(?:\n[^\n]*)*', '(?:a|\n)*', '  (?:a\n)+ ',
  // The generator's lookaheads over the whole text: .ne of a literal, .and of patterns.
  '(?!  a$)[^]*', '(?=(?:[a ]+)$)(?:(?!  a$)[^]*)', '(?=(?: *a(?:\n *a)*)$)(?:(?:  [a-z]+\n?)*)', '(?=(?:[ab\n ]*)$)(?:(?! a\n b$)[^]*)',
  // Lookarounds and anchors (PCRE's, as the generator writes them), which the automaton follows (lookaround-automata.ts).
  '(?![ab])[ a-z]*', '(?=(?:a)$)a|b', '^ *a$', ' *a(?=\n?$)\n?', '(?!a)[a-z ]+', '[a ]*\\b[ab]', '(?<=a) *b|a+', '(?<![a ])[ab ]+', '(?:(?!  )[ab \n])*', '\\Ba|[ a]+',
  '(?=[ab ]*b)[ab ]*', '(?=.* a)(?:[ab ]|\n)*', '(?=(?=a)[a ])[a ]*', '(?:a(?= )| )*', '(?:(?<=\n) *a|a|\n)*', ' *(?<!  )a', '(?:^|\n) *a(?:\n *a)*$', '(?:[ab]\\b|\n| )*',
  '(?=(?:[^\n]*\n)*[^\n]*b$)[ab \n]*', '(?:(?=a{2})a|b|\n| )*', '(?!.*\n\n)[^]*', '(?![^]* a)[ab \n]*', '(?:(?<=a)b|[a ]|\n)*', '(?!a(?![^]))[ab ]*', '(?:\\b|\\B)a+',
  // Lookarounds inside lookarounds: a negative lookahead's pattern with lookaheads is an automaton of its own, over the rest of the text; lookbehinds inside lookbehinds.
  '(?!a(?=b))[ab ]*', '(?<=^a)b|a', '(?<=(?<!b)a)b|[ab ]', '(?!(?=a)[ab]b)[ab \n]*', '(?!a(?! ))[ab ]*', '(?:(?!a(?=\n?$))[ab \n])*', '(?!a(?=b)|(?!a)b)[ab ]+', '(?:(?!(?=a|b) )[ab \n])*', '(?:(?!b(?!a))[ab ]|\n)*'];

function strings(alphabet: readonly string[], most: number): string[] {
  const all = [''];
  for (let i = 0; i < all.length; i++) if ((all[i] as string).length < most) for (const c of alphabet) all.push(all[i] + c);
  return all;
}

describe('isDedentedWord', () => {
  const all = strings([' ', '\n', 'a', 'b', '\t'], 5);

  it.each(PATTERNS)('agrees with the search over re-indentations: %j', (source) => {
    expect(dedentedPatternRefusal(source)).toBeNull();
    const re = new RegExp(`^(?:${source})$`, 'u');
    const wrong = all.filter((d) => isDedentedWord(d, source) !== bySearch(d, re, 6));
    expect(wrong).toEqual([]);
  });

  const SIZED: [string, [number, number | null]][] = [
    ['[a \n]*', [1, 5]], ['[a \n]*', [3, 3]], ['[a \n]*', [4, null]], ['(?: *a\n?)*', [2, 6]], ['(?:  a|a)(?:\n  b)*', [0, 7]], ['[ \n]*', [2, 4]], [' a\n {0,2}\n b', [6, 7]], ['(?:(?: {2})*a\n)*(?: {3})*b', [5, 9]],
    // A character of two bytes: the size counts UTF-8 bytes.
    ['[é \n]*', [2, 5]], ['(?!  a$)[^]*', [3, 6]],
    // Lookarounds and a size: the counter runs on the automaton that follows them.
    ['^ *a(?:\n *a)*$', [3, 7]], ['(?![ab])[ a-z\n]*', [2, 5]],
  ];

  it.each(SIZED)('with a size, agrees with the search over re-indentations of that size: %j %j', (source, size) => {
    expect(dedentedPatternRefusal(source, size)).toBeNull();
    const re = new RegExp(`^(?:${source})$`, 'u');
    const alphabet = source.includes('é') ? [' ', '\n', 'é', 'a'] : [' ', '\n', 'a', 'b'];
    const wrong = strings(alphabet, 5).filter((d) => isDedentedWord(d, source, size) !== bySearch(d, re, 9, size));
    expect(wrong).toEqual([]);
  });

  it('with a size, counts bytes in a byte string', () => {
    const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    // \u{e9} is one byte here (two in a text).
    expect(isDedentedWord(latin1('\u{e9}\n\u{e9}'), '(?:  \\u{e9}\n?)*', [7, 7])).toBe(true);
    expect(isDedentedWord('\u{e9}\n\u{e9}', '(?:  \\u{e9}\n?)*', [7, 7])).toBe(false);
    expect(isDedentedWord('\u{e9}\n\u{e9}', '(?:  \\u{e9}\n?)*', [9, 9])).toBe(true);
  });

  it('needs the indentation a pattern asks for, however deep', () => {
    expect(isDedentedWord('a\nb', ' {40}a\n {40}b')).toBe(true);
    expect(isDedentedWord('a\n b', ' {40}a\n {41}b')).toBe(true);
    expect(isDedentedWord('a\nb', ' {40}a\n {41}b')).toBe(false);
    // Lines whose indentations must be multiples of 2 and of 3 (k = 6, 12, …), then of 2 and of 4.
    expect(isDedentedWord('a\nb', '(?:  )+a\n(?:   )+b')).toBe(true);
    expect(isDedentedWord('a\n b', '(?:  )+a\n(?:    )+b')).toBe(false);
    expect(isDedentedWord('a\n  b', '(?:  )+a\n(?:    )+b')).toBe(true);
  });

  it('reads bytes as latin1', () => {
    expect(isDedentedWord(Uint8Array.from([0x61, 0x0a, 0xff]), '  a\n  \\u{ff}')).toBe(true);
    expect(isDedentedWord(Uint8Array.from([0x20, 0x61, 0x0a, 0xff]), '  a\n  \\u{ff}')).toBe(false);
  });

  it('refuses past its limits, and what it builds no automaton for', () => {
    expect(dedentedPatternRefusal('a{5000}')).toContain('more than 4096 states');
    expect(dedentedPatternRefusal(' {1100}a')).toContain('more than 1024 indentations');
    // A counted class with space and line feed acts differently for every count, up to the limit.
    expect(dedentedPatternRefusal('[a-z \\n]{0,1000}')).toBeNull();
    expect(isDedentedWord('ab\n  cd\n\nef', '[a-z \\n]{0,1000}')).toBe(true);
    expect(isDedentedWord(' ab\n  cd', '[a-z \\n]{0,1000}')).toBe(false);
    // Cycles of 2, 3, 5, 7, 11 and 13 spaces: 30030 ways of acting.
    expect(dedentedPatternRefusal('(?:(?:  )*|(?:   )*|(?: {5})*|(?: {7})*|(?: {11})*|(?: {13})*)a')).toContain('more than 1024 indentations');
    // A lookahead inside a lookbehind, a negative lookahead with a lookahead and a lookbehind (\b) inside; twelve lookaheads, each met or not yet.
    expect(dedentedPatternRefusal('(?<=a(?=b))b|a')).toContain('does not build');
    expect(dedentedPatternRefusal('(?!\\ba(?=b))[ab ]*')).toContain('does not build');
    expect(dedentedPatternRefusal('(?=.*a)(?=.*b)(?=.*c)(?=.*d)(?=.*e)(?=.*f)(?=.*g)(?=.*h)(?=.*i)(?=.*j)(?=.*k)(?=.*l)[a-z \\n]*')).toContain('following its lookarounds, has more than 4096 states');
    expect(isDedentedWord('a', 'a{5000}')).toBe(false);
  });

  it('takes time linear in the text, for each of the 61 indentations that act differently here', () => {
    const source = '(?:(?: {2})*[a-z ]{0,60}\n)*';
    const text = 'abc def\n  ghi\n\n'.repeat(300);
    const started = performance.now();
    expect(isDedentedWord(text, source)).toBe(true);
    expect(isDedentedWord(`${text} x`, source)).toBe(false);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
