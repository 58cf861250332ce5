/**
 * Where the typed layouts of an array may read it otherwise than RFC 8610 Appendix A; and, at the
 * end, group choices in a map that the typed layouts and the general matcher may read differently.
 *
 * The typed layouts flatten an array's group into alternatives, each a fixed run of members
 * (group choices and optional groups expanded, an optional member before a required one taken
 * and left out: arrays.ts), and take an array by the alternative its length and items match.
 * Appendix A's PEG reads the group in order instead: a group choice commits to the first
 * alternative that matches where it stands, and an optional member takes the next item when it
 * matches, and neither gives anything back when what follows then fails. The two agree except
 * where an earlier alternative can match a run of items of another length than a later one's,
 * on items that later one can have: `[int, ? int, int]` (the optional member takes the 2 of
 * `[1, 2]`, and no item is left for the last `int`), `[ (1 // 1, 2) ]` (the `1` is taken, and
 * the `2` is left over), RFC 9052's Sig_structure.
 *
 * `pegDepartures` finds those places, comparing the group's paths (its runs of members, in the
 * order the PEG tries them) two by two: paths i before j that share their first members (the
 * place the PEG chose between them) and their last ones (what follows the choice) differ in a
 * middle part; when those parts differ in length, path i's part can match the items path j
 * has there (no member of it is apart from j's item at its place: rest-ends.ts `dataApart`),
 * and no path that goes on from i's part reads the rest of every array of path j
 * (`implies`), the PEG may commit to i's part and fail where the typed layout takes path j.
 * Proven apart or proven to go on: no departure. Unsure: a departure (the rule is said, or
 * in greedy mode left to the general matcher, which follows the PEG), never a silent one.
 *
 * A group repeated in an array (`[ * (uint, ? 1, int) ]`) is read one repetition at a time by the
 * typed layouts, each as the first of its alternatives that matches there; the PEG reads a
 * repetition as it reads an array, except that what follows it is the next repetition, not the
 * array's end. So the same comparison finds its departures (`within: 'repetition'`), with paths
 * going on from the earlier part as far as they go rather than to the array's end.
 */
import { asWritten, printGroup, printType, type RefText } from '../ir/print.js';
import type { IrEntry, IrGroup, IrSpan, IrType } from '../ir/types.js';
import { GENERAL_SHAPE, type Shape, type ShapeContext, shapeOf } from './shapes.js';
import { type Member, membersOf, splicedGroup, unboundedMembers } from './groups.js';
import { implies } from './implication.js';
import { dataApart } from './rest-ends.js';

/** One place where the readings may differ: the first member of the earlier alternative's part, and what to say. */
export interface PegDeparture {
  span: IrSpan;
  /** What the two readings are, without what is done about it (arrays.ts adds that). */
  what: string;
  /** An optional member before a required one (`[int, ? int, int]`), rather than a group choice or an optional group. */
  optionalMember: boolean;
}

/**
 * One step of a path: a member taking an item, or a choice made (which alternative of a group
 * choice, an optional group or an optional member left out), which takes none. Steps of one
 * member or one choice are the same wherever paths share them, so paths compare by identity.
 */
type Step = { kind: 'item'; member: Member; optional: boolean } | { kind: 'choice'; id: object };

/** More paths than this are not compared two by two: the array is taken as departing (said, never silent). */
const MAX_PATHS = 128;

/**
 * The places in an array's group where Appendix A's reading may differ from the typed layouts'
 * (module comment); empty when they agree. Call it only on a group the typed layouts took
 * (`alternatives` did not refuse it). A repeated member on a path (a fork's) is compared as one
 * step; where what it takes would decide, the departure is said (unsure, never silent).
 */
