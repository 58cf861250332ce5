/**
 * The members of a group and its alternatives (group choices, spliced groups, optional groups), shared by array and map layouts.
 */
import type { IrEntry, IrGroup, IrSpan, IrType } from '../ir/types.js';
import { type MapKey, type Shape, type ShapeContext, shapeOf } from './shapes.js';
import { unsupported } from './layout-diagnostics.js';
import { dataApart } from './rest-ends.js';
import { fixedKey } from './maps.js';
import { takesFixedKey } from './map-rests.js';
import { implies } from './implication.js';

// ---- arrays and maps -----------------------------------------------------------

/** A member of an alternative, with the named group it was spliced from (if any), which names computed-key entries. */
export type Member = Extract<IrEntry, { kind: 'member' }> & { via?: string; counted?: Counted; excludes?: IrType };

/** The repeated map group a member was made optional from, with its occurrence: members sharing one object count together. */
export interface Counted {
  min: number;
  max: number | null;
}

/** An alternative of an array or map that no data item can match (a key that must occur twice), why, and where. */
export interface Impossible {
  kind: 'impossible';
  reason: string;
  span: IrSpan;
}

/** More alternatives than this (optional groups multiply) is refused rather than emitted. */
export const MAX_ALTERNATIVES = 64;

/**
 * The alternatives a group stands for, each a list of members: group choices
 * and spliced groups expanded. In an array, `? ( … )` doubles the
 * alternatives (with and without, all or none); in a map, `*`-repeated
 * groups contribute their members as optional (each key at most once).
 */
export function alternatives(group: IrGroup, ctx: ShapeContext, seen: Set<string>, context: 'array' | 'map', map: IrGroup = group): Member[][] {
  const result: Member[][] = [];
  for (const choice of group.choices) {
    let alts: Member[][] = [[]];
    for (const entry of choice.entries) {
      if (entry.kind === 'member') {
        alts = alts.map((a) => [...a, entry]);
        continue;
      }
      const inner = splicedGroup(entry, ctx, seen);
      if (entry.ref !== null) seen.add(entry.ref);
      const via = entry.ref;
      const innerAlts = alternatives(inner, ctx, seen, context, map).map((alt) => (via === null ? alt : alt.map((m) => ({ ...m, via: m.via ?? via }))));
      if (via !== null) seen.delete(via);
      const { min, max } = entry.occurrence;
      // An empty group (a socket nobody fills) that may occur zero times adds nothing.
      if (innerAlts.length === 0 && min === 0) continue;
      const only = innerAlts.length === 1 && innerAlts[0]?.length === 1 ? innerAlts[0][0] : undefined;
      if (min === 1 && max === 1) alts = cross(alts, innerAlts);
      else if (only !== undefined && occurrencesMultiply(only.occurrence, entry.occurrence)) {
        // `? (x: int)` is `? x: int`, `* (+ int)` is `* int`: one member whose occurrences multiply.
        const occurrence = { min: min * only.occurrence.min, max: max === null || only.occurrence.max === null ? null : max * only.occurrence.max };
        alts = alts.map((a) => [...a, { ...only, occurrence }]);
      } else if (context === 'map' && min === 0 && (max === 1 || (innerAlts.length === 1 && innerAlts[0]?.every((m) => fixedKey(m, ctx) !== null))) && cutBesideComputedKeys(innerAlts, map, ctx)) {
        const readings = cutGroupReadings(innerAlts, choice.entries, map, ctx);
        if (readings === null) return unsupported(ctx, entry.span, 'an optional group with a member with a cut in a map with computed keys or another member of its key (the cut fails the whole map, RFC 8610 §3.5.4, which the alternative without the group does not say)');
        alts = cross(alts, readings);
      } else if (min === 0 && max === 1) alts = [...alts, ...cross(alts, innerAlts)];
      else if (context === 'map' && min === 0 && max === null && innerAlts.every((alt) => alt.length === 1 && (alt[0] as Member).occurrence.min <= 1)) {
        // Keys are unique, so a repeated choice of keyed members is each member at most once; computed keys repeat.
        const members = innerAlts.flat().map((m) => ({ ...m, occurrence: { min: 0, max: fixedKey(m, ctx) === null ? null : 1 } }));
        alts = alts.map((a) => [...a, ...members]);
      } else if (context === 'map' && innerAlts.every((alt) => alt.length === 1 && (alt[0] as Member).occurrence.min === 1 && (alt[0] as Member).occurrence.max === 1)) {
        // `+ (a => int // b => tstr // nint => any)`: each keyed member at most once, computed keys any number of times, and min..max entries in all.
        const counted: Counted = { min, max };
        const members = innerAlts.flat().map((m) => ({ ...m, occurrence: { min: 0, max: fixedKey(m, ctx) === null ? null : 1 }, counted }));
        alts = alts.map((a) => [...a, ...members]);
      } else if (context === 'map' && min <= 1 && innerAlts.length === 1 && innerAlts[0]?.every((m) => fixedKey(m, ctx) !== null)) {
        // A group of keyed members can occur at most once, so `* (x: int, y: int)` is `? (x: int, y: int)`.
        alts = min === 0 ? [...alts, ...cross(alts, innerAlts)] : cross(alts, innerAlts);
      } else if (only !== undefined) {
        const inner = only.occurrence;
        return unsupported(ctx, entry.span, `a member repeated ${inner.min}*${inner.max ?? ''} in a group repeated ${min}*${max ?? ''} inside ${context === 'array' ? 'an array' : 'a map'}, whose counts do not multiply (occurrences are greedy, RFC 8610 Appendix A)`);
      } else {
        // In an array, repeated-groups.ts lays out one such group between members that occur once, or after it optionally; not this.
        if (context === 'array') return unsupported(ctx, entry.span, `a group of several members repeated ${min}*${max ?? ''} inside an array, beside a group choice, another repeated member, or an optional member before it (the typed layout repeats one group between members that occur once before it and once, then optionally, after it)`);
        return unsupported(ctx, entry.span, `a group of several members repeated ${min}*${max ?? ''} inside a map`);
      }
      if (alts.length > MAX_ALTERNATIVES) return unsupported(ctx, entry.span, `more than ${MAX_ALTERNATIVES} alternatives from group choices and optional groups`);
    }
    result.push(...alts);
  }
  return result;
}

