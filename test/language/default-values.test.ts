/**
 * `.default` (RFC 8610 §3.8.6) whose default is none of its target's values: warned of where it is written (the
 * generated code documents a default and neither fills it in nor checks it, so the slip would pass unseen), and
 * nothing said of a default that is one of them. RFC 8727 makes the slip the warning names: a control binds the one
 * type before it, so `"string" / … / "ext-value" .default "string"` gives the default to "ext-value" alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, type SchemaWarning } from '../../generator/index.js';

function warningsOf(text: string, path = 'x.cddl'): SchemaWarning[] {
  const warnings: SchemaWarning[] = [];
  compile([{ path, text }], { onWarning: (w) => warnings.push(w) });
  return warnings;
}

const defaultWarnings = (warnings: SchemaWarning[]) => warnings.filter((w) => w.message.includes('(RFC 8610 §3.8.6)'));

describe('.default outside its type', () => {
  it.each([
    ['a = { ? x: uint .default -1 }', 'uint .default -1: the default -1 is none of the values of uint'],
    ['a = { ? x: (1..5) .default 0 }', '(1..5) .default 0: the default 0 is none of the values of 1..5'],
    ['a = { ? x: float .default 1 }', 'float .default 1: the default 1 is none of the values of float'],
    ['a = { ? x: (tstr .regexp "a+") .default "b" }', '(tstr .regexp "a+") .default "b": the default "b" is none of the values of tstr .regexp "a+"'],
    ['a = { ? x: e .default 3 }\ne = &(a: 1, b: 2)', 'e .default 3: the default 3 is none of the values of e'],
  ])('%s warns where the control is written', (cddl, start) => {
    const [warning, ...more] = defaultWarnings(warningsOf(`${cddl}\n`));
    expect(more).toEqual([]);
    expect(warning?.message.startsWith(`${start}, which a default is (RFC 8610 §3.8.6)`)).toBe(true);
    // At the control's operator.
    expect([warning?.span.line, warning?.span.col]).toEqual([1, cddl.indexOf('.default') + 1]);
  });

  it.each(['a = { ? x: uint .default 1 }', 'a = { ? x: number .default 1 }', 'a = { ? x: tstr .default "p" }', 'a = { ? x: bool .default false }', 'a = { ? x: e .default 2 }\ne = &(a: 1, b: 2)', 'a = { ? x: ("a" / "b") .default "a" }', 'a = { ? x: [int] .default [1] }'])(
    '%s says nothing',
    (cddl) => {
      expect(warningsOf(`${cddl}\n`)).toEqual([]);
    },
  );

  it('finds the ten defaults of RFC 8727 that only the last option of their choice has', () => {
    const text = readFileSync(new URL('../../../shared/cddl-library/rfc8727.cddl', import.meta.url), 'utf8');
    const found = defaultWarnings(warningsOf(text, 'rfc8727.cddl'));
    expect(found).toHaveLength(10);
    const lines = text.split('\n');
    for (const warning of found) {
      // Each at a `.default` whose target is a literal that ends a choice: `/ "ext-value" .default "string"`.
      const offset = lines.slice(0, warning.span.line - 1).join('\n').length + warning.span.col;
      expect(text.slice(offset)).toMatch(/^\.default "[a-z0-9-]+"/);
      expect(text.slice(0, offset)).toMatch(/\/\s*"[a-z0-9-]+"\s*$/);
    }
  });
});
