import { describe, expect, it } from 'vitest';
import type { Span } from '../../generator/diagnostics.js';
import type { CddlFile, Rule } from '../../generator/parse/ast.js';
import { FILE, parse } from './helpers.js';

/** The source text a span covers. */
const cut = (src: string, span: Span) => src.slice(span.offset, span.endOffset);

/** Every span in the tree, with the path that leads to it. */
function allSpans(node: unknown, path = '$', out: [string, Span][] = []): [string, Span][] {
  if (Array.isArray(node)) node.forEach((n, i) => allSpans(n, `${path}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'span' || k === 'nameSpan' || k === 'opSpan') && v && typeof v === 'object') out.push([`${path}.${k}`, v as Span]);
      else allSpans(v, `${path}.${k}`, out);
    }
  }
  return out;
}

describe('spans', () => {
  const src = 'Foo = [\n  ? id: bstr .size 32,\n  "k" ^ => #6.32(tstr) / 1..2\n]\n';
  const file: CddlFile = parse(src);
  const rule = file.rules[0] as Rule;

  it('the file covers the whole text', () => {
    expect(file.span).toEqual({ file: FILE, line: 1, col: 1, offset: 0, endOffset: src.length });
  });

  it('rule and rule name', () => {
    expect(cut(src, rule.span)).toBe(src.trimEnd());
    expect(rule.nameSpan).toEqual({ file: FILE, line: 1, col: 1, offset: 0, endOffset: 3 });
  });

  it('every node: line/col agree with offset, and the text is what the node says', () => {
    if (rule.body.kind !== 'type' || rule.body.type.kind !== 'array') throw new Error('shape');
    const array = rule.body.type;
    expect(cut(src, array.span)).toBe('[\n  ? id: bstr .size 32,\n  "k" ^ => #6.32(tstr) / 1..2\n]');
    expect(cut(src, array.group.span)).toBe('? id: bstr .size 32,\n  "k" ^ => #6.32(tstr) / 1..2');
    const [first, second] = array.group.choices[0]?.entries ?? [];
    if (first?.kind !== 'member' || second?.kind !== 'member') throw new Error('shape');
    expect(cut(src, first.span)).toBe('? id: bstr .size 32');
    expect(first.span).toMatchObject({ line: 2, col: 3 });
    expect(cut(src, first.occurrence?.span as Span)).toBe('?');
    expect(cut(src, first.key?.span as Span)).toBe('id');
    expect(cut(src, first.type.span)).toBe('bstr .size 32');
    if (first.type.kind !== 'control') throw new Error('shape');
    expect(cut(src, first.type.opSpan)).toBe('.size');
    expect(first.type.opSpan).toMatchObject({ line: 2, col: 14 });
    expect(cut(src, first.type.target.span)).toBe('bstr');
    expect(cut(src, first.type.controller.span)).toBe('32');
    expect(cut(src, second.span)).toBe('"k" ^ => #6.32(tstr) / 1..2');
    expect(cut(src, second.key?.span as Span)).toBe('"k"');
    expect(cut(src, second.type.span)).toBe('#6.32(tstr) / 1..2');
    if (second.type.kind !== 'choice') throw new Error('shape');
    expect(second.type.options.map((o) => cut(src, o.span))).toEqual(['#6.32(tstr)', '1..2']);
    expect(second.type.options[1]).toMatchObject({ span: { line: 3, col: 26 } });
  });

  it('line and col of every span match its offset', () => {
    const lines = src.split('\n');
    for (const [path, span] of allSpans(file)) {
      const before = lines.slice(0, span.line - 1).reduce((n, l) => n + l.length + 1, 0);
      expect(before + span.col - 1, path).toBe(span.offset);
      expect(span.endOffset, path).toBeGreaterThanOrEqual(span.offset);
      expect(span.file, path).toBe(FILE);
    }
  });

  it('an empty group is a zero-length span at the closing bracket', () => {
    const [r] = parse('E = [ ]').rules;
    if (r?.body.kind !== 'type' || r.body.type.kind !== 'array') throw new Error('shape');
    expect(r.body.type.group.span).toMatchObject({ offset: 6, endOffset: 6, col: 7 });
  });

  it('a control type over a parenthesised target starts at the parenthesis', () => {
    const text = 'X = (tstr .size 3) .regexp "a"';
    const [r] = parse(text).rules;
    if (r?.body.kind !== 'type') throw new Error('shape');
    expect(cut(text, r.body.type.span)).toBe('(tstr .size 3) .regexp "a"');
  });

  it('columns count UTF-16 units after non-ASCII text', () => {
    const text = 'X = ["🁳", y]';
    const [r] = parse(text).rules;
    if (r?.body.kind !== 'type' || r.body.type.kind !== 'array') throw new Error('shape');
    expect(r.body.type.group.choices[0]?.entries[1]?.span).toMatchObject({ col: 12, offset: 11 });
  });

  it('enum name sources have their own span', () => {
    const text = 'X = &colors<int>';
    const [r] = parse(text).rules;
    if (r?.body.kind !== 'type' || r.body.type.kind !== 'enum' || r.body.type.source.kind !== 'name') throw new Error('shape');
    expect(cut(text, r.body.type.source.span)).toBe('colors<int>');
  });
});
