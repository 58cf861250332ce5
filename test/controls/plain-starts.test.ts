/**
 * Which `.det` sides are their own dedenting because no value starts with a space or a line feed
 * (generator/layout/plain-starts.ts, templates/dedented-patterns.ts `mayStartSpaced`). A wrong
 * "plain" would make `.det` accept values it should not: each answer here is checked against the
 * values themselves, and the conservative answers are pinned so that a change to them is seen.
 */
import { describe, expect, it } from 'vitest';
import { dedentsWithin, oneLineIndent, startsPlainly } from '../../generator/layout/plain-starts.js';
import type { ScalarShape } from '../../generator/layout/scalars.js';
import { blankWords, mayStartSpaced } from '../../templates/dedented-patterns.js';

type TextShape = Extract<ScalarShape, { kind: 'text' }>;

const float: ScalarShape = { kind: 'float', widths: [16, 32, 64], values: null };
const int: ScalarShape = { kind: 'int', intervals: [{ lo: -5n, hi: 5n }] };
const printf = (format: string, args: ScalarShape[]): TextShape => ({ kind: 'text', values: null, size: null, checks: [{ kind: 'printf', format, args, roles: args.map(() => 'd') }] });
const literals = (...values: string[]): TextShape => ({ kind: 'text', values, size: null });
const pattern = (source: string): TextShape => ({ kind: 'text', values: null, size: null, pattern: source });
const join = (...parts: TextShape[]): TextShape => ({ kind: 'text', values: null, size: null, checks: [{ kind: 'join', parts }] });

describe('mayStartSpaced: some word of the pattern starts with a space or a line feed', () => {
  it('follows the automaton from the start, through groups, alternations and optional parts', () => {
    for (const source of ['a+', 'x\n a', '[a-z]+( [a-z]+)*', '(ab|c)d?', '', 'a*']) expect(mayStartSpaced(source, true), source).toBe(false);
    for (const source of ['(a| b)c', '\\s?a', '[^a]x', '\n?a', ' *a+', '(a?)( )b', '.']) expect(mayStartSpaced(source, true), source).toBe(true);
  });

  it('reads the syntax first: lookarounds as nothing, where no automaton is built or it would be too big', () => {
    for (const source of ['(?<=a(?=b))b|a', 'a{5000}', '(?= )a', '^a|$']) expect(mayStartSpaced(source, true), source).toBe(false);
    for (const source of ['(?<=a(?=b))b| a', ' a{5000}', '(?:a|\n)b']) expect(mayStartSpaced(source, true), source).toBe(true);
  });

  it('says yes where it reads neither (a backreference)', () => {
    expect(mayStartSpaced('(a)\\1', true)).toBe(true);
  });
});

describe('blankWords: whether some word of the pattern is all spaces and line feeds', () => {
  it('follows the automaton, lookarounds and a size included', () => {
    for (const source of ['a+', ' *a', '( *\n)*a', '(?= )a', ' *(?!$)']) expect(blankWords(source), source).toBe('none');
    for (const source of ['a*', '(a|)', '( *a)?']) expect(blankWords(source), source).toBe('empty');
    for (const source of [' *a*', '\n', '[^a]', '\\s+', '( |a)b?']) expect(blankWords(source), source).toBe('some');
    // Words of 2 bytes: "  " is one; of 3: "aaa" only.
    expect(blankWords('[ a]+', [2, 2])).toBe('some');
    expect(blankWords(' ?a+', [3, 3])).toBe('none');
    // Where no automaton is built, nothing is claimed.
    expect(blankWords('(a)\\1')).toBe('some');
  });
});

const dedentedWords = (source: string): TextShape => ({ kind: 'text', values: null, size: null, checks: [{ kind: 'dedentedPattern', pattern: source }] });

