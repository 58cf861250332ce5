/**
 * What a type means on the wire and in JavaScript, computed once from the IR
 * and shared by every emitter (types, decoders, encoders, guards), so that
 * they cannot disagree.
 *
 * Scalars are normalised: every integer type (literals, ranges, `uint`,
 * `.size`, `.lt`, enumerations, choices of those, through references) becomes
 * one set of intervals; likewise text and byte strings. That is what lets
 * `baseStatus / $extStatus / unknownStatus` decode as one integer read and one
 * range test. A construct the emitters cannot honour exactly is refused here,
 * with its location, never approximated.
 */
import type { AbnfGrammarData } from './abnf-data.js';
import type { SchemaWarning, SourceMap } from '../diagnostics.js';
import { emptyChoice, invalid, matchesNothing, unsupported, UNWRITTEN } from './layout-diagnostics.js';
import { printType } from '../ir/print.js';
import type { IrLiteral, IrRule, IrSpan, IrType } from '../ir/types.js';
import { type ScalarShape, scalarShape } from './scalars.js';
import { sizeOfStructures, sizeOfWhatHasNone } from './sizes.js';
import { controlOptions } from './control-options.js';
import { structureIntersection } from './structure-intersections.js';
import { arrayLayout } from './arrays.js';
import { mapLayout } from './maps.js';
import { exposeHiddenFloats } from './hidden-floats.js';
import { checkChoiceOptions } from './choices.js';
import { optionsHoldingValues, withoutNothing } from './no-values.js';
import { KNOWN_CONTROLS } from './control-names.js';
import type { ArrayRun } from './runs.js';
import { singleTag, tagNumbers } from './tag-numbers.js';

export interface Interval {
  lo: bigint;
  hi: bigint;
}

/** CBOR integers (major types 0 and 1) span -2^64 .. 2^64-1. */
export const CBOR_INT_MIN = -(2n ** 64n);
export const CBOR_INT_MAX = 2n ** 64n - 1n;
/** Bignums are unbounded; these stand for -∞ and +∞ in interval arithmetic and are never written as bounds. */
export const UNBOUNDED_MIN = -(2n ** 8192n);
export const UNBOUNDED_MAX = 2n ** 8192n;
export const SAFE_MIN = BigInt(Number.MIN_SAFE_INTEGER);
export const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

export type FloatWidth = 16 | 32 | 64;

export interface FloatRange {
  min: number;
  max: number;
  minInclusive: boolean;
  maxInclusive: boolean;
}

/** Length bounds of a string in bytes (`.size`); `max` null is unbounded. */
export interface SizeBound {
  min: number;
  max: number | null;
}

/**
 * What `#n` and `#n.ai` fix of an item's head: its major type, and its additional information when given;
 * `simple`: for `#7.32` … `#7.255`, the simple value in the byte after the head `f8` (RFC 9682 §3.2).
 */
export interface AnyHead {
  major: number;
  ai: number | null;
  simple?: number;
}

/** The words for a string's pattern (Shape `patternWords`): `words` follows "a text string ", and holds while the shape's `pattern` is `pattern`. */
export interface PatternWords {
  pattern: string;
  words: string;
}

