/**
 * Groups in arrays and maps, for the general matcher (matcher.ts).
 *
 * Arrays follow RFC 8610 Appendix A, whose normative semantics is a parsing
 * expression grammar: a sequence matches its entries one after another; an
 * occurrence (`?`, `*`, `+`, `n*m`) takes as many repetitions as match
 * (greedy) and is never re-tried with fewer; group choices (`//`) are
 * ordered, the first that matches wins. So `[* int, int]` matches nothing
 * (the `* int` takes every integer), `[int, ? int, int]` rejects `[1, 2]`,
 * and `[* (int, ? tstr)]` reads `[1, "a", 2]` as (1, "a"), (2). Each group
 * is matched at most once at each position (memoised), so an array costs
 * linear time whatever its choices.
 *
 * Maps follow §3.5.4: entries match in any order, each map entry is used by
 * one group entry, and all must be used. An entry whose key matches but
 * whose value does not is left to later group entries, unless the group
 * entry has a cut (`^ =>`, and every `key:` member): then its alternative
 * fails for good (§3.5.4: "the entire map fails to match"). An occurrence
 * does not take that as fewer repetitions (`* (-6: uint)` beside
 * `* int => any` fails on `{-6: {}}`, as `? "k" ^ => int` does on a text
 * under "k"); only another alternative of a group choice (`//`) that
 * matches saves the map, so `(type: 1, …) // (type: 2, …)` still tells
 * its alternatives apart. Group entries with a cut claim their keys first, then those of one
 * literal key (`"x" => int`), so where a `* tstr => any` is written does not
 * matter; a group spliced in whole (`~u`, `(x: int)`) counts as its members
 * written in its place; the others take the entries they match in the order written, as
 * many as their occurrence allows. One that may take only some of them tries
 * them by their keys' deterministic encodings, never in the order the entries
 * came (a map has none, and must match again once written deterministically),
 * and without a cut those no literal key of the map's group names first.
 */
import { CborAny, CborMap, contentOf, type CborValue } from './cbor-any.js';
import type { ProgramEntry, ProgramGroup, ProgramLiteral, ProgramType } from './program.js';
import { describe, keyLabel, literalText, typeText, type KeptHeads, type Matcher } from './matcher.js';
import { literalMatches } from './matcher-values.js';
import { furthestFailure } from './matcher-failures.js';
import { UnsafeInteger } from './matcher-integers.js';

const FAIL = -1;

export function matchArray(m: Matcher, group: ProgramGroup, items: readonly CborValue[]): boolean {
  const peg = new ArrayGroups(m, items);
  const end = peg.group(group, 0);
  if (end === items.length) return true;
  if (end !== FAIL) m.failAt({ kind: 'index', index: end }, `expected the end of the array (${end} ${end === 1 ? 'item' : 'items'}), got ${describe(items[end] as CborValue)}`);
  return false;
}

class ArrayGroups {
  private readonly memo = new Map<object, Map<number, number>>();
  /** What a group's match at a position took by heads (Matcher's `kept`), where it took any: taken again with the memo's answer. */
  private readonly keptMemo = new Map<object, Map<number, KeptHeads>>();
  private readonly active = new Set<string>();

  private readonly m: Matcher;
  private readonly items: readonly CborValue[];

  constructor(m: Matcher, items: readonly CborValue[]) {
    this.m = m;
    this.items = items;
  }

  /** Where a match of the group starting at `pos` ends, or FAIL. */
  group(group: ProgramGroup, pos: number): number {
    let positions = this.memo.get(group);
    if (positions === undefined) {
      positions = new Map();
      this.memo.set(group, positions);
    }
    const known = positions.get(pos);
    if (known !== undefined) {
      const kept = this.keptMemo.get(group)?.get(pos);
      if (kept !== undefined) this.m.keep(kept);
      return known;
    }
    const mark = this.m.keptMark();
    let end = FAIL;
    for (const choice of group.choices) {
      end = this.sequence(choice, pos);
      if (end !== FAIL) break;
      this.m.dropKept(mark);
    }
    positions.set(pos, end);
    const kept = this.m.bundleKept(mark);
    if (kept !== null) {
      let taken = this.keptMemo.get(group);
      if (taken === undefined) this.keptMemo.set(group, (taken = new Map()));
      taken.set(pos, kept);
    }
    return end;
  }

  private sequence(entries: readonly ProgramEntry[], pos: number): number {
    let at = pos;
    for (const entry of entries) {
      at = this.occurrences(entry, at);
      if (at === FAIL) return FAIL;
    }
    return at;
  }