/**
 * Whether `n*m (member)` is the one member `n·a * m·b`, its occurrence `a*b`. Occurrences are
 * greedy (RFC 8610 Appendix A, and a map group's entries likewise): each takes `b` items while it
 * can, the last what is left, if at least `a`. So every count in between is met when an occurrence
 * may take one item (`a ≤ 1`) and the outer count asks for at most one occurrence or each takes
 * one item (`b = 1`), or when both counts are fixed. `[* (2*3 int)]` with one integer, or
 * `2* (1*3 int)` with two (the first occurrence takes both), is not.
 */
function occurrencesMultiply(inner: Counted, outer: Counted): boolean {
  if (inner.min <= 1 && (outer.min <= 1 || inner.max === 1)) return true;
  return outer.min === outer.max && inner.min === inner.max;
}

/**
 * Whether an optional group (`? (x: int, y: int)`, `? (x: int // y: tstr)`) with a member with a
 * cut (`key:`, `^ =>`) is in a map with computed keys: the layouts read it as two alternatives, with
 * the group and without, and without it its keys would go to the computed keys; but the group is
 * tried first, and a key it takes with a value of another type fails the whole map (RFC 8610
 * §3.5.4). A group of one member is that member, optional, and keeps its cut.
 */
function cutBesideComputedKeys(innerAlts: Member[][], map: IrGroup, ctx: ShapeContext): boolean {
  const cuts = innerAlts.flat().filter((m) => m.key !== null && (m.key.kind === 'value' || m.key.cut));
  if (cuts.length === 0) return false;
  if (hasComputedKey(map, ctx)) return true;
  // Another member of the map with the key takes it when the group is left out (`+ "x" ^ => nil` beside `? (+ x: int)`).
  return keyTakenOutside(cuts, innerAlts.flat(), map, ctx);
}

