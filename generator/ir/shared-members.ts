/**
 * Which groups' members the emitters would write more than once: the members of a group that
 * expands into several alternatives (a group choice `//`, an optional group, either spliced in
 * from a group rule), which the typed layouts read, check and write once per alternative, and the
 * members of a group rule spliced into more than one place, or into such a group. An inline array
 * or map that is such a member's type (RFC 8927's `definitions: { * tstr => { schema } }`, beside
 * the ten alternatives `schema` splices in) gets a rule of its own (hoist.ts), so that its code is
 * written once and called: inline, it was written once per alternative, and its own alternatives
 * inside each (RFC 8927's root schema was 1.5 MB of TypeScript).
 */
import type { IrEntry, IrGroup, IrRule } from './types.js';

export class SharedMembers {
  private readonly groups: ReadonlyMap<string, IrGroup>;
  private readonly several = new Map<string, boolean>();
  private readonly multiplied: ReadonlySet<string>;

  constructor(rules: readonly IrRule[]) {
    this.groups = new Map(rules.filter((r) => r.kind === 'group' && r.group !== undefined).map((r) => [r.name, r.group as IrGroup]));
    this.multiplied = this.multipliedGroupRules(rules);
  }

  /** Whether the members of group rule `name` are written more than once: it is spliced into several places, or beside a group of several alternatives. */
  multipliedRule(name: string): boolean {
    return this.multiplied.has(name);
  }

  /**
   * Whether an entry of one alternative of a group is written once per alternative of another entry beside it: a
   * group that is several alternatives once spliced in (`{ ? definitions: …, schema }`, where `schema` is a group choice).
   */
  besideSeveral(entry: IrEntry, alternative: readonly IrEntry[]): boolean {
    return alternative.some((other) => other !== entry && this.expands(other));
  }

  /** Whether an entry is a group of several alternatives, once: a group choice (maybe spliced in from a group rule), or an optional group (with it and without). */
  private expands(entry: IrEntry, seen = new Set<string>()): boolean {
    // A repeated group is read one repetition at a time, not as alternatives of the group around it.
    if (entry.kind !== 'group' || entry.occurrence.max !== 1) return false;
    if (entry.occurrence.min === 0) return true;
    if (entry.group !== null && this.expandsToSeveral(entry.group, seen)) return true;
    return entry.ref !== null && this.ruleExpandsToSeveral(entry.ref, seen);
  }

  private expandsToSeveral(group: IrGroup, seen: Set<string>): boolean {
    return group.choices.length > 1 || (group.choices[0]?.entries ?? []).some((entry) => this.expands(entry, seen));
  }

  private ruleExpandsToSeveral(name: string, seen: Set<string>): boolean {
    const known = this.several.get(name);
    if (known !== undefined) return known;
    const group = this.groups.get(name);
    if (group === undefined || seen.has(name)) return false;
    seen.add(name);
    const several = this.expandsToSeveral(group, seen);
    this.several.set(name, several);
    return several;
  }

  /**
   * The group rules spliced in more than once in all, or beside a group of several alternatives, or into a group rule
   * that is one of these (its members are written wherever it is).
   */
  private multipliedGroupRules(rules: readonly IrRule[]): Set<string> {
    const sites = new Map<string, { from: string; beside: boolean }[]>();
    const visit = (group: IrGroup, from: string, beside: boolean): void => {
      for (const alternative of group.choices) {
        for (const entry of alternative.entries) visitEntry(entry, from, beside || this.besideSeveral(entry, alternative.entries));
      }
    };
    const visitEntry = (entry: IrEntry, from: string, beside: boolean): void => {
      if (entry.kind === 'group') {
        if (entry.ref !== null && this.groups.has(entry.ref)) pushTo(sites, entry.ref, { from, beside });
        if (entry.group !== null) visit(entry.group, from, beside);
        return;
      }
      visitType(entry.type, from);
    };
    const visitType = (type: NonNullable<IrRule['type']>, from: string): void => {
      if (type.kind === 'array' || type.kind === 'map') visit(type.group, from, false);
      else if (type.kind === 'choice') for (const option of type.options) visitType(option, from);
      else if (type.kind === 'tag') visitType(type.type, from);
      else if (type.kind === 'control') for (const side of [type.target, type.controller]) visitType(side, from);
    };
    for (const rule of rules) {
      if (rule.type !== undefined) visitType(rule.type, rule.name);
      if (rule.group !== undefined) visit(rule.group, rule.name, false);
    }
    // Those multiplied by their own sites first, then (a worklist, linear in the sites) those spliced into one of them.
    const splicedInto = new Map<string, string[]>();
    for (const [name, at] of sites) for (const site of at) pushTo(splicedInto, site.from, name);
    const multiplied = new Set<string>();
    const queue: string[] = [];
    for (const [name, at] of sites) {
      if (at.length > 1 || at.some((site) => site.beside)) {
        multiplied.add(name);
        queue.push(name);
      }
    }
    while (queue.length > 0) {
      for (const name of splicedInto.get(queue.pop() as string) ?? []) {
        if (multiplied.has(name)) continue;
        multiplied.add(name);
        queue.push(name);
      }
    }
    return multiplied;
  }
}

function pushTo<T>(lists: Map<string, T[]>, key: string, item: T): void {
  const list = lists.get(key);
  if (list === undefined) lists.set(key, [item]);
  else list.push(item);
}
