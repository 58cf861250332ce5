/**
 * The sampler behind `.regexp`, `.abnf` and `.abnfb` test data (templates/regexp-sampler.ts): over
 * the JavaScript source the generator's own translators write (XSD regular expressions, ABNF
 * grammars), most draws match the whole pattern and the ones that do not are told apart by
 * `matches`; what it cannot read is a PatternSyntaxError.
 */
import { describe, expect, it } from 'vitest';
import { abnfToRegExp } from '../../generator/layout/abnf.js';
import { translateRegexp } from '../../generator/layout/xsd-regexp.js';
import { seededRandom } from '../../templates/arbitrary.js';
import { PatternSampler, PatternSyntaxError } from '../../templates/regexp-sampler.js';

/** XSD patterns (RFC 8610 §3.8.3) of the kinds schemas use, with what the drawn strings must look like. */
const XSD: readonly string[] = [
  '[a-z]+',
  '\\d{3}-\\d{4}',
  'a.b',
  '[a-z-[aeiou]]{2,5}',
  '\\w+@\\i\\c*',
  '\\p{IsBasicLatin}*',
  '[^\\s]{1,3}',
  '(ab|cd)*e?',
  '\\p{Lu}\\p{Ll}+',
  '[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}',
  '$^',
  'x\\-y\\/z',
];

/** Draws `n` strings; the share that matches. */
function matchShare(sampler: PatternSampler, n: number): number {
  const random = seededRandom(11);
  let matched = 0;
  for (let i = 0; i < n; i++) {
    const s = sampler.draw(random);
    if (s !== null && sampler.matches(s)) matched++;
  }
  return matched / n;
}

describe('regexp sampler', () => {
  it.each(XSD)('draws strings that /%s/ (XSD, translated) matches', (pattern) => {
    const sampler = new PatternSampler(translateRegexp(pattern).source, 'text');
    expect(matchShare(sampler, 100)).toBeGreaterThan(0.5);
  });

  it('keeps to bytes for patterns over byte strings (.abnfb)', () => {
    const source = abnfToRegExp('x\nx = 1*4(%x80-FF / "a")\n', { alphabet: 'bytes' });
    const sampler = new PatternSampler(source, 'bytes');
    const random = seededRandom(3);
    for (let i = 0; i < 50; i++) {
      const s = sampler.draw(random);
      expect(s).not.toBeNull();
      expect(sampler.matches(s!)).toBe(true);
      expect([...s!].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    }
  });

  it('reads the translation of ABNF grammars (.abnf)', () => {
    const source = abnfToRegExp('date\ndate = 4DIGIT "-" 2DIGIT\nDIGIT = %x30-39\n', { alphabet: 'text' });
    expect(matchShare(new PatternSampler(source, 'text'), 50)).toBe(1);
  });

  it('tells a draw that misses a lookaround from one that matches', () => {
    const sampler = new PatternSampler('(?!ab)[a-c]{2}', 'text');
    const random = seededRandom(5);
    for (let i = 0; i < 50; i++) {
      const s = sampler.draw(random);
      if (s !== null) expect(sampler.matches(s)).toBe(!s.startsWith('ab'));
    }
  });

  it('refuses backreferences', () => {
    expect(() => new PatternSampler('(a)\\1', 'text')).toThrow(PatternSyntaxError);
  });
});