/**
 * Whether a member of the map outside `group` (its members) has the key of one of `keyed`: it would take that entry when
 * the group is left out. Members are told by where they are written: a spliced group's come as copies that name the group.
 */
function keyTakenOutside(keyed: readonly Member[], group: readonly Member[], map: IrGroup, ctx: ShapeContext): boolean {
  const place = (m: Member) => `${m.span.file}:${m.span.line}:${m.span.col}`;
  const inGroup = new Set(group.map(place));
  const keys = new Set(keyed.map((m) => JSON.stringify(fixedKey(m, ctx)?.key ?? null)));
  return membersOf(map, ctx, new Set()).some((m) => !inGroup.has(place(m)) && keys.has(JSON.stringify(fixedKey(m, ctx)?.key ?? null)));
}

/**
 * An optional group of members of one key each, all with a cut, beside computed-key entries that take
 * every entry of theirs (`? (? x: int, y: tstr)` or `? (socksProxy: text, socksVersion: 0..255)` beside
 * `* tstr => any`): the maps it is read in, as alternatives of members, or null for any other group.
 * The matcher tries the group first and reads its members in order: a key of it with a value of
 * another type fails the map (the cut, RFC 8610 §3.5.4), as the member alone does. Either the group
 * takes its entries (every member it needs is there: the members as written), or it stops at the
 * first member it needs that is missing, and the computed keys take every entry of the map it did not:
 * the members before that one each present where needed and of their own type (their cuts were
 * read), that one absent, and those after it never read, so of any value the computed keys take.
 * These readings never meet (they differ in which needed member is missing first), and the data is
 * the same whichever member takes an entry. With no member needed, or only the last, they are one:
 * each member optional.
 */
function cutGroupReadings(innerAlts: Member[][], beside: readonly IrEntry[], map: IrGroup, ctx: ShapeContext): Member[][] | null {
  const choice = innerAlts.length > 1 && innerAlts.every((alt) => alt.length === 1 && (alt[0] as Member).occurrence.min === 1);
  const members = innerAlts.length === 1 ? (innerAlts[0] as Member[]) : choice ? innerAlts.map((alt) => alt[0] as Member) : null;
  if (members === null || members.length < 2 || !members.every((m) => m.occurrence.max === 1 && m.key !== null && (m.key.kind === 'value' || m.key.cut) && fixedKey(m, ctx) !== null)) return null;
  if (keyTakenOutside(members, members, map, ctx)) return null;
  // Alternatives of one key each, of types a guard can test a value against (choiceReadings' exclusions).
  if (choice && new Set(members.map((m) => JSON.stringify(fixedKey(m, ctx)?.key))).size < members.length) return null;
  if (choice && !members.every((m) => testable(shapeOf(m.type, ctx, m.span)))) return null;
  // Computed keys read wherever the group is: beside it, or in a group spliced in once, any number of entries, none needed.
  const rests = presentMembers(beside, ctx, new Set()).filter((m) => m.key?.kind === 'type' && fixedKey(m, ctx) === null && m.occurrence.min === 0 && m.occurrence.max === null);
  const keyOf = (m: Member): Shape => shapeOf({ kind: 'literal', value: fixedKey(m, ctx)?.key as MapKey }, ctx, m.span);
  const restKey = (rest: Member): Shape => shapeOf((rest.key as { type: IrType }).type, ctx, rest.span);
  const within = (m: Member, rest: Member): boolean => implies(keyOf(m), restKey(rest), ctx) && implies(shapeOf(m.type, ctx, m.span), shapeOf(rest.type, ctx, rest.span), ctx);
  if (!members.every((m) => rests.some((rest) => within(m, rest)))) return null;
  const optional = (m: Member, type: IrType = m.type): Member => ({ ...m, type, occurrence: { min: 0, max: 1 } });
  const needed = members.flatMap((m, i) => (m.occurrence.min > 0 ? [i] : []));
  if (!choice && (needed.length === 0 || (needed.length === 1 && needed[0] === members.length - 1))) return [members.map((m) => optional(m))];
  // What the computed keys take of a key the group never read: the values of every one whose keys hold it. One elsewhere
  // in the map that may hold it (in another alternative, needed, or bounded) would make that depend on the rest: general.
  const computed = membersOf(map, ctx, new Set()).filter((m) => m.key?.kind === 'type' && fixedKey(m, ctx) === null);
  const takenBy = (m: Member): IrType | null => {
    const taking = computed.filter((rest) => !dataApart(keyOf(m), restKey(rest), ctx));
    if (!taking.every((rest) => rests.some((r) => r.span === rest.span || samePlace(r, rest)) && implies(keyOf(m), restKey(rest), ctx))) return null;
    return taking.length === 1 ? (taking[0] as Member).type : { kind: 'choice', options: taking.map((rest) => rest.type) };
  };
  if (choice) return choiceReadings(members, takenBy, optional);
  const readings: Member[][] = [members];
  for (const missing of needed) {
    const reading: Member[] = [];
    for (const [i, m] of members.entries()) {
      const after = i > missing ? takenBy(m) : null;
      if (i > missing && after === null) return null;
      reading.push(i < missing ? m : i === missing ? optional(m, NOTHING) : optional(m, after as IrType));
    }
    readings.push(reading);
  }
  return readings;
}