  /** Greedy repetition: as many as match, up to `max`; fails below `min`. */
  private occurrences(entry: ProgramEntry, pos: number): number {
    let count = 0;
    let at = pos;
    while (entry.max === null || count < entry.max) {
      const next = this.once(entry, at, count < entry.min);
      if (next === FAIL) break;
      count++;
      // A repetition that takes no item would repeat forever, matching the same: any count is met.
      if (next === at) return at;
      at = next;
    }
    return count >= entry.min ? at : FAIL;
  }

  private once(entry: ProgramEntry, pos: number, required: boolean): number {
    if (entry.kind === 'group') return this.spliced(entry, pos);
    if (pos >= this.items.length) {
      if (required) this.m.failAt({ kind: 'index', index: pos }, `expected ${entry.name === null ? typeText(entry.type, 1) : `${entry.name} (${typeText(entry.type, 1)})`}, ${arrayLength(this.items.length)}`);
      return FAIL;
    }
    return this.m.at({ kind: 'index', index: pos }, entry.type, this.items[pos] as CborValue) ? pos + 1 : FAIL;
  }

  private spliced(entry: Extract<ProgramEntry, { kind: 'group' }>, pos: number): number {
    const group = spliceTarget(this.m, entry);
    if (group === null) return FAIL;
    const key = `${entry.ref ?? ''}@${pos}`;
    // A group reached again at the same position without taking an item would never end (`g = (g)`).
    if (entry.ref !== null && this.active.has(key)) return (this.m.fail(`group '${entry.ref}' refers to itself without taking an item`), FAIL);
    if (this.m.groupNesting >= MAX_NESTING) return (this.m.fail('groups nested deeper than the limit'), FAIL);
    if (entry.ref !== null) this.active.add(key);
    this.m.groupNesting++;
    try {
      return this.group(group, pos);
    } finally {
      this.m.groupNesting--;
      if (entry.ref !== null) this.active.delete(key);
    }
  }
}

/** Group references (in arrays and maps) followed at most this deep: a group that only refers to itself fails instead of exhausting the stack. */
const MAX_NESTING = 1000;

function spliceTarget(m: Matcher, entry: Extract<ProgramEntry, { kind: 'group' }>): ProgramGroup | null {
  if (entry.ref === null) return entry.group ?? { choices: [] };
  const rule = m.ruleOf(entry.ref);
  if (rule?.kind !== 'group') return (m.fail(`no group rule '${entry.ref}' in the program`), null);
  return rule.group;
}

// ---- maps ------------------------------------------------------------------------

export function matchMap(m: Matcher, group: ProgramGroup, map: CborMap): boolean {
  // A map whose key repeats is not valid CBOR (RFC 8949 §5.6), whatever its group says.
  const keys = new Set<string>();
  const ids: string[] = [];
  for (let i = 0; i < map.size; i++) {
    const [key] = map.entries[i] as readonly [CborValue, CborValue];
    // Byte by byte, not fromCharCode(...bytes): a spread passes each byte as an argument, and the stack holds only
    // so many (a RangeError for a key of some 100 KB).
    let id = '';
    for (const byte of CborAny.of(keyValue(key)).encoded) id += String.fromCharCode(byte);
    if (keys.has(id)) return m.failAt({ kind: 'key', index: i, label: keyLabel(key) }, `the key ${describe(key)} repeats (invalid CBOR, RFC 8949 §5.6)`);
    keys.add(id);
    ids.push(id);
  }
  const groups = new MapGroups(m, map, group, ids);
  const used = groups.group(group, new Uint8Array(map.size));
  if (used === null) return false;
  const left = used.indexOf(0);
  if (left < 0) return true;
  const [key] = map.entries[left] as readonly [CborValue, CborValue];
  return m.failAt({ kind: 'key', index: left, label: keyLabel(key) }, `unexpected key ${describe(key)}: no entry of the map's group takes it`);
}

/** The keys of a map a key type matches (1 or 0 each), and what each took by heads where it took any (Matcher's `kept`). */
interface KeysMatching {
  keys: Uint8Array;
  kept: KeptHeads[] | null;
}

class MapGroups {
  private readonly keyMemo = new Map<object, KeysMatching>();
  /** Group rules being matched, each with the entries used where it started: reached again there, it would never end. */
  private readonly active = new Set<string>();
  private readonly labels: string[];
  /** Whether the last failure was a cut's (a key taken, its value wrong): no occurrence count undoes it, only another alternative of a group choice. */
  private cutFailed = false;

