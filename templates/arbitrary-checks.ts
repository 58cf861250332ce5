/**
 * What the test-data generators (arbitrary.ts) read off a {@link Program}:
 * how deep each rule must nest at least (so that draws past the depth limit
 * end), what controllers allow (`.size` lengths, `.bits` positions, literal
 * bounds), and whether a drawn key is another member's. Emitted beside
 * arbitrary.ts.
 */
import { CborAny, CborFloat, type CborValue } from './cbor-any.js';
import type { Program, ProgramEntry, ProgramGroup, ProgramKey, ProgramLiteral, ProgramType } from './program.js';
import { Matcher } from './matcher.js';
import { byteLengthOfBigInt, decodeUtf8, encodeUtf8, MAX_DEPTH } from './runtime.js';

/** The integer as a CborValue: a number when exact. */
export function intValue(n: bigint): number | bigint {
  return n >= -(2n ** 53n - 1n) && n <= 2n ** 53n - 1n ? Number(n) : n;
}

export function literalValue(lit: ProgramLiteral): CborValue {
  switch (lit.type) {
    case 'int':
      return intValue(BigInt(lit.value));
    case 'float':
      return new CborFloat(lit.value);
    case 'text':
      return lit.value;
    case 'bool':
      return lit.value;
    case 'bytes': {
      const out = new Uint8Array(lit.hex.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = parseInt(lit.hex.slice(2 * i, 2 * i + 2), 16);
      return out;
    }
  }
}

/** An identity for a data item: its deterministic encoding as latin1 (map keys must be distinct data items). */
export function itemId(value: CborValue): string {
  const encoded = CborAny.of(value).encoded;
  let s = '';
  for (const b of encoded) s += String.fromCharCode(b);
  return s;
}

// ---------------------------------------------------------------------------
// Costs: the least nesting of arrays, maps and tags a type's smallest item needs (Infinity: none ends)

/**
 * A rank is levels × SPLICES + splices: the least nesting an item needs, then, among items of that nesting, the
 * least number of groups spliced one inside another on the way (`~a`, `g` in `(2* g // int)`). Splices nest no
 * item, so levels alone do not tell `g = (2* g // int)`'s first choice from its second, and a draw that must end
 * could pick the first forever; the least rank can always be had by a choice whose spliced groups rank lower.
 */
const SPLICES = 2 ** 30;

function levelsOf(rank: number): number {
  return Math.floor(rank / SPLICES);
}

export class Costs {
  private readonly ranks = new Map<string, number>();
  private readonly program: Program;

  constructor(program: Program) {
    this.program = program;
    const names = Object.keys(program.rules);
    for (const name of names) this.ranks.set(name, Infinity);
    // Least fixed point: each round can only lower a rank, and a rank settles within one round per rule.
    for (let changed = true, round = 0; changed && round <= names.length + 1; round++) {
      changed = false;
      for (const name of names) {
        const rule = program.rules[name]!;
        const rank = rule.kind === 'type' ? this.typeRank(rule.type) : this.groupRank(rule.group);
        if (rank < this.ranks.get(name)!) {
          this.ranks.set(name, rank);
          changed = true;
        }
      }
    }
  }

  /** The least nesting an item of the rule needs. */
  rule(name: string | null): number {
    return levelsOf(this.ruleRank(name));
  }

  /** The least nesting an item of the type needs. */
  type(t: ProgramType): number {
    return levelsOf(this.typeRank(t));
  }

  /** The least nesting an item of the entry needs. */
  entry(e: ProgramEntry): number {
    return levelsOf(this.entryRank(e));
  }

  /** The least nesting a sequence of entries needs: what its required entries need. */
  choice(entries: readonly ProgramEntry[]): number {
    return levelsOf(this.choiceRank(entries));
  }

  /** The rank of a sequence of entries (levels, then splices), by which a draw that must end picks one. */
  choiceRank(entries: readonly ProgramEntry[]): number {
    let rank = 0;
    for (const e of entries) if (e.min > 0) rank = Math.max(rank, this.entryRank(e));
    return rank;
  }

  private ruleRank(name: string | null): number {
    return this.ranks.get(name ?? '') ?? Infinity;
  }

  private typeRank(t: ProgramType): number {
    switch (t.kind) {
      case 'ref':
        return this.ruleRank(t.rule);
      case 'choice':
        return t.options.length === 0 ? Infinity : Math.min(...t.options.map((o) => this.typeRank(o)));
      case 'array':
      case 'map':
        return SPLICES + this.groupRank(t.group);
      case 'tag':
        // A tag number given by a type is drawn inside the tag, as its content is: `a = #6.<a>(int)` holds no value of
        // finite depth (its number would have to be one of its own values), and drawing it would not end.
        return SPLICES + Math.max(this.typeRank(t.type), t.tag !== null && typeof t.tag !== 'string' ? this.typeRank(t.tag) : 0);
      case 'pattern':
        return this.typeRank(t.target);
      case 'control':
        // `.cbor` is a level, as the draw counts it (`left - 1`): `r = (bstr .cbor r) / …` then ends where its other
        // options do; `.cborseq`'s controller is an array, which counts its own.
        if (t.op === 'cbor') return SPLICES + this.typeRank(t.controller);
        if (t.op === 'cborseq') return this.typeRank(t.controller);
        if (t.op === 'and' || t.op === 'within') return Math.max(this.typeRank(t.target), this.typeRank(t.controller));
        return this.typeRank(t.target);
      default:
        return 0;
    }
  }

  private entryRank(e: ProgramEntry): number {
    if (e.kind === 'member') return Math.max(this.typeRank(e.type), e.key?.kind === 'type' ? this.typeRank(e.key.type) : 0);
    if (e.group !== null) return this.groupRank(e.group);
    // A named group spliced: one splice more than it. A type rule spliced (`~a`) is its array's or map's group, a level less.
    const rule = e.ref === null ? undefined : this.program.rules[e.ref];
    const spliced = rule?.kind === 'type' && (rule.type.kind === 'array' || rule.type.kind === 'map') ? this.ruleRank(e.ref) - SPLICES : this.ruleRank(e.ref);
    return spliced + 1;
  }

  private groupRank(group: ProgramGroup): number {
    return group.choices.length === 0 ? Infinity : Math.min(...group.choices.map((c) => this.choiceRank(c)));
  }
}

// ---------------------------------------------------------------------------
// Controllers and checks

/** The controller as a literal, through refs and one-option choices; null when it is not one. */
export function controllerLiteral(t: ProgramType, program: Program): ProgramLiteral | null {
  for (let seen = 0; seen < 100; seen++) {
    if (t.kind === 'literal') return t.value;
    if (t.kind === 'choice' && t.options.length === 1) t = t.options[0]!;
    else if (t.kind === 'ref' && program.rules[t.rule]?.kind === 'type') t = (program.rules[t.rule] as { type: ProgramType }).type;
    else return null;
  }
  return null;
}

/** The integers a controller allows (literals, ranges, choices of them), at most `limit`; null otherwise. */
export function controllerInts(t: ProgramType, program: Program, limit: number, depth = 0): bigint[] | null {
  if (depth > 50) return null;
  switch (t.kind) {
    case 'literal':
      return t.value.type === 'int' ? [BigInt(t.value.value)] : null;
    case 'range': {
      if (t.min.type !== 'int' || t.max.type !== 'int') return null;
      const lo = BigInt(t.min.value);
      const hi = BigInt(t.max.value) - (t.inclusive ? 0n : 1n);
      if (hi - lo >= BigInt(limit)) return null;
      const out: bigint[] = [];
      for (let n = lo; n <= hi; n++) out.push(n);
      return out;
    }
    case 'choice': {
      const out: bigint[] = [];
      for (const o of t.options) {
        const ints = controllerInts(o, program, limit, depth + 1);
        if (ints === null) return null;
        out.push(...ints);
      }
      return out.length > limit ? null : out;
    }
    case 'ref': {
      const rule = program.rules[t.rule];
      return rule?.kind === 'type' ? controllerInts(rule.type, program, limit, depth + 1) : null;
    }
    default:
      return null;
  }
}

/** `.size` controllers: lengths as ranges (a literal n is n..n; `uint` is any length, drawn short). */
export function controllerSizes(t: ProgramType, program: Program, depth = 0): [number, number][] | null {
  if (depth > 50) return null;
  switch (t.kind) {
    case 'literal':
      return t.value.type === 'int' ? [[Number(t.value.value), Number(t.value.value)]] : null;
    case 'range':
      if (t.min.type !== 'int' || t.max.type !== 'int') return null;
      return [[Math.max(0, Number(t.min.value)), Number(t.max.value) - (t.inclusive ? 0 : 1)]];
    case 'prim':
      return t.prim === 'uint' ? [[0, 64]] : null;
    case 'control': {
      // `.size (uint .le 16)`: the target's lengths, cut at a literal bound.
      const sizes = controllerSizes(t.target, program, depth + 1);
      const bound = controllerLiteral(t.controller, program);
      if (sizes === null || bound?.type !== 'int' || !['lt', 'le', 'gt', 'ge'].includes(t.op)) return null;
      const n = Number(bound.value);
      const [lo, hi] = t.op === 'lt' ? [0, n - 1] : t.op === 'le' ? [0, n] : t.op === 'gt' ? [n + 1, Infinity] : [n, Infinity];
      const cut = sizes.map(([a, b]): [number, number] => [Math.max(a, lo), Math.min(b, hi)]).filter(([a, b]) => a <= b);
      return cut.length === 0 ? null : cut;
    }
    case 'choice': {
      const all = t.options.map((o) => controllerSizes(o, program, depth + 1));
      return all.some((s) => s === null) ? null : all.flatMap((s) => s!);
    }
    case 'ref': {
      const rule = program.rules[t.rule];
      return rule?.kind === 'type' ? controllerSizes(rule.type, program, depth + 1) : null;
    }
    default:
      return null;
  }
}

/** The bytes an unsigned integer needs (`.size` on uint). */
export function byteSize(n: bigint): number {
  return n < 0n ? Infinity : byteLengthOfBigInt(n);
}

/**
 * Order of two numbers, 0 for the same data item; null when they cannot be
 * ordered. `numeric`: integers and floats compare by value (`.lt`), else an
 * integer and a float are different data items (`.eq`).
 */
export function compareValues(a: CborValue, b: CborValue, numeric: boolean): number | null {
  const num = (v: CborValue): number | bigint | null => (typeof v === 'number' || typeof v === 'bigint' ? v : v instanceof CborFloat ? v.value : null);
  const x = num(a);
  const y = num(b);
  if (x !== null && y !== null) {
    if (!numeric && (a instanceof CborFloat) !== (b instanceof CborFloat)) return null;
    return x < y ? -1 : x > y ? 1 : x == y || (x !== x && y !== y) ? 0 : null;
  }
  return itemId(a) === itemId(b) ? 0 : null;
}

/** The keyed members of a map's group (through the groups it splices), whose keys a computed key must not be taken for. */
export function keyedMembers(group: ProgramGroup, program: Program, out: Extract<ProgramEntry, { kind: 'member' }>[], seen: Set<string>): void {
  for (const choice of group.choices) {
    for (const e of choice) {
      if (e.kind === 'member') {
        if (e.key !== null) out.push(e);
      } else if (e.group !== null) keyedMembers(e.group, program, out, seen);
      else if (e.ref !== null && !seen.has(e.ref)) {
        seen.add(e.ref);
        const rule = program.rules[e.ref];
        if (rule?.kind === 'group') keyedMembers(rule.group, program, out, seen);
      }
    }
  }
}

/** Whether a member's key is one value (`1:`, `1 =>`, `lang =>` with `lang = 15`). */
export function isSingleKey(key: ProgramKey, program: Program): boolean {
  return key.kind === 'value' || controllerLiteral(key.type, program) !== null;
}

/** Whether a member's key matches `value` (by the general matcher for a key type). */
export function keyMatches(key: ProgramKey, value: CborValue, program: Program): boolean {
  return key.kind === 'value' ? compareValues(value, literalValue(key.value), false) === 0 : new Matcher(program, MAX_DEPTH).type(key.type, value);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `.cat` of two drawn strings: their bytes joined, of the target's kind; why not, when a side is no string or the text would not be UTF-8 (then another draw is needed). */
export function concatenation(target: CborValue, controller: CborValue): string | Uint8Array | { missed: string } {
  const bytesOf = (v: CborValue) => (typeof v === 'string' ? encodeUtf8(v) : v instanceof Uint8Array ? v : null);
  const [a, b] = [bytesOf(target), bytesOf(controller)];
  if (a === null || b === null) return { missed: 'a side of .cat drew something other than a string' };
  const joined = concat([a, b]);
  if (typeof target !== 'string') return joined;
  return decodeUtf8(joined) ?? { missed: 'the two sides of .cat drew bytes that are not UTF-8 together' };
}