export type Shape =
  /** `bits`: the only bits that may be set (`uint .bits …`), as a mask. */
  | { kind: 'int'; intervals: Interval[]; bits?: bigint; bignum?: true }
  /**
   * `ranges`: bounds from a floating-point range (`0.0..1.0`) or comparisons (`.ge 0.0`); ±Infinity where open. Several
   * (sorted, disjoint) when the floats are a union of ranges (`(0.5..0.7) .plus (1..2)`, float-ranges.ts); none when
   * comparisons leave no float (`float .ge 2.0 .le 1.0`).
   * `boxed`: the value is a `CborFloat`, not a number: an integer sits at the same place in another alternative of a
   * choice, and a float with an integral value would be the same JavaScript number (coinciding-floats.ts).
   */
  | { kind: 'float'; widths: FloatWidth[]; values: number[] | null; ranges?: FloatRange[]; boxed?: true }
  /**
   * `pattern`: a regular expression (`.regexp`), matched whole; two of them
   * (`.and`) become one, `(?=(?:p1)$)(?:p2)`, which matches what both match.
   * `patternWords` (on bytes too): how messages say `pattern` as the schema wrote it (`matching "^#.+$"`, not the
   * JavaScript it became), for as long as `pattern` is the one they say (an `.and` that joins two makes a new one).
   */
  | { kind: 'text'; values: string[] | null; size: SizeBound | null; pattern?: string; patternWords?: PatternWords; checks?: StringCheck[]; wider?: string }
  /**
   * `embedded`: the bytes hold the encoding of a rule's value (`.cbor`), or a sequence of them (`.cborseq`).
   * `bits`: the only bits that may be set (`bstr .bits …`), as a mask: bit n of the mask allows bit n of the string, `(str[n >> 3] >> (n & 7)) & 1`.
   * `pattern`: a regular expression (`.abnfb`) matched whole, with the `u` flag, against the bytes read as the code points 0..255 (latin1).
   * `wider` (on text too): why the check accepts more than the schema means (an ABNF prose value), for the type's JSDoc.
   * `checks` (on text too): RFC 9741 controls (`.b64u`, `.json`, `.join`, …), each a test by templates/text-controls.ts.
   */
  | { kind: 'bytes'; values: string[] | null; size: SizeBound | null; embedded?: { rule: IrRule; sequence: boolean }; bits?: bigint; pattern?: string; patternWords?: PatternWords; checks?: StringCheck[]; wider?: string }
  | { kind: 'bool'; values: boolean[] }
  | { kind: 'null' }
  | { kind: 'undefined' }
  /**
   * Any data item, kept as its encoded bytes (CborAny); `head`: only those of one major type (`#5`), or with one additional information too (`#0.24`).
   * `except`: simple values left out (`any .ne undefined`), by their one-byte encodings (0xf4 false … 0xf7 undefined), which no other item starts with.
   */
  | { kind: 'any'; head?: AnyHead; except?: number[] }
  /** Matches nothing: an empty socket, or an intersection (`.and`) with no value; `reason` says which, for messages. */
  | { kind: 'never'; reason?: string }
  /** Another rule's own functions do the work. */
  | { kind: 'rule'; rule: IrRule }
  | { kind: 'array'; layout: ArrayLayout }
  | { kind: 'map'; layout: MapLayout }
  | { kind: 'tag'; tag: bigint; inner: Shape; innerType: IrType }
  /** A tag whose number is not fixed (`#6`, `#6.<1..3>(int)`): the value is `{ tag, value }`; `tags` null is any number. */
  | { kind: 'tagged'; tags: Interval[] | null; inner: Shape; innerType: IrType }
  | { kind: 'choice'; options: ChoiceOption[] };

/**
 * A string's relation to another value (RFC 9741): the text is the `encoding`
 * of bytes of shape `bytes` (null: any bytes), a decimal numeral of an
 * integer in `intervals` (null: any), a JSON text whose value decodes as
 * `rule`, what printf writes for `format` and arguments of shapes `args`, or
 * the concatenation of strings of shapes `parts`. more-controls.ts computes
 * them and their conditions.
 */
export type StringCheck =
  | { kind: 'base'; encoding: string; bytes: ScalarShape | null }
  | { kind: 'base10'; intervals: Interval[] | null }
  | { kind: 'json'; rule: IrRule }
  /** `roles`: each argument's, `*` (a width or precision), `s.` (%s with a precision) or the conversion letter. */
  | { kind: 'printf'; format: string; args: ScalarShape[]; roles: string[] }
  | { kind: 'join'; parts: Extract<ScalarShape, { kind: 'text' | 'bytes' }>[] }
  /** The dedenting (RFC 9165 §2.3) of some string of that size: a side of `.det` with a size (templates/text-controls.ts `isDedentingWithin`). */
  | { kind: 'dedented'; size: SizeBound }
  /** The dedenting (RFC 9165 §2.3) of some word of the pattern (JavaScript source, `u` flag), of that size when one is given: a side of `.det` with a pattern (templates/dedented-patterns.ts `isDedentedWord`). */
  | { kind: 'dedentedPattern'; pattern: string; size?: SizeBound }
  /** The dedenting (RFC 9165 §2.3) of a value of `shape`, whose values are one line with at most `most` spaces before it: a side of `.det` with `.b45` (templates/text-controls.ts `isDedentedLine`). */
  | { kind: 'dedentedLine'; most: number; shape: ScalarShape }
  /** `.abnf`/`.abnfb` whose grammar no regular expression says (a recursive rule): the grammar as data for templates/abnf-recogniser.ts. */
  | { kind: 'abnf'; grammar: AbnfGrammarData };

