/**
 * The `groups` layout: an array that is one group of several members, repeated, maybe between
 * members that occur once (`[int, * (tstr, int)]`, `[1*2 (int, tstr), bool]`,
 * `[+ (id: uint, name: tstr), ? bool]`), read as RFC 8610 Appendix A reads it (arrays.ts has the
 * other array layouts, and the helpers both use).
 */
import { printType } from '../ir/print.js';
import type { IrEntry, IrGroup } from '../ir/types.js';
import { type ArrayLayout, type DiscriminantValue, type Field, type GroupDiscriminant, type GroupVariant, type NeverShape, type Shape, type ShapeContext, admitsUndefined, shapeOf } from './shapes.js';
import { matchesNothing, unsupported } from './layout-diagnostics.js';
import { MAX_ALTERNATIVES, type Member, alternatives, splicedGroup } from './groups.js';
import { implies } from './implication.js';
import { dataApart, jsApart, majorsApart } from './rest-ends.js';
import { alwaysReadsAfter, couldReadAfter } from './repeated-groups-ends.js';
import { hasNoValue } from './maps.js';
import { admits, arrayLayout, assertSeparable, occursNoTime, expandMiddleOptionals, expandTrailingOptionals, isExactlyTestable, isOnce, isOptional, noteDepartures, namedUniquely, positionalFields, requiredRun, singleValue } from './arrays.js';

/**
 * An array that is one group of several members, repeated (`[ * (int, tstr) ]`,
 * `[ + (SUIT_Condition // SUIT_Directive) ]`), maybe between members that occur
 * once (`[int, * (tstr, int)]`, `[1*2 (int, tstr), bool]`); null for any other array.
 * Each alternative of the group must be a fixed run of required members, so
 * that a repetition's length is known once its alternative is. The members
 * before it are read in turn, and the repetitions take every item after them
 * up to the first of the members after them: RFC 8610 Appendix A repeats the
 * group while it matches. Where that member starts with a kind of data item
 * (a major type) no repetition starts with, such an item is where it stops;
 * else where one more repetition fails to read (repeated-groups-ends.ts).
 */