describe('startsPlainly', () => {
  it('a .det inside: the dedenting of words none of which is blank has a line that is not blank and starts with no space, whatever follows', () => {
    expect(startsPlainly(join(dedentedWords(' *a+'), literals('x')))).toBe(true);
    expect(startsPlainly(join(dedentedWords('( *\n)*a'), pattern(' *')))).toBe(true);
    // The empty word then leaves the next part to start the text.
    expect(startsPlainly(join(dedentedWords('( *a)?'), literals('x')))).toBe(true);
    expect(startsPlainly(join(dedentedWords('( *a)?'), literals(' x')))).toBe(false);
    expect(startsPlainly(join(dedentedWords(' *a*'), literals('x')))).toBe(false);
    // Not after a part that may start with a space: " " then "\na" is a line of one space, then "a".
    expect(startsPlainly(join(literals('', ' '), dedentedWords('( *\n)*a')))).toBe(false);
    // %s with a precision may cut such a text to its blank first lines; with a width it may be padded first.
    expect(startsPlainly(printf('%s|', [dedentedWords('( *\n)*a')]))).toBe(true);
    expect(startsPlainly(printf('%.2s|', [dedentedWords('( *\n)*a')]))).toBe(false);
    expect(startsPlainly(printf('%-5s|', [dedentedWords('( *\n)*a')]))).toBe(true);
    expect(startsPlainly(printf('%-5s|', [dedentedWords('( *a)?')]))).toBe(false);
  });

  it('.printf: a numeric conversion without a width that pads on the left or the space flag', () => {
    for (const format of ['%f', '%.2f', '%-10f', '%+d', '%x|%d', 'a%5d']) expect(startsPlainly(printf(format, [int, int])), format).toBe(true);
    // 0 pads inf with spaces and is ignored beside a precision: not trusted.
    for (const format of ['% d', '%5d', '%05d', '%*d', ' %d', '\n%d', '%c']) expect(startsPlainly(printf(format, [int, int])), format).toBe(false);
    expect(startsPlainly(printf('%e', [float]))).toBe(true);
  });

  it('%s: as its argument starts, unless padding may come first', () => {
    expect(startsPlainly(printf('%s', [literals('ab', 'c')]))).toBe(true);
    expect(startsPlainly(printf('%s', [literals(' ab')]))).toBe(false);
    // A text that may be empty, padded on the right, is all spaces.
    expect(startsPlainly(printf('%-3s', [literals('ab', '')]))).toBe(false);
    expect(startsPlainly(printf('%-3s', [literals('ab')]))).toBe(true);
    expect(startsPlainly(printf('%.1s|', [literals('ab')]))).toBe(true);
    expect(startsPlainly(printf('%.1s', [literals(' b')]))).toBe(false);
  });

  it('.join: the first part that is never empty decides, unless one before it may start with a space', () => {
    expect(startsPlainly(join(literals('', 'a'), literals('b')))).toBe(true);
    expect(startsPlainly(join(literals(''), literals(' b')))).toBe(false);
    expect(startsPlainly(join(pattern('[a-z]*'), literals('x')))).toBe(true);
    expect(startsPlainly(join(pattern('[a-z ]*'), literals('x')))).toBe(false);
  });
});

describe('dedentsWithin: .printf or .join after any text, whose dedenting gives a value', () => {
  const text: TextShape = { kind: 'text', values: null, size: null };
  it('holds where the parts after the text have no line feed and start with no space, or are empty', () => {
    for (const format of ['%s%f', '%s: %d', '%s', '%s%s|', '%s%-5d', '%s%.2e|%x']) expect(dedentsWithin(printf(format, [text, literals('', 'ab'), float])), format).toBe(true);
    expect(dedentsWithin(join(text, literals('x', ''), literals(':')))).toBe(true);
  });

  it('not where a part after may start with a space or hold a line feed, or the text is not first or not any text', () => {
    // %5d pads on the left with spaces dedenting may remove: "" then "    5" dedents to "5", which %5d never writes.
    for (const format of ['%s%5d', '%s % d', '%s\n%d', '%s%c', '% s%d', '%5s%d', '%.2s%d', 'a%s%d', '%d%s']) expect(dedentsWithin(printf(format, [text, int, int])), format).toBe(false);
    expect(dedentsWithin(printf('%s%s', [text, literals('a\nb')]))).toBe(false);
    expect(dedentsWithin(printf('%s%s', [text, text]))).toBe(false);
    expect(dedentsWithin(printf('%s%d', [pattern('[a-z ]*'), int]))).toBe(false);
    expect(dedentsWithin(join(literals(''), text, literals('x')))).toBe(false);
    expect(dedentsWithin({ ...printf('%s%d', [text, int]), size: { min: 1, max: 5 } })).toBe(false);
  });
});

describe('oneLineIndent: one line with a bounded run of spaces before the rest', () => {
  it('counts literal spaces, the space flag and a width that pads on the left, up to the first thing written', () => {
    expect(oneLineIndent(printf('%10f', [float]))).toBe(10);
    expect(oneLineIndent(printf('  % 3d|%5d', [int, int]))).toBe(6);
    expect(oneLineIndent(printf('%-4d', [int]))).toBe(0);
    expect(oneLineIndent(printf('a  %5d', [int]))).toBe(0);
  });

  it('is null where a line feed, %s, %c or a * may come', () => {
    for (const format of ['%d\n', '%s', '%c', '%*d', '%.*f']) expect(oneLineIndent(printf(format, [int, int])), format).toBeNull();
  });
});