export interface ChoiceOption {
  shape: Shape;
  type: IrType;
}

export interface Field {
  /** The JavaScript property name. */
  name: string;
  /** Where the member is defined: alternatives share a member when they share its span. */
  span: IrSpan;
  type: IrType;
  shape: Shape;
  optional: boolean;
  doc: string | null;
}

export type ArrayLayout =
  /**
   * Every member named: a JavaScript object, encoded positionally; optional
   * members only at the end, or else one repeated member (`rest`, an array
   * property), possibly followed by members (`after`; see `ArrayRest.greedy`).
   */
  | { kind: 'record'; fields: Field[]; rest?: ArrayRest; after?: Field[] }
  /**
   * Positional members, some unnamed: a JavaScript tuple (`rest`: a repeated
   * member, `...T[]`; `after`: members after it, see `ArrayRest.greedy`).
   */
  | { kind: 'tuple'; fields: Field[]; rest?: ArrayRest; after?: Field[] }
  /** One member repeated: a JavaScript array. */
  | { kind: 'list'; item: Shape; itemType: IrType; min: number; max: number | null }
  /**
   * Alternatives (group choices `//`, or an optional group `? ( … )`): one
   * record each, a union in TypeScript; discriminated when one member with a
   * distinct single value in every alternative tells them apart; else by the
   * members present, trying in order those that the members present cannot
   * tell apart (`overlaps`, see layout/choices.ts).
   */
  | { kind: 'variants'; variants: Field[][]; discriminant: Discriminant | null; overlaps: number[][] }
  /**
   * A group of several members repeated (`[ + (SUIT_Condition // SUIT_Shared_Commands) ]`):
   * a JavaScript array with one item per repetition, a record or a tuple of that repetition's members, which the CBOR
   * array holds inline one after another (a record's optional members, which take items by type, where present:
   * repeated-groups.ts recordOfOptionals). `fields`: members that occur once, then optionally, before the
   * repetitions (`[int, * (tstr, int)]`, `[? bool, * (int, tstr)]`:
   * repeated-groups.ts optionalsBeforeRepetitions), the JavaScript array's
   * first elements, each as itself (`[1, ["a", 2], ["b", 3]]`); `after`: members that occur once,
   * then optionally, after them, the last elements, whose first item ends the
   * repetitions where it starts with a major type no repetition starts with
   * (`[1*2 (int, tstr), bool]`; with optional ones, `[+ (id: uint, name: tstr),
   * ? bool]`, each up to the first required one, which guards find by their
   * exact tests: repeated-groups.ts separateFromRepetitions); each absent when
   * there are none. `endsByTrying`: the first item after the repetitions may
   * start one (`[* (int, tstr), int]`), so the decoder tries one more and
   * rewinds where it fails, as RFC 8610 Appendix A does; `couldReadAfter`, the
   * alternatives (indices) that could read the members after them as one more,
   * which guards test those elements with (repeated-groups-ends.ts).
   */
  | { kind: 'groups'; fields?: Field[]; variants: GroupVariant[]; min: number; max: number | null; discriminant: GroupDiscriminant | null; after?: Field[]; endsByTrying?: { couldReadAfter: number[] } }
  /**
   * Alternatives some of whose members are unnamed (`[int // tstr, tstr]`,
   * `[int, ? tstr, bool]`): each a tuple (or an object, when all are named)
   * of required members, told apart as a repeated group's repetitions are.
   */
  | { kind: 'alternatives'; variants: GroupVariant[]; discriminant: GroupDiscriminant | null }
  /**
   * Alternatives of an array (group choices `//`, optional groups) some of which repeat a member,
   * that share their first `at` members, each occurring once, and part at the next: there each
   * alternative has a required member, and no data item nor JavaScript value is two alternatives'
   * (RFC 8990's `response-message`, `[M_RESPONSE, session-id, initiator, ttl, (+locator-option //
   * divert-option), ?objective]`). Each is a tuple as an array of its own would be (a repeated
   * member, members after it, trailing optional ones); the item at `at` says which it is, so
   * reading the alternatives in turn is RFC 8610 Appendix A's ordered choice.
   */
  | { kind: 'forks'; at: number; variants: TupleLayout[] }
  /**
   * Members one after another, two or more of them repeated (`[* int, * tstr]`, `[id: uint, + names: tstr,
   * * flags: bool]`), no data item any two members' (layout/runs.ts): each member takes the items its type
   * matches, up to its most, and the next one the rest, which is RFC 8610 Appendix A's greedy reading and the
   * only one there is. `named` (every member named, once): an object, a repeated member an array property,
   * an optional one an optional property. Else one JavaScript array of every item in order, which guards and
   * encoders assign to the members by exact tests that no JavaScript value passes for two of them.
   */
  | { kind: 'runs'; named: boolean; runs: ArrayRun[] };

