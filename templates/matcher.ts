/**
 * The general matcher: exact validation of any CDDL construct over a data
 * item's value ({@link CborValue}), following the schema as a run-time
 * program (program.ts, docs/program.md). Generated code uses it for the
 * rules whose construct the typed layouts do not cover; their values are
 * CborValues.
 *
 * Semantics (RFC 8610): arrays follow the PEG of Appendix A (matcher-groups.ts);
 * maps §3.5.4 (entries in any order, cuts only after `^` or `:`); controls
 * as their RFCs define them (matcher-controls.ts). 1 and 1.0 are different
 * data items; a bigint beyond 64 bits is the bignum (tag 2 or 3) it is
 * written as (matcher-values.ts: values as the types see them).
 *
 * Bounded: every (type, container) pair is matched at most once (memoised),
 * array groups at most once per position, so the work is linear in the size
 * of the value times the size of the schema; nesting deeper than `maxDepth`
 * (arrays, maps, tags; default 256) fails instead of exhausting the stack.
 * A failure reports the problem furthest into the value, with its path.
 *
 * Under `integers: 'number'` (the program's `integers`), an integer beyond
 * ±(2^53 − 1) where the schema types an integer whose set reaches beyond
 * that range (`int`, `uint`, `nint`, the bignum types, such ranges and
 * literals) fails the whole match at once with the typed decoders' message
 * (code `'unsafe-integer'`): no later option (`any`) takes it, as no later
 * option does in typed code. Integers that `any` takes stay, as a typed
 * rule's CborAny keeps them; tag numbers are kept as in typed code; and
 * integers a text control reads out of text (`.json`, `.decimal`, …) only
 * fail the control, as typed code's do.
 */
import { anyFits, CborAny, CborFloat, CborInvalidText, CborMap, CborSimple, CborTagged, contentOf, readCborValue, type CborValue } from './cbor-any.js';
import { CborReader, CborWriter, compareBytes, DecodeError, describeValue, isBytes, MAX_DEPTH, report, tagTooDeep, unsafeIntegerMessage, type Problem, wellFormedText } from './runtime.js';
import type { Program, ProgramRule, ProgramType } from './program.js';
import { matchArray, matchMap } from './matcher-groups.js';
import { matchControl, matchPattern } from './matcher-controls.js';
import { backtracksBadly, matchesWhole } from './pattern-automata.js';
import { UnsafeInteger, unsafeInteger } from './matcher-integers.js';
import { describe, keyLabel, literalText, pathText, typeText } from './matcher-words.js';
import { literalMatches, majorMatches, primitive, rangeMatches, stepsMatch, taggedOf } from './matcher-values.js';
import { furthestFailure, further, offsetOf, type FailureRecord, type MatchFailure, type PathStep } from './matcher-failures.js';

export { describe, keyLabel, literalText, pathText, typeText };
export { furthestFailure, offsetOf, type FailureRecord, type MatchFailure, type PathStep } from './matcher-failures.js';

export interface MatchOptions {
  /** Nesting of arrays, maps and tags allowed (default 256, as decoders). */
  maxDepth?: number;
  /** The level the value stands at, inside a data item that counts toward the same limit (default 0). */
  depth?: number;
}

/** True when `value` matches the program's rule `rule`. */
export function matches(program: Program, rule: string, value: CborValue, options?: MatchOptions): boolean {
  try {
    return new Matcher(program, options?.maxDepth ?? 256, options?.depth).rule(rule, value);
  } catch (error) {
    if (error instanceof UnsafeInteger) return false;
    throw error;
  }
}

/** Why `value` does not match `rule`, or null when it does. */
export function explain(program: Program, rule: string, value: CborValue, options?: MatchOptions): MatchFailure | null {
  return explainWith(new Matcher(program, options?.maxDepth ?? 256, options?.depth), rule, value);
}