export function repeatedGroupLayout(group: IrGroup, ctx: ShapeContext): ArrayLayout | NeverShape | null {
  const entries = group.choices.length === 1 ? (group.choices[0]?.entries ?? []) : [];
  const repeated = entries.filter((e) => e.kind === 'group' && e.occurrence.max !== 1);
  const entry = repeated.length === 1 ? repeated[0] : undefined;
  if (entry?.kind !== 'group') return null;
  const { min, max } = entry.occurrence;
  const at = entries.indexOf(entry);
  const prefix = at === 0 ? [] : leadingMembers({ choices: [{ entries: entries.slice(0, at) }] }, ctx);
  const suffix = entries.length === at + 1 ? [] : trailingMembers({ choices: [{ entries: entries.slice(at + 1) }] }, ctx);
  if (prefix === null || suffix === null) return null;
  // Optional members before the repetitions (`[uint, ? tstr, * (int, bstr)]`) with members after them too stay general.
  if (prefix.some(isOptional) && suffix.length > 0) return null;
  const inner = splicedGroup(entry, ctx, new Set());
  const seen = new Set(entry.ref === null ? [] : [entry.ref]);
  const written = alternatives(inner, ctx, seen, 'array');
  // Named members, some optional, that take items by type (`* (id: int, ? name: tstr, ? hidden: bool)`): one object
  // whose optional properties say which are present.
  const record = written.length === 1 && suffix.length === 0 ? recordOfOptionals(written[0] as Member[], ctx) : null;
  if (record !== null) {
    noteDepartures(inner, ctx, 'repetition');
    const layout: ArrayLayout = { kind: 'groups', variants: [record], min, max, discriminant: groupDiscriminant([record], ctx) };
    if (prefix.length > 0) layout.fields = positionalFields(prefix, 0, ctx);
    if (prefix.some(isOptional)) optionalsBeforeRepetitions(layout.fields ?? [], [record], ctx);
    return layout;
  }
  // Optional members at the end of an alternative (`* (int, ? tstr)`) make one alternative with them and one without,
  // the longest first: as Appendix A reads a repetition, each takes the next item when it reads as one.
  // An alternative with a required member no value has (`(int .and tstr)`) never reads: a repetition is never one of it,
  // as Appendix A's ends where it would start. A member that may occur no time and has no value occurs no time.
  const members = written.filter((run) => !run.some((m) => m.occurrence.min > 0 && hasNoValue(m.type, ctx))).map((run) => run.filter((m) => !occursNoTime(m, ctx))).flatMap((run) => expandMiddleOptionals(run, ctx));
  // One member repeated is a plain list, which the general path lays out: as written (`* (int)`), or the one member of
  // the group's alternatives with values (`* (int // (int .and tstr))`).
  if (members.length === 1 && members[0]?.length === 1) {
    if (written.length === 1 && written[0]?.length === 1) return null;
    const only: IrEntry = { kind: 'group', ref: null, group: { choices: [{ entries: members[0] }] }, occurrence: entry.occurrence, doc: null, span: entry.span };
    return arrayLayout({ choices: [{ entries: entries.map((e) => (e === entry ? only : e)) }] }, ctx, entry.span);
  }
  const alts = members.flatMap((run) => (optionalsInOrder(run, ctx) ? expandTrailingOptionals(run) : [run]));
  noteDepartures(inner, ctx, 'repetition');
  if (alts.length === 0) {
    const what = written.length === 0 ? 'a group with no alternatives (an empty group socket)' : 'a group none of whose alternatives has values';
    if (min > 0) return matchesNothing(ctx, entry.span, `${what} that must occur ${min === 1 ? 'at least once' : `${min} times or more`} in an array`);
    // It occurs no time (`[ * $$empty ]`): the array is the members around it.
    return arrayLayout({ choices: [{ entries: entries.filter((e) => e !== entry) }] }, ctx, entry.span);
  }
  if (alts.length > MAX_ALTERNATIVES) return unsupported(ctx, entry.span, `more than ${MAX_ALTERNATIVES} alternatives in a repeated group inside an array`);
  const variants = alts.map((members): GroupVariant => {
    if (members.length === 0) return unsupported(ctx, entry.span, 'an empty alternative of a group repeated inside an array (it would match forever)');
    for (const m of members) {
      if (m.occurrence.min !== 1 || m.occurrence.max !== 1) {
        return unsupported(ctx, m.span, `a member that is optional or repeats (${m.occurrence.min}*${m.occurrence.max ?? ''}) inside a group repeated in an array`);
      }
    }
    return requiredRun(members, ctx);
  });
  assertSeparable(variants, ctx, entry.span);
  const after = positionalFields(suffix, prefix.length + 1, ctx);
  // The members after the repetitions that the first item after them may be: with optional ones, any up to the first required one.
  const firsts = after.some((f) => f.optional) ? firstsAfter(after) : after.slice(0, 1);
  const shadowing = earlierReadsLater(variants, firsts, ctx);
  if (shadowing !== null) {
    const [earlier, later] = shadowing.map((variant) => `(${variant.fields.map((f) => printType(f.type)).join(', ')})`);
    return unsupported(ctx, entry.span, `alternatives of a group repeated in an array where an earlier one ${earlier} can read the first items of a later one ${later}: a decoder takes the earlier one there (RFC 8610 Appendix A), so a value of the later one may be written as items that read back otherwise`);
  }
  const discriminant = groupDiscriminant(variants, ctx);
  // The members after the repetitions: where the first one's kind of data item starts no repetition, the repetitions end
  // there; else where one more fails to read (Appendix A tries it), and a value one more would read there is refused.
  const byMajor = firsts.every((next) => variants.every((variant) => majorsApart(next.shape, (variant.fields[0] as Field).shape, ctx)));
  if (after.some((f) => f.optional)) separateFromRepetitions(firsts, variants, ctx);
  const layout: ArrayLayout = { kind: 'groups', variants, min, max, discriminant };
  if (prefix.length > 0) layout.fields = positionalFields(prefix, 0, ctx);
  if (prefix.some(isOptional)) optionalsBeforeRepetitions(layout.fields ?? [], variants, ctx);
  if (after.length > 0) layout.after = after;
  if (!byMajor) {
    const reading = couldReadAfter(variants, after, ctx);
    const never = alwaysReadsAfter(variants, reading, after, max, ctx);
    if (never !== null) return matchesNothing(ctx, (after[0] as Field).span, never);
    layout.endsByTrying = { couldReadAfter: reading };
  }
  return layout;
}

/**
 * One repetition of named members (`id: int, ? name: tstr, ? hidden: bool`) as one record whose optional fields say
 * which members are present, or null. RFC 8610 Appendix A gives the next item to an optional member where it reads as
 * one, else reads on; where no data item is both an optional member's and one it may meet next (each later member up to
 * the first required one, and past the last, the next repetition's first), that is the only way to split the items,
 * so the repetition reads back as written whichever members are present, and the object says which are without a
 * test. The first member must be required (it starts each repetition), and no optional one may hold undefined (it
 * would look absent). Else the alternatives are one per set of members present (expandMiddleOptionals: 2^n of them).
 */