/** A member of the `runs` layout (runs.ts). */
export type { ArrayRun };

/** An array's members as a JavaScript tuple (the `tuple` layout). */
export type TupleLayout = Extract<ArrayLayout, { kind: 'tuple' }>;

/** One alternative of a repeated group: its members, all required, as an object (all named) or a tuple. */
export interface GroupVariant {
  kind: 'record' | 'tuple';
  fields: Field[];
}

/**
 * The first member of a repetition, where its single value narrows the
 * alternatives it may be (`suit-condition-abort` = 14: that one, and any
 * whose first member admits 14), in declared order; `others` are those whose
 * first member has no single value (`suit-command-custom` = nint), for any
 * other value.
 */
export interface GroupDiscriminant {
  cases: { value: DiscriminantValue; variants: number[] }[];
  others: number[];
}

/** A repeated member after an array's fixed members (`[ digest, * authentication ]`). */
export interface ArrayRest {
  name: string;
  item: Shape;
  itemType: IrType;
  min: number;
  max: number | null;
  doc: string | null;
  /**
   * The first member after it (`after`) may be a value of its item type (`[int, * tstr, tstr / int]`):
   * as a decoder does (RFC 8610 Appendix A), it takes each next item its type matches, up to `max`, so
   * guards refuse a value whose next member it would take, and find where a tuple's repetition ends by
   * testing each element against the item type (layout/rest-ends.ts).
   */
  greedy?: true;
  /**
   * Optional members before it (`[a, ? b, * c]`, arrays.ts optionalsBeforeRest) whose tests do not say what a
   * decoder would read from one of its items: its items are CborAny, so the guard reads the first one's bytes
   * and refuses it where the absent optional member would take them.
   */
  readBack?: true;
}

/** The member that tells the alternatives of an array apart, at the same position in each, after a shared prefix. */
export interface Discriminant {
  index: number;
  name: string;
  /** The member's single value in each alternative, in order. */
  values: DiscriminantValue[];
}

export type DiscriminantValue = { type: 'int'; value: bigint } | { type: 'text'; value: string };

/** Map keys the codecs handle: text and integers (which is what real schemas use). */
export type MapKey = Extract<IrLiteral, { type: 'text' | 'int' }>;

export interface MapField extends Field {
  key: MapKey;
  /**
   * Whether the key is a cut (RFC 8610 §3.5.4: `key: value` and `key ^ => value`): the map fails
   * when the key holds a value of another type. Without a cut (`"key" => value`) such an entry may
   * still be one of the map's computed-key entries, when their key type takes the key.
   */
  cut: boolean;
  /**
   * A type the member's value must not be of (an optional choice of members with cuts beside computed keys, where an
   * earlier alternative's key holds a value of another type: layout/groups.ts `choiceReadings`): such a value would be
   * read back as that alternative's, so the guards refuse it. Absent for every other member.
   */
  excludes?: { type: IrType; shape: Shape };
}

/**
 * Entries with computed keys (`* tstr => any`, `* unknownExtension`): a
 * JavaScript Map in the order read, each key and value checked; keys of other
 * types than integers and texts (`keysByEncoding`) told apart by their encoding.
 */
