/**
 * The members of a group and its alternatives (group choices, spliced groups, optional groups), shared by array and map layouts.
 */
import type { IrEntry, IrGroup, IrSpan } from '../ir/types.js';
import { type ShapeContext, unsupported } from './shapes.js';
import { fixedKey } from './maps.js';

// ---- arrays and maps -----------------------------------------------------------

/** A member of an alternative, with the named group it was spliced from (if any), which names computed-key entries. */
export type Member = Extract<IrEntry, { kind: 'member' }> & { via?: string; counted?: Counted };

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
export function alternatives(group: IrGroup, ctx: ShapeContext, seen: Set<string>, context: 'array' | 'map'): Member[][] {
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
      const innerAlts = alternatives(inner, ctx, seen, context).map((alt) => (via === null ? alt : alt.map((m) => ({ ...m, via: m.via ?? via }))));
      if (via !== null) seen.delete(via);
      const { min, max } = entry.occurrence;
      // An empty group (a socket nobody fills) that may occur zero times adds nothing.
      if (innerAlts.length === 0 && min === 0) continue;
      if (min === 1 && max === 1) alts = cross(alts, innerAlts);
      else if (min === 0 && max === 1) alts = [...alts, ...cross(alts, innerAlts)];
      else if (context === 'map' && min === 0 && max === null && innerAlts.every((alt) => alt.length === 1)) {
        // Keys are unique, so a repeated choice of keyed members is each member at most once; computed keys repeat.
        const members = innerAlts.flat().map((m) => ({ ...m, occurrence: { min: 0, max: fixedKey(m, ctx) === null ? null : 1 } }));
        alts = alts.map((a) => [...a, ...members]);
      } else if (innerAlts.length === 1 && innerAlts[0]?.length === 1) {
        const only = innerAlts[0][0] as Member;
        const occurrence = { min: min * only.occurrence.min, max: max === null || only.occurrence.max === null ? null : max * only.occurrence.max };
        alts = alts.map((a) => [...a, { ...only, occurrence }]);
      } else if (context === 'map' && innerAlts.every((alt) => alt.length === 1 && (fixedKey(alt[0] as Member, ctx) === null || (alt[0] as Member).occurrence.max === 1))) {
        // `+ (a => int // b => tstr // nint => any)`: each keyed member at most once, computed keys any number of times, and min..max entries in all.
        const counted: Counted = { min, max };
        const members = innerAlts.flat().map((m) => ({ ...m, occurrence: { min: 0, max: fixedKey(m, ctx) === null ? null : 1 }, counted }));
        alts = alts.map((a) => [...a, ...members]);
      } else if (context === 'map' && min <= 1 && innerAlts.length === 1 && innerAlts[0]?.every((m) => fixedKey(m, ctx) !== null)) {
        // A group of keyed members can occur at most once, so `* (x: int, y: int)` is `? (x: int, y: int)`.
        alts = min === 0 ? [...alts, ...cross(alts, innerAlts)] : cross(alts, innerAlts);
      } else {
        return unsupported(ctx, entry.span, `a group of several members repeated ${min}*${max ?? ''} inside ${context === 'array' ? 'an array' : 'a map'}`);
      }
      if (alts.length > MAX_ALTERNATIVES) return unsupported(ctx, entry.span, `more than ${MAX_ALTERNATIVES} alternatives from group choices and optional groups`);
    }
    result.push(...alts);
  }
  return result;
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