/**
 * The readings of an optional choice of members of one key each, all with a cut (`? (redacted: R // amended: A)` beside
 * `* tstr => any`, vCon's). The matcher tries the alternatives in order: the first whose key is there with a value of
 * its type takes that entry; one whose key is there with a value of another type fails, which only a later alternative
 * that matches undoes (the cut, templates/matcher-groups.ts); with none matching, the group is left out, unless a cut
 * failed. Every entry the group does not take is the computed keys'. So a reading per alternative: its member as
 * written; the keys of those before it absent or of a value not of their type (`excludes`: the decoder tries the
 * readings in order, and the guards refuse such a value, which would be read back as that earlier alternative's),
 * the computed keys' either way; those after it the computed keys', of any value they take. And one reading with none
 * of the keys: one there with a value of another type failed its cut. The readings never meet.
 */
function choiceReadings(members: readonly Member[], takenBy: (m: Member) => IrType | null, optional: (m: Member, type?: IrType) => Member): Member[][] | null {
  const readings: Member[][] = [];
  for (const [k, taking] of members.entries()) {
    const reading: Member[] = [];
    for (const [j, m] of members.entries()) {
      if (j === k) {
        reading.push(taking);
        continue;
      }
      const taken = takenBy(m);
      if (taken === null) return null;
      reading.push(j < k ? { ...optional(m, taken), excludes: m.type } : optional(m, taken));
    }
    readings.push(reading);
  }
  readings.push(members.map((m) => optional(m, NOTHING)));
  return readings;
}

/**
 * Whether a guard can tell a value of this shape from others (an exclusion's test, emit/guard-members.ts `ofFieldType`):
 * a scalar, a rule (its decoder decides for a CborAny), or a choice of them; not an inline array or map.
 */
function testable(shape: Shape): boolean {
  if (shape.kind === 'choice') return shape.options.every((o) => testable(o.shape));
  return shape.kind !== 'array' && shape.kind !== 'map' && shape.kind !== 'tagged' && shape.kind !== 'tag';
}

/** The type no data item has: a member of it is a key that must be absent. */
const NOTHING: IrType = { kind: 'choice', options: [] };

/** Whether two members are the one written at one place (a spliced group's come as copies). */
function samePlace(a: Member, b: Member): boolean {
  return a.span.file === b.span.file && a.span.line === b.span.line && a.span.col === b.span.col;
}

/** The members read wherever these entries are: theirs, and those of groups spliced in once that have no alternatives. */
function presentMembers(entries: readonly IrEntry[], ctx: ShapeContext, seen: Set<string>): Member[] {
  return entries.flatMap((entry): Member[] => {
    if (entry.kind === 'member') return [entry];
    if (entry.occurrence.min !== 1 || entry.occurrence.max !== 1 || (entry.ref !== null && seen.has(entry.ref))) return [];
    const inner = groupOf(entry, ctx);
    if (inner === null || inner.choices.length !== 1) return [];
    return presentMembers(inner.choices[0]?.entries ?? [], ctx, entry.ref === null ? seen : new Set([...seen, entry.ref]));
  });
}