export interface MapRest {
  /** The property holding the Map: the spliced group's name (`unknownExtension`), or `rest` (`rest2`, `rest3`… for further unnamed kinds in one map). */
  name: string;
  /**
   * Keys that are not solely integers and text strings (`* any =>`, `* bstr =>`, `* float =>`,
   * `* SUIT_Component_Identifier =>`): still a JavaScript Map, keyed by the keys as decoded, which
   * it compares by identity, so that the decoder and guards tell keys apart (unique, in deterministic
   * order) by their encoding instead; a float key is boxed (CborFloat: a Map holds -0.0 as 0.0).
   */
  keysByEncoding: boolean;
  key: Shape;
  keyType: IrType;
  value: Shape;
  valueType: IrType;
  min: number;
  max: number | null;
  doc: string | null;
  span: IrSpan;
}

/**
 * A map: fixed keys as object fields (kept in the deterministic order of
 * their encoded keys), and kinds of computed-key entries, each its own Map
 * property: several only where no key is of two kinds (their key types are
 * disjoint, map-rests.ts), so that each entry has one place. A map with only
 * one kind of computed keys is a JavaScript Map itself.
 */
export interface MapStruct {
  kind: 'struct';
  fields: MapField[];
  /** The kinds of computed-key entries, in the order written; their key types are pairwise disjoint. */
  rests: MapRest[];
  /** How many of some optional fields may be present together (`{ + $$SUIT_Parameters }`: at least one). */
  counts: EntryCount[];
}

/** A repeated group of keyed members in a map (`+ ( a => int // b => tstr )`): keys are unique, so each member occurs at most once, and `min`..`max` of them do. */
export interface EntryCount {
  min: number;
  max: number | null;
  /** The fields (all optional) that count. */
  names: string[];
  /** The computed-key entries that count too, by their property's name (each entry is one). */
  rests: string[];
}

export type MapLayout =
  | MapStruct
  /**
   * Alternatives (`//`, or an optional group of several members): one struct
   * each, a union in TypeScript; discriminated when one key has a distinct
   * single value in every alternative; else by the members present, trying in
   * order those that the members present cannot tell apart (`overlaps`, see
   * layout/choices.ts).
   */
  | { kind: 'variants'; variants: MapStruct[]; discriminant: MapDiscriminant | null; tag: MapDiscriminant | null; overlaps: number[][] };

/** The key whose value tells a map's alternatives apart (`discriminant`: distinct in each; `tag`: a single value in each, maybe shared). */
export interface MapDiscriminant {
  name: string;
  key: MapKey;
  values: DiscriminantValue[];
}

/** Every CBOR major type (RFC 8949 §3.1). */
export const ALL_MAJORS: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7];

/** The CBOR major types an item of a shape other than a reference or a choice starts with (bignums are tags 2 and 3). */
export function ownMajors(shape: Exclude<Shape, { kind: 'rule' | 'choice' }>): number[] {
  switch (shape.kind) {
    case 'int': {
      const majors: number[] = [];
      if (shape.intervals.some((i) => i.hi >= 0n)) majors.push(0);
      if (shape.intervals.some((i) => i.lo < 0n)) majors.push(1);
      if (shape.bignum === true) majors.push(6);
      return majors;
    }
    case 'bytes':
      return [2];
    case 'text':
      return [3];
    case 'array':
      return [4];
    case 'map':
      return [5];
    case 'tag':
    case 'tagged':
      return [6];
    case 'float':
    case 'bool':
    case 'null':
    case 'undefined':
      return [7];
    case 'any':
      return shape.head === undefined ? [...ALL_MAJORS] : [shape.head.major];
    case 'never':
      return [];
    default:
      return [...ALL_MAJORS];
  }
}

/**
 * What other rules see of a general rule's values (layout/general.ts): any data item (so a type
 * choice tries it for every major type), whose objects are CborValues. Its own functions are
 * generator/emit/general.ts's.
 */
export const GENERAL_SHAPE: Shape = { kind: 'any' };

/** A map that is only computed-key entries of one kind (`{ * tstr => int }`) is a JavaScript Map. */
export function isDictionary(layout: MapLayout): layout is MapStruct & { rests: [MapRest] } {
  return layout.kind === 'struct' && layout.fields.length === 0 && layout.rests.length === 1;
}

