/**
 * Array layouts: records, tuples, lists, variants and alternatives, and what tells alternatives apart (a repeated group of several members: repeated-groups.ts).
 */
import { printType } from '../ir/print.js';
import type { IrEntry, IrGroup, IrSpan, IrType } from '../ir/types.js';
import { type ArrayLayout, type ArrayRest, type Discriminant, type DiscriminantValue, type Field, type GroupVariant, type Interval, type Shape, type NeverShape, type ShapeContext, type TupleLayout, admitsUndefined, shapeOf } from './shapes.js';
import { matchesNothing, unsupported, warnLocated } from './layout-diagnostics.js';
import { type ScalarShape, scalarShape } from './scalars.js';
import { intersect } from './intervals.js';
import { type Impossible, MAX_ALTERNATIVES, type Member, alternatives } from './groups.js';
import { assertUniqueNames, hasNoValue } from './maps.js';
import { implies } from './implication.js';
import { overlappingVariants } from './choices.js';
import { agree, dataApart, jsApart } from './rest-ends.js';
import { pegDepartures } from './peg-readings.js';
import { holdsNothing } from './no-values.js';
import { firstsAfter, groupDiscriminant, repeatedGroupLayout } from './repeated-groups.js';
import { groupRunsLayout, runsLayout } from './runs.js';

export function arrayLayout(asWritten: IrGroup, ctx: ShapeContext, span: IrSpan): ArrayLayout | NeverShape {
  const group = withoutAbsentMembers(asWritten, ctx);
  const repeated = repeatedGroupLayout(group, ctx);
  if (repeated !== null) return repeated;
  // Several repeated members one after another (`[* int, * tstr]`, `[* (int, tstr), * bool]`), no item any two members' (runs.ts).
  const grouped = groupRunsLayout(group, ctx);
  if (grouped !== null) return grouped;
  // A member that may occur no time and has no value (`? b: tstr .and bstr`, `* (uint .lt -3)`) occurs no time.
  const written = alternatives(group, ctx, new Set(), 'array').map((members) => members.filter((m) => !occursNoTime(m, ctx)));
  // Before any reading splits an optional member into alternatives that require it or leave it out (RFC 9052's
  // Sig_structure read by length): whichever, its value undefined would look absent and be written as no item.
  for (const m of written.flat()) {
    if (m.occurrence.min === 0 && m.occurrence.max === 1 && admitsUndefined(m.type, ctx)) unsupported(ctx, m.span, `an optional array member whose value may be undefined (${printType(m.type)}): in JavaScript it would look absent`);
  }
  const sequence = written.length === 1 ? runsLayout(written[0] as Member[], ctx) : null;
  if (sequence !== null) return sequence;
  const alts = written.flatMap((members) => expandMiddleOptionals(members, ctx));
  if (alts.length > MAX_ALTERNATIVES) return unsupported(ctx, span, `more than ${MAX_ALTERNATIVES} alternatives from group choices and optional members`);
  noteDepartures(group, ctx);
  if (alts.length === 0) return matchesNothing(ctx, span, 'an array whose group has no alternatives (an empty group socket)');
  const laidOut = alts.map((members) => positionalLayout(members, ctx));
  const layouts = laidOut.filter((l): l is ArrayLayout => l.kind !== 'impossible');
  const impossible = laidOut.filter((l): l is Impossible => l.kind === 'impossible');
  if (layouts.length === 0) return matchesNothing(ctx, (impossible[0] as Impossible).span, (impossible[0] as Impossible).reason);
  if (impossible.length > 0) {
    // An alternative no array can match (`[* int, int]`) adds nothing: the others are the array.
    for (const alt of impossible) warnLocated(ctx, alt.span, `${alt.reason}, so no data item matches that alternative of the array: it is left out`);
    const possible = alts.filter((_, i) => laidOut[i]?.kind !== 'impossible');
    return arrayLayout({ choices: possible.map((members) => ({ entries: members })) }, ctx, span);
  }
  if (layouts.length === 1) return layouts[0] as ArrayLayout;
  if (layouts.every((layout) => layout.kind === 'record' && layout.rest === undefined)) {
    const variants = layouts.map((layout) => (layout.kind === 'record' ? layout.fields : []));
    const discriminant = findDiscriminant(variants, ctx);
    return { kind: 'variants', variants, discriminant, overlaps: overlappingVariants(variants, discriminant, null) };
  }
  if (alts.some((members) => members.some((m) => m.occurrence.max !== 1))) {
    const forks = forkLayout(alts, layouts, ctx);
    if (forks !== null) return forks;
  }
  // One alternative whose optional members before its repeated one were split (`[a: int, ? b: tstr, * c: bool, d: bstr]`):
  // each takes the next item when it reads as one, as Appendix A reads them, where that is exact (optionalsBeforeRest).
  if (written.length === 1 && optionalsAroundRest(written[0] as Member[])) return optionalsBeforeRest(written[0] as Member[], ctx);
  // Some alternative has unnamed members: each becomes runs of required members (trailing optional ones taken or not).
  const runs = alts.flatMap((members) => {
    if (members.some((m) => m.occurrence.max !== 1)) return unsupported(ctx, members[0]?.span ?? span, 'an alternative of an array with a repeated member, beside other alternatives');
    return expandTrailingOptionals(members);
  });
  if (runs.length > MAX_ALTERNATIVES) return unsupported(ctx, span, `more than ${MAX_ALTERNATIVES} alternatives from group choices and optional members`);
  const variants = runs.map((members) => requiredRun(members, ctx));
  assertSeparable(variants, ctx, span);
  return { kind: 'alternatives', variants, discriminant: groupDiscriminant(variants, ctx) };
}