export function pegDepartures(group: IrGroup, ctx: ShapeContext, within: 'array' | 'repetition' = 'array'): PegDeparture[] {
  const grouped = groupPaths(group, ctx, new Set());
  if (grouped === null) return [];
  const paths = grouped.flatMap(expandOptionals);
  // A repeated member (a fork's, arrays.ts forkLayout: `[ (? nil // bool), tstr, * 1.5 ]`) is one step of any number of
  // items: where the comparison would count it as one item it is unsure, and says so (departureBetween).
  const first = paths.flat().find((step) => step.kind === 'item');
  if (paths.length > MAX_PATHS && first?.kind === 'item') {
    return [{ span: first.member.span, what: `an array whose group and optional members make more than ${MAX_PATHS} ways to read it, too many to compare with RFC 8610 Appendix A's reading`, optionalMember: false }];
  }
  const shapes = new Map<Member, Shape>();
  const shape = (step: ItemStep): Shape => {
    let known = shapes.get(step.member);
    if (known === undefined) {
      known = shapeOf(step.member.type, ctx, step.member.span);
      shapes.set(step.member, known);
    }
    return known;
  };
  const departures: PegDeparture[] = [];
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const departure = departureBetween(paths, i, j, shape, ctx, within);
      if (departure !== null && !departures.some((d) => sameSpan(d.span, departure.span))) departures.push(departure);
    }
  }
  return departures;
}

type ItemStep = Extract<Step, { kind: 'item' }>;

function departureBetween(paths: readonly Step[][], i: number, j: number, shape: (step: ItemStep) => Shape, ctx: ShapeContext, within: 'array' | 'repetition'): PegDeparture | null {
  const earlier = paths[i] as Step[];
  const later = paths[j] as Step[];
  const shorter = Math.min(earlier.length, later.length);
  let prefix = 0;
  while (prefix < shorter && sameStep(earlier[prefix] as Step, later[prefix] as Step)) prefix++;
  let suffix = 0;
  while (prefix + suffix < shorter && sameStep(earlier[earlier.length - 1 - suffix] as Step, later[later.length - 1 - suffix] as Step)) suffix++;
  // The parts where they differ, as items: the PEG's choice between them, and where it stands.
  const part = itemsOf(earlier.slice(prefix, earlier.length - suffix));
  const theirs = itemsOf(later.slice(prefix, later.length - suffix));
  const laterItems = itemsOf(later);
  const at = itemsOf(earlier.slice(0, prefix)).length;
  // Parts of one length: what follows reads the same items either way (unless a repeated member makes the lengths any).
  if (part.length === theirs.length && ![...part, ...theirs].some(repeated)) return null;
  // The earlier part needs more items than the later path has: it cannot match there.
  if (at + part.length > laterItems.length) return null;
  // Optional members before the repetition that ends the array, or that members occurring once follow, are read as
  // Appendix A reads them (arrays.ts optionalsBeforeRest: each takes the next item when it reads as one, and the
  // repetition what is left, up to the members after it; optionalsBeforeRestAndAfter refuses those that could read otherwise).
  const tail = laterItems.slice(at);
  const ending = tail.length > 0 && later.slice(later.length - tail.length).every((step, k) => step === tail[k]);
  if (within === 'array' && theirs.length === 0 && part.every((step) => step.optional) && ending && repeated(tail[0] as ItemStep) && !tail.slice(1).some(repeated)) return null;
  for (let t = 0; t < part.length; t++) {
    if (dataApart(shape(part[t] as ItemStep), shape(laterItems[at + t] as ItemStep), ctx)) return null;
  }
  // Some path that makes the earlier part's choices reads every rest the later path's arrays can have
  // (in an array, to its end; in one repetition of a group, as far as that path goes: the typed reader
  // too takes the first alternative that matches there, and what comes after is the next repetition's).
  const through = earlier.length - suffix;
  const rest = laterItems.slice(at + part.length);
  const goesOn = paths.some((path) => {
    if (path.length < through || !earlier.slice(0, through).every((step, t) => sameStep(step, path[t] as Step))) return false;
    const items = itemsOf(path).slice(at + part.length);
    if (within === 'array' ? items.length !== rest.length : items.length > rest.length) return false;
    return items.every((step, k) => sameStep(step, rest[k] as ItemStep) || (!repeated(step) && !repeated(rest[k] as ItemStep) && implies(shape(rest[k] as ItemStep), shape(step), ctx)));
  });
  if (goesOn) return null;
  const other = laterItems[at];
  // An earlier alternative of no item in an array of no other (`[ ( // 1 ) ]`) is pointed at by the later one's item.
  const mine = part[0] ?? firstItemAfter(earlier, prefix) ?? other;
  if (mine === undefined) return null;
  const optionalMember = part.length === 1 && theirs.length === 0 && mine.optional;
  const written = asWritten(ctx.rules);
  const what = optionalMember
    ? `an optional array member before a required one whose items it could also be (${printType(mine.member.type, written)} before ${printType((other as ItemStep).member.type, written)})`
    : `a group choice or an optional group in an array whose earlier alternative (${count(part.length)}${part[0] === undefined ? '' : `, from ${printType(part[0].member.type, written)}`}) can match items that a later one (${count(theirs.length)}) reads otherwise${other === undefined ? '' : ` (${printType(other.member.type, written)} there)`}`;
  return { span: mine.member.span, what, optionalMember };
}