function explainWith(matcher: Matcher, rule: string, value: CborValue): MatchFailure | null {
  try {
    if (matcher.rule(rule, value)) return null;
  } catch (error) {
    if (!(error instanceof UnsafeInteger)) throw error;
    return { path: pathText(error.steps), steps: error.steps, message: unsafeIntegerMessage(error.value), code: 'unsafe-integer' };
  }
  return matcher.failure();
}

/**
 * What a general rule's decoder does (`readX`): reads the next data item as
 * a {@link CborValue} with the reader's own options (depth limit,
 * `deterministic`, `strictAny`), then matches it against the rule; a
 * mismatch is a DecodeError with the path and byte offset of the problem
 * furthest into the item. Nesting inside embedded items (`.cbor`) counts
 * toward the reader's depth limit.
 */
export function readGeneral(program: Program, rule: string, reader: CborReader): CborValue {
  const start = reader.pos;
  // Heads kept as read, so that a head the schema fixes (`#0.24` holding 20, `18 14`) is matched, and written back, as it came.
  const value = readCborValue(reader, '', true);
  const matcher = new Matcher(program, reader.maxDepth, reader.level);
  const failure = explainWith(matcher, rule, value);
  if (failure !== null) throw new DecodeError(failure.message, failure.path, offsetOf(reader.bytes, start, failure.steps), failure.code);
  return settled(value, matcher.fixedHeads());
}

/**
 * The value with each item kept with its head (readCborValue's `keepHeads`) that no `#M.AI` took by that head
 * made its plain value again: as everywhere else, the head deterministic encoding writes is written for it.
 * What did not change is returned as it is.
 */
function settled(value: CborValue, fixedHeads: ReadonlySet<CborAny>): CborValue {
  if (value instanceof CborAny) return fixedHeads.has(value) ? value : settled(contentOf(value), fixedHeads);
  // A copy is made only from the first item that changes: most values hold no item kept with its head.
  if (Array.isArray(value)) {
    let items: CborValue[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = settled(value[i] as CborValue, fixedHeads);
      if (items === null && item !== value[i]) items = value.slice(0, i);
      items?.push(item);
    }
    return items ?? value;
  }
  if (value instanceof CborMap) {
    let entries: (readonly [CborValue, CborValue])[] | null = null;
    for (let i = 0; i < value.entries.length; i++) {
      const [k, v] = value.entries[i] as readonly [CborValue, CborValue];
      const key = settled(k, fixedHeads);
      const item = settled(v, fixedHeads);
      if (entries === null && (key !== k || item !== v)) entries = value.entries.slice(0, i);
      entries?.push([key, item]);
    }
    return entries === null ? value : new CborMap(entries);
  }
  if (value instanceof CborTagged) {
    const inner = settled(value.value, fixedHeads);
    return inner === value.value ? value : new CborTagged(value.tag, inner);
  }
  return value;
}

/**
 * What a general rule's guard does (`checkX`): true when `value` is a
 * {@link CborValue} that matches the rule; otherwise false, and with
 * `problems` the reason, at `path` and below. `depth`: the level the value
 * stands at inside the value a typed rule checks (the decoders' one limit
 * counts from the top).
 */
export function checkGeneral(program: Program, rule: string, value: unknown, problems: Problem[] | null, path: string, depth = 0): boolean {
  if (!isCborValue(value, MAX_DEPTH - depth)) {
    // A string with a lone surrogate is no CborValue (no text string carries it): said where it is.
    const text = problems === null ? null : loneSurrogateAt(value, path, MAX_DEPTH);
    if (text !== null) return report(problems, text.path, 'Unicode text', text.value);
    // A CborValue too deep where it stands (what `any` takes included, which the matcher does not walk).
    if (depth > 0 && isCborValue(value)) return tagTooDeep(problems, path);
    return report(problems, path, 'a CborValue (CborMap for maps, CborTagged for tags, CborFloat for floats), nested at most 256 deep', value);
  }
  const options = { depth };
  if (problems === null) return matches(program, rule, value, options);
  const failure = explain(program, rule, value, options);
  if (failure === null) return true;
  problems.push({ path: path + failure.path, message: failure.message });
  return false;
}