/**
 * Alternatives some of which repeat a member, as `forks` (shapes.ts) where they share a prefix of
 * members that occur once and then each has a required member, apart from the others' in data items
 * and in JavaScript values alike, with an exact test (a rule's, a scalar's) that guards and encoders
 * pick the alternative by; each alternative laid out as a tuple. Null where they do not: they are
 * refused as before.
 */
function forkLayout(alts: Member[][], layouts: ArrayLayout[], ctx: ShapeContext): ArrayLayout | null {
  // Named alternatives would be objects told apart by their members (the `variants` layout), which take no repeated one.
  if (!layouts.every((layout) => layout.kind === 'tuple')) return null;
  const first = alts[0] as Member[];
  let at = 0;
  while (at < first.length && isOnce(first[at] as Member) && alts.every((members) => members[at] !== undefined && sameSpan((members[at] as Member).span, (first[at] as Member).span))) at++;
  const parts = alts.map((members) => members[at]);
  if (parts.some((m) => m === undefined || m.occurrence.min === 0)) return null;
  const shapes = (parts as Member[]).map((m) => shapeOf(m.type, ctx, m.span));
  if (!shapes.every((shape) => shape.kind === 'rule' || isExactlyTestable(shape))) return null;
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      if (!dataApart(shapes[i] as Shape, shapes[j] as Shape, ctx) || !jsApart(shapes[i] as Shape, shapes[j] as Shape, ctx)) return null;
    }
  }
  return { kind: 'forks', at, variants: layouts as TupleLayout[] };
}

/** The member of an alternative of `forks` at the index where they part: a member that occurs once, or the repeated one's item. */
export function forkMember(variant: TupleLayout, at: number): { shape: Shape; type: Field['type'] } {
  const field = variant.fields[at];
  if (field !== undefined) return field;
  if (variant.rest === undefined) throw new Error('internal: an alternative of forks without a member where they part');
  return { shape: variant.rest.item, type: variant.rest.itemType };
}

/** `[a, ? b, ? c]` as `[a, b, c]`, `[a, b]`, `[a]`: the longest first, as a greedy match would take it. */
export function expandTrailingOptionals(members: Member[]): Member[][] {
  const required = members.filter((m) => m.occurrence.min === 1).length;
  const runs: Member[][] = [];
  for (let present = members.length; present >= required; present--) runs.push(members.slice(0, present).map((m) => ({ ...m, occurrence: { min: 1, max: 1 } })));
  return runs;
}

/**
 * Whether an array's members are an object's properties: every one named, no two alike. Members with a name twice
 * (`[k: int, k: tstr]`) are a tuple, by position, as unnamed ones are.
 */