/** Whether the step's member may take more than one item (an optional one, at most one, is compared as before). */
function repeated(step: ItemStep): boolean {
  return step.member.occurrence.max !== 1;
}

function itemsOf(steps: readonly Step[]): ItemStep[] {
  return steps.filter((step): step is ItemStep => step.kind === 'item');
}

/** Where to point at an earlier alternative that takes no item: the first member after it (or before it, at the end of the array); none in an array of no other item. */
function firstItemAfter(path: readonly Step[], from: number): ItemStep | undefined {
  return itemsOf(path.slice(from))[0] ?? itemsOf(path.slice(0, from)).at(-1);
}

function sameStep(a: Step, b: Step): boolean {
  if (a.kind === 'item') return b.kind === 'item' && a.member === b.member;
  return b.kind === 'choice' && a.id === b.id;
}

function count(items: number): string {
  return `${items} item${items === 1 ? '' : 's'}`;
}

function sameSpan(a: IrSpan, b: IrSpan): boolean {
  return a.file === b.file && a.line === b.line && a.col === b.col;
}

/**
 * The runs of members a group stands for, in the order Appendix A's PEG tries them: group choices
 * in order, an optional group with it before without it (`? G` is `G / ε`), spliced groups in
 * place. Occurrences are kept on members (expandOptionals takes optional ones apart). Null where
 * a group repeats with several members, which the typed layouts read as a repetition (or refuse).
 */
function groupPaths(group: IrGroup, ctx: ShapeContext, seen: Set<string>): Step[][] | null {
  const result: Step[][] = [];
  for (const [index, choice] of group.choices.entries()) {
    let paths: Step[][] = [[choiceStep(group, index)]];
    for (const entry of choice.entries) {
      const steps = entryPaths(entry, ctx, seen);
      if (steps === null) return null;
      paths = paths.flatMap((path) => steps.map((more) => [...path, ...more]));
    }
    result.push(...paths);
  }
  return result;
}

/** One entry's runs; a member is one run of itself. */
function entryPaths(entry: IrEntry, ctx: ShapeContext, seen: Set<string>): Step[][] | null {
  if (entry.kind === 'member') return [[{ kind: 'item', member: entry, optional: false }]];
  if (entry.ref !== null && seen.has(entry.ref)) return null;
  const inner = splicedGroup(entry, ctx, seen);
  if (entry.ref !== null) seen.add(entry.ref);
  const innerPaths = groupPaths(inner, ctx, seen);
  if (entry.ref !== null) seen.delete(entry.ref);
  if (innerPaths === null) return null;
  const { min, max } = entry.occurrence;
  if (min === 1 && max === 1) return innerPaths;
  const items = innerPaths.map(itemsOf);
  const only = items.length === 1 && items[0]?.length === 1 ? (items[0][0] as ItemStep) : undefined;
  // `? (x: int)` is `? x: int`, `* (+ int)` is `* int` (groups.ts): one member whose occurrences multiply.
  if (only !== undefined) {
    const o = only.member.occurrence;
    return [[{ kind: 'item', member: multiplied(entry, only.member, { min: min * o.min, max: max === null || o.max === null ? null : max * o.max }), optional: false }]];
  }
  if (min === 0 && max === 1) return [...innerPaths, [choiceStep(entry, 0)]];
  return null;
}

