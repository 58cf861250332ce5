/**
 * Arrays of members one after another, two or more of them repeated (`[* int, * tstr]`, `[+ uint, * (tstr
 * / bstr)]`, `[version: uint, * names: tstr, * flags: bool]`, `[* (int, tstr), * bool]`), or optional ones
 * that take items by type, not by position (`[version: uint, ? label: tstr, ? urgent: bool]`, `[int, ? tstr, ?
 * bool, bstr]`, `[? tstr, ? bool, * bstr]`): the `runs` layout (shapes.ts).
 *
 * RFC 8610 Appendix A reads such an array member by member: each takes every next item its type matches,
 * up to its most, and gives none back. Where no data item is a value of two members that may meet (a member
 * of a varying count and each later one with only members that may be empty between them: see meetingPairs),
 * no member can take an item a later one needed, so that greedy reading is also the only way to split the
 * items among the members, and reading by length says the same: a decoder
 * takes the items a member's type matches, then goes on to the next member, and the array matches when
 * every member has its count and no item is left. A repeated group of several members (`* (int, tstr)`)
 * is one such member whose repetitions start with its first member's item: where that is no other
 * member's it may meet, a repetition whose later members fail fails the array whichever way it is read.
 *
 * The JavaScript value: where every member is named, once, an object with one property per member (an
 * array for a repeated one), which says which items are whose without any test. Otherwise one array of
 * every item in order (a repeated group's repetitions each one element, a tuple or an object), typed as
 * the union of the members' types; guards and encoders then assign each element to a member as the
 * decoder did, by exact tests (a rule's check, a scalar's test) that no JavaScript value passes for two
 * members that may meet (guards and encoders walk the elements in order, each member taking the next while its
 * test passes, as the decoder does the items). Where either condition fails, the array stays general.
 */
import { type Member, alternatives, splicedGroup } from './groups.js';
import type { IrGroup, IrSpan, IrType } from '../ir/types.js';
import { type ArrayLayout, type GroupVariant, type Shape, type ShapeContext, admitsUndefined, shapeOf } from './shapes.js';
import { type Seen, dataApart, jsApart } from './rest-ends.js';
import { isExactlyTestable, isOnce, isOptional, namedUniquely, requiredRun } from './arrays.js';
import { implies } from './implication.js';

/** A member of the `runs` layout: a member that occurs once (`min` = `max` = 1), optionally or repeatedly. */
export interface ArrayRun {
  name: string;
  span: IrSpan;
  /** The member's shape; for a repeated group, its first member's (which tells its repetitions from other members' items). */
  item: Shape;
  itemType: IrType;
  min: number;
  max: number | null;
  doc: string | null;
  /** A repeated group of several members that occur once (`* (int, tstr)`): each repetition one element, a tuple or an object. */
  group?: GroupVariant;
}

/** The `runs` layout of an array whose only alternative is `members`, or null when it is not one (or not exact). */
export function runsLayout(members: Member[], ctx: ShapeContext): ArrayLayout | null {
  const named = namedUniquely(members);
  // Or optional members that take items by type, not by position (`[v: uint, ? label: tstr, ? urgent: bool]`: `[1,
  // true]` has no label): named, an object whose optional properties say which are present; else one array of the
  // items, typed as one tuple per set of members present where no member repeats (`[int, ? tstr, ? bool, bstr]`,
  // types.ts runTuples), read in one pass, not as that many alternatives tried in turn. Unnamed, only optional members
  // between the same repeated ones count: the tuple layouts of arrays.ts type the others more closely (`[int, ? tstr,
  // * bool, ? bstr]` is `[number, string, ...boolean[], Uint8Array] | …`).
  const byType = named ? optionalsByType(members, ctx) : stretchesBetweenRepeated(members).some((stretch) => optionalsByType(stretch, ctx));
  if (members.filter((m) => m.occurrence.max !== 1).length < 2 && !byType) return null;
  // An optional property that may hold undefined would look absent.
  if (named && members.some((m) => m.occurrence.min === 0 && m.occurrence.max === 1 && admitsUndefined(m.type, ctx))) return null;
  return laidOut(members.map((m, index) => memberRun(m, index, ctx)), named, ctx);
}

/**
 * The `runs` layout of an array with a repeated group of several members among its members (`[* (int, tstr), *
 * bool]`, `[+ pair, * names: tstr]` with `pair = (k: tstr, v: int)`), read from the group as written, or null.
 * A group that occurs once is its members; a repeated group must be one alternative of members that occur once.
 */