function recordOfOptionals(members: Member[], ctx: ShapeContext): GroupVariant | null {
  const named = namedUniquely(members);
  if (!named || !members.some(isOptional) || !isOnce(members[0] as Member) || !members.every((m) => isOnce(m) || isOptional(m))) return null;
  const shapes = members.map((m) => shapeOf(m.type, ctx, m.span));
  for (let i = 0; i < members.length; i++) {
    const member = members[i] as Member;
    if (!isOptional(member)) continue;
    if (admitsUndefined(member.type, ctx)) return null;
    const shape = shapes[i] as Shape;
    let j = i + 1;
    for (; j < members.length; j++) {
      if (!dataApart(shape, shapes[j] as Shape, ctx)) return null;
      if (isOnce(members[j] as Member)) break;
    }
    if (j === members.length && !dataApart(shape, shapes[0] as Shape, ctx)) return null;
  }
  const variant = requiredRun(members, ctx);
  return { kind: 'record', fields: variant.fields.map((field, i) => ({ ...field, optional: isOptional(members[i] as Member) })) };
}

/**
 * Two alternatives of a repeated group, the earlier one first, where the earlier one's members can
 * each read the item the later one has at its place (no pair of them is apart in data items, as far
 * as the shorter reaches): a repetition is read as the first alternative that reads there, so items
 * written for the later one may read back as the earlier one (`(uint // 0, int)`: `0, -1` is read as
 * `0` and then fails; `(0, int // 0)`: two repetitions `0`, `0` read back as one). A longer earlier
 * one reads on past the later one's items, into what may follow a repetition: the next one, or
 * `following`, the members after them that the first item after them may be (the first, or with optional
 * ones, each up to the first required one). Null when every earlier alternative fails at some item
 * of every later one: then each repetition written reads back as itself.
 */
function earlierReadsLater(variants: GroupVariant[], following: Field[], ctx: ShapeContext): [GroupVariant, GroupVariant] | null {
  // What a repetition may be followed by: the next one, or a member after them that the first item after them may be.
  const starts = [...variants.map((variant) => (variant.fields[0] as Field).shape), ...following.map((f) => f.shape)];
  for (let i = 0; i < variants.length; i++) {
    const earlier = variants[i] as GroupVariant;
    for (const later of variants.slice(i + 1)) {
      const reach = Math.min(earlier.fields.length, later.fields.length);
      let apart = false;
      for (let t = 0; t < reach && !apart; t++) apart = dataApart((earlier.fields[t] as Field).shape, (later.fields[t] as Field).shape, ctx);
      // A longer earlier one reads on into the next repetition, whose first item some alternative's first member is, or
      // into the members after them (`* (int, tstr // int)`: a text string starts no repetition, so it does not; in
      // `[* (int, ? tstr), tstr]` the text after them would be read as the optional member's).
      const next = earlier.fields[later.fields.length];
      if (!apart && next !== undefined) apart = starts.every((start) => dataApart(next.shape, start, ctx));
      if (!apart) return [earlier, later];
    }
  }
  return null;
}

/**
 * Whether an alternative's optional members are its last ones, after members that occur once, and each
 * takes every item a later one does (`int, ? int, ? uint`): then the ones present are always the first of them, as Appendix A reads
 * them (each takes the next item when it reads as one), and the alternative is one run per number present.
 */
function optionalsInOrder(members: Member[], ctx: ShapeContext): boolean {
  const first = members.findIndex(isOptional);
  if (first < 0) return false;
  const optional = members.slice(first);
  // The members before them must occur once: a repeated one (`+ 1, tstr, ? tstr`) is no run of fixed length.
  if (!optional.every(isOptional) || !members.slice(0, first).every(isOnce)) return false;
  const shapes = optional.map((m) => shapeOf(m.type, ctx, m.span));
  return shapes.every((later, l) => shapes.slice(0, l).every((earlier) => implies(later, earlier, ctx)));
}

/**
 * The members after a group repeated in an array, when they are one run of members that occur once and then optional ones
 * (`[+ (id: uint, name: tstr), ? bool]`); null for any other group. positionalFields refuses optional members that would
 * not read by position (`? bool, ? bstr`: Appendix A gives `h''` to the second).
 */
function trailingMembers(group: IrGroup, ctx: ShapeContext): Member[] | null {
  const alts = alternatives(group, ctx, new Set(), 'array');
  const only = alts.length === 1 ? (alts[0] as Member[]) : null;
  return only !== null && only.every((m) => isOnce(m) || isOptional(m)) ? only : null;
}

/** The members after the repetitions that the first item after them may be: the optional ones before the first required one, and it. */
export function firstsAfter(after: Field[]): Field[] {
  const required = after.findIndex((f) => !f.optional);
  return required < 0 ? after : after.slice(0, required + 1);
}

/**
 * With optional members after the repetitions, guards and encoders find where the repetitions end as the decoder does: at
 * the first element that one of the members the first item after them may be (`firsts`) takes. Each needs an exact test
 * (a rule's, a scalar's), and no JavaScript value of it may be a repetition's (a tuple is an array, a record an object).
 */