/**
 * A run with its optional members taken apart, in the PEG's order: an optional member before a
 * required one as taken, then as left out; optional members after the last required one as the
 * typed layouts read them, by position (`[a, ? b, ? c]` as `a b c`, `a b`, `a`: arrays.ts
 * expandTrailingOptionals, sound there because each takes every item a later one does).
 */
function expandOptionals(path: Step[]): Step[][] {
  const index = path.findIndex((s, i) => isOptional(s) && path.slice(i + 1).some((later) => later.kind === 'item' && later.member.occurrence.min > 0));
  const step = path[index];
  if (step?.kind === 'item') {
    const present = [...path.slice(0, index), { kind: 'item' as const, member: onceOf(step.member), optional: true }, ...path.slice(index + 1)];
    const absent = [...path.slice(0, index), choiceStep(step.member, 0), ...path.slice(index + 1)];
    return [...expandOptionals(present), ...expandOptionals(absent)];
  }
  let lastRequired = path.length - 1;
  while (lastRequired >= 0 && (path[lastRequired]?.kind === 'choice' || isOptional(path[lastRequired] as Step))) lastRequired--;
  const tail = path.slice(lastRequired + 1);
  if (!tail.some(isOptional)) return [path];
  const runs: Step[][] = [];
  for (let present = path.length; present > lastRequired; present--) {
    runs.push(path.slice(0, present).map((s) => (s.kind === 'item' && isOptional(s) ? { kind: 'item' as const, member: onceOf(s.member), optional: false } : s)));
  }
  return runs;
}

function isOptional(step: Step): boolean {
  return step.kind === 'item' && step.member.occurrence.min === 0 && step.member.occurrence.max === 1;
}

/** The member as taken once: one object per member, so paths that both take it share it. */
const onceMembers = new WeakMap<Member, Member>();
function onceOf(member: Member): Member {
  let once = onceMembers.get(member);
  if (once === undefined) {
    once = { ...member, occurrence: { min: 1, max: 1 } };
    onceMembers.set(member, once);
  }
  return once;
}

/**
 * The member of `n*m (member)` with its occurrences multiplied, one object per group entry, placed where the group
 * entry is written: `? ~u` with `u = [int]` is an optional member of this array, which a warning points at there,
 * not at `u`'s definition.
 */
const multipliedMembers = new WeakMap<IrEntry, Member>();
function multiplied(entry: IrEntry, member: Member, occurrence: Member['occurrence']): Member {
  let made = multipliedMembers.get(entry);
  if (made === undefined) {
    made = { ...member, occurrence, span: entry.span };
    multipliedMembers.set(entry, made);
  }
  return made;
}

/** The step of choosing alternative `index` of a group choice (or, for an optional group or member, leaving it out): one per choice. */
const choiceSteps = new WeakMap<object, Step[]>();
function choiceStep(owner: object, index: number): Step {
  let steps = choiceSteps.get(owner);
  if (steps === undefined) {
    steps = [];
    choiceSteps.set(owner, steps);
  }
  let step = steps[index];
  if (step === undefined) {
    step = { kind: 'choice', id: {} };
    steps[index] = step;
  }
  return step;
}

// ---- maps ------------------------------------------------------------------------

/**
 * Group choices in a map that the typed layouts and the general matcher may read differently.
 * The typed layouts flatten a map's group into alternatives and take a map by the one whose
 * members take all its entries; the general matcher (templates/matcher-groups.ts) commits to the
 * first alternative of a group choice that matches, and then rejects the map if entries are left
 * that nothing after takes: `{ (? int => nil // "z" => uint) }` with `{"z": 2}` (the first
 * alternative matches, taking nothing). Whether RFC 8610 means the one or the other for maps is
 * not settled (docs/cddl-support.md, "Group choices in maps"), so such a choice is said.
 *
 * A pair of alternatives i before j of one group choice may read so when alternative i can match
 * a map of alternative j: each member i needs (its top-level members that must occur) may find an
 * entry there, an entry some member of j or outside the choice may take (keys and values not
 * apart); and some member of j takes entries that nothing outside the choice, nor i, surely takes
 * as well (its key and value within theirs, a computed-key member); or, where j leaves none over,
 * i may take entries of a member outside the choice that must take one (`nint => any`), more than
 * j gives back to it, so that member (or the optional group it is in) may find too few. An optional group of several members is such
 * a choice too, its members first and none after (`{ ? (-6 => nil, ? "z" => int), nint => any }` with
 * `{-6: nil}`: the group takes the entry). Proven otherwise: nothing said.
 */
