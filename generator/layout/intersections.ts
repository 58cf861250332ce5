/**
 * Intersections of scalar types (`.and`, `.within`): one scalar layout per kind that both sides admit.
 */
import { printType } from '../ir/print.js';
import type { IrEntry, IrType } from '../ir/types.js';
import { inRanges, meetRangeSets, rangesProperty, sameRanges, unionFloats } from './float-ranges.js';
import { type ShapeContext, type SizeBound } from './shapes.js';
import { unsupported } from './layout-diagnostics.js';
import { type ScalarShape, mergeScalars, onlyAllowedBits } from './scalars.js';
import { intersect } from './intervals.js';
import { fixedKey, scalarOptions } from './maps.js';

// ---- intersections (.and, .within) ----------------------------------------------

export type Control = Extract<IrType, { kind: 'control' }>;
type ScalarOf<K extends ScalarShape['kind']> = Extract<ScalarShape, { kind: K }>;

/**
 * `A .and B` and `A .within B` (RFC 8610 §3.8.5) match the data items that
 * match both A and B (`.within` only adds the author's intent that A is
 * within B, which changes nothing at run time). Each scalar alternative of
 * A meets each of B: same kinds intersect, different kinds (an integer and a
 * float are different CBOR major types) have nothing in common. What remains
 * is merged by kind; null when A or B is not made of scalars.
 */
export function intersectionScalars(type: Control, ctx: ShapeContext, seen: Set<string>): ScalarShape[] | null {
  const left = scalarOptions(type.target, ctx, seen);
  const right = left === null ? null : scalarOptions(type.controller, ctx, seen);
  if (left === null || right === null) return null;
  const results: ScalarShape[] = [];
  for (const a of left) {
    for (const b of right) {
      const meet = intersectScalars(a, b, type, ctx);
      if (meet.kind === 'never') continue;
      // Only `any` meeting `any` is `any`, and it holds every other result.
      if (meet.kind === 'any') return [meet];
      const k = results.findIndex((r) => r.kind === meet.kind);
      if (k < 0) {
        results.push(meet);
        continue;
      }
      const merged = mergeScalars(results[k] as ScalarShape, meet) ?? mergeFloats(results[k] as ScalarShape, meet);
      if (merged === null) return unsupported(ctx, type.span, `.${type.op} whose result is two ${meet.kind} types that one type cannot say: ${printType(type)}`);
      results[k] = merged;
    }
  }
  return results;
}

/** Two float types of the same widths (`(int / float) .and (1 / 2.5 / 4.0)`: 2.5 or 4.0), or that differ only in their widths (`(float16 / float32) .and float`), as one. */
function mergeFloats(a: ScalarShape, b: ScalarShape): ScalarShape | null {
  if (a.kind !== 'float' || b.kind !== 'float') return null;
  const joined = unionFloats(a, b);
  if (joined !== null || a.values !== null || b.values !== null) return joined;
  if (!sameRanges(a.ranges, b.ranges)) return null;
  const widths = ([16, 32, 64] as const).filter((w) => a.widths.includes(w) || b.widths.includes(w));
  return { kind: 'float', widths, values: null, ...rangesProperty(a.ranges) };
}

/** The prelude type holding every value of a kind, to pick one kind out of an intersection (integers of any size: `bigint`, whose plain integers count). */
const WHOLE_KIND: Record<Exclude<ScalarShape['kind'], 'any' | 'never'>, Extract<IrType, { kind: 'prim' }>['prim']> = {
  int: 'bigint',
  float: 'float',
  text: 'tstr',
  bytes: 'bstr',
  bool: 'bool',
  null: 'null',
  undefined: 'undefined',
};

/**
 * `A .and B` whose values are of several kinds (`(int / tstr) .and (uint / "a")`):
 * one type per kind, `(A .and B) .and <that kind>` (`uint`, `"a"`), in the
 * order the kinds came, or null for any other type. The shape is their
 * choice and the TypeScript type their union, as for `any .size`.
 */
export function intersectionOptions(type: IrType, ctx: ShapeContext): Control[] | null {
  if (type.kind !== 'control' || (type.op !== 'and' && type.op !== 'within')) return null;
  const results = intersectionScalars(type, ctx, new Set());
  if (results === null || results.length < 2) return null;
  return results.map((r) => ({ ...type, target: type, controller: { kind: 'prim', prim: WHOLE_KIND[r.kind as keyof typeof WHOLE_KIND] } }));
}