/** Every member of a group (an array's or a map's), spliced groups included, each once. */
export function membersOf(group: IrGroup, ctx: ShapeContext, seen: Set<string>): Member[] {
  const members: Member[] = [];
  for (const choice of group.choices) {
    for (const entry of choice.entries) {
      if (entry.kind === 'member') members.push(entry);
      else if (entry.ref === null || !seen.has(entry.ref)) {
        if (entry.ref !== null) seen.add(entry.ref);
        const inner = groupOf(entry, ctx);
        if (inner !== null) members.push(...membersOf(inner, ctx, seen));
      }
    }
  }
  return members;
}

/**
 * The members of a group (spliced groups included) that may take any number of entries: unbounded
 * themselves (`* tstr => any`), or inside a spliced group that is (`* key-value-pair`, a group rule of
 * one member), as {@link membersOf} gives them.
 */
export function unboundedMembers(group: IrGroup, ctx: ShapeContext): Set<Member> {
  const unbounded = new Set<Member>();
  const visit = (g: IrGroup, repeated: boolean, seen: ReadonlySet<string>): void => {
    for (const choice of g.choices) {
      for (const entry of choice.entries) {
        const many = repeated || entry.occurrence.max === null;
        if (entry.kind === 'member') {
          if (many) unbounded.add(entry);
        } else if (entry.ref === null || !seen.has(entry.ref)) {
          const inner = groupOf(entry, ctx);
          if (inner !== null) visit(inner, many, entry.ref === null ? seen : new Set([...seen, entry.ref]));
        }
      }
    }
  };
  visit(group, false, new Set());
  return unbounded;
}

/** Whether a map's group (spliced groups included) has a member whose key is no single value. */
function hasComputedKey(group: IrGroup, ctx: ShapeContext): boolean {
  return membersOf(group, ctx, new Set()).some((m) => fixedKey(m, ctx) === null);
}

/**
 * A member with a cut inside a spliced group that the general matcher reaches after an entry that
 * may take its key: it matches the entries of a sequence by tiers (members with a cut, then those
 * of one literal key, then the others in the order written, spliced groups among them), so in
 * `{ ? int => "s", (z: uint // 1 ^ => uint) }` the `int => "s"` takes `{1: "s"}` before the
 * group's cut member sees it. The typed layouts flatten the group and let every cut claim its key
 * first, which would refuse that map. Likewise computed keys with a cut around a group choice or a
 * repeated group, wherever written: the matcher reaches them before such a group, whose members the
 * typed layouts would let claim the key first where written earlier (`{ (? -1 ^ => int, c: "a" //
 * a: int), + (-3..-1) ^ => bstr }` given `{-1: h'', "c": "a"}`). Such a map is left to the matcher:
 * the member (for its span and key) or null. A group the matcher splices in whole (no occurrence,
 * one alternative: `{ ? tstr => float, g }`, `g = (p: float, t: int)`) is its members written in
 * its place, as the typed layouts read it too: no deeper than they are.
 */
export function cutOvertaken(group: IrGroup, ctx: ShapeContext): Member | null {
  return overtakenIn(group, ctx, { computed: false, literals: new Set(), cutKeysBefore: [] }, 0, new Set());
}

/** What may take entries before a nested group's members. */
interface Earlier {
  /** A computed key written earlier. */
  computed: boolean;
  /** Keys of one literal without a cut. */
  literals: Set<string>;
  /**
   * The key types of computed keys with a cut, wherever written, in the sequences around the nearest group on the way
   * that the matcher does not splice in whole (a group choice, an occurrence): their first tier, which it reaches before
   * such a group.
   */
  cutKeysBefore: IrType[];
}