export function mapDepartures(group: IrGroup, ctx: ShapeContext): PegDeparture[] {
  // Comparing entries asks `implies`, which may lay out a map inside (a rule's shape, computed again), whose own
  // departures are looked for then: through a recursive schema (RFC 8927's `{ schema }` in its schema forms)
  // that would come back to this group without end. Its departures are found where it is laid out first.
  if (mapsBeingRead.has(group)) return [];
  mapsBeingRead.add(group);
  try {
    return departuresOf(group, ctx);
  } finally {
    mapsBeingRead.delete(group);
  }
}

/** The map groups whose departures are being looked for, outermost first (see {@link mapDepartures}). */
const mapsBeingRead = new Set<IrGroup>();

/**
 * Where an entry is written in a map's group: its index in its alternative, after those of the entries around it
 * (`[0, 2]`: the third entry of an alternative of the map's first entry).
 */
type Place = readonly number[];

/** Whether the entry at `a` is written before the one at `b` (not inside it: a member inside a choice is not before it). */
function writtenBefore(a: Place, b: Place): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  return false;
}

function departuresOf(group: IrGroup, ctx: ShapeContext): PegDeparture[] {
  // The map's members, found once a group choice asks for them (most maps have none).
  let all: Member[] | null = null;
  const allMembers = (): Member[] => (all ??= membersOf(group, ctx, new Set()));
  // Those that take any number of entries, a spliced `* key-value-pair` included.
  let many: Set<Member> | null = null;
  const unbounded = (m: Member): boolean => (many ??= unboundedMembers(group, ctx)).has(m);
  const departures: PegDeparture[] = [];
  const say = (at: Member, what: string): void => {
    if (!departures.some((d) => sameSpan(d.span, at.span))) departures.push({ span: at.span, what, optionalMember: false });
  };
  /**
   * Alternatives in the order the matcher tries them (a group choice's; an optional group's, with it, then without).
   * `needed`: the members beside them that must take an entry (standingMembers), by the place of the map's entry they
   * are in, and `at` the place of the one the alternatives are in: an earlier alternative that takes their entries may
   * leave them none, unless they are read first: the matcher reads a map's members with a cut, then those of one
   * literal key, then the others and the groups in the order written, so one written before the choice is read before
   * it (one written after may be too, and is warned about all the same).
   */
  const compare = (choices: IrGroup['choices'], seen: Set<string>, what: 'a group choice' | 'an optional group', needed: ReadonlyMap<Member, Place>, at: Place): void => {
    const inside = new Set(membersOf({ choices }, ctx, new Set(seen)));
    const outside = allMembers().filter((m) => !inside.has(m));
    const alternativesOf = choices.map((choice) => membersOf({ choices: [choice] }, ctx, new Set(seen)));
    const written = asWritten(ctx.rules);
    for (let i = 0; i < choices.length; i++) {
      const entries = choices[i]?.entries ?? [];
      const first = requiredMembers(entries, ctx, seen)[0];
      const mine = alternativesOf[i] as Member[];
      for (let j = i + 1; j < choices.length; j++) {
        const theirs = alternativesOf[j] as Member[];
        if (!mayMatchAmong(entries, [...theirs, ...outside], ctx, seen)) continue;
        const optional = what === 'an optional group';
        const head = optional ? `an optional group in a map (${describeAlternative(mine, written)}) that` : `a group choice in a map whose earlier alternative (${describeAlternative(mine, written)})`;
        // An entry of the later alternative is surely taken by a member that takes any number of entries, or by one
        // of a single key (a map has one entry of a key, which that member takes when it matches) whose entries
        // include it; what neither takes may be left over once the earlier alternative is committed to.
        // Of the earlier alternative's members, only those it reads in every way it matches: not those inside a choice or
        // an optional group in it, which it may match without (`(z: 1, + tstr => any // )` matches as its empty alternative).
        const read = readInEveryWay(entries, ctx, seen);
        const left = theirs.find((t) => ![...outside, ...read].some((o) => (unbounded(o) || o.key?.kind === 'value') && entryWithin(t, o, ctx)));
        if (left !== undefined) {
          say(first ?? mine[0] ?? left, `${head} can match a map that ${optional ? 'is read without it' : 'a later one reads'} (${printEntry(left, written)})`);
          continue;
        }
        // A member outside that the map needs may lose to the earlier alternative the entries it takes in the later one's
        // reading, unless the later one gives it as many back (entries of its own that member surely takes).
        const starved = outside.find((o) => {
          const place = needed.get(o);
          if (place === undefined || writtenBefore(place, at)) return false;
          const taken = mine.filter((m) => entriesMeet(m, o, ctx)).length;
          return taken > 0 && taken > requiredMembers(choices[j]?.entries ?? [], ctx, seen).filter((t) => entryWithin(t, o, ctx)).length;
        });
        if (starved !== undefined) {
          say(first ?? mine[0] ?? starved, `${head} can take the entries that ${printEntry(starved, written)} takes when ${optional ? 'it is left out' : 'a later one is read'}`);
        }
      }
    }
  };
  const visit = (g: IrGroup, seen: Set<string>, needed: ReadonlyMap<Member, Place>, at: Place): void => {
    if (g.choices.length > 1) compare(g.choices, seen, 'a group choice', needed, at);
    for (const choice of g.choices) {
      // Each alternative, the map's own or a choice's inside it (`{ ((-7 => nil // ), nint => nil // "z" => uint) }`),
      // has its members beside every choice inside it, with those of the alternatives around it (a choice's
      // alternatives never meet, so only the members on the way in count).
      const beside = new Map(needed);
      for (const [index, entry] of choice.entries.entries()) for (const m of standingMembers([entry], ctx, seen)) beside.set(m, [...at, index]);
      for (const [index, entry] of choice.entries.entries()) {
        const where = [...at, index];
        if (entry.kind !== 'group' || (entry.ref !== null && seen.has(entry.ref))) continue;
        const inner = (entry.ref === null ? entry.group : ctx.rules.get(entry.ref)?.group) ?? null;
        if (inner === null) continue;
        const within = entry.ref === null ? seen : new Set([...seen, entry.ref]);
        // `? (a, b)` is tried with its members first (greedy, as the matcher reads it), the map without them after; a
        // group of one member is that member, optional (groups.ts alternatives), which both read alike.
        const oneMember = inner.choices.length === 1 && inner.choices[0]?.entries.length === 1 && inner.choices[0].entries[0]?.kind === 'member';
        if (entry.occurrence.min === 0 && !oneMember) compare([{ entries: [{ ...entry, occurrence: { min: 1, max: 1 } }] }, { entries: [] }], seen, 'an optional group', beside, where);
        visit(inner, within, beside, where);
      }
    }
  };
  visit(group, new Set(), new Map(), []);
  return departures;
}

