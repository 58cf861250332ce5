/** Shared helpers for the parser tests. */
import { expect } from 'vitest';
import { isSchemaError, type SchemaError } from '../../generator/diagnostics.js';
import type { CddlFile, GroupEntry, Literal, Rule, Type } from '../../generator/parse/ast.js';
import { parseCddl } from '../../generator/parse/index.js';

export const FILE = 'test.cddl';

export function parse(text: string): CddlFile {
  return parseCddl(text, FILE);
}

/** Removes every span (`span`, `nameSpan`, `opSpan`) so that whole trees can be compared. */
export function strip<T>(value: T): T {
  if (Array.isArray(value)) return value.map(strip) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k !== 'span' && k !== 'nameSpan' && k !== 'opSpan') out[k] = strip(v);
    }
    return out as T;
  }
  return value;
}

/** The only rule of the text. */
export function onlyRule(text: string): Rule {
  const { rules } = parse(text);
  expect(rules).toHaveLength(1);
  return rules[0] as Rule;
}

/** The type of `x = <type>`, spans removed. */
export function typeOf(typeText: string): Type {
  const rule = onlyRule(`x = ${typeText}\n`);
  if (rule.body.kind !== 'type') throw new Error(`expected a type rule, got ${rule.body.kind}`);
  return strip(rule.body.type);
}

/** The entries of `x = [ <group> ]` (single choice), spans removed. */
export function entriesOf(groupText: string): GroupEntry[] {
  const type = typeOf(`[ ${groupText} ]`);
  if (type.kind !== 'array') throw new Error('expected an array');
  expect(type.group.choices).toHaveLength(1);
  return type.group.choices[0]?.entries ?? [];
}

/** The literal value of `x = <literal>`. */
export function literalOf(text: string): Literal {
  const type = typeOf(text);
  if (type.kind !== 'literal') throw new Error(`expected a literal, got ${type.kind}`);
  return type.value;
}

/** Shorthand AST builders (spans are stripped before comparing). */
export const name = (n: string, genericArgs: Type[] = []): Type => ({ kind: 'name', name: n, genericArgs }) as Type;
export const int = (value: string, raw = value): Type => ({ kind: 'literal', value: { type: 'int', value, raw } }) as Type;
export const text = (value: string, raw = JSON.stringify(value)): Type =>
  ({ kind: 'literal', value: { type: 'text', value, raw } }) as Type;

/** Parses `text`, expecting a syntax error; returns it. */
export function syntaxError(textToParse: string, kind: 'syntax' | 'unsupported' = 'syntax'): SchemaError {
  try {
    parse(textToParse);
  } catch (error) {
    if (!isSchemaError(error)) throw error;
    expect(error.kind).toBe(kind);
    return error;
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(textToParse)}`);
}

/**
 * Expects a syntax error whose message starts with `firstLine` and whose
 * excerpt puts the caret under that line's column.
 */
export function expectError(textToParse: string, firstLine: string): SchemaError {
  const error = syntaxError(textToParse);
  const [head, sourceLine, caretLine] = error.message.split('\n');
  expect(head).toBe(firstLine);
  const col = Number(/^[^:]+:\d+:(\d+):/.exec(firstLine)?.[1]);
  expect(error.span.col).toBe(col);
  expect(sourceLine).toMatch(/^ {2}\d+ \| /);
  const caretAt = (caretLine ?? '').indexOf('^') - (caretLine ?? '').indexOf('|') - 2;
  expect(caretAt).toBe(col - 1);
  return error;
}
