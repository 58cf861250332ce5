/**
 * Map layouts: structs of fixed keys with computed-key entries, variants, and what tells them apart.
 */
import { printGroup, printType } from '../ir/print.js';
import type { IrGroup, IrKey, IrLiteral, IrSpan, IrType } from '../ir/types.js';
import { type DiscriminantValue, type EntryCount, type Field, type MapDiscriminant, type MapField, type MapKey, type MapLayout, type MapRest, type MapStruct, type NeverShape, type ShapeContext, CBOR_INT_MAX, CBOR_INT_MIN, admitsUndefined, shapeOf } from './shapes.js';
import { matchesNothing, unsupported, warnLocated } from './layout-diagnostics.js';
import { type ScalarShape, mergeScalars, scalarShape } from './scalars.js';
import { intersectionScalars } from './intersections.js';
import { plusScalars } from './plus-operands.js';
import { type Counted, type Impossible, type Member, alternatives, cutOvertaken } from './groups.js';
import { admitsScalar, singleValue } from './arrays.js';
import { membersOf, overlappingVariants } from './choices.js';
import { disjointRests, keysByEncoding, restName, takesBignumOf, takesFixedKey } from './map-rests.js';
import { mapDepartures } from './peg-readings.js';

export function mapLayout(group: IrGroup, ctx: ShapeContext, span: IrSpan): MapLayout | NeverShape {
  const overtaken = cutOvertaken(group, ctx);
  if (overtaken !== null) {
    return unsupported(ctx, overtaken.span, `a member of one key inside a group after computed keys (or in a group choice or repeated group beside computed keys with a cut that take its key), or one with a cut there beside a member of its key without one, which the matcher lets take their entries first (${printGroup({ choices: [{ entries: [overtaken] }] })})`);
  }
  const alts = alternatives(group, ctx, new Set(), 'map');
  if (alts.length === 0) return matchesNothing(ctx, span, 'a map whose group has no alternatives (an empty group socket)');
  const structs = alts.map((members) => mapStruct(members, ctx, alts.length === 1 ? span : (members[0]?.span ?? span)));
  const variants = structs.filter((s): s is MapStruct => s.kind === 'struct');
  const impossible = structs.filter((s): s is Impossible => s.kind === 'impossible');
  if (variants.length === 0) return matchesNothing(ctx, (impossible[0] as Impossible).span, (impossible[0] as Impossible).reason);
  // An alternative no map can match adds nothing: the others are the map.
  for (const alt of impossible) warnLocated(ctx, alt.span, `${alt.reason}, so no data item matches that alternative of the map: it is left out`);
  noteMapDepartures(group, ctx);
  if (variants.length === 1) return variants[0] as MapStruct;
  const tag = findMapTag(variants, ctx);
  const distinct = tag !== null && new Set(tag.values.map((v) => `${v.type}:${String(v.value)}`)).size === tag.values.length;
  const discriminant = distinct ? tag : null;
  const overlaps = overlappingVariants(
    variants.map((struct) => membersOf(struct.fields, struct.rests)),
    discriminant,
    tag,
  );
  return { kind: 'variants', variants, discriminant, tag, overlaps };
}

/**
 * Group choices the typed layouts may read otherwise than the general matcher (peg-readings.ts
 * `mapDepartures`), noted for a warning, which computeLayouts gives where no general rule owns the
 * map: never silent, whichever reading is to stand.
 */
function noteMapDepartures(group: IrGroup, ctx: ShapeContext): void {
  for (const { span, what } of mapDepartures(group, ctx)) {
    if (span.file === '') continue;
    ctx.typedOnly?.push({
      span,
      message: `${what}: the typed code takes a map by the alternative whose members take all its entries, where the general matcher commits to the earlier alternative (to an optional group's members, before none) once it matches and then rejects the map when the entries it leaves do not match the rest of the group; which of the two RFC 8610 means is not settled (docs/cddl-support.md, "Group choices in maps")`,
    });
  }
}

/** Keys are unique in a map (RFC 8610 §3.5.4, RFC 8949 §5.6): why a member, or two, can never all be there. */
const UNIQUE_KEYS = 'which no map can hold: a map has each key at most once (RFC 8610 §3.5.4, RFC 8949 §5.6)';