export function namedUniquely(members: Member[]): boolean {
  return members.every((m) => m.name !== null) && new Set(members.map((m) => m.name)).size === members.length;
}

/** Required members as an object (all named, uniquely) or a tuple. */
export function requiredRun(members: Member[], ctx: ShapeContext): GroupVariant {
  const named = members.length > 0 && namedUniquely(members);
  const fields = members.map((m, index): Field => ({ name: m.name ?? `item${index}`, span: m.span, type: m.type, shape: shapeOf(m.type, ctx, m.span), optional: false, doc: m.doc }));
  return { kind: named ? 'record' : 'tuple', fields };
}

/** Whether a value of `type` may be `value` (when unsure, yes: the decoder then tries it too). */
export function admits(type: IrType, value: DiscriminantValue, ctx: ShapeContext): boolean {
  const scalar = scalarShape(type, ctx, NO_SPAN, new Set());
  return scalar === null || admitsScalar(scalar, value);
}

/** Whether a member may occur no time and its scalar type has no value (`? b: tstr .and bstr`, `* (uint .lt -3)`): it occurs no time. */
export function occursNoTime(member: Member, ctx: ShapeContext): boolean {
  return member.occurrence.min === 0 && hasNoValue(member.type, ctx);
}

/** The kinds of type whose shape may hold nothing though no scalar test says so: containers, tags, and `.and`/`.within` or choices of them (`* ([int] .and [int, int])`). */
const STRUCTURED_KINDS: ReadonlySet<IrType['kind']> = new Set(['array', 'map', 'tag', 'control', 'choice']);

/**
 * The group without its members that may occur no time and have no value (`* [$$empty]`, `? (uint .lt -3)`): they
 * occur no time, and the layouts of the members around them would test for items none can be.
 */
function withoutAbsentMembers(group: IrGroup, ctx: ShapeContext): IrGroup {
  const absent = (e: IrEntry) => e.kind === 'member' && (occursNoTime(e, ctx) || (e.occurrence.min === 0 && STRUCTURED_KINDS.has(e.type.kind) && holdsNothing(shapeOf(e.type, ctx, e.span))));
  if (!group.choices.some((choice) => choice.entries.some(absent))) return group;
  return { choices: group.choices.map((choice) => ({ entries: choice.entries.filter((e) => !absent(e)) })) };
}

/** Whether a scalar shape may hold `value` (its intervals, or its text values; when unsure, yes). */
export function admitsScalar(scalar: ScalarShape, value: DiscriminantValue): boolean {
  if (scalar.kind === 'any') return true;
  if (value.type === 'int') return scalar.kind === 'int' && scalar.intervals.some((i) => i.lo <= value.value && value.value <= i.hi);
  return scalar.kind === 'text' && (scalar.values === null || scalar.values.includes(value.value));
}

/**
 * Guards and encoders pick a repetition's alternative by testing its members
 * in order; a member that is an inline array or map is only tested for its
 * kind there. Such an alternative must differ from every later one in a
 * member both test exactly (disjoint values, or kinds), or the first test
 * that passes could pick the wrong one.
 */
export function assertSeparable(variants: GroupVariant[], ctx: ShapeContext, span: IrSpan): void {
  variants.forEach((a, k) => {
    if (a.fields.every((f) => isExactlyTestable(f.shape))) return;
    for (const b of variants.slice(k + 1)) {
      if (a.kind === 'tuple' && b.kind === 'tuple' && a.fields.length !== b.fields.length) continue;
      const apart = a.fields.some((f, i) => {
        const g = a.kind === 'tuple' ? b.fields[i] : b.fields.find((x) => x.name === f.name);
        return g !== undefined && disjoint(f.type, g.type, ctx);
      });
      if (!apart) return unsupported(ctx, span, 'alternatives of a repeated group that differ only inside an inline array or map (give it a rule name)');
    }
  });
}

/** Whether a member's value can be tested whole in one expression (scalars, `any`, other rules), not only for its kind. */
export function isExactlyTestable(shape: Shape): boolean {
  if (shape.kind === 'tag') return isExactlyTestable(shape.inner);
  if (shape.kind === 'choice') return shape.options.every((o) => isExactlyTestable(o.shape));
  return shape.kind !== 'array' && shape.kind !== 'map' && shape.kind !== 'tagged';
}