/**
 * What a general rule's encoder does (`writeX`) once the guard passed: the
 * value deterministically encoded (RFC 8949 §4.2.1), except that a float
 * keeps a width wider than it needs (a `float64` read as such), and a tag 2
 * or 3 over a byte string stays that tag with those bytes (`2(h'01')`, not
 * the integer 1 that preferred serialisation of a bignum would write, RFC
 * 8949 §3.4.3), since the schema may pin either: `#6.2(bstr)` matches no
 * plain integer (RFC 8610 §3.6). As typed code does, the schema's form wins
 * over the shortest one, so that what was decoded encodes to what decodes
 * again.
 */
export function writeGeneral(writer: CborWriter, value: CborValue): void {
  writer.raw(encodeKeepingWidths(value));
}

function encodeKeepingWidths(value: CborValue): Uint8Array {
  if (!keepsItsForm(value)) return CborAny.of(value).encoded;
  // An item kept with the head the schema fixes: as it came.
  if (value instanceof CborAny) return value.encoded;
  if (value instanceof CborFloat) {
    const out = new Uint8Array(value.width === 32 ? 5 : 9);
    out[0] = value.width === 32 ? 0xfa : 0xfb;
    const view = new DataView(out.buffer);
    if (value.nanBits !== null) {
      // A NaN keeps its sign and payload (its binary64 bits, narrowed: the bits it drops are zero, as it is this wide at least).
      const bits = value.nanBits;
      if (value.width === 32) view.setUint32(1, Number(((bits >> 63n) << 31n) | 0x7f800000n | ((bits >> 29n) & 0x7fffffn)));
      else view.setBigUint64(1, bits);
    } else if (value.width === 32) view.setFloat32(1, value.value);
    else view.setFloat64(1, value.value);
    return out;
  }
  const writer = new CborWriter(64);
  if (Array.isArray(value)) {
    writer.arrayHeader(value.length);
    for (const item of value) writer.raw(encodeKeepingWidths(item));
  } else if (value instanceof CborMap) {
    const pairs = value.entries.map(([k, v]) => [encodeKeepingWidths(k), encodeKeepingWidths(v)] as const);
    pairs.sort((a, b) => compareBytes(a[0], b[0]) || compareBytes(a[1], b[1]));
    writer.mapHeader(pairs.length);
    for (const [k, v] of pairs) {
      writer.raw(k);
      writer.raw(v);
    }
  } else if (value instanceof CborTagged) {
    writer.tag(value.tag);
    writer.raw(encodeKeepingWidths(value.value));
  }
  return writer.finish();
}

/**
 * Whether the value holds what deterministic encoding would write in another form: a float read or
 * made wider than the shortest width that holds it (a NaN: its sign and payload), a bignum tag
 * (2 or 3 over a byte string), which it would write as a plain integer when it fits or without
 * leading zero bytes, or an item kept with its head (a CborAny).
 */
function keepsItsForm(value: CborValue): boolean {
  if (value instanceof CborAny) return true;
  if (value instanceof CborFloat) return value.width > new CborFloat(value.value, undefined, value.nanBits ?? undefined).width;
  if (Array.isArray(value)) return value.some(keepsItsForm);
  if (value instanceof CborMap) return value.entries.some(([k, v]) => keepsItsForm(k) || keepsItsForm(v));
  if (!(value instanceof CborTagged)) return false;
  const tag = value.tag;
  return ((tag === 2 || tag === 3 || tag === 2n || tag === 3n) && isBytes(value.value)) || keepsItsForm(value.value);
}

