/**
 * The test-data generators' arrays and maps (templates/arbitrary.ts draws the
 * rest): a group's choice that fits the depth left, its members' counts, and
 * the items and entries they draw; the first item after a repetition below its
 * most is one the repetition does not take (RFC 8610 Appendix A), and map keys
 * are fresh and off the keys of the members before them (RFC 8610 §3.5.4).
 */
import { CborMap, type CborValue } from './cbor-any.js';
import type { Program, ProgramEntry, ProgramGroup, ProgramType } from './program.js';
import { MAX_DEPTH } from './runtime.js';
import { Matcher } from './matcher.js';
import { Missed, ScalarDraws, type Hint } from './arbitrary-scalars.js';
import { controllerLiteral, type Costs, isSingleKey, itemId, keyedMembers, keyMatches, literalValue } from './arbitrary-checks.js';

/** {@link ScalarDraws} with arrays and maps; the drawer (arbitrary.ts) gives the types, counts and budget they draw by. */
export abstract class GroupDraws extends ScalarDraws {
  protected abstract readonly program: Program;
  protected abstract readonly costs: Costs;
  /** How often a draw that missed a constraint is tried again. */
  protected abstract readonly attempts: number;
  /** A value of `t`, with `left` levels of depth left. */
  abstract type(t: ProgramType, left: number, path: string, hint: Hint): CborValue;
  /** A count in min … max (just the minimum when the draw must end soon). */
  protected abstract count(min: number, max: number | null, ending: boolean): number;
  /** Whether the draw must end soon. */
  protected abstract ending(left: number): boolean;
  /** Counts a step towards the draw's budget (after which it ends soon). */
  protected abstract step(): void;

  /** Which of a group's choices to draw: one that fits the depth left. */
  protected groupChoice(group: ProgramGroup, left: number, path: string): ProgramEntry[] {
    if (group.choices.length === 0) throw new Missed(path, 'a group with no choices');
    // Ending: one of the least rank, whose spliced groups rank lower still, so that splicing ends (Costs).
    const ending = this.ending(left);
    const costs = group.choices.map((c) => (ending ? this.costs.choiceRank(c) : this.costs.choice(c)));
    const least = Math.min(...costs);
    if (least === Infinity) throw new Missed(path, 'every group choice needs what nothing matches (an empty socket, or recursion without end)');
    const budget = ending ? least : Math.max(left, least);
    const fitting = group.choices.filter((_, i) => costs[i]! <= budget);
    return fitting[this.below(fitting.length)]!;
  }

  protected groupOf(entry: Extract<ProgramEntry, { kind: 'group' }>, path: string): ProgramGroup {
    if (entry.group !== null) return entry.group;
    const rule = entry.ref === null ? undefined : this.program.rules[entry.ref];
    if (rule === undefined) throw new Missed(path, `undefined group ${entry.ref}`);
    if (rule.kind === 'group') return rule.group;
    // A type rule spliced as a group: its array's or map's group.
    if (rule.type.kind === 'array' || rule.type.kind === 'map') return rule.type.group;
    throw new Missed(path, `${entry.ref} is not a group`);
  }

  private entryCount(entry: ProgramEntry, left: number): number {
    const cost = this.costs.entry(entry);
    return this.count(entry.min, entry.max, this.ending(left) || cost > left);
  }

  protected array(group: ProgramGroup, left: number, path: string): CborValue[] {
    const items: CborValue[] = [];
    this.arrayGroup(group, left, path, items);
    return items;
  }

  /**
   * Draws a group's members into `items`. The first item after a repetition below its most is never
   * one the repetition's type matches: a match takes it into the repetition (RFC 8610 Appendix A).
   */
  private arrayGroup(group: ProgramGroup, left: number, path: string, items: CborValue[]): void {
    let open: ProgramType | null = null;
    for (const entry of this.groupChoice(group, left, path)) {
      const n = this.entryCount(entry, left);
      for (let i = 0; i < n; i++) {
        const at = `${path}[${items.length}]`;
        if (entry.kind === 'member') items.push(this.memberItem(entry.type, i === 0 ? open : null, left, entry.name === null ? at : `${at}${entry.name}`));
        else {
          this.step();
          this.arrayGroup(this.groupOf(entry, at), left, at, items);
        }
      }
      open = entry.kind === 'member' && (entry.max === null || n < entry.max) ? entry.type : null;
    }
  }