/** One alternative of a map: its fixed-key fields and its computed-key entries. */
function mapStruct(members: Member[], ctx: ShapeContext, span: IrSpan): MapStruct | Impossible {
  const fields: MapField[] = [];
  const rests: MapRest[] = [];
  /** The kinds a repeated group counts (entryCounts), which must keep their own bounds. */
  const countedRests = new Set<MapRest>();
  /** The kinds with a member whose key has a cut, which the matcher may reach before those written earlier. */
  const cutRests = new Set<MapRest>();
  /** Where each field, and the first member with a cut of each kind, is written: the matcher reaches members with a cut in that order. */
  const writtenAt = new Map<MapField | MapRest, number>();
  for (const [at, m] of members.entries()) {
    const { min, max } = m.occurrence;
    const key = fixedKey(m, ctx);
    if (key === null) {
      // A value key of another kind than integers and text (`1.5: uint`, `h'01': int`) is the computed key of that one
      // value, with the cut every ':' key has (RFC 8610 §3.5.4).
      const computed: Extract<IrKey, { kind: 'type' }> | null =
        m.key?.kind === 'type' ? m.key : m.key?.kind === 'value' ? { kind: 'type', type: { kind: 'literal', value: m.key.value }, cut: true } : null;
      if (computed === null) {
        // RFC 8610 Appendix C: an entry without a member key "can only be used for matching arrays, not for maps", as its
        // occurrence modifies that: `? int` is met by none of a map's entries, `int` by no map.
        if (min === 0) continue;
        return { kind: 'impossible', span: m.span, reason: `a map entry without a key (${printType(m.type)}), which matches only in arrays (RFC 8610 Appendix C), needed ${min === 1 ? 'once' : `${min} times`}` };
      }
      // Keys of a type no value has (`* k => int`, `k = bstr .and int`): no entry is one of these.
      if (hasNoValue(computed.type, ctx)) {
        if (min === 0) continue;
        return { kind: 'impossible', span: m.span, reason: `computed-key entries whose key type has no value (${printType(computed.type)}), needed ${min === 1 ? 'once' : `${min} times`}` };
      }
      const rest: MapRest = {
        name: restName(m.name ?? (m.via !== undefined ? m.via.replace(/^\$+/, '') : null), rests),
        keysByEncoding: keysByEncoding(computed.type, ctx),
        key: shapeOf(computed.type, ctx, m.span),
        keyType: computed.type,
        value: shapeOf(m.type, ctx, m.span),
        valueType: m.type,
        min,
        max,
        doc: m.doc,
        span: m.span,
      };
      // Each entry must have one place: a key two kinds could take would be either's.
      const shared = rests.find((earlier) => !disjointRests(earlier, rest, ctx));
      // Two kinds of one key type and one value type (RFC 9581: `uint => any` and `* uint => any`) are one, counted together,
      // where a map of n such entries matches them exactly when n is within the sums of their bounds (addsUp).
      const keyCut = computed.cut;
      if (shared !== undefined && sameKind(shared, rest) && m.counted === undefined && !countedRests.has(shared) && addsUp(shared, rest, keyCut || cutRests.has(shared))) {
        if (keyCut && !cutRests.has(shared)) writtenAt.set(shared, at);
        if (keyCut) cutRests.add(shared);
        shared.min += rest.min;
        if (rest.doc !== null) shared.doc = shared.doc === null ? rest.doc : `${shared.doc}; ${rest.doc}`;
        shared.max = shared.max === null || rest.max === null ? null : shared.max + rest.max;
        continue;
      }
      if (m.counted !== undefined) countedRests.add(rest);
      if (keyCut) {
        cutRests.add(rest);
        writtenAt.set(rest, at);
      }
      if (shared !== undefined) {
        const [kind, beside] = [printType(rest.keyType), printType(shared.keyType)];
        return unsupported(ctx, m.span, `a second kind of computed-key entries (${kind} =>) beside ${beside} =>, which may take the same key`);
      }
      rests.push(rest);
      continue;
    }
    // A key occurs at most once in a map, so `* x: int` is `? x: int` and `+ x: int` is `x: int`.
    const optional = min === 0;
    if (min > 1) return { kind: 'impossible', span: m.span, reason: `a map member with the fixed key ${keyShown(key.key)} that must occur ${min} times or more (${min}*${max ?? ''}), ${UNIQUE_KEYS}` };
    const shape = shapeOf(m.type, ctx, m.span);
    if (admitsUndefined(m.type, ctx)) unsupported(ctx, m.span, `a map member whose value may be undefined (${printType(m.type)}): in JavaScript it would look absent`);
    const cut = m.key?.kind === 'value' || (m.key?.kind === 'type' && m.key.cut);
    const field: MapField = { name: key.name ?? m.name ?? key.key.value, span: m.span, key: key.key, cut, type: m.type, shape, optional, doc: m.doc };
    if (m.excludes !== undefined) field.excludes = { type: m.excludes, shape: shapeOf(m.excludes, ctx, m.span) };
    fields.push(field);
    writtenAt.set(field, at);
  }
  // The matcher lets computed keys with a cut claim every entry their key type takes before members of one key without a cut,
  // and before those with a cut written after them (§3.5.4): an entry under such a key whose value is not theirs fails the map.
  // The typed layouts give a fixed key to its field first, so they would read such a map otherwise.
  for (const rest of cutRests) {
    const claimed = keysSharedWithRest(fields, rest, ctx).find((f) => !f.cut || (writtenAt.get(f) ?? 0) > (writtenAt.get(rest) ?? 0));
    if (claimed !== undefined) {
      return unsupported(ctx, claimed.span, `a member of the key ${keyShown(claimed.key)} ${claimed.cut ? 'written after' : 'without a cut beside'} computed keys with a cut that take it (${printType(rest.keyType)} ^ =>), which the matcher lets take its entry first`);
    }
  }
  // A bignum key is another data item than the integer key it stands for (a literal key is the plain item, RFC 8610
  // §3.5.4 and the matcher), but computed keys of an integer type hold it as that integer: beside a member of that key the
  // typed value would have the one key twice, which no encoder can write back.
  for (const rest of rests) {
    const member = fields.find((f) => f.key.type === 'int' && takesBignumOf(rest.keyType, BigInt(f.key.value), ctx));
    if (member !== undefined) {
      return unsupported(ctx, member.span, `a member of the integer key ${keyShown(member.key)} beside computed keys that take a bignum of it (${printType(rest.keyType)} =>), another key, which the typed map would hold as the integer ${keyShown(member.key)}`);
    }
  }
  const required = new Set<string>();
  for (const f of fields.filter((f) => !f.optional)) {
    const id = `${f.key.type}:${f.key.value}`;
    if (required.has(id)) return { kind: 'impossible', span: f.span, reason: `the key ${keyShown(f.key)} in two required members of one map, ${UNIQUE_KEYS}` };
    required.add(id);
  }
  assertUniqueNames(fields, ctx);
  const keys = new Set<string>();
  for (const f of fields) {
    const id = `${f.key.type}:${f.key.value}`;
    if (keys.has(id)) unsupported(ctx, f.span, `the key ${keyShown(f.key)} twice in one map`);
    keys.add(id);
  }
  for (const rest of rests) if (fields.some((f) => f.name === rest.name)) unsupported(ctx, span, `a map member named '${rest.name}' beside computed-key entries of that name`);
  const counts = entryCounts(members, fields, rests);
  const overfull = counts.find((c) => c.rests.length === 0 && c.min > c.names.length);
  if (overfull !== undefined) {
    return { kind: 'impossible', span: fields.find((f) => f.name === overfull.names[0])?.span ?? span, reason: `a group of ${overfull.names.length} keyed member${overfull.names.length === 1 ? '' : 's'} that must occur ${overfull.min} times or more, ${UNIQUE_KEYS}` };
  }
  return { kind: 'struct', fields, rests, counts };
}