/** Whether `value` is a {@link CborValue} (what guards check before matching), within `maxDepth` levels. */
export function isCborValue(value: unknown, maxDepth = 256): value is CborValue {
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
    case 'undefined':
      return true;
    case 'string':
      // Not one with a lone surrogate: UTF-8 cannot carry it (the writer refuses it).
      return wellFormedText(value);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null || isBytes(value) || value instanceof CborFloat || value instanceof CborInvalidText) return true;
  // An item kept with its head: within the levels left, as the decoders count them.
  if (value instanceof CborAny) return anyFits(value, MAX_DEPTH - maxDepth);
  if (value instanceof CborSimple) return Number.isInteger(value.value) && value.value >= 0 && value.value <= 255 && (value.value < 20 || value.value >= 32);
  if (maxDepth <= 0) return false;
  if (Array.isArray(value)) return value.every((item) => isCborValue(item, maxDepth - 1));
  if (value instanceof CborMap) return value.entries.every(([k, v]) => isCborValue(k, maxDepth - 1) && isCborValue(v, maxDepth - 1));
  if (value instanceof CborTagged) {
    const tag = value.tag;
    const ok = typeof tag === 'bigint' ? tag >= 0n && tag <= 0xffffffffffffffffn : Number.isSafeInteger(tag) && tag >= 0;
    return ok && isCborValue(value.value, maxDepth - 1);
  }
  return false;
}

/** The first string with a lone surrogate in `value` (within `depth` levels), with its path as a failure's path is written; null when there is none. */
function loneSurrogateAt(value: unknown, path: string, depth: number): { path: string; value: string } | null {
  if (typeof value === 'string') return wellFormedText(value) ? null : { path, value };
  if (typeof value !== 'object' || value === null || depth <= 0) return null;
  let found: { path: string; value: string } | null = null;
  if (Array.isArray(value)) {
    for (let i = 0; found === null && i < value.length; i++) found = loneSurrogateAt(value[i], `${path}[${i}]`, depth - 1);
  } else if (value instanceof CborMap) {
    for (const [k, v] of value.entries) {
      const label = typeof k === 'string' || typeof k === 'number' || typeof k === 'bigint' ? keyLabel(k) : `{${describeValue(k)}}`;
      found = loneSurrogateAt(k, `${path}${label}<key>`, depth - 1) ?? loneSurrogateAt(v, path + label, depth - 1);
      if (found !== null) break;
    }
  } else if (value instanceof CborTagged) {
    found = loneSurrogateAt(value.value, path, depth - 1);
  }
  return found;
}

/** Items kept with their heads that a match took by them: one, or a remembered match's list (Matcher's `kept`). */
export type KeptHeads = CborAny | readonly KeptHeads[];

export class Matcher {
  /** Where matching is now, from the value matched. */
  readonly steps: PathStep[] = [];
  /** Nesting levels (arrays, maps, tags) entered, from the level the value matched stands at; an embedded item stands where its byte string does. */
  depth = 0;
  /** Group references being followed (arrays and maps). */
  groupNesting = 0;
  /** While above zero, failures are not recorded (the inside of `.ne`, key tests). */
  quiet = 0;
  /** Type nodes matched against values so far: the work done, which tests check grows linearly. */
  work = 0;
  /**
   * What an integer beyond ±(2^53 − 1) where the schema types an integer reaching beyond does (see the file's comment):
   * `'keep'` (the program has no `integers`, and tag numbers), `'end'` the match (parts of the value, map keys included),
   * `'refuse'` it as a failure of the type (integers read out of text by a text control).
   */
  integers: 'keep' | 'end' | 'refuse';
  private best: FailureRecord | null = null;
  /** Each (type, container) matched: false, true, or what it took by heads (true, see {@link kept}). */
  private readonly memo = new Map<ProgramType, WeakMap<object, boolean | KeptHeads>>();
  /** References followed at this value without entering it: more than there are rules means a loop (`a = b`, `b = a`). */
  private hops = 0;
  private readonly maxHops: number;
  private readonly patterns = new WeakMap<object, { test(text: string): boolean }>();
  /**
   * The items kept with their heads (readCborValue's `keepHeads`) that a `#M.AI` took by the head as read, in the
   * matches that stand: what a match that failed took is dropped from the end ({@link dropKept}), so that only the
   * heads the match of the whole value took stay as read ({@link fixedHeads}) and every other item is written
   * deterministically. A match remembered (a container's, an array group's at a position) keeps what it took as one
   * list ({@link bundleKept}), which a second use adds again in one step: the work stays that of the matching.
   */
  private readonly kept: KeptHeads[] = [];
  /** Where {@link kept} ends now: what the matches from here on take is after it. */
  keptMark(): number {
    return this.kept.length;
  }