  private readonly m: Matcher;
  private readonly map: CborMap;
  /** The map's whole group, whose literal keys {@link tryOrder} looks for. */
  private readonly root: ProgramGroup;
  /** Each entry's key in its deterministic encoding, one character a byte. */
  private readonly ids: readonly string[];
  /** The entries by their keys' deterministic encodings, and those no literal key names first (tryOrder). */
  private byKeys: number[] | null = null;
  private unnamedFirst: number[] | null = null;

  constructor(m: Matcher, map: CborMap, root: ProgramGroup, ids: readonly string[]) {
    this.m = m;
    this.map = map;
    this.root = root;
    this.ids = ids;
    this.labels = map.entries.map(([key]) => keyLabel(key));
  }

  /**
   * The entries in the order a computed-key member that may take only some of them tries them: by their keys'
   * deterministic encodings (RFC 8949 §4.2.1), not in the order they came: a map's entries have none (RFC 8949 §5.6),
   * and a deterministic encoder reorders them, so a map that matched must match again once written. A member without
   * a cut tries first the entries whose key no literal key of the map's group names (wherever in it: `{ ? tstr =>
   * float, g }`, `g = (p: float, t: int)` leaves `"p"` to `g` where another entry will do); one with a cut claims its
   * keys before the others look (§3.5.4), so it meets them in that order alone (`{ 0..3 ^ => 2, 1 => nil }` fails on
   * `{1: nil, 3: 2}` as on `{3: 2, 1: nil}`).
   */
  private tryOrder(cut: boolean): readonly number[] {
    if (this.byKeys === null) {
      const ids = this.ids;
      this.byKeys = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    }
    if (cut) return this.byKeys;
    if (this.unnamedFirst === null) {
      const literals = literalKeys(this.m, this.root);
      const named = this.map.entries.map(([key]) => literals.some((literal) => literalMatches(literal, keyValue(key))));
      this.unnamedFirst = [...this.byKeys.filter((i) => !named[i]), ...this.byKeys.filter((i) => named[i])];
    }
    return this.unnamedFirst;
  }

  /** The map entries used after matching the group (first choice that matches), or null. */
  group(group: ProgramGroup, used: Uint8Array): Uint8Array | null {
    let cut = false;
    // Each alternative records its failures from where the group started: one that matches keeps only its own (which
    // may say why an entry is left over), as those of the alternatives before it are no reason for what fails later.
    const mark = this.m.failureMark();
    const keptMark = this.m.keptMark();
    let failed = mark;
    for (const choice of group.choices) {
      this.cutFailed = false;
      this.m.restoreFailures(mark);
      const result = this.sequence(choice, used.slice());
      if (result !== null) {
        this.cutFailed = false;
        return result;
      }
      this.m.dropKept(keptMark);
      failed = furthestFailure(failed, this.m.failureMark());
      cut ||= this.cutFailed;
    }
    this.m.restoreFailures(failed);
    this.cutFailed = cut;
    return null;
  }

  private sequence(entries: readonly ProgramEntry[], used: Uint8Array): Uint8Array | null {
    let state: Uint8Array | null = used;
    for (const entry of inTiers(this.m, entries)) {
      state = entry.kind === 'member' ? this.member(entry, state) : this.spliced(entry, state);
      if (state === null) return null;
    }
    return state;
  }

  private member(entry: Extract<ProgramEntry, { kind: 'member' }>, used: Uint8Array): Uint8Array | null {
    const key = entry.key;
    // RFC 8610 Appendix C: an entry without a member key matches only in arrays, not in maps; its occurrence says how many
    // times it must, so `? int` is met by none of a map's entries and `int` by no map.
    if (key === null) return entry.min === 0 ? used : (this.m.fail(`no entry: ${typeText(entry.type, 1)} has no key, so it matches only in arrays (RFC 8610 Appendix C)`), null);
    const cut = key.kind === 'value' || key.cut;
    const { keys, kept } = this.keysMatching(key, key.kind === 'value' ? { kind: 'literal', value: key.value } : key.type);
    let count = 0;
    // Every entry its keys take, in any order; or only some, tried in an order the map's data decides.
    const order = entry.max === null || key.kind === 'value' || key.type.kind === 'literal' ? null : this.tryOrder(cut);
    for (let k = 0; k < this.map.size && (entry.max === null || count < entry.max); k++) {
      const i = order === null ? k : order[k]!;
      if (used[i] === 1 || keys[i] !== 1) continue;
      const value = (this.map.entries[i] as readonly [CborValue, CborValue])[1];
      if (this.m.at({ kind: 'entry', index: i, label: this.labels[i] as string }, entry.type, value)) {
        used[i] = 1;
        count++;
        const heads = kept?.[i];
        if (heads !== undefined) this.m.keep(heads);
      } else if (cut) {
        this.cutFailed = true;
        return null;
      }
    }
    if (count < entry.min) {
      // One literal key, with a cut (`2: x`) or without (`2 => x`): that key.
      let what: string;
      if (key.kind === 'value') what = `the key ${literalText(key.value)}`;
      else if (key.type.kind === 'literal') what = `the key ${literalText(key.type.value)}`;
      else what = `${entry.min === 1 ? 'an entry' : `${entry.min} entries`} of ${typeText(key.type, 1)} => ${typeText(entry.type, 1)}`;
      return (this.m.fail(`missing ${what}${entry.name === null || key.kind === 'value' ? '' : ` (${entry.name})`}${count > 0 ? `: only ${count} match` : ''}`), null);
    }
    return used;
  }