function separateFromRepetitions(firsts: Field[], variants: GroupVariant[], ctx: ShapeContext): void {
  for (const field of firsts) {
    if (field.shape.kind !== 'rule' && !isExactlyTestable(field.shape)) {
      unsupported(ctx, field.span, `an inline array or map among the members after a group repeated in an array, some of them optional (${printType(field.type)}; give it a rule name)`);
    }
    for (const variant of variants) {
      if (!jsApart(field.shape, repetitionShape(variant), ctx)) {
        unsupported(ctx, field.span, `a member after a group repeated in an array, some of them optional, whose JavaScript values a repetition's may be (${printType(field.type)} beside (${variantText(variant)}), ${variant.kind === 'record' ? 'an object' : 'an array'} in JavaScript): the elements would not tell where the repetitions end`);
      }
    }
  }
}

/**
 * The members before a group repeated in an array, when they are one run of members that occur once and then optional
 * ones (`[uint, ? tstr, * (int, bstr)]`); null for any other group. positionalFields refuses optional members that would
 * not read by position (`? int, ? tstr`: each takes the next item when it reads as one, so `"a"` is the second's).
 */
function leadingMembers(group: IrGroup, ctx: ShapeContext): Member[] | null {
  const alts = alternatives(group, ctx, new Set(), 'array');
  const only = alts.length === 1 ? (alts[0] as Member[]) : null;
  if (only === null) return null;
  const optional = only.findIndex(isOptional);
  const once = optional < 0 ? only : only.slice(0, optional);
  return once.every(isOnce) && only.slice(once.length).every(isOptional) ? only : null;
}

/**
 * Optional members before the repetitions: RFC 8610 Appendix A gives the next item to each when it reads as one (the
 * decoder tries it and rewinds where it fails), and the repetitions take the rest. That reads back as written where no
 * data item is both an optional member's and a repetition's first (an absent member then reads none of theirs), and
 * where guards and encoders can find the members present by their exact tests: no JavaScript value is both a member's
 * and a repetition (a tuple is an array, a record an object).
 */
function optionalsBeforeRepetitions(fields: Field[], variants: GroupVariant[], ctx: ShapeContext): void {
  for (const field of fields.filter((f) => f.optional)) {
    if (field.shape.kind !== 'rule' && !isExactlyTestable(field.shape)) {
      unsupported(ctx, field.span, `an optional member before a group repeated in an array that is an inline array or map (${printType(field.type)}; give it a rule name)`);
    }
    for (const variant of variants) {
      const first = variant.fields[0] as Field;
      if (!dataApart(field.shape, first.shape, ctx)) {
        unsupported(ctx, field.span, `an optional member before a group repeated in an array whose values a repetition's first member may also be (${printType(field.type)} before (${variantText(variant)})): left out, it would read that member's item (RFC 8610 Appendix A)`);
      }
      if (!jsApart(field.shape, repetitionShape(variant), ctx)) {
        unsupported(ctx, field.span, `an optional member before a group repeated in an array whose JavaScript values a repetition may be (${printType(field.type)} beside (${variantText(variant)}), ${variant.kind === 'record' ? 'an object' : 'an array'} in JavaScript): the elements would not tell whether it is present`);
      }
    }
  }
}

/** A repetition as the JavaScript value it is: a tuple an array, a record an object. */
function repetitionShape(variant: GroupVariant): Shape {
  return { kind: 'array', layout: variant.kind === 'tuple' ? { kind: 'tuple', fields: variant.fields } : { kind: 'record', fields: variant.fields } };
}

/** A repetition's members as CDDL (`a: int, b: tstr`). */
function variantText(variant: GroupVariant): string {
  return variant.fields.map((f) => (variant.kind === 'record' ? `${f.name}: ${printType(f.type)}` : printType(f.type))).join(', ');
}

/** The alternatives by the single value of their first member; null when none has one. */
export function groupDiscriminant(variants: GroupVariant[], ctx: ShapeContext): GroupDiscriminant | null {
  // An empty alternative (`[ // a, b ]`) has no first member: never named by a value.
  const firsts = variants.map((variant) => variant.fields[0]?.type ?? null);
  const values: DiscriminantValue[] = [];
  for (const type of firsts) {
    const value = type === null ? null : singleValue(type, ctx);
    if (value !== null && !values.some((v) => v.type === value.type && v.value === value.value)) values.push(value);
  }
  if (values.length === 0) return null;
  const others = firsts.flatMap((type, k) => (type === null || singleValue(type, ctx) === null ? [k] : []));
  const cases = values.map((value) => ({ value, variants: firsts.flatMap((type, k) => (type !== null && admits(type, value, ctx) ? [k] : [])) }));
  return { cases, others };
}
