/**
 * templates/abnf-recogniser.ts with generator/layout/abnf.ts: the grammars no
 * regular expression says (recursive rules, huge repetition counts, patterns
 * too long) become data, and the Earley recogniser decides texts and bytes
 * against it exactly as a regular expression would where one exists.
 */
import { describe, expect, it } from 'vitest';
import { abnfCheck, RFC5234_CORE_RULES, type AbnfOptions } from '../../generator/layout/abnf.js';
import { matchesAbnf, type AbnfGrammar } from '../../templates/abnf-recogniser.js';
import { regexpLiteral } from '../../generator/emit/scalars.js';
import { compile } from '../../generator/index.js';
import { readFileSync } from 'node:fs';

const TEXT: AbnfOptions = { alphabet: 'text' };
const BYTES: AbnfOptions = { alphabet: 'bytes' };

/** The grammar as data: the controller must be one no regular expression says. */
function grammar(controller: string, options: AbnfOptions = TEXT): AbnfGrammar {
  const check = abnfCheck(controller, options);
  if (!('grammar' in check)) throw new Error(`a regular expression: ${check.pattern}`);
  return check.grammar;
}

const text = (controller: string) => {
  const g = grammar(controller);
  return (s: string) => matchesAbnf(s, g);
};
const hex = (h: string) => Uint8Array.from((h.match(/../g) ?? []).map((b) => parseInt(b, 16)));

describe('grammars that go to the recogniser', () => {
  it('a directly or indirectly recursive rule', () => {
    expect('grammar' in abnfCheck('x\nx = "a" x / "b"', TEXT)).toBe(true);
    expect('grammar' in abnfCheck('x\nx = "(" y ")"\ny = "a" / x', TEXT)).toBe(true);
  });
  it('but not a recursive rule the element does not use, nor a rule used twice', () => {
    expect(abnfCheck('x\nx = %x61\nr = "(" r ")" / "a"', TEXT)).toEqual({ pattern: 'a' });
    expect(abnfCheck('x\nx = d d\nd = %x30-39', TEXT)).toEqual({ pattern: '[0-9][0-9]' });
  });
  it('a repetition count above what a quantifier takes', () => {
    expect('grammar' in abnfCheck('x\nx = 99999999999"a"', TEXT)).toBe(true);
    expect('grammar' in abnfCheck('x\nx = 1*99999999999"a"', TEXT)).toBe(true);
  });
  it('a grammar whose regular expression would be longer than MAX_PATTERN_LENGTH', () => {
    // 2^14 copies of (?:a|bc): 131,072 characters of pattern.
    const rules = Array.from({ length: 14 }, (_, i) => `r${i} = r${i + 1} r${i + 1}`).join('\n');
    const g = grammar(`r0\n${rules}\nr14 = %x61 / %x62 %x63`);
    expect(matchesAbnf(`bc${'a'.repeat(2 ** 14 - 1)}`, g)).toBe(true);
    expect(matchesAbnf('a'.repeat(2 ** 14 - 1), g)).toBe(false);
  });
  it('keeps only the rules the element reaches, as they are written', () => {
    expect(grammar('p\np = "(" [p] %s")"\nunused = "u"')).toEqual({
      element: { rule: 'p' },
      rules: { p: [[{ text: '(' }, { repeat: { rule: 'p' }, min: 0, max: 1 }, { text: ')' }]] },
    });
  });
});