/**
 * Whether the members of two kinds of one key type and one value type match exactly the maps whose
 * count of such entries is within the sums of their bounds. The matcher takes a map group's entries
 * as it takes an array's items (RFC 8610 Appendix A, docs/cddl-support.md): each member as many as
 * it can, up to its most, giving none back, in the order it reaches them. So the one reached first
 * leaves the other what is over its most: the sums hold where the other may have none (`1*2 uint
 * => int, ? uint => int`) or the first has one count (RFC 9581: `uint => any, * uint => any`);
 * `1*2 tstr => bool, 2*3 tstr => bool` takes 4 or 5 entries, not 3 (the first takes 2 of them).
 * The matcher reaches members without a cut in the order written, at any depth of groups, but one
 * with a cut before the others of its group, wherever it is written: then the sums must hold in
 * either order.
 */
function addsUp(first: MapRest, second: MapRest, cut: boolean): boolean {
  const holds = (a: MapRest, b: MapRest): boolean => b.min === 0 || a.min === a.max;
  return holds(first, second) && (!cut || holds(second, first));
}

/** Whether two kinds of computed-key entries have one key type and one value type, as written. */
function sameKind(a: MapRest, b: MapRest): boolean {
  return printType(a.keyType) === printType(b.keyType) && printType(a.valueType) === printType(b.valueType);
}