/**
 * The members that must take an entry wherever the alternative they are in is read: those it needs
 * (requiredMembers), and those an optional group of one alternative in it needs where the group is
 * taken (without them it fails, and may leave its other entries over). Through groups of one
 * alternative only: members of different alternatives of a choice are never read together.
 */
function standingMembers(entries: readonly IrEntry[], ctx: ShapeContext, seen: ReadonlySet<string>): Set<Member> {
  const standing = new Set(requiredMembers(entries, ctx, seen));
  for (const entry of entries) {
    if (entry.kind !== 'group' || entry.occurrence.min !== 0 || entry.occurrence.max !== 1 || (entry.ref !== null && seen.has(entry.ref))) continue;
    const inner = (entry.ref === null ? entry.group : ctx.rules.get(entry.ref)?.group) ?? null;
    if (inner?.choices.length !== 1) continue;
    for (const m of standingMembers(inner.choices[0]?.entries ?? [], ctx, entry.ref === null ? seen : new Set([...seen, entry.ref]))) standing.add(m);
  }
  return standing;
}

/**
 * The members an alternative reads wherever it matches, needed or not (`* tstr => any` takes what it can): its own,
 * and those of groups it splices in that occur at least once and have one alternative. Not those of a group choice
 * or an optional group in it, which it may match without.
 */
