import { describe, expect, it } from 'vitest';
import type { GroupEntry, Rule } from '../../generator/parse/ast.js';
import { parse } from './helpers.js';

function entriesOfRule(rule: Rule): GroupEntry[] {
  if (rule.body.kind !== 'type' || (rule.body.type.kind !== 'map' && rule.body.type.kind !== 'array')) {
    throw new Error('expected a map or array rule');
  }
  return rule.body.type.group.choices.flatMap((c) => c.entries);
}

describe('doc comments on rules', () => {
  it('comment lines directly above, ; and one space stripped, joined with \\n', () => {
    const [rule] = parse('; first line\n;second line\n;   indented\nFoo = int\n').rules;
    expect(rule?.doc).toBe('first line\nsecond line\n  indented');
  });

  it('a trailing comment on the rule’s last line', () => {
    expect(parse('Foo = int ; the foo\n').rules[0]?.doc).toBe('the foo');
    expect(parse('Foo = [\n  int\n] ; closing\n').rules[0]?.doc).toBe('closing');
  });

  it('leading and trailing together', () => {
    expect(parse('; above\nFoo = int ; after\n').rules[0]?.doc).toBe('above\nafter');
  });

  it('a blank line separates a comment from the rule', () => {
    expect(parse('; file header\n\nFoo = int\n').rules[0]?.doc).toBeNull();
    expect(parse('; lost\n\n; kept\nFoo = int\n').rules[0]?.doc).toBe('kept');
  });

  it('a trailing comment of one rule is not the doc of the next', () => {
    const { rules } = parse('A = int ; about A\nB = tstr\n');
    expect(rules.map((r) => r.doc)).toEqual(['about A', null]);
  });

  it('no comments gives null', () => {
    expect(parse('Foo = int\n').rules[0]?.doc).toBeNull();
  });

  it('keeps the text exactly apart from ";" and one space', () => {
    expect(parse(';  two spaces; and ; more  \nFoo = int\n').rules[0]?.doc).toBe(' two spaces; and ; more  ');
    expect(parse(';\nFoo = int\n').rules[0]?.doc).toBe('');
  });

  it('non-ASCII in comments (RFC 9682 NONASCII)', () => {
    expect(parse('; Grüße, ⌘ and 🁳\nFoo = int\n').rules[0]?.doc).toBe('Grüße, ⌘ and 🁳');
  });
});

describe('doc comments on group entries', () => {
  const src = [
    '; the status',
    'Status = {',
    '  ; the id',
    '  ; (two lines)',
    '  id: bstr,  ; trailing id',
    '',
    '  ; about name',
    '  name: tstr ; no comma here',
    '  ; lost: a blank line follows',
    '',
    '  plain: int,',
    '  a: int, b: int ; only b',
    '  last: int',
    '  ; after last, before the brace',
    '} ; the end',
  ].join('\n');

  it('attaches leading and trailing comments', () => {
    const [rule] = parse(src).rules;
    expect(rule?.doc).toBe('the status\nthe end');
    const docs = Object.fromEntries(
      entriesOfRule(rule as Rule).map((e) => [e.kind === 'member' && e.key?.kind === 'bareword' ? e.key.name : '?', e.doc]),
    );
    expect(docs).toEqual({
      id: 'the id\n(two lines)\ntrailing id',
      name: 'about name\nno comma here',
      plain: null,
      a: null,
      b: 'only b',
      last: null,
    });
  });

  it('a comment before the comma belongs to the entry too', () => {
    const [rule] = parse('X = [\n  a: int ; about a\n  , b: int\n]\n').rules;
    expect(entriesOfRule(rule as Rule).map((e) => e.doc)).toEqual(['about a', null]);
  });

  it('an entry that does not start its line gets no leading comment', () => {
    const [rule] = parse('; rule doc\nX = [ a: int,\n  b: int ]\n').rules;
    expect(rule?.doc).toBe('rule doc');
    expect(entriesOfRule(rule as Rule).map((e) => e.doc)).toEqual([null, null]);
  });

  it('inline group entries get docs as well', () => {
    const [rule] = parse('X = [\n  ; the pair\n  (a: int, b: int), ; pair\n]\n').rules;
    expect(entriesOfRule(rule as Rule)[0]).toMatchObject({ kind: 'group', doc: 'the pair\npair' });
  });

  it('comments inside nested groups attach to the nested entries', () => {
    const [rule] = parse('X = {\n  inner: [\n    ; deep\n    x: int\n  ]\n}\n').rules;
    const outer = entriesOfRule(rule as Rule)[0];
    if (outer?.kind !== 'member' || outer.type.kind !== 'array') throw new Error('shape');
    expect(outer.doc).toBeNull();
    expect(outer.type.group.choices[0]?.entries[0]?.doc).toBe('deep');
  });
});

describe('line endings and byte order mark', () => {
  it('CRLF line endings: comments, docs and positions', () => {
    const { rules } = parse('; doc\r\nA = int ; tail\r\nB = [\r\n  x: int\r\n]\r\n');
    expect(rules.map((r) => r.doc)).toEqual(['doc\ntail', null]);
    expect(rules[1]?.nameSpan).toMatchObject({ line: 3, col: 1 });
  });

  it('a missing final newline, also after a comment', () => {
    expect(parse('A = int').rules).toHaveLength(1);
    expect(parse('A = int ; last').rules[0]?.doc).toBe('last');
  });

  it('a byte order mark is skipped and does not count as a column', () => {
    const { rules } = parse('\uFEFF; doc\nA = int\n');
    expect(rules[0]).toMatchObject({ name: 'A', doc: 'doc', nameSpan: { line: 2, col: 1, offset: 7 } });
    expect(parse('\uFEFFA = int').rules[0]?.nameSpan).toMatchObject({ line: 1, col: 1, offset: 1, endOffset: 2 });
  });

  it('tabs are whitespace', () => {
    expect(parse('A\t=\t[\tint,\ttstr\t]').rules[0]?.body).toMatchObject({ type: { kind: 'array' } });
  });
});