function keyShown(key: MapKey): string {
  return key.type === 'text' ? JSON.stringify(key.value) : key.value;
}

/** The count constraints of a map's repeated groups, by the fields and computed-key entries their members became (none where any number of entries would do). */
function entryCounts(members: Member[], fields: MapField[], rests: MapRest[]): EntryCount[] {
  const groups = new Map<Counted, EntryCount>();
  for (const m of members) {
    if (m.counted === undefined) continue;
    const count = groups.get(m.counted) ?? { min: m.counted.min, max: m.counted.max, names: [], rests: [] };
    groups.set(m.counted, count);
    const field = fields.find((f) => f.span === m.span);
    const rest = rests.find((r) => r.span === m.span);
    if (field !== undefined) count.names.push(field.name);
    else if (rest !== undefined) count.rests.push(rest.name);
  }
  return [...groups.values()].flatMap((count) => {
    // A maximum the members can never exceed is no constraint.
    const max = count.max !== null && count.rests.length === 0 && count.max >= count.names.length ? null : count.max;
    return count.min === 0 && max === null ? [] : [{ ...count, max }];
  });
}

/** A required key in every alternative with a single value in each; one with distinct values is preferred. */
function findMapTag(variants: MapStruct[], ctx: ShapeContext): MapDiscriminant | null {
  let shared: MapDiscriminant | null = null;
  const first = variants[0];
  if (first === undefined) return null;
  for (const candidate of first.fields) {
    const matches = variants.map((v) => v.fields.find((f) => f.key.type === candidate.key.type && f.key.value === candidate.key.value));
    if (matches.some((f) => f === undefined || f.optional || f.name !== candidate.name)) continue;
    const values = matches.map((f) => singleValue((f as MapField).type, ctx));
    if (values.some((v) => v === null)) continue;
    const found = { name: candidate.name, key: candidate.key, values: values as DiscriminantValue[] };
    const ids = values.map((v) => `${v?.type}:${String(v?.value)}`);
    if (new Set(ids).size === ids.length) return found;
    shared ??= found;
  }
  return shared;
}

/** Whether no value has the type, as its scalar alternatives tell (`bstr .and int`, `uint .lt -3`); false where it has other ones. */
export function hasNoValue(type: IrType, ctx: ShapeContext): boolean {
  return scalarOptions(type, ctx, new Set())?.every((o) => o.kind === 'never') === true;
}

/** The scalar alternatives of a type, through references, choices and intersections (`name = int / tstr .size (1..255)`), or null if one is not a scalar. */
export function scalarOptions(type: IrType, ctx: ShapeContext, seen: Set<string>): ScalarShape[] | null {
  // The rules already looked through go along, so that `a = a .and int` ends.
  const whole = scalarShape(type, ctx, { file: '', line: 0, col: 0 }, seen);
  if (whole !== null) return [whole];
  if (type.kind === 'control' && (type.op === 'and' || type.op === 'within')) return intersectionScalars(type, ctx, seen);
  if (type.kind === 'control' && type.op === 'plus') return plusScalars(type, ctx, seen);
  // RFC 9165 §4: a feature only names where an extension point is used (`* (nint / text) .feature "x" =>`); its target says what matches.
  if (type.kind === 'control' && type.op === 'feature') return scalarOptions(type.target, ctx, seen);
  if (type.kind === 'ref' && !seen.has(type.rule)) {
    const target = ctx.rules.get(type.rule)?.type;
    return target === undefined ? null : scalarOptions(target, ctx, new Set([...seen, type.rule]));
  }
  if (type.kind === 'choice') {
    const parts = type.options.map((o) => scalarOptions(o, ctx, seen));
    return parts.some((p) => p === null) ? null : parts.flatMap((p) => p as ScalarShape[]);
  }
  return null;
}

/**
 * The literal key of a map member (`name:`, `1:`, `"x" =>`, `&(name: 1) =>`,
 * or a rule that is a constant, `bn => tstr` with `bn = -2`) and the name it
 * gives, or null for a computed key.
 */