function readInEveryWay(entries: readonly IrEntry[], ctx: ShapeContext, seen: ReadonlySet<string>): Member[] {
  const read: Member[] = [];
  for (const entry of entries) {
    if (entry.kind === 'member') read.push(entry);
    else if (entry.occurrence.min > 0 && (entry.ref === null || !seen.has(entry.ref))) {
      const inner = (entry.ref === null ? entry.group : ctx.rules.get(entry.ref)?.group) ?? null;
      if (inner?.choices.length === 1) read.push(...readInEveryWay(inner.choices[0]?.entries ?? [], ctx, entry.ref === null ? seen : new Set([...seen, entry.ref])));
    }
  }
  return read;
}

/** Whether one entry may be taken by both members: their keys and their values are not apart. */
function entriesMeet(a: Member, b: Member, ctx: ShapeContext): boolean {
  return !dataApart(keyShape(a, ctx), keyShape(b, ctx), ctx) && !dataApart(shapeOf(a.type, ctx, a.span), shapeOf(b.type, ctx, b.span), ctx);
}

/** Whether every entry member `a` takes, member `b` may take too (key and value within b's). */
function entryWithin(a: Member, b: Member, ctx: ShapeContext): boolean {
  return implies(keyShape(a, ctx), keyShape(b, ctx), ctx) && implies(shapeOf(a.type, ctx, a.span), shapeOf(b.type, ctx, b.span), ctx);
}

function keyShape(member: Member, ctx: ShapeContext): Shape {
  const key = member.key;
  if (key === null) return GENERAL_SHAPE;
  const type: IrType = key.kind === 'value' ? { kind: 'literal', value: key.value } : key.type;
  return shapeOf(type, ctx, member.span);
}

/**
 * The members an alternative cannot match without: its own that must occur, and those of a group it splices
 * in that must occur (`ref = ( ref: tstr, shared )` needs `ref`), through groups of one alternative only (of a
 * spliced group choice, no member is needed in every way it matches; leaving those out only says more).
 */
function requiredMembers(entries: readonly IrEntry[], ctx: ShapeContext, seen: ReadonlySet<string>): Member[] {
  const needed: Member[] = [];
  for (const entry of entries) {
    if (entry.occurrence.min === 0) continue;
    if (entry.kind === 'member') needed.push(entry);
    else if (entry.ref === null || !seen.has(entry.ref)) {
      const inner = (entry.ref === null ? entry.group : ctx.rules.get(entry.ref)?.group) ?? null;
      if (inner?.choices.length === 1) needed.push(...requiredMembers(inner.choices[0]?.entries ?? [], ctx, entry.ref === null ? seen : new Set([...seen, entry.ref])));
    }
  }
  return needed;
}

/**
 * Whether an alternative may match a map whose entries only `there` may take: each member it needs finds
 * an entry there (keys and values not apart), and a group it splices in and needs may match so in one of
 * its own alternatives (`properties = (with-properties // with-optional-properties)`, each needing a key).
 */
function mayMatchAmong(entries: readonly IrEntry[], there: readonly Member[], ctx: ShapeContext, seen: ReadonlySet<string>): boolean {
  return entries.every((entry) => {
    if (entry.occurrence.min === 0) return true;
    if (entry.kind === 'member') return there.some((t) => entriesMeet(entry, t, ctx));
    if (entry.ref !== null && seen.has(entry.ref)) return true;
    const inner = (entry.ref === null ? entry.group : ctx.rules.get(entry.ref)?.group) ?? null;
    const within = entry.ref === null ? seen : new Set([...seen, entry.ref]);
    return inner === null || inner.choices.some((choice) => mayMatchAmong(choice.entries, there, ctx, within));
  });
}

/** A member as the schema wrote it (`written`: how references print). */
function printEntry(member: Member, written: RefText): string {
  return printGroup({ choices: [{ entries: [member] }] }, written);
}

function describeAlternative(members: readonly Member[], written: RefText): string {
  if (members.length === 0) return 'no members';
  const shown = members.slice(0, 2).map((m) => printEntry(m, written));
  return shown.join(', ') + (members.length > 2 ? ', …' : '');
}