/** The values both scalar shapes accept, as one shape (`never` when there are none). */
function intersectScalars(a: ScalarShape, b: ScalarShape, type: Control, ctx: ShapeContext): ScalarShape {
  const none: ScalarShape = { kind: 'never' };
  // `any` restricted to one major type (`#5`) is not every value: refused rather than guessed.
  const head = (x: ScalarShape) => x.kind === 'any' && x.head !== undefined;
  if (head(a) || head(b)) return unsupported(ctx, type.span, `.${type.op} with a major type: ${printType(type)}`);
  if (a.kind === 'any' && b.kind === 'any') {
    const except = [...new Set([...(a.except ?? []), ...(b.except ?? [])])].sort();
    return except.length === 0 ? { kind: 'any' } : { kind: 'any', except };
  }
  if (a.kind === 'any') return withoutSimpleValues(b, a.except);
  if (b.kind === 'any') return withoutSimpleValues(a, b.except);
  if (a.kind !== b.kind) return none;
  switch (a.kind) {
    case 'never':
    case 'null':
    case 'undefined':
      return a;
    case 'bool': {
      const values = a.values.filter((v) => (b as ScalarOf<'bool'>).values.includes(v));
      return values.length === 0 ? none : { kind: 'bool', values };
    }
    case 'int': {
      const y = b as ScalarOf<'int'>;
      const intervals = intersect(a.intervals, y.intervals);
      if (intervals.length === 0) return none;
      const shape: ScalarOf<'int'> = { kind: 'int', intervals };
      const bits = a.bits === undefined ? y.bits : y.bits === undefined ? a.bits : a.bits & y.bits;
      if (bits !== undefined) shape.bits = bits;
      // A bignum (tag 2 or 3) only where both sides accept one.
      if (a.bignum && y.bignum) shape.bignum = true;
      return shape;
    }
    case 'float': {
      const y = b as ScalarOf<'float'>;
      const widths = a.widths.filter((w) => y.widths.includes(w));
      const ranges = meetRangeSets(a.ranges, y.ranges);
      if (widths.length === 0 || ranges?.length === 0) return none;
      // As the decoder compares them: `===`, and NaN matches NaN.
      const same = (x: number, z: number) => x === z || (Number.isNaN(x) && Number.isNaN(z));
      const values = a.values === null ? y.values : y.values === null ? a.values : a.values.filter((v) => (y.values as number[]).some((w) => same(v, w)));
      if (values !== null) {
        const kept = values.filter((v) => inRanges(v, ranges));
        return kept.length === 0 ? none : { kind: 'float', widths, values: kept };
      }
      return { kind: 'float', widths, values: null, ...rangesProperty(ranges) };
    }
    case 'text': {
      const y = b as ScalarOf<'text'>;
      const size = meetSizes(a.size, y.size);
      const pattern = a.pattern === undefined ? y.pattern : y.pattern === undefined ? a.pattern : `(?=(?:${a.pattern})$)(?:${y.pattern})`;
      const values = meetValues(a.values, y.values);
      // RFC 9741 checks stay for the generated code to test, literal values or not.
      const checks = [...(a.checks ?? []), ...(y.checks ?? [])];
      const withChecks = (x: ScalarOf<'text'>): ScalarShape => (checks.length === 0 ? x : { ...x, checks });
      if (values !== null) {
        // Literal values are checked now (as the decoder would: byte length, whole match), and stand alone.
        const matches = pattern === undefined ? () => true : (v: string) => new RegExp(`^(?:${pattern})$`, 'u').test(v);
        const kept = values.filter((v) => fitsSize(new TextEncoder().encode(v).length, size) && matches(v));
        return kept.length === 0 ? none : withChecks({ kind: 'text', values: kept, size: null });
      }
      if (size !== null && size.max !== null && size.min > size.max) return none;
      return withChecks(pattern === undefined ? { kind: 'text', values: null, size } : { kind: 'text', values: null, size, pattern });
    }
    case 'bytes': {
      const y = b as ScalarOf<'bytes'>;
      const sameEmbedded = a.embedded === undefined || y.embedded === undefined || (a.embedded.rule === y.embedded.rule && a.embedded.sequence === y.embedded.sequence);
      if (!sameEmbedded) return unsupported(ctx, type.span, `.${type.op} of two different embedded types (.cbor, .cborseq): ${printType(type)}`);
      const embedded = a.embedded ?? y.embedded;
      const size = meetSizes(a.size, y.size);
      const bits = a.bits === undefined ? y.bits : y.bits === undefined ? a.bits : a.bits & y.bits;
      const pattern = a.pattern === undefined ? y.pattern : y.pattern === undefined ? a.pattern : `(?=(?:${a.pattern})$)(?:${y.pattern})`;
      const values = meetValues(a.values, y.values);
      const shape: ScalarOf<'bytes'> = { kind: 'bytes', values, size };
      if (values !== null) {
        // Length, bits and pattern (`.abnfb`, on the bytes as latin1) are checked now; whether the bytes decode (`.cbor`) is left to the decoder.
        const matches = pattern === undefined ? () => true : (hex: string) => new RegExp(`^(?:${pattern})$`, 'u').test(String.fromCharCode(...(hex.match(/../g) ?? []).map((h) => parseInt(h, 16))));
        const kept = values.filter((hex) => fitsSize(hex.length / 2, size) && (bits === undefined || onlyAllowedBits(hex, bits)) && matches(hex));
        if (kept.length === 0) return none;
        Object.assign(shape, { values: kept, size: null });
      } else {
        if (size !== null && size.max !== null && size.min > size.max) return none;
        if (bits !== undefined) shape.bits = bits;
        if (pattern !== undefined) shape.pattern = pattern;
      }
      if (embedded !== undefined) shape.embedded = embedded;
      const checks = [...(a.checks ?? []), ...(y.checks ?? [])];
      if (checks.length > 0) shape.checks = checks;
      return shape;
    }
  }
}

