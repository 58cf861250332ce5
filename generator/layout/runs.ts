/**
 * Arrays of members one after another, two or more of them repeated (`[* int, * tstr]`, `[+ uint, * (tstr
 * / bstr)]`, `[version: uint, * names: tstr, * flags: bool]`): the `runs` layout (shapes.ts).
 *
 * RFC 8610 Appendix A reads such an array member by member: each takes every next item its type matches,
 * up to its most, and gives none back. Where no data item is a value of two members (any two, so that no
 * member can take an item a later one needed, whichever are empty between them), that greedy reading is
 * also the only way to split the items among the members, so reading by length says the same: a decoder
 * takes the items a member's type matches, then goes on to the next member, and the array matches when
 * every member has its count and no item is left.
 *
 * The JavaScript value: where every member is named, once, an object with one property per member (an
 * array for a repeated one), which says which items are whose without any test. Otherwise one array of
 * every item in order, typed as the union of the members' types; guards and encoders then assign each
 * element to a member as the decoder did, by exact tests (a rule's check, a scalar's test) that no
 * JavaScript value passes for two members. Where either condition fails, the array stays general.
 */
import type { Member } from './groups.js';
import { type ArrayLayout, type ArrayRun, type ShapeContext, admitsUndefined, shapeOf } from './shapes.js';
import { dataApart, jsApart } from './rest-ends.js';
import { isExactlyTestable } from './arrays.js';

/** The `runs` layout of an array whose only alternative is `members`, or null when it is not one (or not exact). */
export function runsLayout(members: Member[], ctx: ShapeContext): ArrayLayout | null {
  if (members.filter((m) => m.occurrence.max !== 1).length < 2) return null;
  const runs = members.map(
    (m, index): ArrayRun => ({ name: m.name ?? `item${index}`, span: m.span, item: shapeOf(m.type, ctx, m.span), itemType: m.type, min: m.occurrence.min, max: m.occurrence.max, doc: m.doc }),
  );
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) if (!dataApart((runs[i] as ArrayRun).item, (runs[j] as ArrayRun).item, ctx)) return null;
  }
  const named = members.every((m) => m.name !== null) && new Set(members.map((m) => m.name)).size === members.length;
  if (named) {
    // An optional property that may hold undefined would look absent.
    if (members.some((m, i) => m.occurrence.min === 0 && m.occurrence.max === 1 && admitsUndefined((members[i] as Member).type, ctx))) return null;
    return { kind: 'runs', named, runs };
  }
  // One array of them all: an element's member is the one whose exact test it passes, and only that one.
  if (!runs.every((run) => run.item.kind === 'rule' || isExactlyTestable(run.item))) return null;
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) if (!jsApart((runs[i] as ArrayRun).item, (runs[j] as ArrayRun).item, ctx)) return null;
  }
  return { kind: 'runs', named, runs };
}

/** Whether a member of the layout occurs once (then it is read, checked and written as itself). */
export function isSingle(run: ArrayRun): boolean {
  return run.max === 1;
}