describe('the recogniser', () => {
  it('balanced parentheses', () => {
    const p = text('p\np = *("(" p ")")');
    expect(['', '()', '(())', '()()', '(()())((()))'].map(p)).toEqual([true, true, true, true, true]);
    expect(['(', ')', ')(', '(()', '())', '(a)'].map(p)).toEqual([false, false, false, false, false, false]);
  });
  it('a nested list grammar', () => {
    const list = text('list\nlist = "[" [item *("," item)] "]"\nitem = list / 1*DIGIT\nDIGIT = %x30-39');
    expect(['[]', '[1]', '[1,[2,[]],34]', '[[[[]]]]'].map(list)).toEqual([true, true, true, true]);
    expect(['', '[', '[1,]', '[,1]', '[1 2]', '[[]', '1'].map(list)).toEqual([false, false, false, false, false, false, false]);
  });
  it('left recursion', () => {
    const x = text('x\nx = x "a" / "b"');
    expect(['b', 'ba', 'baaaa'].map(x)).toEqual([true, true, true]);
    expect(['', 'a', 'ab', 'bab'].map(x)).toEqual([false, false, false, false]);
  });
  it('right and mutual recursion', () => {
    const x = text('x\nx = "a" x / "b"');
    expect(['b', 'ab', 'aaab'].map(x)).toEqual([true, true, true]);
    expect(['', 'a', 'ba'].map(x)).toEqual([false, false, false]);
    const e = text('e\ne = t *("+" t)\nt = f *("*" f)\nf = "x" / "(" e ")"');
    expect(['x', 'x+x*x', '(x+x)*x', '((x))'].map(e)).toEqual([true, true, true, true]);
    expect(['x+', '(x', 'x**x', '()'].map(e)).toEqual([false, false, false, false]);
  });
  it('nullable rules, also deep and left-recursive', () => {
    const s = text('s\ns = a s b / a b / ""\na = [%x61] n\nb = "b" n / n\nn = ""');
    expect(['', 'ab', 'aabb', 'b', 'bb', 'abab', 'aab'].map(s)).toEqual([true, true, true, true, true, false, true]);
    const l = text('l\nl = l m / ""\nm = [%x61] [%x62]');
    expect(['', 'a', 'ab', 'ba', 'bab', 'abba'].map(l)).toEqual([true, true, true, true, true, true]);
    expect(['c', 'ac'].map(l)).toEqual([false, false]);
    const n = text('n\nn = "(" n ")" / n n / ""');
    expect(['', '()', '(()())', '()()()'].map(n)).toEqual([true, true, true, true]);
    expect(['(', '())'].map(n)).toEqual([false, false]);
  });
  it('quoted strings: ASCII letters in either case, %s exactly, %i either (RFC 5234 §2.3, RFC 7405)', () => {
    const r = text('r\nr = "Get" r / %s"Put" r / %i"x" / "1-"');
    expect(['x', 'X', 'GETx', 'getgetX', 'Put1-', 'PutGeTx'].map(r)).toEqual([true, true, true, true, true, true]);
    expect(['PUTx', 'putx', 'y', '1_'].map(r)).toEqual([false, false, false, false]);
  });
  it('code points beyond the BMP, and no lone surrogate', () => {
    const r = text('r\nr = %x1F600 r / %xE9');
    expect(['é', '😀é', '😀😀é'].map(r)).toEqual([true, true, true]);
    expect(['\ud83dé', '😀'].map(r)).toEqual([false, false]);
    const any = text('r\nr = %x0-10FFFF r / ""');
    expect([any('a😀'), any('a\ud800')]).toEqual([true, false]);
  });
  it('.abnfb: bytes, each one terminal', () => {
    const g = grammar('v\nv = %x81-FF v / %x00-7F', BYTES);
    expect(['00', '8100', 'ffff7f'].map((h) => matchesAbnf(hex(h), g))).toEqual([true, true, true]);
    expect(['', '80', '0000', '81'].map((h) => matchesAbnf(hex(h), g))).toEqual([false, false, false, false]);
  });
  it('huge repetition counts, without writing them out', () => {
    const many = text('x\nx = 99999999999"a"');
    expect([many(''), many('a'), many('a'.repeat(1000))]).toEqual([false, false, false]);
    const upTo = text('x\nx = 2*99999999999%x61 "b"');
    expect([upTo('aab'), upTo('aaab'), upTo('a'.repeat(5000) + 'b'), upTo('ab'), upTo('aaa')]).toEqual([true, true, true, false, false]);
  });
  it('bounded repetitions count exactly, as a regular expression would', () => {
    const g = text('x\nx = 3*5("a" / "bb") x / "."');
    const re = /^(?:(?:a|bb){3,5})*\.$/i;
    for (const s of ['.', 'aaa.', 'aa.', 'abba.', 'aaaaaa.', 'aaaaaaaa.', 'bbbbbbbbbbbb.', 'abbbbbbbbbbbb.', 'aaaabbaaaaaaaaaaaa.', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.']) expect([s, g(s)]).toEqual([s, re.test(s)]);
  });
  it('agrees with the regular expression path on grammars both can check', () => {
    const controllers = [
      `x\nx = 1*DIGIT ["." 1*DIGIT]\n${RFC5234_CORE_RULES}`,
      `x\nx = *(WSP / CRLF WSP) 2*3HEXDIG\n${RFC5234_CORE_RULES}`,
      'x\nx = %s"Ab" / %i"cD" / 0*2"e"',
      'x\nx = <anything> "!"',
    ];
    const samples = ['', '1', '12.5', '1.', ' \r\n\tAF0', 'AF', 'Ab', 'ab', 'CD', 'cd', 'ee', 'eee', 'what!', '!', '!x'];
    for (const controller of controllers) {
      const { pattern } = abnfCheck(controller, TEXT) as { pattern: string };
      const re = new Function(`return ${regexpLiteral(pattern)};`)() as RegExp;
      // The same grammar made recursive (x = y / %x01 x, y the grammar), which no sample tells apart.
      const g = grammar(`${controller.replace(/^x\nx = /, 'x\nx = y / %x01 x\ny = ')}`);
      for (const s of samples) expect([controller, s, matchesAbnf(s, g)]).toEqual([controller, s, re.test(s)]);
    }
  });
  it('takes 100,000 characters of nesting without overflowing the stack', () => {
    const p = text('p\np = "(" [p] ")"');
    const deep = '('.repeat(50_000) + ')'.repeat(50_000);
    expect(p(deep)).toBe(true);
    expect(p(`${deep.slice(0, -1)}(`)).toBe(false);
    const list = text('l\nl = "[" [l *("," l)] "]"');
    expect(list('['.repeat(50_000) + ']'.repeat(50_000))).toBe(true);
    const left = text('x\nx = x "a" / "b"');
    expect(left(`b${'a'.repeat(99_999)}`)).toBe(true);
  });
});

describe('no longer refused', () => {
  const schema = (grammar: string) => `a = tstr .abnf ("x" .det g)\ng = "\\n${grammar}"`;
  it('the examples of the lifted catalogue rows generate, with the recogniser beside the module', () => {
    for (const grammar of ['x = \\"a\\" x / \\"b\\"', 'x = 99999999999\\"a\\"']) {
      const files = compile([{ path: 'x.cddl', text: schema(grammar) }]);
      expect(files.map((f) => f.path)).toContain('abnf-recogniser.ts');
      expect(files.find((f) => f.path === 'x.ts')?.contents).toMatch(/matchesAbnf\(value, abnfGrammar[0-9a-f]{12}\)/);
    }
  });
  it('a regular grammar still gets a regular expression and no recogniser', () => {
    const files = compile([{ path: 'x.cddl', text: schema('x = \\"a\\" \\"b\\"') }]);
    expect(files.map((f) => f.path)).not.toContain('abnf-recogniser.ts');
  });
  it('docs/cddl-support.md lists neither as a refusal', () => {
    const doc = readFileSync(new URL('../../docs/cddl-support.md', import.meta.url), 'utf8');
    expect(doc).not.toContain('a recursive rule cannot become a regular expression');
    expect(doc).not.toContain('.abnf: a repetition count too large');
  });
});