export interface ShapeContext {
  rules: ReadonlyMap<string, IrRule>;
  sources: SourceMap;
  /** Where warnings go (a schema that generates, but not quite as written); absent: nowhere. */
  warnings?: SchemaWarning[];
  /** Rules the general matcher checks (general.ts), by name, with the reason: never looked into, only referred to. */
  general?: ReadonlyMap<string, string>;
  /**
   * Warnings that hold only where typed code reads the array or map (arrays.ts and maps.ts, peg-readings.ts):
   * given by computeLayouts once it knows which rules are general, for the others alone. `rule`: the rule whose
   * shape was computed when it was found (general.ts sets it), else the one defined at its position.
   */
  typedOnly?: { span: IrSpan; message: string; rule?: string }[];
  /** How an array's optional members before required ones and its group choices are read when their items may be the same ({@link ArrayMatching}); absent: by length. */
  arrayMatching?: ArrayMatching;
}

/**
 * The two readings of an array whose optional member before a required one, or whose group choice, may
 * take items another reading gives elsewhere (`[int, ? int, int]`, `[ (1 // 1, 2) ]`, RFC 9052's
 * Sig_structure; peg-readings.ts): `by-length`, the typed code's (the alternative the array's length and
 * items match, so `[1, 2]` is the optional member left out), or `greedy`, RFC 8610 Appendix A's PEG to the
 * letter (the optional member or earlier alternative takes the items where they match, and nothing is
 * given back, so `[1, 2]` is rejected), which makes such rules general.
 */
export const ARRAY_MATCHINGS = ['by-length', 'greedy'] as const;
export type ArrayMatching = (typeof ARRAY_MATCHINGS)[number];

export type NeverShape = Extract<Shape, { kind: 'never' }>;

/** The shape of a rule's own type (references to other rules stay references). */
export function ruleShape(rule: IrRule, ctx: ShapeContext): Shape {
  if (rule.type === undefined) unsupported(ctx, rule.span, `group rule '${rule.name}' used as a type`);
  return shapeOf(rule.type, ctx, rule.span);
}

