/**
 * generator/layout/xsd-regexp.ts: `.regexp` patterns are XSD regular expressions
 * (RFC 8610 §3.8.3; XSD 1.0 Part 2 Appendix F). Each pattern is matched the
 * way generated code matches it: through regexpLiteral (the literal, anchored,
 * `u` flag), built by evaluating the literal's source text, so a literal that
 * does not parse fails here. Then whole schemas: the emitted module
 * type-checks, and patterns that are PCRE rather than XSD generate with a
 * warning that compile, generate and the CLI report.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, formatWarning, generate, type SchemaWarning } from '../../generator/index.js';
import { regexpLiteral } from '../../generator/emit/scalars.js';
import { RegexpSyntaxError, translateRegexp } from '../../generator/layout/xsd-regexp.js';
import { cli } from '../support/cli.js';
import { typecheck } from '../support/typecheck.js';
import { decodeError, load } from '../bounded/module.js';
import { hex } from '../support/hex.js';

/** The generated test: the literal's text, evaluated as source. */
function matcher(pattern: string): (s: string) => boolean {
  const re = new Function(`return ${regexpLiteral(translateRegexp(pattern).source)};`)() as RegExp;
  return (s) => re.test(s);
}

function expectMatches(pattern: string, accept: string[], reject: string[]): void {
  const test = matcher(pattern);
  for (const s of accept) expect(test(s), `${JSON.stringify(pattern)} matches ${JSON.stringify(s)}`).toBe(true);
  for (const s of reject) expect(test(s), `${JSON.stringify(pattern)} does not match ${JSON.stringify(s)}`).toBe(false);
}

function isXsd(pattern: string): boolean {
  return translateRegexp(pattern).notXsd === undefined;
}