  private spliced(entry: Extract<ProgramEntry, { kind: 'group' }>, used: Uint8Array): Uint8Array | null {
    const group = spliceTarget(this.m, entry);
    if (group === null) return null;
    if (this.m.groupNesting >= MAX_NESTING) return (this.m.fail('groups nested deeper than the limit'), null);
    this.m.groupNesting++;
    try {
      let state = used;
      let count = 0;
      while (entry.max === null || count < entry.max) {
        // A group reached again with the same entries used, none taken on the way, would never end (`g = (? (g, g // x: int))`,
        // whose alternatives tried each other without end: exponential time where an array's fails at once).
        const key = entry.ref === null ? null : `${entry.ref}@${usedKey(state)}`;
        if (key !== null && this.active.has(key)) return (this.m.fail(`group '${entry.ref}' refers to itself without taking an entry`), null);
        if (key !== null) this.active.add(key);
        let next: Uint8Array | null;
        try {
          next = this.group(group, state);
        } finally {
          if (key !== null) this.active.delete(key);
        }
        if (next === null) {
          if (this.cutFailed) return null;
          break;
        }
        count++;
        // A repetition that uses no entry would repeat forever, the same: any count is met.
        if (sameUse(next, state)) return next;
        state = next;
      }
      return count >= entry.min ? state : null;
    } finally {
      this.m.groupNesting--;
    }
  }

  /** Which keys of the map match a key type, worked out once per key type. */
  private keysMatching(memoKey: object, type: ProgramType): KeysMatching {
    let result = this.keyMemo.get(memoKey);
    if (result === undefined) {
      result = { keys: new Uint8Array(this.map.size), kept: null };
      for (let i = 0; i < this.map.size; i++) {
        const key = (this.map.entries[i] as readonly [CborValue, CborValue])[0];
        try {
          const mark = this.m.keptMark();
          result.keys[i] = (type.kind === 'literal' ? literalMatches(type.value, keyValue(key)) : this.m.test(type, key)) ? 1 : 0;
          // A key's heads count once a member takes its entry (member), not because its type matched.
          const heads = this.m.takeKept(mark);
          if (heads !== null) (result.kept ??= [])[i] = heads;
        } catch (error) {
          // An integer key `integers: 'number'` refuses (matcher.ts): the path leads to the key.
          if (error instanceof UnsafeInteger) error.steps.splice(this.m.steps.length, 0, { kind: 'key', index: i, label: keyLabel(key) });
          throw error;
        }
      }
      this.keyMemo.set(memoKey, result);
    }
    return result;
  }
}

/**
 * A key as the value it is: one kept with its head (`38 0a`, -11 in two bytes, readCborValue's `keepHeads`) is that
 * value, so that it is the key -11 a literal key names (as the typed decoders read it), and the same key as `2a`
 * (RFC 8949 §5.6: keys repeat by value). A computed key's type still sees the head (`#1.24 => int`).
 */
function keyValue(key: CborValue): CborValue {
  return key instanceof CborAny ? contentOf(key) : key;
}

/** The literal keys of a map's group (`key:`, `"x" =>`), in the groups it splices too, each group once. */
function literalKeys(m: Matcher, root: ProgramGroup): ProgramLiteral[] {
  const literals: ProgramLiteral[] = [];
  const seen = new Set<ProgramGroup>();
  const pending = [root];
  for (let group = pending.pop(); group !== undefined; group = pending.pop()) {
    if (seen.has(group)) continue;
    seen.add(group);
    for (const entry of group.choices.flat()) {
      if (entry.kind === 'group') {
        const rule = entry.ref === null ? null : m.ruleOf(entry.ref);
        const inner = entry.ref === null ? entry.group : rule?.kind === 'group' ? rule.group : null;
        if (inner !== null) pending.push(inner);
      } else if (entry.key?.kind === 'value') literals.push(entry.key.value);
      else if (entry.key?.type.kind === 'literal') literals.push(entry.key.type.value);
    }
  }
  return literals;
}

