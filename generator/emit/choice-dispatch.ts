/**
 * What a decoder can peek at to pick among a type choice's options without trying each (read-emitter.ts
 * readByFirstItem, readByMapKey): the single value an array option's first member has, or the values a map option's
 * member of some key has, and the cases of a switch on them.
 */
import type { DiscriminantValue, MapKey, MapStruct, Shape } from '../layout/shapes.js';
import { singleValue } from '../layout/arrays.js';
import type { EmitContext } from './context.js';
import { isObjectPrototypeName } from './syntax.js';

/** One case of a switch on a peeked value: the options (indices, in declared order) whose member has it. */
export interface ValueCase {
  value: DiscriminantValue;
  options: number[];
}

/** The cases for the values of `options` (`values[k]` those of `options[k]`, null for none), each value once, in the order met. */
export function valueCases(options: number[], values: (readonly DiscriminantValue[] | null)[]): ValueCase[] {
  const pairs = options.flatMap((option, k) => (values[k] ?? []).map((value) => ({ value, option })));
  return groupedInOrder(pairs, ({ value }) => discriminantId(value)).map((group) => ({ value: group[0]!.value, options: [...new Set(group.map((p) => p.option))] }));
}

/** Identifies a discriminant value (or a map key) by type and value: `1` and `"1"` apart. */
export function discriminantId(value: DiscriminantValue | MapKey): string {
  return `${value.type}:${String(value.value)}`;
}

/**
 * `items` in groups of those with one `idOf`, the groups in the order their first item is met, the items of each in
 * theirs: the cases of a switch the emitters write, each case once.
 */
export function groupedInOrder<T>(items: Iterable<T>, idOf: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const id = idOf(item);
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [item]);
    else group.push(item);
  }
  return [...groups.values()];
}

/**
 * Of the keys with values that options of a choice of maps have (mapKeyValues of each), the one that names the most
 * options (the first such, in the order the options have their keys), with each option's values for it; null where
 * none names two.
 */
export function namingKey(members: Map<string, NamingMember>[]): { key: MapKey; values: (DiscriminantValue[] | null)[] } | null {
  const named = new Map<string, { key: MapKey; count: number }>();
  for (const of of members) for (const [id, { key }] of of) named.set(id, { key, count: (named.get(id)?.count ?? 0) + 1 });
  const best = [...named.values()].reduce<{ key: MapKey; count: number } | null>((a, b) => (a === null || b.count > a.count ? b : a), null);
  if (best === null || best.count < 2) return null;
  return { key: best.key, values: members.map((of) => of.get(discriminantId(best.key))?.values ?? null) };
}

/**
 * The one integer or text value of the first member of an array (`[1, …]`, through rules), or null: where the array
 * may be empty or start otherwise, or the member has more values (layout/arrays.ts singleValue).
 */
export function firstItemValue(shape: Shape, ctx: EmitContext, seen: Set<string>): DiscriminantValue | null {
  if (shape.kind === 'rule') {
    const target = seen.has(shape.rule.name) ? undefined : ctx.shapes.get(shape.rule.name);
    return target === undefined ? null : firstItemValue(target, ctx, new Set([...seen, shape.rule.name]));
  }
  if (shape.kind !== 'array') return null;
  const layout = shape.layout;
  // Alternatives that share their first member (`forks` parting after it: RFC 8990's response-message), or whose first
  // members all have the one value.
  const firsts = layout.kind === 'record' || layout.kind === 'tuple' ? [layout.fields[0]] : layout.kind === 'forks' && layout.at > 0 ? [layout.variants[0]?.fields[0]] : layout.kind === 'variants' ? layout.variants.map((fields) => fields[0]) : [];
  const values = firsts.map((first) => (first === undefined || first.optional ? null : singleValue(first.type, ctx)));
  const value = values[0];
  if (value === null || value === undefined || values.some((v) => v?.type !== value.type || v.value !== value.value)) return null;
  return value;
}

/** A required member of a map whose value is one integer or text value: its key, its JavaScript property (null where options of a choice name it differently), and its values. */
export interface NamingMember {
  key: MapKey;
  name: string | null;
  values: DiscriminantValue[];
}

/**
 * The required members of a map (through rules, not general ones, whose values are CborMaps) whose key is an integer
 * (a JavaScript number) or a text string and whose value is one integer or text value (`type: "array"`), by key; for a
 * choice of maps (through rules), the keys every option has, each with all their values.
 */
