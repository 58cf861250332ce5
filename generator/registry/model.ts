/**
 * The registries of a schema, read off its IR: every enumeration rule with
 * its values (name, value, where it is defined, comment), and every type
 * choice whose options are all enumerations (`baseStatus / $extStatus /
 * unknownStatus`), whose values are looked up together. Both the emitter
 * (`generator/emit/registry.ts`) and `mimi-codegen registry` read this.
 */
import type { IrEntry, IrEnumValue, IrLiteral, IrRule, IrSchema, IrSpan, IrType } from '../ir/types.js';

/** What one named value stands for: a single literal, a range of them, or (exotically) some other type. */
export type RegistryValue =
  | { kind: 'literal'; literal: IrLiteral }
  | { kind: 'range'; min: IrLiteral; max: IrLiteral; inclusive: boolean }
  | { kind: 'other'; type: IrType };

export interface RegistryEntry {
  /** The member name, or null where the CDDL gave none. */
  name: string | null;
  value: RegistryValue;
  doc: string | null;
  /** Where the value is defined: its file is the value's origin (the draft, or an extension file). */
  span: IrSpan;
}

/** One enumeration rule and its values, in definition order (file order, then source order). */
export interface EnumRegistry {
  rule: IrRule;
  entries: RegistryEntry[];
}

/** A type choice whose every option is an enumeration rule. */
export interface ChoiceRegistry {
  /** The enumeration rules, in the order of the choice, each once. */
  options: EnumRegistry[];
  /**
   * The rule the registry is named after: the rule whose whole type is the choice
   * (`status = baseStatus / $extStatus / unknownStatus`), else the choice's first
   * option that no other file can extend (`baseStatus`).
   */
  namedAfter: IrRule;
  /** True when `namedAfter` is the rule whose type is the choice. */
  ownRule: boolean;
  /** Where the choice is written (the rule, or the member whose type it is). */
  span: IrSpan;
  /** The choice in CDDL notation, for documentation and messages. */
  cddl: string;
}

/** Every enumeration rule of the schema, in rule order. */
export function enumRegistries(schema: IrSchema): EnumRegistry[] {
  const rules = new Map(schema.rules.map((r) => [r.name, r]));
  return schema.rules.flatMap((rule) => {
    if (rule.kind !== 'type' || rule.type?.kind !== 'enum') return [];
    return [{ rule, entries: rule.type.values.map((v) => registryEntry(v, rules)) }];
  });
}

function registryEntry(value: IrEnumValue, rules: ReadonlyMap<string, IrRule>): RegistryEntry {
  return { name: value.name, value: registryValue(value.type, rules, new Set()), doc: value.doc, span: value.span };
}

/** The value a type stands for, looking through references to constant rules (`nullpart = 0`). */
function registryValue(type: IrType, rules: ReadonlyMap<string, IrRule>, seen: Set<string>): RegistryValue {
  if (type.kind === 'literal') return { kind: 'literal', literal: type.value };
  if (type.kind === 'range') return { kind: 'range', min: type.min, max: type.max, inclusive: type.inclusive };
  if (type.kind === 'ref' && !seen.has(type.rule)) {
    const target = rules.get(type.rule)?.type;
    if (target !== undefined) {
      seen.add(type.rule);
      const value = registryValue(target, rules, seen);
      if (value.kind !== 'other') return value;
    }
  }
  return { kind: 'other', type };
}

/**
 * Every type choice whose options are all enumeration rules, once per set of
 * options: a rule whose type is such a choice first (in rule order), then the
 * choices written inline (in rule order, then source order).
 */