export function groupRunsLayout(group: IrGroup, ctx: ShapeContext): ArrayLayout | null {
  const entries = group.choices.length === 1 ? (group.choices[0]?.entries ?? []) : [];
  if (!entries.some((e) => e.kind === 'group' && e.occurrence.max !== 1)) return null;
  const runs: ArrayRun[] = [];
  const names: (string | null)[] = [];
  for (const entry of entries) {
    if (entry.kind === 'member') {
      runs.push(memberRun(entry, runs.length, ctx));
      names.push(entry.name);
      continue;
    }
    const inner = alternatives(splicedGroup(entry, ctx, new Set()), ctx, new Set(entry.ref === null ? [] : [entry.ref]), 'array');
    const members = inner.length === 1 ? (inner[0] as Member[]) : null;
    if (members === null || members.length === 0 || !members.every(isOnce)) return null;
    const { min, max } = entry.occurrence;
    if (min === 1 && max === 1) {
      for (const m of members) {
        runs.push(memberRun(m, runs.length, ctx));
        names.push(m.name);
      }
    } else if (max === 1) return null;
    else if (members.length === 1) {
      runs.push(memberRun({ ...(members[0] as Member), occurrence: { min, max } }, runs.length, ctx));
      names.push(members[0]?.name ?? null);
    } else {
      const variant = requiredRun(members, ctx);
      const first = variant.fields[0] as GroupVariant['fields'][number];
      runs.push({ name: entry.ref ?? `item${runs.length}`, span: entry.span, item: first.shape, itemType: first.type, min, max, doc: entry.doc, group: variant });
      names.push(entry.ref);
    }
  }
  if (runs.filter((run) => run.max !== 1).length < 2) return null;
  const named = names.every((n) => n !== null) && new Set(names).size === names.length;
  if (named && runs.some((run) => run.group === undefined && run.min === 0 && run.max === 1 && admitsUndefined(run.itemType, ctx))) return null;
  return laidOut(runs, named, ctx);
}

/** Whether an optional member comes after an optional one that does not take all its items (so not read by position). */
function optionalsByType(members: Member[], ctx: ShapeContext): boolean {
  const optional = members.filter(isOptional).map((m) => shapeOf(m.type, ctx, m.span));
  return optional.some((later, j) => optional.slice(0, j).some((earlier) => !implies(later, earlier, ctx)));
}

/** The members before, between and after the repeated ones (`[? a, ? b, * c, ? d]`: `[? a, ? b]` and `[? d]`). */
function stretchesBetweenRepeated(members: Member[]): Member[][] {
  const stretches: Member[][] = [[]];
  for (const m of members) {
    if (m.occurrence.max === 1) (stretches[stretches.length - 1] as Member[]).push(m);
    else stretches.push([]);
  }
  return stretches;
}

function memberRun(m: Member, index: number, ctx: ShapeContext): ArrayRun {
  return { name: m.name ?? `item${index}`, span: m.span, item: shapeOf(m.type, ctx, m.span), itemType: m.type, min: m.occurrence.min, max: m.occurrence.max, doc: m.doc };
}

/**
 * The pairs of members whose items must be apart: a member of a varying count (`*`, `?`, `1*3`) and each later one
 * it may meet next, with only members that may be empty between them. A member of a fixed count (`int`, `2*2 bstr`)
 * takes exactly that many items whichever way the array is read, and a member that needs an item stands between
 * the members before and after it: its item ends the one before, whose items are not its own (`[* int, tstr, *
 * int]`, `[version: uint, * names: tstr, * ids: uint]`).
 */
function meetingPairs(runs: ArrayRun[]): [ArrayRun, ArrayRun][] {
  const pairs: [ArrayRun, ArrayRun][] = [];
  runs.forEach((run, i) => {
    if (run.min === run.max) return;
    for (const later of runs.slice(i + 1)) {
      pairs.push([run, later]);
      if (later.min > 0) break;
    }
  });
  return pairs;
}

/** The layout of `runs` where no data item is two members' that may meet (and, in one array, no JavaScript value either), else null. */
function laidOut(runs: ArrayRun[], named: boolean, ctx: ShapeContext): ArrayLayout | null {
  const meeting = meetingPairs(runs);
  if (meeting.some(([a, b]) => !dataApart(a.item, b.item, ctx))) return null;
  if (named) return { kind: 'runs', named, runs };
  // One array of them all: each member takes the next elements while its exact test passes.
  const exact = (shape: Shape) => shape.kind === 'rule' || isExactlyTestable(shape);
  if (!runs.every((run) => (run.group === undefined ? exact(run.item) : run.group.fields.every((f) => exact(f.shape))))) return null;
  const element = (run: ArrayRun): Seen => (run.group === undefined ? run.item : { kind: 'opaque', heads: ['4'], families: [run.group.kind === 'tuple' ? 'array' : 'object'] });
  // Guards and encoders give the elements to the members in order, as the decoder gives items: only members that may meet need telling apart.
  if (meeting.some(([a, b]) => !jsApart(element(a), element(b), ctx))) return null;
  return { kind: 'runs', named, runs };
}