/** A scalar shape without the simple values an `any .ne …` left out (their one-byte encodings). */
function withoutSimpleValues(shape: ScalarShape, except: number[] | undefined): ScalarShape {
  if (except === undefined) return shape;
  const none: ScalarShape = { kind: 'never', reason: 'the value is left out by .ne' };
  if (shape.kind === 'undefined') return except.includes(0xf7) ? none : shape;
  if (shape.kind === 'null') return except.includes(0xf6) ? none : shape;
  if (shape.kind !== 'bool') return shape;
  const values = shape.values.filter((v) => !except.includes(v ? 0xf5 : 0xf4));
  return values.length === 0 ? none : { kind: 'bool', values };
}

function meetValues<T>(a: T[] | null, b: T[] | null): T[] | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.filter((v) => b.includes(v));
}

function meetSizes(a: SizeBound | null, b: SizeBound | null): SizeBound | null {
  if (a === null) return b;
  if (b === null) return a;
  const max = a.max === null ? b.max : b.max === null ? a.max : Math.min(a.max, b.max);
  return { min: Math.max(a.min, b.min), max };
}

function fitsSize(length: number, size: SizeBound | null): boolean {
  return size === null || (length >= size.min && (size.max === null || length <= size.max));
}


// ---- intersections of arrays ------------------------------------------------------

type MemberEntry = Extract<IrEntry, { kind: 'member' }>;

/** An array type's one alternative: members that each occur once, or one member repeated (`[* int]`, `[2*3 tstr]`). */
type Sequence = { kind: 'fixed'; members: MemberEntry[] } | { kind: 'list'; member: MemberEntry };

/**
 * `[a, b] .and [c, d]` (`.within` likewise): an item matches both arrays exactly when it is an array whose every
 * item matches both members at its position, as many items as both allow. Where each side is members that occur
 * once or one repeated member, that is an array of the members' intersections: `[a .and c, b .and d]`, `[* a] .and
 * [2*3 b]` is `[2*3 (a .and b)]`, `[* a] .and [c, d]` is `[a .and c, a .and d]`, laid out as any array (its members'
 * names are the left side's, else the right's). `'nothing'` where no count is both's (`[a] .and [c, d]`). Null for
 * other sides, which implication decides or the general matcher matches.
 */
export function memberwiseArrays(type: Control, ctx: ShapeContext): IrType | 'nothing' | null {
  const left = sequenceOf(type.target, ctx);
  const right = left === null ? null : sequenceOf(type.controller, ctx);
  if (left === null || right === null) return null;
  const meet = (a: MemberEntry, b: MemberEntry): MemberEntry => ({ ...a, name: a.name ?? b.name, doc: a.doc ?? b.doc, type: { kind: 'control', op: type.op, target: a.type, controller: b.type, span: type.span } });
  const array = (entries: MemberEntry[]): IrType => ({ kind: 'array', group: { choices: [{ entries }] } });
  if (left.kind === 'list' && right.kind === 'list') {
    const min = Math.max(left.member.occurrence.min, right.member.occurrence.min);
    const maxes = [left.member.occurrence.max, right.member.occurrence.max].filter((m): m is number => m !== null);
    const max = maxes.length === 0 ? null : Math.min(...maxes);
    if (max !== null && max < min) return 'nothing';
    return array([{ ...meet(left.member, right.member), occurrence: { min, max } }]);
  }
  const fixed = left.kind === 'fixed' ? left : (right as Extract<Sequence, { kind: 'fixed' }>);
  const other = left.kind === 'fixed' ? right : left;
  const count = fixed.members.length;
  if (other.kind === 'fixed' && other.members.length !== count) return 'nothing';
  if (other.kind === 'list' && (count < other.member.occurrence.min || (other.member.occurrence.max !== null && count > other.member.occurrence.max))) return 'nothing';
  const at = (sequence: Sequence, i: number): MemberEntry => (sequence.kind === 'list' ? { ...sequence.member, occurrence: { min: 1, max: 1 } } : (sequence.members[i] as MemberEntry));
  return array(fixed.members.map((_, i) => meet(at(left, i), at(right, i))));
}