export function shapeOf(type: IrType, ctx: ShapeContext, span: IrSpan): Shape {
  const scalar = scalarShape(type, ctx, span, new Set());
  if (scalar !== null && type.kind !== 'ref') return scalar;
  switch (type.kind) {
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      if (rule === undefined) return unsupported(ctx, span, `reference to unknown rule '${type.rule}'`);
      return { kind: 'rule', rule };
    }
    case 'prim':
      return { kind: 'any' };
    case 'choice':
    case 'enum': {
      const types = type.kind === 'choice' ? type.options : type.values.map((v) => v.type);
      if (types.length === 0) return emptyChoice(type);
      const all = types.flatMap((t) => {
        const shape = shapeOf(t, ctx, span);
        return shape.kind === 'choice' ? shape.options : [{ shape, type: t }];
      });
      // A rule named twice (`coswid = unsigned-coswid / unsigned-coswid / …`) is one option: as two, each would be
      // told apart from the other, which nothing can.
      const written = all.filter((o, i) => o.shape.kind !== 'rule' || all.findIndex((p) => p.shape.kind === 'rule' && p.shape.rule === (o.shape as { rule: IrRule }).rule) === i);
      // A float in a referenced choice beside an integer option here becomes an option here, kept as CborFloat (hidden-floats.ts).
      const options = optionsHoldingValues(exposeHiddenFloats(written, ctx, span));
      if (options.length === 1 && options[0]) return options[0].shape;
      checkChoiceOptions(options, ctx, span);
      return { kind: 'choice', options };
    }
    case 'array': {
      const layout = arrayLayout(type.group, ctx, span);
      return layout.kind === 'never' ? layout : withoutNothing({ kind: 'array', layout });
    }
    case 'map': {
      const layout = mapLayout(type.group, ctx, span);
      return layout.kind === 'never' ? layout : withoutNothing({ kind: 'map', layout });
    }
    case 'tag': {
      const inner = shapeOf(type.type, ctx, span);
      const tags = tagNumbers(type, ctx, span);
      if (tags !== null && tags.length === 0) return matchesNothing(ctx, span, `${printType(type)} has a tag number no tag can have (RFC 8949 §3.4: tag numbers are unsigned integers)`);
      const fixed = singleTag(tags);
      if (fixed !== undefined) return { kind: 'tag', tag: fixed, inner, innerType: type.type };
      return { kind: 'tagged', tags, inner, innerType: type.type };
    }
    case 'major': {
      // `#4`, `#5`, `#7`, `#0.24`…: no type of its own says it, so the item is kept whole, its head checked.
      if (type.info === null) return { kind: 'any', head: { major: type.major, ai: null } };
      const info = Number(type.info);
      // After `#7.`, 32..255 is a simple value, written `f8` and that byte (RFC 9682 §3.2, RFC 8949 §3.3).
      if (type.major === 7 && info >= 32 && info <= 255) return { kind: 'any', head: { major: 7, ai: 24, simple: info } };
      if (info > (type.major === 7 ? 255 : 31)) {
        const what = type.major === 7 ? 'a simple value above 255 (RFC 8949 §3.3: simple values are 0..255)' : 'additional information above 31 (RFC 8949 §3: it is five bits)';
        return matchesNothing(ctx, span, `${printType(type)} names ${what}`);
      }
      return { kind: 'any', head: { major: type.major, ai: info } };
    }
    case 'control': {
      // RFC 9165 §4: a feature only names where an extension point is used, on any type (`(nint / text) .feature "x"`); its target says what matches.
      if (type.op === 'default' || type.op === 'feature') return shapeOf(type.target, ctx, span);
      const options = controlOptions(type, ctx);
      if (options !== null) {
        // An option that is a choice itself (`bstr .size (1 / 3)` of `any .size (1 / 3)`) gives its options, as in a type choice.
        const all = options.flatMap((t) => {
          const shape = shapeOf(t, ctx, span);
          return shape.kind === 'choice' ? shape.options : [{ shape, type: t }];
        });
        // Options this generator made up say nothing of themselves (control-options.ts filterOptions): none holding a value is said here.
        if (options.every((t) => t.span === UNWRITTEN) && all.every((o) => o.shape.kind === 'never')) return matchesNothing(ctx, type.span, `${printType(type)} holds no value`);
        const choice = optionsHoldingValues(all);
        if (choice.length === 1 && choice[0]) return choice[0].shape;
        checkChoiceOptions(choice, ctx, span);
        return { kind: 'choice', options: choice };
      }
      if (type.op === 'and' || type.op === 'within') return structureIntersection(type, ctx, span);
      // An array, a map or a tag (but a bignum's) has no size (RFC 8610 §3.8.1; the general matcher fails it), as a float has none (sizes.ts).
      if (sizeOfStructures(type, ctx)) return matchesNothing(ctx, type.span, sizeOfWhatHasNone(type));
      if (!KNOWN_CONTROLS.has(type.op)) {
        return invalid(ctx, type.span, `control operator .${type.op} on ${printType(type.target)}, which is not a registered control operator (RFC 8610 §3.8)`);
      }
      return unsupported(ctx, type.span, `control operator .${type.op} on ${printType(type.target)}`);
    }
    case 'literal':
    case 'range':
      return unsupported(ctx, span, `literal or range ${printType(type)}`);
  }
}

/** Whether a value of the type may be JavaScript `undefined` (CBOR's simple value 23), which members use to mean "absent". */
export function admitsUndefined(type: IrType, ctx: ShapeContext, seen = new Set<string>(), general = false): boolean {
  switch (type.kind) {
    case 'prim':
      // Inside a rule the general matcher checks, a value is a CborValue: `any` may be the undefined data item, as is.
      return type.prim === 'undefined' || (general && type.prim === 'any');
    case 'choice':
      return type.options.some((o) => admitsUndefined(o, ctx, seen, general));
    case 'enum':
      return type.values.some((v) => admitsUndefined(v.type, ctx, seen, general));
    case 'tag':
      return typeof type.tag === 'string' && admitsUndefined(type.type, ctx, seen, general);
    case 'control':
      return admitsUndefined(type.target, ctx, seen, general);
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      if (rule?.type === undefined || seen.has(type.rule)) return false;
      return admitsUndefined(rule.type, ctx, new Set([...seen, type.rule]), general || ctx.general?.has(type.rule) === true);
    }
    default:
      return false;
  }
}