function overtakenIn(group: IrGroup, ctx: ShapeContext, outer: Earlier, depth: number, seen: Set<string>): Member | null {
  for (const choice of group.choices) {
    const literals = new Set(outer.literals);
    for (const entry of choice.entries) {
      if (entry.kind !== 'member' || entry.key === null || entry.key.kind === 'value' || entry.key.cut) continue;
      const key = fixedKey(entry, ctx);
      if (key !== null) literals.add(JSON.stringify(key.key));
    }
    const cutKeys = [...outer.cutKeysBefore, ...cutComputedKeys(choice.entries, ctx, new Set(seen))];
    let computed = outer.computed;
    for (const entry of choice.entries) {
      if (entry.kind === 'member') {
        const key = entry.key === null ? null : fixedKey(entry, ctx);
        const cut = entry.key !== null && (entry.key.kind === 'value' || entry.key.cut);
        if (depth > 0 && key !== null && (computed || (cut && literals.has(JSON.stringify(key.key))))) return entry;
        if (key !== null && outer.cutKeysBefore.some((type) => takesFixedKey(type, key.key, ctx))) return entry;
        if (entry.key !== null && key === null) computed = true;
        continue;
      }
      if (entry.ref !== null && seen.has(entry.ref)) continue;
      const inner = groupOf(entry, ctx);
      if (inner === null) continue;
      if (entry.ref !== null) seen.add(entry.ref);
      // A group spliced in whole is its members written in its place (the matcher's tiers take them so): no deeper.
      const whole = splicedWhole(entry, inner);
      const found = overtakenIn(inner, ctx, { computed, literals, cutKeysBefore: whole ? outer.cutKeysBefore : cutKeys }, whole ? depth : depth + 1, seen);
      if (entry.ref !== null) seen.delete(entry.ref);
      if (found !== null) return found;
      if (hasComputedKey(inner, ctx)) computed = true;
    }
  }
  return null;
}

/** Whether the matcher splices a group in whole, its members taking their tiers where written (no occurrence, one alternative). */
function splicedWhole(entry: Extract<IrEntry, { kind: 'group' }>, inner: IrGroup): boolean {
  return entry.occurrence.min === 1 && entry.occurrence.max === 1 && inner.choices.length === 1;
}

/** The key types of the computed keys with a cut among `entries` and the groups they splice in whole: the matcher's first tier of that sequence. */
function cutComputedKeys(entries: readonly IrEntry[], ctx: ShapeContext, seen: Set<string>): IrType[] {
  const keys: IrType[] = [];
  for (const entry of entries) {
    if (entry.kind === 'member') {
      if (entry.key?.kind === 'type' && entry.key.cut && fixedKey(entry, ctx) === null) keys.push(entry.key.type);
      continue;
    }
    if (entry.ref !== null && seen.has(entry.ref)) continue;
    const inner = groupOf(entry, ctx);
    if (inner === null || !splicedWhole(entry, inner)) continue;
    if (entry.ref !== null) seen.add(entry.ref);
    keys.push(...cutComputedKeys((inner.choices[0] as IrGroup['choices'][number]).entries, ctx, seen));
  }
  return keys;
}

/** The group a group entry splices in (inline, or a rule's), or null for an unknown rule: for the walks above, which leave refusing it to {@link splicedGroup}. */
function groupOf(entry: Extract<IrEntry, { kind: 'group' }>, ctx: ShapeContext): IrGroup | null {
  return (entry.ref === null ? entry.group : ctx.rules.get(entry.ref)?.group) ?? null;
}

export function splicedGroup(entry: Extract<IrEntry, { kind: 'group' }>, ctx: ShapeContext, seen: Set<string>): IrGroup {
  if (entry.ref === null) return entry.group ?? { choices: [] };
  if (seen.has(entry.ref)) return unsupported(ctx, entry.span, `group '${entry.ref}' that contains itself`);
  const inner = ctx.rules.get(entry.ref)?.group;
  if (inner === undefined) return unsupported(ctx, entry.span, `unknown group '${entry.ref}'`);
  return inner;
}

function cross(prefixes: Member[][], suffixes: Member[][]): Member[][] {
  return prefixes.flatMap((p) => suffixes.map((s) => [...p, ...s]));
}