/** Whether no JavaScript value is of both types (a number may be an int or a float, so those two overlap). */
function disjoint(a: IrType, b: IrType, ctx: ShapeContext): boolean {
  const x = scalarShape(a, ctx, NO_SPAN, new Set());
  const y = scalarShape(b, ctx, NO_SPAN, new Set());
  if (x === null || y === null) return false;
  const family = (s: ScalarShape) => (s.kind === 'int' || s.kind === 'float' ? 'number' : s.kind);
  if (family(x) !== family(y)) return true;
  if (x.kind === 'int' && y.kind === 'int') return intersect(x.intervals, y.intervals).length === 0;
  if ((x.kind === 'text' || x.kind === 'bytes') && (y.kind === 'text' || y.kind === 'bytes') && x.values !== null && y.values !== null) {
    return !x.values.some((v) => (y.values as string[]).includes(v));
  }
  if (x.kind === 'bool' && y.kind === 'bool') return !x.values.some((v) => y.values.includes(v));
  return false;
}

const NO_SPAN: IrSpan = { file: '', line: 0, col: 0 };

/**
 * An optional array member followed by a required one (COSE's
 * `? sign_protected` in Sig_structure) is two alternatives, with it and
 * without it; the one with it comes first, as a greedy CDDL match would.
 * So is the first of optional members one after another no two of which
 * take one item (`[int, ? tstr, ? bool]`: `[1, true]` holds the bool, which
 * no position says): Appendix A reads `? tstr` as `tstr` where it matches, else nothing,
 * so the alternatives in that order, each tried where the earlier failed,
 * read what it reads.
 */
export function expandMiddleOptionals(members: Member[], ctx: ShapeContext): Member[][] {
  // A repeated member that ends the array takes what the optional ones leave, its count checked after (optionalsBeforeRest).
  const last = members.length - 1;
  const required = (later: Member, j: number) => later.occurrence.min > 0 && !(j === last && later.occurrence.max !== 1);
  // The first of optional members one after another no two of which take one item (`? tstr, ? bool`): each item is
  // the one member's whose type it is, whichever are present. Where two may take one item (`? tstr, ? any, ? bool`),
  // an alternative without the first would hold items it reads, and positionalFields leaves the array to the general
  // matcher. (Named ones outside a repeated group are one object of optional properties first: runs.ts.)
  const startsApartRun = (i: number): boolean => {
    if (i > 0 && isOptional(members[i - 1] as Member)) return false;
    let end = i;
    while (end < members.length && isOptional(members[end] as Member)) end++;
    // Before a repeated member the alternatives would each repeat it, which no typed layout takes: `[? tstr, ? bool,
    // * bstr]` is the `runs` layout's (runs.ts) where no item nor value is two members' that may meet, and else stays
    // general, said as the optional members that do not read by position (positionalFields).
    if (members.slice(end).some((m) => m.occurrence.max !== 1)) return false;
    const shapes = members.slice(i, end).map((m) => shapeOf(m.type, ctx, m.span));
    return shapes.length > 1 && shapes.every((shape, a) => shapes.slice(a + 1).every((other) => dataApart(shape, other, ctx)));
  };
  const index = members.findIndex((m, i) => isOptional(m) && (startsApartRun(i) || members.some((later, j) => j > i && required(later, j))));
  if (index < 0) return [members];
  const member = members[index] as Member;
  const present = [...members.slice(0, index), { ...member, occurrence: { min: 1, max: 1 } }, ...members.slice(index + 1)];
  const absent = [...members.slice(0, index), ...members.slice(index + 1)];
  return [...expandMiddleOptionals(present, ctx), ...expandMiddleOptionals(absent, ctx)];
}