  /** Forgets what the matches since `mark` took: they failed, or what they were part of did. */
  dropKept(mark: number): void {
    this.kept.length = mark;
  }

  /** What the matches since `mark` took, as one list in their place (to remember with a match), or null for nothing. */
  bundleKept(mark: number): KeptHeads | null {
    if (this.kept.length === mark) return null;
    // One is its own list: no array made for every item a `#M.AI` takes.
    if (this.kept.length === mark + 1) return this.kept[mark] as KeptHeads;
    const bundle = this.kept.slice(mark);
    this.kept.length = mark;
    this.kept.push(bundle);
    return bundle;
  }

  /** What the matches since `mark` took, taken out (to add with {@link keep} once they count), or null for nothing. */
  takeKept(mark: number): KeptHeads | null {
    const heads = this.bundleKept(mark);
    this.kept.length = mark;
    return heads;
  }

  /** Adds what a remembered match took, now that it is taken again. */
  keep(heads: KeptHeads): void {
    this.kept.push(heads);
  }

  /** The items a `#M.AI` of the matches that stand took by their heads (see {@link kept}). */
  fixedHeads(): Set<CborAny> {
    const found = new Set<CborAny>();
    const seen = new Set<readonly KeptHeads[]>();
    const pending = [...this.kept];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (next instanceof CborAny) found.add(next);
      else if (!seen.has(next)) {
        seen.add(next);
        // One by one: a spread passes each as an argument, and a long list is more than the stack holds.
        for (const heads of next) pending.push(heads);
      }
    }
    return found;
  }

  /** The rules matched against, and the deepest nesting accepted. */
  readonly program: Program;
  readonly maxDepth: number;

  /** `depth`: the level the value matched stands at (inside a data item that counts toward the same limit). */
  constructor(program: Program, maxDepth: number, depth = 0) {
    this.program = program;
    this.maxDepth = maxDepth;
    this.depth = depth;
    this.maxHops = Object.keys(program.rules).length + 1;
    this.integers = program.integers === 'number' ? 'end' : 'keep';
  }

  /** `inside` with unsafe integers treated as `mode` says, unless they are kept already. */
  withIntegers<T>(mode: 'keep' | 'refuse', inside: () => T): T {
    const outer = this.integers;
    if (outer === 'keep') return inside();
    this.integers = mode;
    try {
      return inside();
    } finally {
      this.integers = outer;
    }
  }

  /** An integer `integers: 'number'` cannot hold where the schema types one: ends the match, or (inside a text control) fails the type. */
  private unsafe(n: bigint): false {
    if (this.integers === 'refuse') return this.fail(unsafeIntegerMessage(n));
    throw new UnsafeInteger([...this.steps], n);
  }

  rule(name: string, value: CborValue): boolean {
    return this.type({ kind: 'ref', rule: name }, value);
  }

  /** The failure furthest into the value. */
  failure(): MatchFailure {
    const best = this.best ?? { steps: [], message: 'does not match' };
    return { path: pathText(best.steps), steps: [...best.steps], message: best.message };
  }

  /** Records a failure here (when it is the furthest so far); returns false. */
  fail(message: string): false {
    if (this.quiet > 0) return false;
    // A new record each time, never changed: failureMark hands records out, to be put back as they were.
    this.best = furthestFailure(this.best, { steps: [...this.steps], message });
    return false;
  }

  /** The failure recorded so far (an unchanging record), to put back with {@link restoreFailures}. */
  failureMark(): FailureRecord | null {
    return this.best;
  }

  /**
   * Makes `mark` the failure recorded so far: an alternative that failed before another one matched is no reason for
   * what fails later (`{1: 2}` against `{ 1 => 0 / 1 / 2, 2 => int }` is missing 2, not "expected 0 or 1").
   */
  restoreFailures(mark: FailureRecord | null): void {
    this.best = mark;
  }

  /** Records a failure one step further (a missing item, an unexpected entry). */
  failAt(step: PathStep, message: string): false {
    this.steps.push(step);
    this.fail(message);
    this.steps.pop();
    return false;
  }

  /** Matches without recording failures. */
  test(t: ProgramType, v: CborValue): boolean {
    this.quiet++;
    try {
      return this.type(t, v);
    } finally {
      this.quiet--;
    }
  }

  /** Matches a part of the value one step in. */
  at(step: PathStep, t: ProgramType, v: CborValue): boolean {
    this.steps.push(step);
    try {
      return this.type(t, v);
    } finally {
      this.steps.pop();
    }
  }

  /** The test of a pattern node, matched whole: its RegExp, or one linear in the text where a backtracking engine may not be (pattern-automata.ts). */
  regExp(node: Extract<ProgramType, { kind: 'pattern'; source: string }>): { test(text: string): boolean } {
    let re = this.patterns.get(node);
    if (re === undefined) {
      const source = node.source;
      re = backtracksBadly(source) ? { test: (text: string) => matchesWhole(source, text) } : new RegExp(`^(?:${source})$`, 'u');
      this.patterns.set(node, re);
    }
    return re;
  }

  ruleOf(name: string): ProgramRule | undefined {
    return Object.prototype.hasOwnProperty.call(this.program.rules, name) ? this.program.rules[name] : undefined;
  }

  /** Enters a nesting level for `inside`, or fails when the limit is reached. */
  nested(inside: () => boolean): boolean {
    if (this.depth >= this.maxDepth) return this.fail(`nesting deeper than the limit of ${this.maxDepth} levels`);
    return this.inside(1, inside);
  }

  /**
   * Matches `inside` against another value `levels` deeper (negative: shallower, as a CBOR sequence's items stand
   * where its byte string does, not inside the array the controller reads them as); the limit is the caller's to test.
   */
  inside(levels: number, inside: () => boolean): boolean {
    this.depth += levels;
    const hops = this.hops;
    this.hops = 0;
    try {
      return inside();
    } finally {
      this.depth -= levels;
      this.hops = hops;
    }
  }

  type(t: ProgramType, v: CborValue): boolean {
    if (typeof v !== 'object' || v === null || t.kind === 'ref' || t.kind === 'prim' || t.kind === 'literal') return this.match(t, v);
    // Containers: each (type, value) at most once, so choices that re-try a subtree cost nothing more.
    let seen = this.memo.get(t);
    if (seen === undefined) {
      seen = new WeakMap();
      this.memo.set(t, seen);
    }
    const known = seen.get(v);
    if (known !== undefined) {
      if (typeof known === 'boolean') return known;
      this.kept.push(known);
      return true;
    }
    const mark = this.kept.length;
    const result = this.match(t, v);
    if (!result) this.kept.length = mark;
    seen.set(v, result && (this.bundleKept(mark) ?? true));
    return result;
  }

  private match(t: ProgramType, v: CborValue): boolean {
    this.work++;
    // An item kept with its head is its value to every type but `#M.AI`, which looks at the head; those that only pass
    // it on (references, choices, controls, whose own tests unwrap it) keep it for the `#M.AI` below them.
    if (v instanceof CborAny && t.kind !== 'major' && t.kind !== 'ref' && t.kind !== 'choice' && t.kind !== 'control') return this.type(t, contentOf(v));
    if (this.integers !== 'keep' && (typeof v === 'bigint' || v instanceof CborTagged)) {
      const n = unsafeInteger(t, v);
      if (n !== null) return this.unsafe(n);
    }
    switch (t.kind) {
      case 'ref': {
        const rule = this.ruleOf(t.rule);
        if (rule?.kind !== 'type') return this.fail(`no type rule '${t.rule}' in the program`);
        if (++this.hops > this.maxHops) {
          this.hops--;
          return this.fail(`'${t.rule}' never reaches a data item (its definition only refers to itself)`);
        }
        try {
          return this.type(rule.type, v);
        } finally {
          this.hops--;
        }
      }
      case 'prim':
        return primitive(t.prim, v) || this.fail(`expected ${t.prim}, got ${describe(v)}`);
      case 'literal':
        return literalMatches(t.value, v) || this.fail(`expected ${literalText(t.value)}, got ${describe(v)}`);
      case 'range':
        return rangeMatches(t, v) || this.fail(`expected ${typeText(t)}, got ${describe(v)}`);
      case 'choice':
        return this.choice(t.options, v);
      case 'array':
        if (!Array.isArray(v)) return this.fail(`expected an array, got ${describe(v)}`);
        return this.nested(() => matchArray(this, t.group, v));
      case 'map':
        if (!(v instanceof CborMap)) return this.fail(`expected a map, got ${describe(v)}`);
        return this.nested(() => matchMap(this, t.group, v));
      case 'tag':
        return this.tag(t, v);
      case 'major':
        if (!majorMatches(t.major, t.info, v)) return this.fail(`expected ${typeText(t)}, got ${describe(v)}`);
        if (v instanceof CborAny && t.info !== null) this.kept.push(v);
        return true;
      case 'pattern':
        return matchPattern(this, t, v);
      case 'steps':
        return stepsMatch(t, v) || this.fail(`expected ${typeText(t)}, got ${describe(v)}`);
      case 'control':
        return matchControl(this, t, v);
    }
  }

  private choice(options: readonly ProgramType[], v: CborValue): boolean {
    const before = this.best;
    for (const option of options) {
      if (!this.type(option, v)) continue;
      // What the options before it wanted is no reason for anything now.
      this.best = before;
      return true;
    }
    // No option got further than the value itself: say what was expected instead of what the last option wanted.
    if (this.best === before || (this.best !== null && this.best.steps.length <= this.steps.length && !further(this.best.steps, this.steps))) {
      this.best = before;
      return this.fail(options.length === 0 ? `expected nothing (an empty socket or type), got ${describe(v)}` : `expected ${options.map((o) => typeText(o, 1)).join(' or ')}, got ${describe(v)}`);
    }
    return false;
  }

  private tag(t: Extract<ProgramType, { kind: 'tag' }>, v: CborValue): boolean {
    const tagged = taggedOf(v);
    if (tagged === null) return this.fail(`expected ${typeText(t)}, got ${describe(v)}`);
    if (t.tag !== null) {
      const number: CborValue = tagged.tag <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(tagged.tag) : tagged.tag;
      // Tag numbers are kept whatever their size, as typed code keeps them (`{ tag, value }`).
      const ok = typeof t.tag === 'string' ? BigInt(t.tag) === tagged.tag : this.withIntegers('keep', () => this.test(t.tag as ProgramType, number));
      if (!ok) return this.fail(`expected ${typeText(t)}, got tag ${tagged.tag}`);
    }
    return this.nested(() => this.at({ kind: 'tag' }, t.type, tagged.value));
  }
}