function refusal(pattern: string): string {
  try {
    translateRegexp(pattern);
  } catch (error) {
    if (error instanceof RegexpSyntaxError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('XSD meaning', () => {
  it('matches the whole string', () => {
    expectMatches('a*b*', ['', 'ab', 'aab'], ['ba', 'abc', 'xab']);
    expectMatches('a|bc', ['a', 'bc'], ['abc', 'ac']);
  });

  it('^ and $ are ordinary characters', () => {
    expectMatches('^a$', ['^a$'], ['a']);
    expectMatches('[$^]+', ['$^$'], ['a']);
    expect(isXsd('^a$')).toBe(true);
  });

  it('{ and } are characters where no quantifier is (XSD 1.0, the edition RFC 8610 cites: Char is all but . \\ ? * + ( ) | [ ])', () => {
    // XSD 1.1 took `{ }` out of its characters; these were read as PCRE with a warning, and `a|{2}`, `a{1}{2}` refused.
    expectMatches('a{1}{2}', ['a{2}'], ['aa', 'a']);
    expectMatches('a|{2}', ['a', '{2}'], ['', '{{']);
    expectMatches('x{,2}', ['x{,2}'], ['x', 'xx']);
    expectMatches('{', ['{'], ['']);
    expectMatches('a}*', ['a', 'a}}'], ['}']);
    expectMatches('a{2}', ['aa'], ['a{2}']);
    for (const p of ['a{1}{2}', 'a|{2}', 'x{,2}', '{', '}', 'a{2']) expect(isXsd(p), p).toBe(true);
  });

  it('a pattern that begins with ^ or ends with an unescaped $ is warned about: other engines take them as anchors', () => {
    // Cardano's CIP-1447 writes "^[a-f0-9]{4}$" for four hex digits: as XSD, no such id matches it.
    const warningsOf = (pattern: string) => {
      const warnings: string[] = [];
      compile([{ path: 'x.cddl', text: `x = tstr .regexp ${JSON.stringify(pattern)}\n` }], { onWarning: (w) => warnings.push(w.message) });
      return warnings;
    };
    expect(warningsOf('^[a-f0-9]{4}$')).toEqual([
      '.regexp "^[a-f0-9]{4}$" begins with ^ and ends with $, which an XSD regular expression (RFC 8610 §3.8.3) takes as ordinary characters: it matches only texts that begin with "^" and end with "$"; a pattern matches the whole text anyway, so leave them out for the anchored meaning',
    ]);
    expect(warningsOf('^x-.+')[0]).toContain('begins with ^, which an XSD regular expression (RFC 8610 §3.8.3) takes as an ordinary character: it matches only texts that begin with "^";');
    expect(warningsOf('a\\\\$')[0]).toContain('ends with $');
    // Not where $ is escaped (PCRE's \$, warned as such), inside a class, or elsewhere.
    expect(warningsOf('a\\$')).toEqual([expect.stringContaining('is not an XSD regular expression')]);
    for (const quiet of ['[$^]', 'a^b', 'a$b', 'abc']) expect(warningsOf(quiet), quiet).toEqual([]);
  });

  it('. is every character but \\n and \\r', () => {
    expectMatches('.', ['a', '\u2028', '\u2029', '\u0085', '😀', '\t'], ['\n', '\r', '', 'ab']);
  });

  it('\\d is every Unicode decimal digit (Nd), \\D the others', () => {
    expectMatches('\\d+', ['0123456789', '١٢٣', '०', '𝟘'], ['a', '²', 'Ⅳ', '']);
    expectMatches('\\D', ['a', '²'], ['5', '٣']);
  });

  it('\\w is everything but punctuation, separators and other (P, Z, C); \\W is those', () => {
    expectMatches('\\w+', ['aZ09', 'é', 'ß', '中', '+', '$', '^', '\u0301'], ['-', '.', ' ', '\u00a0', '\u0000', '_']);
    expectMatches('\\W', ['-', ' ', '_', '\u0000'], ['a', '+']);
  });

  it('\\s is space, tab, line feed and carriage return only', () => {
    expectMatches('\\s', [' ', '\t', '\n', '\r'], ['\u00a0', '\u000b', '\u000c', '\u2028']);
    expectMatches('\\S', ['a', '\u00a0'], [' ']);
  });

  it('\\i and \\c are XML name characters (initial and any)', () => {
    expectMatches('\\i\\c*', ['a', '_x-y.z', ':a', 'é1', 'a\u00b7'], ['1a', '-a', '.a', '']);
    expectMatches('\\I', ['1', '-'], ['a']);
    expectMatches('\\C', [' ', '/'], ['a', '1', '-']);
  });

  it('single-character escapes', () => {
    expectMatches('x\\-y\\.z', ['x-y.z'], ['x-yaz']);
    expectMatches('\\\\\\|\\?\\*\\+\\(\\)\\{\\}\\[\\]\\^', ['\\|?*+(){}[]^'], []);
    expectMatches('a\\nb\\tc\\rd', ['a\nb\tc\rd'], ['anbtcrd']);
  });

  it('general categories and block escapes', () => {
    expectMatches('\\p{Lu}\\p{Ll}*', ['Ab', 'É'], ['ab']);
    expectMatches('\\P{L}', ['1', '-'], ['a']);
    expectMatches('\\p{IsBasicLatin}+', ['abc~', '\u0000'], ['ä']);
    expectMatches('\\P{IsBasicLatin}', ['ä', '😀'], ['a']);
    expectMatches('\\p{IsGreek}', ['α'], ['a']);
    expectMatches('\\p{IsGreekandCoptic}', ['α'], ['a']);
    expectMatches('[\\p{IsLatin-1Supplement}a]', ['é', 'a'], ['b']);
  });

  it('class subtraction, also nested and from a negated class', () => {
    expectMatches('[a-z-[aeiou]]+', ['bcd', 'xyz'], ['bad', 'B']);
    expectMatches('[a-z-[b-y-[m]]]', ['a', 'z', 'm'], ['b', 'n']);
    expectMatches('[^a-z-[0-9]]', ['A', '-'], ['a', '5']);
    expectMatches('[\\w-[\\d]]', ['a', '+'], ['1', '-']);
  });

  it('a - at the start or end of a class is literal; ranges and escapes in classes', () => {
    expectMatches('[-a]', ['-', 'a'], ['b']);
    expectMatches('[a-]', ['-', 'a'], ['b']);
    expectMatches('[\\d-]', ['-', '٣'], ['a']);
    expectMatches('[\\--\\/]', ['-', '.', '/'], ['0']);
    expectMatches('[^\\n]', ['a'], ['\n']);
  });

  it('quantifiers', () => {
    expectMatches('a{2}', ['aa'], ['a', 'aaa']);
    expectMatches('a{2,}', ['aa', 'aaaa'], ['a']);
    expectMatches('(ab){1,2}', ['ab', 'abab'], ['', 'ababab']);
    expectMatches('a{0}', [''], ['a']);
  });

  it('patterns of published schemas (RFC 8727, RFC 9115, RFC 9290, SUIT)', () => {
    expectMatches('[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*', ['en', 'en-US', 'zh-Hant-TW'], ['', 'toolonglang', 'en-']);
    expectMatches('[a-zA-Z_][a-zA-Z0-9_.-]*', ['a.b-c', '_1'], ['-a', '1']);
    expectMatches('Z|[\\+\\-](0[0-9]|1[0-4]):[0-5][0-9]', ['Z', '+01:00', '-14:59'], ['+15:00', 'z']);
    expectMatches('[0-9]+(\\-[0-9]+)?(,[0-9]+(\\-[0-9]+)?)*', ['80', '1-1024,8080'], ['1-', ',80']);
    expectMatches('([^\\*].*)|([\\*][^\\*].*)|([\\*][\\*].+)', ['x', '*x', '**x'], ['*', '**', '']);
    expectMatches('([0-2])((\\.0)|(\\.[1-9][0-9]*))*', ['1.3.6.1', '2.0'], ['3.1', '1.01']);
    for (const p of ['[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*', 'Z|[\\+\\-](0[0-9]|1[0-4]):[0-5][0-9]', '([0-2])((\\.0)|(\\.[1-9][0-9]*))*']) expect(isXsd(p), p).toBe(true);
  });

  it('the JavaScript source is printable ASCII, so any literal made of it parses', () => {
    for (const p of ['a\nb', 'ä€😀', '\u2028', '/', '[/]', '\\p{IsBasicLatin}', '\\i']) {
      expect(translateRegexp(p).source, JSON.stringify(p)).toMatch(/^[\x20-\x7e]*$/);
    }
    expectMatches('a\n', ['a\n'], ['a', 'an']);
    expectMatches('a/b', ['a/b'], ['ab']);
    expectMatches('\u2028', ['\u2028'], ['']);
  });
});

describe('PCRE patterns: not XSD, read with PCRE meaning', () => {
  it('escapes of punctuation XSD does not have (\\/, \\:, \\$)', () => {
    expect(translateRegexp('x\\/y').notXsd).toBe('\\/ is not an XSD escape at offset 1 of "x\\\\/y"');
    expectMatches('x\\/y', ['x/y'], ['x\\/y']);
    expectMatches('a\\:b', ['a:b'], ['ab']);
  });

  it('named and non-capturing groups, lookarounds, lazy quantifiers', () => {
    expectMatches('(?<year>\\d{4})-(?:\\d\\d)', ['2024-01'], ['٢٠٢٤-01', '2024-1']);
    expectMatches('(?=a)\\w+', ['ab'], ['ba']);
    expectMatches('(?!x)[a-z]', ['a'], ['x']);
    expectMatches('(?<=a)b|ab', ['ab'], ['b']);
    expectMatches('a+?b', ['aab'], ['b']);
    for (const p of ['(?<n>a)', '(?:a)', '(?=a)a', 'a*?']) expect(isXsd(p), p).toBe(false);
  });

  it('^ and $ anchor, \\d \\w \\s are ASCII, . excludes only \\n', () => {
    // `^a$` alone is XSD (ordinary characters); with a PCRE group it is PCRE throughout. PCRE's `$` may
    // stand before a final newline, but the match is still of the whole string (`\A(?:…)\z`), so "a\n" is not one.
    expectMatches('^(?:a)$', ['a'], ['^a$', 'a\n']);
    expectMatches('(?:a)$\n', ['a\n'], ['a']);
    expectMatches('^\\d+\\w*?$', ['12ab'], ['١']);
    expectMatches('\\x41\\x{1F600}(?#comment)\\Qa.b\\E', ['A😀a.b'], ['A😀axb']);
    expectMatches('[[:alpha:]]+\\.?', ['ab.', 'ab'], ['é']);
  });

  it('what neither reading accepts, or JavaScript cannot express, is refused', () => {
    expect(refusal('(a')).toBe(`'(' without its ')' at offset 0 of "(a", and read as PCRE: '(' without its ')' at offset 0 of "(a"`);
    expect(refusal('(a)\\1')).toBe('\\1 is not an XSD escape at offset 3 of "(a)\\\\1", and read as PCRE: a backreference (not a regular expression, and not XSD) at offset 3 of "(a)\\\\1"');
    expect(refusal('a{3,2}')).toMatch(/^a quantifier \{3,2\} whose maximum is below its minimum/);
    expect(refusal('\\p{IsNoSuchBlock}')).toMatch(/^\\p\{IsNoSuchBlock\}: no Unicode block is named NoSuchBlock/);
    expect(refusal('(?>a)')).toMatch(/atomic group/);
    expect(refusal('a*+')).toMatch(/possessive/);
    expect(refusal('(?i)a')).toMatch(/inline flag/);
  });
});

describe('in generated code', () => {
  const schema = [
    'a = [lf, slash, xsd, pcre]',
    'lf = tstr .regexp "a\\u000a"',
    'slash = tstr .regexp "x\\\\/y"',
    'xsd = tstr .regexp "[a-z-[aeiou]]+\\\\d"',
    'pcre = tstr .regexp "(?<n>a)\\\\:"',
    '',
  ].join('\n');

  it('every pattern becomes a literal that type-checks, and only the PCRE ones warn, at their place', () => {
    const warnings: SchemaWarning[] = [];
    const files = compile([{ path: 'x.cddl', text: schema }], { onWarning: (w) => warnings.push(w) });
    const dir = mkdtempSync(join(tmpdir(), 'xsd-regexp-'));
    try {
      for (const f of files) writeFileSync(join(dir, f.path), f.contents);
      expect(typecheck(files.map((f) => join(dir, f.path)), { moduleResolution: 'bundler' })).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(files[0]?.contents).toContain('/^(?:a\\n)$/u');
    expect(files[0]?.contents).toContain('/^(?:x\\/y)$/u');
    expect(warnings.map(formatWarning)).toEqual([
      'x.cddl:3:14: warning: .regexp "x\\\\/y" is not an XSD regular expression (RFC 8610 §3.8.3): \\/ is not an XSD escape at offset 1 of "x\\\\/y"; it is read as PCRE',
      'x.cddl:5:13: warning: .regexp "(?<n>a)\\\\:" is not an XSD regular expression (RFC 8610 §3.8.3): \'(?\' (groups in XSD are plain parentheses) at offset 1 of "(?<n>a)\\\\:"; it is read as PCRE',
    ]);
  });

  it('generate returns the warnings and the CLI prints them to stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xsd-regexp-cli-'));
    try {
      writeFileSync(join(dir, 'x.cddl'), schema);
      const result = generate({ schemas: ['x.cddl'], cwd: dir, write: false });
      expect(result.warnings.map((w) => `${w.span.line}:${w.span.col}`)).toEqual(['3:14', '5:13']);
      const run = await cli(dir, 'generate', 'x.cddl', '-o', 'out');
      expect(run.code).toBe(0);
      expect(run.stderr.split('\n').filter((l) => l !== '')).toEqual(result.warnings.map(formatWarning));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('errors say the pattern as the schema wrote it, not the JavaScript it became', async () => {
    // `^` and `$` are plain characters in XSD and `.` is not \n or \r: as JavaScript, "\\^#[^\\n\\r]+\\$".
    const cddl = String.raw`hash = tstr .regexp "^#.+$"
date = tstr .abnf ("date" .det grammar)
grammar = "\ndate = 4D \"-\" 2D\nD = %x30-39\n"
`;
    const { module: m } = await load<'Hash' | 'Date'>('emit-xsd-regexp-words', cddl);
    // "x", and "2024"
    expect(decodeError(() => m.decodeHash(hex('61 78')))).toBe('(root) at byte 0: expected a text string matching "^#.+$", got "x"');
    expect(m.validateHash('x')).toEqual([{ path: '', message: 'expected a text string matching "^#.+$", got a string' }]);
    expect(decodeError(() => m.decodeDate(hex('64 32303234')))).toBe('(root) at byte 0: expected a text string that is what its ABNF grammar matches, got "2024"');
  });

  it('a pattern that is not a regular expression is refused, citing RFC 8610 §3.8.3', () => {
    expect(() => compile([{ path: 'x.cddl', text: 'a = tstr .regexp "(a"\n' }])).toThrow(
      /^x\.cddl:1:10: \.regexp pattern that is not a regular expression \(RFC 8610 §3\.8\.3: XSD Part 2 Appendix F\): '\(' without its '\)'/,
    );
  });
});
