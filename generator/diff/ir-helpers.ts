/**
 * Helpers of the schema differ (index.ts) that read the IR without its state:
 * following references, flattening choices, map keys and occurrences as text,
 * aligning two lists of keys, and the rules reachable from a root.
 */
import { printLiteral, printType } from '../ir/print.js';
import type { IrEntry, IrGroup, IrLiteral, IrOccurrence, IrSchema, IrType } from '../ir/types.js';
import type { ShapeContext } from '../layout/shapes.js';

export type Member = Extract<IrEntry, { kind: 'member' }>;

/** Follows references to the type they name (stops at a cycle or an unknown rule). */
export function resolve(type: IrType, ctx: ShapeContext): IrType {
  const seen = new Set<string>();
  let current = type;
  while (current.kind === 'ref' && !seen.has(current.rule)) {
    seen.add(current.rule);
    const target = ctx.rules.get(current.rule)?.type;
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

/** The alternatives of a type choice (nested choices and enumerations flattened). */
export function options(type: IrType): IrType[] {
  if (type.kind === 'choice') return type.options.flatMap(options);
  if (type.kind === 'enum') return type.values.flatMap((v) => options(v.type));
  return [type];
}

/** The name of the member of `group` whose type prints as `text`, if any. */
export function memberOfType(group: IrGroup, text: string): string | null {
  for (const choice of group.choices) {
    for (const entry of choice.entries) if (entry.kind === 'member' && entry.name !== null && printType(entry.type) === text) return entry.name;
  }
  return null;
}

/** The fixed key of a map member (`name:`, `1:`, `1 =>`, `"x" =>`), or null for a computed one (`tstr =>`). */
export function fixedKey(m: Member): IrLiteral | null {
  if (m.key === null) return null;
  if (m.key.kind === 'value') return m.key.value;
  let type = m.key.type;
  if (type.kind === 'enum' && type.values.length === 1 && type.values[0] !== undefined) type = type.values[0].type;
  return type.kind === 'literal' ? type.value : null;
}

export function keyText(m: Member): string {
  const fixed = fixedKey(m);
  if (fixed !== null) return printLiteral(fixed);
  if (m.key === null) return `(no key) ${printType(m.type)}`;
  return m.key.kind === 'type' ? `${printType(m.key.type)} =>` : printLiteral(m.key.value);
}

export function printOccurrence(o: IrOccurrence): string {
  if (o.min === 1 && o.max === 1) return '1';
  if (o.min === 0 && o.max === 1) return '?';
  if (o.min === 0 && o.max === null) return '*';
  if (o.min === 1 && o.max === null) return '+';
  return `${o.min}*${o.max ?? ''}`;
}

export interface Pair {
  o: number | null;
  n: number | null;
}

/** A longest-common-subsequence alignment of two key lists: matches and unmatched entries, in order. */
export function align(a: readonly string[], b: readonly string[]): Pair[] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  const at = (i: number, j: number) => (table[i] as number[])[j] as number;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      (table[i] as number[])[j] = a[i] === b[j] ? at(i + 1, j + 1) + 1 : Math.max(at(i + 1, j), at(i, j + 1));
    }
  }
  const out: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) out.push({ o: i++, n: j++ });
    else if (at(i + 1, j) >= at(i, j + 1)) out.push({ o: i++, n: null });
    else out.push({ o: null, n: j++ });
  }
  while (i < a.length) out.push({ o: i++, n: null });
  while (j < b.length) out.push({ o: null, n: j++ });
  return out;
}

/** The runs of unmatched entries between matches. */
export function gaps(pairs: readonly Pair[]): { olds: number[]; news: number[] }[] {
  const out: { olds: number[]; news: number[] }[] = [];
  let current = { olds: [] as number[], news: [] as number[] };
  for (const p of pairs) {
    if (p.o !== null && p.n !== null) {
      if (current.olds.length + current.news.length > 0) out.push(current);
      current = { olds: [], news: [] };
    } else if (p.o !== null) current.olds.push(p.o);
    else if (p.n !== null) current.news.push(p.n);
  }
  if (current.olds.length + current.news.length > 0) out.push(current);
  return out;
}

/** The rules reachable from the root of a schema (every rule when it has no root). */
export function reachableRules(ir: IrSchema): Set<string> {
  const rules = new Map(ir.rules.map((r) => [r.name, r]));
  const seen = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const target = record.kind === 'ref' && typeof record.rule === 'string' ? record.rule : record.kind === 'group' && typeof record.ref === 'string' ? record.ref : null;
    if (target !== null && !seen.has(target)) {
      seen.add(target);
      visit(rules.get(target));
    }
    for (const [key, v] of Object.entries(record)) if (key !== 'span') visit(v);
  };
  if (ir.root !== null) {
    seen.add(ir.root);
    visit(rules.get(ir.root));
  }
  return seen;
}