/** An array type (through rule names) as a {@link Sequence}, or null when it is another kind of array or no array. */
function sequenceOf(type: IrType, ctx: ShapeContext, depth = 0): Sequence | null {
  if (type.kind === 'ref' && depth < 64) {
    const target = ctx.rules.get(type.rule)?.type;
    return target === undefined ? null : sequenceOf(target, ctx, depth + 1);
  }
  if (type.kind !== 'array' || type.group.choices.length !== 1) return null;
  const entries = type.group.choices[0]?.entries ?? [];
  const members = entries.filter((e): e is MemberEntry => e.kind === 'member');
  if (members.length !== entries.length) return null;
  const only = members[0];
  if (members.length === 1 && only !== undefined && only.occurrence.max !== 1) return { kind: 'list', member: only };
  return members.every((m) => m.occurrence.min === 1 && m.occurrence.max === 1) ? { kind: 'fixed', members } : null;
}

// ---- intersections of maps --------------------------------------------------------

/**
 * `{ a: int, ? b: tstr } .and { a: uint, c: bool }` (`.within` likewise) of two maps of fixed keys only (no computed
 * keys, no group choices, each member once or optional): a map matches both exactly when it has only keys both name,
 * every key either requires, and at each key a value of both types. That is the map of the keys both name, each
 * required where either side requires it, its value type the intersection; a key one side requires and the other
 * does not name makes it match nothing (`'nothing'`). Without computed keys, a key whose value fails its type fails
 * the map with a cut or without (no other entry could take it), so cuts change nothing. Null for other sides.
 */
export function keywiseMaps(type: Control, ctx: ShapeContext): IrType | 'nothing' | null {
  const left = fixedKeyMembers(type.target, ctx);
  const right = left === null ? null : fixedKeyMembers(type.controller, ctx);
  if (left === null || right === null) return null;
  const entries: MemberEntry[] = [];
  for (const [id, a] of left) {
    const b = right.get(id);
    if (b === undefined) {
      if (a.occurrence.min > 0) return 'nothing';
      continue;
    }
    const required = a.occurrence.min > 0 || b.occurrence.min > 0;
    entries.push({ ...a, name: a.name ?? b.name, doc: a.doc ?? b.doc, occurrence: { min: required ? 1 : 0, max: 1 }, type: { kind: 'control', op: type.op, target: a.type, controller: b.type, span: type.span } });
  }
  for (const [id, b] of right) if (!left.has(id) && b.occurrence.min > 0) return 'nothing';
  return { kind: 'map', group: { choices: [{ entries }] } };
}

/** A map type's members by their fixed keys (through rule names), when it has one alternative of members of fixed keys, each once or optional; else null. */
function fixedKeyMembers(type: IrType, ctx: ShapeContext, depth = 0): Map<string, MemberEntry> | null {
  if (type.kind === 'ref' && depth < 64) {
    const target = ctx.rules.get(type.rule)?.type;
    return target === undefined ? null : fixedKeyMembers(target, ctx, depth + 1);
  }
  if (type.kind !== 'map' || type.group.choices.length !== 1) return null;
  const byKey = new Map<string, MemberEntry>();
  for (const entry of type.group.choices[0]?.entries ?? []) {
    if (entry.kind !== 'member' || entry.occurrence.max !== 1 || entry.occurrence.min > 1) return null;
    const fixed = fixedKey(entry, ctx);
    if (fixed === null) return null;
    const id = `${fixed.key.type}:${String(fixed.key.value)}`;
    // Two members of one key: their own question (maps.ts), not this one.
    if (byKey.has(id)) return null;
    byKey.set(id, entry);
  }
  return byKey;
}