  /** An item of `t` that `taken` (a repetition before it, below its most) does not match. */
  private memberItem(t: ProgramType, taken: ProgramType | null, left: number, path: string): CborValue {
    for (let attempt = 0; ; attempt++) {
      const item = this.type(t, left, path, {});
      if (taken === null || !new Matcher(this.program, MAX_DEPTH).type(taken, item)) return item;
      if (attempt + 1 >= this.attempts) throw new Missed(path, 'every item drawn is one the repetition before it takes (RFC 8610 Appendix A)');
    }
  }

  protected map(group: ProgramGroup, left: number, path: string): CborMap {
    const drawn = new Map<string, [CborValue, CborValue]>();
    const keyed: Extract<ProgramEntry, { kind: 'member' }>[] = [];
    keyedMembers(group, this.program, keyed, new Set());
    this.mapGroup(group, left, path, drawn, keyed);
    return new CborMap(drawn.values());
  }

  /**
   * Draws a group's members into `drawn`; repetitions that would repeat a key stop. A computed key
   * is mostly not one that a member before it, or a member of one key, could take (`* label => any`
   * after `lang => text`): such a map is valid only by how matching assigns entries (RFC 8610
   * §3.5.4, cuts). One such draw in four keeps the key all the same, so that the data items also
   * test how the decoders assign entries; the general matcher checks the whole item (rule()), so
   * one that no map of the rule can be is drawn again.
   */
  private mapGroup(group: ProgramGroup, left: number, path: string, drawn: Map<string, [CborValue, CborValue]>, keyed: readonly Extract<ProgramEntry, { kind: 'member' }>[]): void {
    for (const entry of this.groupChoice(group, left, path)) {
      const n = this.entryCount(entry, left);
      for (let i = 0; i < n; i++) {
        const before = new Map(drawn);
        try {
          if (entry.kind === 'group') {
            // A step: a group spliced into itself (`g = (* g, ? a: int)`) nests no item, and once drew without end.
            this.step();
            this.mapGroup(this.groupOf(entry, path), left, path, drawn, keyed);
          }
          else this.member(entry, left, path, drawn, keyed);
        } catch (error) {
          // Past the minimum a repetition that cannot find a fresh key is simply not drawn.
          if (!(error instanceof Missed) || i < entry.min) throw error;
          drawn.clear();
          for (const [k, v] of before) drawn.set(k, v);
          break;
        }
      }
    }
  }

  private member(entry: Extract<ProgramEntry, { kind: 'member' }>, left: number, path: string, drawn: Map<string, [CborValue, CborValue]>, keyed: readonly Extract<ProgramEntry, { kind: 'member' }>[]): void {
    const at = `${path}.${entry.name ?? 'member'}`;
    if (entry.key === null) throw new Missed(at, 'a map member without a key');
    let key: CborValue;
    let id: string;
    if (entry.key.kind === 'value') {
      key = literalValue(entry.key.value);
      id = itemId(key);
      if (drawn.has(id)) throw new Missed(at, 'the key is already in the map');
    } else {
      let attempt = 0;
      for (;;) {
        key = this.type(entry.key.type, left, `${at}{key}`, {});
        id = itemId(key);
        const drawnKey = key;
        // A key of one value (`1 =>`, `lang =>` with `lang = 15`) is that member's own; others keep off it, and off the keys of members before them.
        const single = controllerLiteral(entry.key.type, this.program) !== null;
        const before = keyed.indexOf(entry);
        const taken = (other: (typeof keyed)[number], i: number) => other !== entry && (i < before || isSingleKey(other.key!, this.program)) && keyMatches(other.key!, drawnKey, this.program);
        if (!drawn.has(id) && (single || !keyed.some(taken) || this.chance(4))) break;
        if (++attempt >= 10) throw new Missed(at, 'no fresh key drawn');
      }
    }
    drawn.set(id, [key, this.type(entry.type, left, at, {})]);
  }
}