export function mapKeyValues(shape: Shape, ctx: EmitContext, seen: Set<string>): Map<string, NamingMember> {
  if (shape.kind === 'rule') {
    const name = shape.rule.name;
    const target = seen.has(name) || ctx.general.has(name) ? undefined : ctx.shapes.get(name);
    return target === undefined ? new Map() : mapKeyValues(target, ctx, new Set([...seen, name]));
  }
  if (shape.kind === 'choice') return commonMembers(shape.options.map((o) => mapKeyValues(o.shape, ctx, seen)));
  if (shape.kind !== 'map') return new Map();
  // A group choice in a map (BiDi's `Event`, `{ type: "event", EventData, Extensible }` with EventData a choice of
  // methods): the members every alternative has, as for a choice of maps.
  if (shape.layout.kind === 'variants') return commonMembers(shape.layout.variants.map((struct) => structKeyValues(struct, ctx)));
  return structKeyValues(shape.layout, ctx);
}

/** mapKeyValues of one alternative of a map. */
function structKeyValues(struct: MapStruct, ctx: EmitContext): Map<string, NamingMember> {
  const found = new Map<string, NamingMember>();
  for (const field of struct.fields) {
    if (field.optional || (field.key.type === 'int' && !Number.isSafeInteger(Number(field.key.value)))) continue;
    const value = singleValue(field.type, ctx);
    if (value !== null) found.set(discriminantId(field.key), { key: field.key, name: field.name, values: [value] });
  }
  return found;
}

/** The members of `each` (mapKeyValues of options or alternatives) whose key all have, each with all their values. */
function commonMembers(each: Map<string, NamingMember>[]): Map<string, NamingMember> {
  const common = new Map<string, NamingMember>();
  for (const [id, { key, name }] of each[0] ?? []) {
    if (!each.every((of) => of.has(id))) continue;
    const named = each.every((of) => of.get(id)?.name === name) ? name : null;
    common.set(id, { key, name: named, values: each.flatMap((of) => of.get(id)?.values ?? []) });
  }
  return common;
}

/**
 * The first of those members (mapKeyValues) whose values are all text, as the JavaScript property guards and
 * encoders read (never one of Object.prototype's names), with its values; null where there is none.
 */
export function namingTextMember(shape: Shape, ctx: EmitContext): { name: string; values: string[] } | null {
  for (const member of mapKeyValues(shape, ctx, new Set()).values()) {
    if (member.name === null || isObjectPrototypeName(member.name) || !member.values.every((v) => v.type === 'text')) continue;
    return { name: member.name, values: [...new Set(member.values.map((v) => v.value as string))] };
  }
  return null;
}

/**
 * The keys a map of `shape` must have (through rules, not general ones), as alternatives: a map of the shape has every
 * key of at least one of them. One per alternative of a map (its required members of a text key, or of an integer key
 * a JavaScript number holds) and per option of a choice of maps; null where one has none, or is no map the typed
 * layouts read. A map that has every key of none of them is no value of the shape, so a decoder need not try it there
 * (read-emitter.ts readByMapKey and readByRequiredKeys, read-maps.ts).
 */
export function requiredMapKeys(shape: Shape, ctx: EmitContext, seen: Set<string>): MapKey[][] | null {
  if (shape.kind === 'rule') {
    const name = shape.rule.name;
    const target = seen.has(name) || ctx.general.has(name) ? undefined : ctx.shapes.get(name);
    return target === undefined ? null : requiredMapKeys(target, ctx, new Set([...seen, name]));
  }
  if (shape.kind === 'choice') {
    const each = shape.options.map((o) => requiredMapKeys(o.shape, ctx, seen));
    return each.some((keys) => keys === null) ? null : (each as MapKey[][][]).flat();
  }
  if (shape.kind !== 'map') return null;
  const structs = shape.layout.kind === 'struct' ? [shape.layout] : shape.layout.variants;
  const alternatives = structs.map(structRequiredKeys);
  return alternatives.some((keys) => keys.length === 0) ? null : alternatives;
}

/** The keys of a map alternative's required members that a decoder can look for: text keys, and integers a JavaScript number holds. */
export function structRequiredKeys(struct: MapStruct): MapKey[] {
  return struct.fields.filter((f) => !f.optional && (f.key.type === 'text' || Number.isSafeInteger(Number(f.key.value)))).map((f) => f.key);
}

/** The keys once each, in the order met. */
export function uniqueKeys(keys: readonly MapKey[]): MapKey[] {
  return [...new Map(keys.map((key) => [discriminantId(key), key])).values()];
}