export function fixedKey(member: Member, ctx: ShapeContext): { key: MapKey; name: string | null } | null {
  const key = member.key;
  if (key === null) return null;
  let literal: IrLiteral | null = null;
  let name: string | null = null;
  if (key.kind === 'value') literal = key.value;
  else {
    let type: IrType = key.type;
    // &(subject: 5) or &(subject: TBD3): one named value, which names the field.
    if (type.kind === 'enum' && type.values.length === 1 && type.values[0] !== undefined) {
      name = type.values[0].name;
      type = type.values[0].type;
    }
    const seen = new Set<string>();
    for (;;) {
      // `"minItems" .feature "1.2" => uint` (ASDF SDF's): .feature only says a feature is used (RFC 9165 §4), so the
      // key is "minItems", a member's, not a kind of computed keys beside `* tstr => any`.
      if (type.kind === 'control' && type.op === 'feature') type = type.target;
      else if (type.kind === 'ref' && !seen.has(type.rule)) {
        seen.add(type.rule);
        name ??= type.rule;
        const target = ctx.rules.get(type.rule)?.type;
        if (target === undefined) break;
        type = target;
      } else break;
    }
    if (type.kind === 'literal') literal = type.value;
    else name = null;
  }
  if (literal === null || (literal.type !== 'text' && literal.type !== 'int')) return null;
  // The typed map reads and writes an integer key as a plain item, which holds 64 bits; beyond, the key is a bignum.
  if (literal.type === 'int' && (BigInt(literal.value) < CBOR_INT_MIN || BigInt(literal.value) > CBOR_INT_MAX)) {
    return unsupported(ctx, member.span, `a map key integer beyond 64 bits, which only a bignum (tag 2 or 3) holds: ${literal.value}`);
  }
  return { key: literal, name };
}

export function assertUniqueNames(fields: Field[], ctx: ShapeContext): void {
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) unsupported(ctx, f.span, `two members named '${f.name}' in one array or map`);
    seen.add(f.name);
  }
}

/**
 * Whether a fixed key is one that a computed-key part (restKeyParts) takes, where the part's values say it exactly
 * (integer intervals, text values, any text); null where only its test can tell (a pattern, a size, a control).
 */
export function partTakesKey(part: ScalarShape, key: MapKey): boolean | null {
  if (part.kind === 'any') return true;
  if (part.kind === 'int' && key.type === 'int') {
    if (part.bits !== undefined || part.bignum === true) return null;
    const value = BigInt(key.value);
    return part.intervals.some((i) => i.lo <= value && value <= i.hi);
  }
  if (part.kind === 'text' && key.type === 'text') {
    if (part.size !== null || part.pattern !== undefined || part.checks !== undefined) return null;
    return part.values === null || part.values.includes(key.value);
  }
  return part.kind === 'int' || part.kind === 'text' ? false : null;
}

/** The scalar shapes a map's computed keys may take, by kind: what a text key must be, what an integer key must be. */
export function restKeyParts(rest: MapRest, ctx: ShapeContext): { text: ScalarShape | null; int: ScalarShape | null } {
  const parts: { text: ScalarShape | null; int: ScalarShape | null } = { text: null, int: null };
  for (const scalar of scalarOptions(rest.keyType, ctx, new Set()) ?? []) {
    if (scalar.kind !== 'text' && scalar.kind !== 'int') continue;
    const earlier = parts[scalar.kind];
    // Keys not told apart by their encoding (map-rests.ts keysByEncoding) have same-kind options that merge (`1 / 2`, `"a" / "b"`).
    const merged = earlier === null ? scalar : mergeScalars(earlier, scalar);
    if (merged === null) throw new Error(`internal: map keys of type ${printType(rest.keyType)} kept in a Map, whose ${scalar.kind} options do not merge`);
    parts[scalar.kind] = merged;
  }
  return parts;
}

/**
 * The fields whose key the computed-key entries' key type may also take (text and integer keys, or
 * any data item): an entry under such a key is the field's, or (no cut, the field absent, its value
 * not the field's type) a computed-key entry; never both, since a map holds a key once.
 */
export function keysSharedWithRest(fields: readonly MapField[], rest: MapRest, ctx: ShapeContext): MapField[] {
  if (rest.keysByEncoding) return fields.filter((f) => takesFixedKey(rest.keyType, f.key, ctx));
  // By the key type's integer and text parts, so that of several kinds only the one taking the key shares it (a choice, `uint / tstr`, has no one scalar shape to ask).
  const parts = restKeyParts(rest, ctx);
  return fields.filter((f) => {
    const part = parts[f.key.type];
    if (part === null) return false;
    const value: DiscriminantValue = f.key.type === 'int' ? { type: 'int', value: BigInt(f.key.value) } : { type: 'text', value: f.key.value };
    return admitsScalar(part, value);
  });
}