/**
 * Where the typed layouts may read the array otherwise than RFC 8610 Appendix A (peg-readings.ts):
 * an optional member before a required one whose items it could also be (`[int, ? int, int]`, RFC
 * 9052's Sig_structure with its empty `external_aad`), which expandMiddleOptionals reads by the
 * array's length, or a group choice whose earlier alternative can take fewer or more items than a
 * later one (`[ (1 // 1, 2) ]`), which the layouts tell apart by length too. The PEG commits to the
 * optional member or the earlier alternative where it matches and then rejects the array, as the
 * general matcher does. Which reading stands is the `arrayMatching` option's (the COSE examples
 * need the first, Appendix A says the second): `by-length` (the default) notes the place for a
 * warning, which computeLayouts gives where no general rule owns the array, so the typed decoder's
 * choice is never silent; `greedy` leaves the rule to the general matcher.
 */
export function noteDepartures(group: IrGroup, ctx: ShapeContext, within: 'array' | 'repetition' = 'array'): void {
  for (const { span, what, optionalMember } of pegDepartures(group, ctx, within)) {
    if (ctx.arrayMatching === 'greedy') {
      const why = optionalMember ? 'the optional member takes the item, so an array one item short is rejected' : 'the earlier alternative takes its items where they match, and the array is rejected when what follows then fails';
      unsupported(ctx, span, `${what}, read greedily as RFC 8610 Appendix A says (arrayMatching: 'greedy'): ${why}`);
    }
    const reading = optionalMember
      ? "the typed code reads such an array by its length, an array one item short as the optional member left out, where RFC 8610 Appendix A's greedy match (the general matcher's) gives that item to the optional member and then rejects the array"
      : "the typed code takes an array by the alternative its length and items match, where RFC 8610 Appendix A's ordered choice (the general matcher's) commits to the earlier one where it matches and then rejects the array";
    if (span.file !== '') ctx.typedOnly?.push({ span, message: `${what}: ${reading}; arrayMatching: 'greedy' reads it so (docs/cddl-support.md, "Optional array members before required ones")` });
  }
}

/** A member that occurs exactly once. */
export function isOnce(m: Member): boolean {
  return m.occurrence.min === 1 && m.occurrence.max === 1;
}

/** A member that occurs once or not at all (`?`). */
export function isOptional(m: Member): boolean {
  return m.occurrence.min === 0 && m.occurrence.max === 1;
}

/** Members with optional ones before a repeated one that members occurring once (or optionally) follow: `[a, ? b, * c, d]`. */
function optionalsAroundRest(members: Member[]): boolean {
  const r = members.findIndex((m) => m.occurrence.max !== 1);
  if (r < 0 || r === members.length - 1) return false;
  const before = members.slice(0, r);
  return before.some(isOptional) && before.every((m) => isOnce(m) || isOptional(m)) && members.slice(r + 1).every((m) => isOnce(m) || isOptional(m));
}

/**
 * Optional members before a repeated one that ends the array (RFC 8990's `[MESSAGE_TYPE, session-id,
 * ? initiator, * grasp-option]`), read as RFC 8610 Appendix A says: each optional member takes the next
 * item when it reads as one (positionalFields made sure each takes every item a later one does, so the
 * first that does not ends them), and the repetition takes the rest, its count checked after. A tuple
 * is then one type per number of optional members present, and guards and encoders find that number
 * by testing the elements in turn, so each optional member needs an exact test (a rule's, a scalar's;
 * a record's guard tests the first repeated item with it too).
 * A value whose first repeated item the next optional member would read back (`[1, h'01020304']` as
 * no initiator and a grasp-option) is refused by the guards: where the item test says what a decoder
 * would read from the repetition's bytes (`agree`), it says it; where the repetition holds `any`, its
 * bytes tell (a rule's decoder, a scalar's test). Other repetitions stay with the general matcher.
 * Members may follow the repetition (`[a: int, ? b: tstr, * c: bool, d: bstr]`, `after`), where
 * optionalsBeforeRestAndAfter finds the reading exact.
 */