/** {@link inTiers}'s answers, by the entries of a map group: a program's entries are its own, and so are its rules. */
const tiered = new WeakMap<readonly ProgramEntry[], readonly ProgramEntry[]>();

/**
 * The order a map group's entries are matched in: entries with a cut decide their keys first (§3.5.4), then those of
 * one literal key, then the others, each in order, groups spliced in whole written out first ({@link spliceWhole}).
 */
function inTiers(m: Matcher, entries: readonly ProgramEntry[]): readonly ProgramEntry[] {
  let known = tiered.get(entries);
  if (known === undefined) {
    const all = spliceWhole(m, entries);
    tiered.set(entries, (known = [0, 1, 2].flatMap((tier) => all.filter((e) => keyTier(e) === tier))));
  }
  return known;
}

/**
 * A map group's entries with each group spliced in once and whole (no occurrence, one alternative: `(x: int)`, `~u`,
 * a group rule `g = (x: int, y: int)`) written out in its place, as far as it goes without a group rule entering
 * itself. Parentheses and unwrapping only group (RFC 8610 §2.1, §3.7), so such members take the tiers they would
 * take written there: `{ ~u, ? tstr ^ => [int] }` with `u = { x: int }` leaves "x" to `x:`, as
 * `{ x: int, ? tstr ^ => [int] }` does, where the cut's tier took it from the spliced group first. A stack, not
 * recursion: groups nest as deep as the parser lets them.
 */
function spliceWhole(m: Matcher, entries: readonly ProgramEntry[]): ProgramEntry[] {
  const out: ProgramEntry[] = [];
  const stack = [{ entries, next: 0 }];
  for (let top = stack[0]; top !== undefined; top = stack[stack.length - 1]) {
    const entry = top.entries[top.next++];
    if (entry === undefined) stack.pop();
    else {
      const group = wholeGroup(m, entry);
      if (group === null) out.push(entry);
      else stack.push({ entries: group.choices[0] as ProgramEntry[], next: 0 });
    }
  }
  return out;
}

/** The group `entry` splices in whole (no occurrence, one alternative, not a group rule that splices itself in), or null. */
function wholeGroup(m: Matcher, entry: ProgramEntry): ProgramGroup | null {
  if (entry.kind !== 'group' || entry.min !== 1 || entry.max !== 1) return null;
  if (entry.ref !== null && reachesItself(m, entry.ref)) return null;
  const rule = entry.ref === null ? undefined : m.ruleOf(entry.ref);
  const group = entry.ref === null ? entry.group : rule?.kind === 'group' ? rule.group : null;
  return group !== null && group.choices.length === 1 ? group : null;
}

/**
 * Whether group rule `name` splices itself in, through any alternative or occurrence: such a rule stays one entry,
 * matched by {@link MapGroups.spliced}, which stops it where it comes back with no entry taken.
 */
function reachesItself(m: Matcher, name: string): boolean {
  const pending = [name];
  const seen = new Set<string>();
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    const rule = m.ruleOf(ref);
    if (rule?.kind !== 'group') continue;
    const groups = [rule.group];
    for (let group = groups.pop(); group !== undefined; group = groups.pop()) {
      for (const entry of group.choices.flat()) {
        if (entry.kind !== 'group') continue;
        if (entry.ref === name) return true;
        if (entry.ref === null) groups.push(entry.group ?? { choices: [] });
        else if (!seen.has(entry.ref)) pending.push((seen.add(entry.ref), entry.ref));
      }
    }
  }
  return false;
}

/** 0: a member with a cut (`key:`, `^ =>`); 1: a member whose key is one literal (`"x" =>`); 2: the others (computed keys, spliced groups). */
function keyTier(entry: ProgramEntry): number {
  if (entry.kind !== 'member' || entry.key === null) return 2;
  if (entry.key.kind === 'value' || entry.key.cut) return 0;
  return entry.key.type.kind === 'literal' ? 1 : 2;
}

/** Which entries are used, as a string key. */
function usedKey(used: Uint8Array): string {
  let key = '';
  for (let i = 0; i < used.length; i++) key += used[i] === 1 ? '1' : '0';
  return key;
}

function sameUse(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** How long an array too short for its next required member is: "the array is empty", "the array has only 1 item". */
function arrayLength(n: number): string {
  return n === 0 ? 'the array is empty' : `the array has only ${n} item${n === 1 ? '' : 's'}`;
}