export function choiceRegistries(schema: IrSchema, enums: readonly EnumRegistry[] = enumRegistries(schema)): ChoiceRegistry[] {
  const rules = new Map(schema.rules.map((r) => [r.name, r]));
  const byName = new Map(enums.map((e) => [e.rule.name, e]));

  /** The enumeration rule a type names, through aliases (`myStatus = baseStatus`), or null. */
  const enumOf = (type: IrType, seen: Set<string>): EnumRegistry | null => {
    if (type.kind !== 'ref' || seen.has(type.rule)) return null;
    seen.add(type.rule);
    const found = byName.get(type.rule);
    if (found !== undefined) return found;
    const target = rules.get(type.rule)?.type;
    return target === undefined ? null : enumOf(target, seen);
  };

  const options = (type: IrType): EnumRegistry[] | null => {
    if (type.kind !== 'choice' || type.options.length < 2) return null;
    const found: EnumRegistry[] = [];
    for (const option of type.options) {
      const e = enumOf(option, new Set());
      if (e === null) return null;
      if (!found.includes(e)) found.push(e);
    }
    return found.length < 2 ? null : found;
  };

  const found = new Map<string, ChoiceRegistry>();
  const add = (type: IrType, span: IrSpan, own: IrRule | null): void => {
    const opts = options(type);
    if (opts === null) return;
    const key = opts.map((o) => o.rule.name).sort().join('\n');
    if (found.has(key)) return;
    const namedAfter = own ?? (opts.find((o) => !o.rule.socket) ?? (opts[0] as EnumRegistry)).rule;
    found.set(key, { options: opts, namedAfter, ownRule: own !== null, span, cddl: opts.map((o) => o.rule.name).join(' / ') });
  };

  const typeRules = schema.rules.filter((r) => r.kind === 'type' && r.type !== undefined);
  for (const rule of typeRules) add(rule.type as IrType, rule.span, rule);
  for (const rule of typeRules) visitInline(rule.type as IrType, rule.span, true, (type, span) => add(type, span, null));
  return [...found.values()];
}

/** Calls `found` for every choice inside `type` (and for `type` itself unless `top`), with the span of the nearest member. */
function visitInline(type: IrType, span: IrSpan, top: boolean, found: (type: IrType, span: IrSpan) => void): void {
  switch (type.kind) {
    case 'choice':
      if (!top) found(type, span);
      for (const option of type.options) visitInline(option, span, false, found);
      return;
    case 'array':
    case 'map':
      for (const entry of type.group.choices.flatMap((c) => c.entries)) visitEntry(entry, found);
      return;
    case 'tag':
      visitInline(type.type, span, false, found);
      return;
    case 'control':
      visitInline(type.target, span, false, found);
      return;
    default:
      return;
  }
}

function visitEntry(entry: IrEntry, found: (type: IrType, span: IrSpan) => void): void {
  if (entry.kind === 'member') {
    visitInline(entry.type, entry.span, false, found);
    if (entry.key?.kind === 'type') visitInline(entry.key.type, entry.span, false, found);
    return;
  }
  for (const inner of entry.group?.choices.flatMap((c) => c.entries) ?? []) visitEntry(inner, found);
}

/**
 * Orders entries by value: numbers (a range by its lower bound) before text,
 * text before anything else; equal keys keep their definition order.
 */
export function byValue(entries: readonly RegistryEntry[]): RegistryEntry[] {
  const keyed = entries.map((entry, index) => ({ entry, index, key: sortKey(entry.value) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key) || a.index - b.index);
  return keyed.map((k) => k.entry);
}

type SortKey = { rank: 0; n: bigint | number; m: bigint | number } | { rank: 1 | 2; s: string };

function sortKey(value: RegistryValue): SortKey {
  const num = (l: IrLiteral): bigint | number | null => (l.type === 'int' ? BigInt(l.value) : l.type === 'float' ? l.value : null);
  if (value.kind === 'literal') {
    const n = num(value.literal);
    if (n !== null) return { rank: 0, n, m: n };
    if (value.literal.type === 'text') return { rank: 1, s: value.literal.value };
    return { rank: 2, s: JSON.stringify(value.literal) };
  }
  if (value.kind === 'range') {
    const n = num(value.min);
    const m = num(value.max);
    if (n !== null && m !== null) return { rank: 0, n, m };
  }
  return { rank: 2, s: JSON.stringify(value) };
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  if (a.rank === 0 && b.rank === 0) return compareNumbers(a.n, b.n) || compareNumbers(a.m, b.m);
  const s = (k: SortKey) => (k.rank === 0 ? '' : k.s);
  return s(a) < s(b) ? -1 : s(a) > s(b) ? 1 : 0;
}

function compareNumbers(a: bigint | number, b: bigint | number): number {
  // Mixed bigint and number compare correctly with < and >.
  return a < b ? -1 : a > b ? 1 : 0;
}