function optionalsBeforeRest(members: Member[], ctx: ShapeContext): ArrayLayout {
  const r = members.findIndex((m) => m.occurrence.max !== 1);
  const repeated = members[r] as Member;
  const fields = positionalFields(members.slice(0, r), 0, ctx);
  const item = shapeOf(repeated.type, ctx, repeated.span);
  const named = namedUniquely(members);
  const rest: ArrayRest = { name: repeated.name ?? 'rest', item, itemType: repeated.type, min: repeated.occurrence.min, max: repeated.occurrence.max, doc: repeated.doc };
  const after = positionalFields(members.slice(r + 1), r + 1, ctx);
  if (after.length > 0) optionalsBeforeRestAndAfter(fields, repeated, item, after, named, ctx);
  for (const field of fields.filter((f) => f.optional)) {
    if (field.shape.kind !== 'rule' && !isExactlyTestable(field.shape)) {
      unsupported(ctx, field.span, `an optional array member that is an inline array or map before a repeated one (${printType(field.type)} before ${printType(repeated.type)}; give it a rule name)`);
    }
    if (agree(field.shape, item, ctx)) continue;
    if (holdsAnyItems(item, ctx) && readBackTestable(field.shape)) {
      rest.readBack = true;
      continue;
    }
    unsupported(ctx, field.span, `an optional array member before a repeated one whose values an item may also be (${printType(field.type)} before ${printType(repeated.type)}), where no test of the item tells whether a decoder would take it as the optional member`);
  }
  if (named) assertUniqueNames([...fields, { ...repeated, name: rest.name, shape: item, optional: false }, ...after], ctx);
  const kind = named ? 'record' : 'tuple';
  return after.length === 0 ? { kind, fields, rest } : { kind, fields, rest, after };
}

/**
 * Optional members before a repeated one that members follow (`[a: int, ? b: tstr, * c: bool, d: bstr]`), where Appendix
 * A's reading is the typed code's: no data item is both an item and a member after it (a tuple's guard and encoder find
 * the end by the exact tests of the members the next element may be, which no item's JavaScript value passes), and where
 * the repetition may be empty, an optional member left out does not read the first member after it (`[int, ? tstr,
 * * bool, tstr]` gives `[1, "x"]`'s "x" to the optional member, then wants one more; in a tuple, not its values either).
 */
function optionalsBeforeRestAndAfter(fields: Field[], repeated: Member, item: Shape, after: Field[], named: boolean, ctx: ShapeContext): void {
  const tested = (field: Field) => named || ((field.shape.kind === 'rule' || isExactlyTestable(field.shape)) && jsApart(item, field.shape, ctx));
  const overlapping = after.find((field) => !dataApart(item, field.shape, ctx));
  if (overlapping !== undefined) {
    unsupported(ctx, overlapping.span, `an array member after a repeated one whose items it could also be, with optional members before them (${printType(overlapping.type)} after ${printType(repeated.type)})`);
  }
  const untested = firstsAfter(after).find((field) => !tested(field));
  if (untested !== undefined) {
    unsupported(ctx, untested.span, `a tuple member after a repeated one, with optional members before them, that no exact test tells from the repeated items in JavaScript (${printType(untested.type)} after ${printType(repeated.type)}; an inline array or map: give it a rule name)`);
  }
  if (repeated.occurrence.min > 0) return;
  for (const field of fields.filter((f) => f.optional)) {
    for (const next of firstsAfter(after)) {
      if (!dataApart(field.shape, next.shape, ctx) || (!named && !jsApart(field.shape, next.shape, ctx))) {
        unsupported(ctx, field.span, `an optional array member before a repeated one that may be empty and a member after it whose values it could also be (${printType(field.type)} before * ${printType(repeated.type)}, ${printType(next.type)}): left out, it would read that member's item (RFC 8610 Appendix A)`);
      }
    }
  }
}

/** Whether a repetition's items are CborAny values (`any`, directly or through rules): their bytes are kept, so the guard can read them as another type. */
function holdsAnyItems(shape: Shape, ctx: ShapeContext): boolean {
  if (shape.kind === 'any') return true;
  if (shape.kind !== 'rule') return false;
  // Through the rules' IR, not their shapes: laying out a rule here could come back to this array.
  const seen = new Set<string>();
  let rule = shape.rule;
  for (;;) {
    // A general rule's values are CborValue, which keeps no bytes.
    if (seen.has(rule.name) || ctx.general?.has(rule.name) === true || rule.type === undefined) return false;
    seen.add(rule.name);
    const type: IrType = rule.type;
    if (type.kind !== 'ref') return scalarShape(type, ctx, rule.span, new Set())?.kind === 'any';
    const next = ctx.rules.get(type.rule);
    if (next === undefined) return false;
    rule = next;
  }
}

/** Whether the guard can tell that a CborAny's bytes read as this type: a rule's decoder does, a scalar's test of its value does. */
function readBackTestable(shape: Shape): boolean {
  if (shape.kind === 'rule') return true;
  if (shape.kind === 'choice') return shape.options.every((o) => readBackTestable(o.shape));
  return isScalar(shape);
}

/** The layout of one alternative of an array: a list, a record or a tuple. */
function positionalLayout(members: Member[], ctx: ShapeContext): ArrayLayout | Impossible {
  const only = members[0];
  if (members.length === 1 && only !== undefined && only.occurrence.max !== 1) {
    return { kind: 'list', item: shapeOf(only.type, ctx, only.span), itemType: only.type, min: only.occurrence.min, max: only.occurrence.max };
  }
  const r = members.findIndex((m) => m.occurrence.max !== 1);
  const repeated = members[r];
  let rest: ArrayRest | undefined;
  let after: Field[] = [];
  if (repeated !== undefined && (r === members.length - 1 ? members.slice(0, r).some(isOptional) && members.slice(0, r).every((m) => isOnce(m) || isOptional(m)) : optionalsAroundRest(members))) {
    return optionalsBeforeRest(members, ctx);
  }
  if (repeated !== undefined && members.slice(0, r).every(isOnce) && members.slice(r + 1).every((m) => m.occurrence.max === 1)) {
    rest = { name: repeated.name ?? 'rest', item: shapeOf(repeated.type, ctx, repeated.span), itemType: repeated.type, min: repeated.occurrence.min, max: repeated.occurrence.max, doc: repeated.doc };
    after = positionalFields(members.slice(r + 1), r + 1, ctx);
    // Arrays match as a PEG (RFC 8610 Appendix A): an unbounded repetition takes every item it can and gives none back.
    const next = after[0];
    // Scalars only: proving it for structures would look into other rules, some of them general (refused).
    if (repeated.occurrence.max === null && next !== undefined && !next.optional && isScalar(next.shape) && isScalar(rest.item) && implies(next.shape, rest.item, ctx)) {
      return { kind: 'impossible', span: next.span, reason: `an array member after an unbounded repeated one that takes every item it could be (${printType(next.type)} after ${printType(repeated.type)}: RFC 8610 Appendix A matches greedily)` };
    }
    const ends = restEnds(repeated, rest.item, after, namedUniquely(members), ctx);
    if (ends === 'greedy') rest.greedy = true;
  }
  const fixed = rest === undefined ? members : members.slice(0, r);
  const fields = positionalFields(fixed, 0, ctx);
  const named = namedUniquely(members);
  const all = [...fields, ...after];
  if (named) assertUniqueNames(rest === undefined ? all : [...all, { ...(repeated as Member), name: rest.name, shape: rest.item, optional: false }], ctx);
  const kind = named && fixed.length + after.length > 0 ? 'record' : 'tuple';
  if (rest === undefined) return { kind, fields };
  return after.length === 0 ? { kind, fields, rest } : { kind, fields, rest, after };
}

/**
 * How the repeated member ends before the members after it (layout/rest-ends.ts): `apart` (no item is both; in a
 * tuple, no JavaScript value either, by the tests that find where it ends), or `greedy`; refused otherwise.
 */
function restEnds(repeated: Member, item: Shape, after: Field[], named: boolean, ctx: ShapeContext): 'apart' | 'greedy' {
  const record = named && after.length > 0;
  // A record holds the repeated items in a property of their own: only the data items must be told apart.
  // A tuple's guard finds the end by the JavaScript kinds of its elements too (`disjoint`: CborAny is no number, yet `any` holds every integer).
  if (after.every((field) => dataApart(item, field.shape, ctx) && (record || disjoint(repeated.type, field.type, ctx)))) return 'apart';
  const next = after[0] as Field;
  // A tuple's encoder finds where the repetition ends by testing its items, unless the members after it are all required (then it is that many before the end).
  const testable = record || after.every((f) => !f.optional) || item.kind === 'rule' || isExactlyTestable(item);
  if (testable && agree(item, next.shape, ctx)) return 'greedy';
  const overlapping = after.find((field) => !dataApart(item, field.shape, ctx)) ?? next;
  return unsupported(ctx, overlapping.span, `an array member after a repeated one whose items it could also be (${printType(overlapping.type)} after ${printType(repeated.type)})`);
}

const SCALAR_KINDS: ReadonlySet<Shape['kind']> = new Set(['int', 'float', 'text', 'bytes', 'bool', 'null', 'undefined', 'any', 'never']);

export function isScalar(shape: Shape): boolean {
  return SCALAR_KINDS.has(shape.kind);
}

/**
 * Members that occur once or optionally, as fields (`item<i>` when unnamed, counting from `first`); optional ones only at the end.
 * Optional fields are filled in order, so an array with fewer items than optional members has them in the first ones. Appendix A
 * gives an item to the first optional member whose type it matches: the same only when each optional member takes every item a
 * later one does (`[? int, ? uint]`); `[? tstr, ? int]` with `[1]` holds the 1 in the second.
 */
export function positionalFields(members: Member[], first: number, ctx: ShapeContext): Field[] {
  let seenOptional = false;
  const optionals: Field[] = [];
  return members.map((m, index): Field => {
    const { min, max } = m.occurrence;
    const optional = min === 0 && max === 1;
    if (!optional && !(min === 1 && max === 1)) {
      unsupported(ctx, m.span, `an array member that repeats (${min}*${max ?? ''}) beside other members`);
    }
    if (seenOptional && !optional) unsupported(ctx, m.span, 'a required array member after an optional one');
    if (optional && admitsUndefined(m.type, ctx)) unsupported(ctx, m.span, `an optional array member whose value may be undefined (${printType(m.type)}): in JavaScript it would look absent`);
    seenOptional ||= optional;
    const field: Field = { name: m.name ?? `item${first + index}`, span: m.span, type: m.type, shape: shapeOf(m.type, ctx, m.span), optional, doc: m.doc };
    if (optional) {
      const earlier = optionals.find((o) => !implies(field.shape, o.shape, ctx));
      if (earlier !== undefined) unsupported(ctx, m.span, `an optional array member after an optional one that does not take all its items (${printType(m.type)} after ${printType(earlier.type)}): with fewer items, each goes to the first optional member it matches (RFC 8610 Appendix A), not by position`);
      optionals.push(field);
    }
    return field;
  });
}

/** A member at the same position in every alternative, after members they all share, with a distinct single value in each. */
function findDiscriminant(variants: Field[][], ctx: ShapeContext): Discriminant | null {
  const shortest = Math.min(...variants.map((v) => v.length));
  for (let index = 0; index < shortest; index++) {
    const fields = variants.map((v) => v[index] as Field);
    const first = fields[0] as Field;
    const shared = fields.every((f) => sameSpan(f.span, first.span));
    if (shared) continue;
    if (!fields.every((f) => f.name === first.name && !f.optional)) return null;
    const values = fields.map((f) => singleValue(f.type, ctx));
    if (values.some((v) => v === null)) return null;
    const keys = values.map((v) => `${v?.type}:${String(v?.value)}`);
    if (new Set(keys).size !== keys.length) return null;
    return { index, name: first.name, values: values as DiscriminantValue[] };
  }
  return null;
}

export function singleValue(type: IrType, ctx: ShapeContext): DiscriminantValue | null {
  const scalar = scalarShape(type, ctx, { file: '', line: 0, col: 0 }, new Set());
  // A value beyond 64 bits is a bignum's (a tag), which readers peeking at an integer do not see.
  if (scalar?.kind === 'int' && scalar.bignum !== true && scalar.intervals.length === 1 && scalar.intervals[0]?.lo === scalar.intervals[0]?.hi) {
    return { type: 'int', value: (scalar.intervals[0] as Interval).lo };
  }
  if (scalar?.kind === 'text' && scalar.size === null && scalar.values?.length === 1) return { type: 'text', value: scalar.values[0] as string };
  return null;
}

function sameSpan(a: IrSpan, b: IrSpan): boolean {
  return a.file === b.file && a.line === b.line && a.col === b.col;
}
