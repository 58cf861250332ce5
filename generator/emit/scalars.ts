/**
 * Conditions on scalar values, shared by decoders (after the reader has
 * checked the major type) and guards (on any JavaScript value), so that both
 * accept exactly the same values.
 */
import type { IntegerMode } from '../config.js';
import type { EmitContext } from './context.js';
import { CBOR_INT_MAX, CBOR_INT_MIN, UNBOUNDED_MAX, UNBOUNDED_MIN, type Interval, ownMajors, type Shape } from '../layout/shapes.js';
import { fitsNumber, intersect } from '../layout/intervals.js';
import { rulesReadByScalars } from '../layout/shape-children.js';
import type { ScalarShape } from '../layout/scalars.js';

/** The integers a JavaScript number holds exactly: ±(2^53 − 1). */
const SAFE_INTEGERS: Interval[] = [{ lo: -(2n ** 53n - 1n), hi: 2n ** 53n - 1n }];
import { readFunctionName } from './function-names.js';
import { describeShape, intLiteral } from './syntax.js';
import { checkCondition } from './more-controls.js';
import { backtracksBadly } from '../../templates/pattern-automata.js';

type ScalarKinds = 'int' | 'float' | 'text' | 'bytes' | 'bool' | 'null' | 'undefined' | 'never' | 'any';

/**
 * What a guard says it expected of a scalar: {@link describeShape}, and, for an integer set that the
 * `integers` option gives one JavaScript type, that type, which the guard also tests: under `'number'`
 * the bigint 5n is an integer of the set and still refused, as is the number 2^60 (no safe integer),
 * and under `'bigint'` the number 5; "expected an integer, got the bigint 5" named the wrong fault.
 */
export function guardExpectation(shape: Shape, integers: IntegerMode | undefined): string {
  if (shape.kind === 'choice' && integers !== undefined) return shape.options.map((o) => guardExpectation(o.shape, integers)).join(' or ');
  const text = describeShape(shape);
  if (shape.kind !== 'int' || integers === undefined || fitsNumber(shape.intervals)) return text;
  return integers === 'number' ? `${text}, as a number within ±(2^53 − 1) (integers: "number")` : `${text}, as a bigint (integers: "bigint")`;
}

/**
 * The TypeScript type of an integer set: `number` when every value is a safe
 * integer; beyond, as the `integers` option says (unset: `number | bigint`,
 * a number when the value fits).
 */
export function intType(intervals: Interval[], integers: IntegerMode | undefined): string {
  if (fitsNumber(intervals)) return 'number';
  return integers ?? 'number | bigint';
}

/** The TypeScript type of a scalar shape's values as the schema types them (emit/types.ts `tsType` of a scalar). */
export function scalarShapeType(scalar: ScalarShape, ctx: EmitContext): string {
  switch (scalar.kind) {
    case 'int':
      return intValuesType(scalar.intervals, ctx) ?? intType(scalar.intervals, ctx.integers);
    case 'float':
      return 'number';
    case 'text':
      return scalar.values === null ? 'string' : scalar.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'bytes':
      return 'Uint8Array';
    case 'bool':
      return scalar.values.length === 2 ? 'boolean' : String(scalar.values[0]);
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    case 'any':
      return 'CborAny';
    case 'never':
      return 'never';
  }
}

/** At most this many integers are typed as their literals; more are `number`. */
const MAX_INT_LITERALS = 32;

/**
 * A few integers, each its own (`uint .eq (0 / 50 / 60 / 20000)`, catalyst-libs'): their literals, as the choice
 * `0 / 50 / 60 / 20000` is typed, and as texts are (`tstr .eq ("a" / "b")`); null for ranges, many values, or
 * integers that are not JavaScript numbers (`integers: 'bigint'`, or beyond 2^53).
 */
function intValuesType(intervals: readonly Interval[], ctx: EmitContext): string | null {
  if (intervals.length === 0 || intervals.length > MAX_INT_LITERALS || ctx.integers === 'bigint') return null;
  if (!intervals.every((i) => i.lo === i.hi) || !fitsNumber([...intervals])) return null;
  return intervals.map((i) => String(i.lo)).join(' | ');
}

/** The type a runtime read or a guard's narrowing gives a scalar, before any cast to the schema's type. */
export function naturalType(shape: Extract<Shape, { kind: ScalarKinds }>, integers?: IntegerMode): string {
  switch (shape.kind) {
    case 'int':
      return intType(shape.intervals, integers);
    case 'float':
      return shape.boxed === true ? 'CborFloat' : 'number';
    case 'text':
      return 'string';
    case 'bytes':
      return 'Uint8Array';
    case 'bool':
      return 'boolean';
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    case 'never':
      return 'never';
    case 'any':
      return 'unknown';
  }
}

/** `value` as `target` when the natural type is not already it. */
export function castTo(value: string, natural: string, target: string): string {
  return natural === target ? value : `(${value} as ${target})`;
}

/**
 * The condition that `v` is in the integer set. After a read (`afterRead`),
 * `v` is already a `number | bigint` within the CBOR range of the major type
 * read, so only the schema's bounds are tested; on an unknown value the type
 * is tested first. Null when nothing needs testing.
 */
export function intCondition(allIntervals: Interval[], v: string, afterRead: boolean, bignum = false, integers?: IntegerMode): string | null {
  // With `integers: 'number'` every value is a safe integer (a decoder refuses the others first): values beyond are out of the set, and the bounds left are numbers.
  const intervals = integers === 'number' && !fitsNumber(allIntervals) ? intersect(allIntervals, SAFE_INTEGERS) : allIntervals;
  if (intervals.length === 0) return 'false';
  const numbersOnly = fitsNumber(intervals) || integers === 'number';
  const unsigned = intervals.every((i) => i.lo >= 0n);
  // After readUint the value is >= 0, after readInt anything CBOR can carry; a JavaScript value (a bigint) can be anything.
  // A bignum read can be of any size, so only its sign is known.
  // With `integers: 'number'` the value is a safe integer: a read was converted, an unknown value is tested to be one.
  const safe = integers === 'number' ? (SAFE_INTEGERS[0] as Interval) : null;
  const domainMin = afterRead && unsigned && !bignum ? 0n : safe !== null ? safe.lo : afterRead ? (bignum ? UNBOUNDED_MIN : CBOR_INT_MIN) : UNBOUNDED_MIN - 1n;
  const domainMax = safe !== null ? safe.hi : afterRead && !bignum ? CBOR_INT_MAX : UNBOUNDED_MAX;
  // Mixed number/bigint values compare with `==`, so that 5 and 5n are the same integer.
  const eq = numbersOnly ? '===' : '==';
  // The type test narrows a name for TypeScript, not other expressions (`list[end]`), which a comparison needs narrowed.
  const n = /^[\w$]+(?:\.[\w$]+)*$/.test(v) ? v : `(${v} as ${numbersOnly ? 'number' : 'number | bigint'})`;
  const tests = intervals.map((i) => {
    if (i.lo === i.hi) return `${v} ${eq} ${intLiteral(i.lo)}`;
    const parts: string[] = [];
    if (i.lo > domainMin && i.lo > UNBOUNDED_MIN) parts.push(`${n} >= ${intLiteral(i.lo)}`);
    if (i.hi < domainMax) parts.push(`${n} <= ${intLiteral(i.hi)}`);
    return parts.length === 0 ? 'true' : parts.join(' && ');
  });
  const bounds = tests.includes('true') ? null : tests.length === 1 ? (tests[0] as string) : tests.map((t) => (t.includes(' && ') ? `(${t})` : t)).join(' || ');
  // Unknown values: exactly the JavaScript type the option gives (a number beyond 2^53 − 1 would not decode again).
  const valueTest = integers === 'bigint' && !fitsNumber(intervals) ? `typeof ${v} === 'bigint'` : integers === 'number' ? `typeof ${v} === 'number' && Number.isSafeInteger(${v})` : numbersOnly ? `typeof ${v} === 'number' && Number.isInteger(${v})` : `isInteger(${v})`;
  // An unknown value in all of CBOR's unsigned or signed range: one runtime test that never compares a number with a bigint bound.
  if (!afterRead && valueTest === `isInteger(${v})` && intervals.length === 1) {
    const [only] = intervals as [Interval];
    if (only.hi === CBOR_INT_MAX && only.lo === 0n) return `isCborUint(${v})`;
    if (only.hi === CBOR_INT_MAX && only.lo === CBOR_INT_MIN) return `isCborInt(${v})`;
  }
  // Integers that are all single numbers, compared with `===`: each comparison is the type test (`value === 1` holds for the number 1 alone).
  if (eq === '===' && bounds !== null && intervals.every((i) => i.lo === i.hi)) return bounds;
  // After a read, a set that fits numbers still excludes the bigints readUint gives beyond; other reads were converted to the option's type.
  const typeTest = afterRead ? (fitsNumber(allIntervals) ? `typeof ${v} === 'number'` : null) : valueTest;
  if (typeTest === null) return bounds;
  if (bounds === null) return typeTest;
  return `${typeTest} && ${tests.length > 1 ? `(${bounds})` : bounds}`;
}

/**
 * Whether `v` is the float value `x`. 0.0 and -0.0 are two values (two data items, which the
 * general matcher tells apart), and `===` would take each for the other: `Object.is` for them.
 */
function floatValueTest(x: number, v: string): string {
  if (Number.isNaN(x)) return `Number.isNaN(${v})`;
  if (x === 0) return `Object.is(${v}, ${Object.is(x, -0) ? '-0' : '0'})`;
  return `${v} === ${x}`;
}

/** Any of the conditions: the one, or all of them joined by `||` in parentheses. */
function anyOf(values: string[]): string {
  return values.length === 1 ? (values[0] as string) : `(${values.join(' || ')})`;
}

/**
 * The condition that `v` is a value of a non-integer scalar shape. With
 * `testType` false, `v` already has the right JavaScript type (it was just
 * read) and only the schema's constraints are tested. Null when nothing
 * needs testing.
 */
/**
 * `depth`: for guards, an expression of the nesting level `v` is at, which
 * embedded CBOR (`.cbor`) starts from ('0' when the caller does not track it).
 * `integers`: the emission option, for integer sets that may not fit a number.
 * `textLength`: an expression of a text's length in UTF-8 bytes when it is
 * known without measuring (a text just read: `reader.textLength`), for `.size`.
 */
export function scalarCondition(shape: Extract<Shape, { kind: ScalarKinds }>, v: string, testType: boolean, depth = '0', integers?: IntegerMode, textLength?: string): string | null {
  const parts: string[] = [];
  switch (shape.kind) {
    case 'int': {
      let inSet = intCondition(shape.intervals, v, !testType, shape.bignum === true, integers);
      // A guard at a tracked level: an integer beyond 64 bits is written as a bignum, a tag, one level more than the decoders may allow.
      if (shape.bignum === true && depth !== '0' && integers !== 'number') inSet = `${inSet ?? 'true'} && (${depth} < MAX_DEPTH || (${v} >= ${intLiteral(CBOR_INT_MIN)} && ${v} <= ${intLiteral(CBOR_INT_MAX)}))`;
      if (shape.bits === undefined) return inSet;
      // Only the allowed bits may be set (`.bits`); the set is unsigned, so BigInt(v) is exact.
      const bits = `(BigInt(${v}) & ${(~shape.bits).toString()}n) === 0n`;
      return inSet === null ? bits : `${inSet} && ${bits}`;
    }
    case 'float':
      if (testType && shape.boxed === true) {
        // Kept as CborFloat (layout/coinciding-floats.ts): its number passes the float type's test, and a NaN is the quiet one (a number cannot keep other bits).
        const { boxed: _boxed, ...plain } = shape;
        const inner = scalarCondition(plain, `${v}.value`, true, depth, integers) as string;
        return `${v} instanceof CborFloat && ${/\|\||\?/.test(inner) ? `(${inner})` : inner} && numberKeepsNaN(${v}.nanBits)`;
      }
      // As for text: `typeof` narrows a name, not `list[end]`, which a width test and a range's comparisons need narrowed.
      const number = /^[\w$]+(?:\.[\w$]+)*$/.test(v) ? v : `(${v} as number)`;
      if (testType) {
        parts.push(`typeof ${v} === 'number'`);
        if (!shape.widths.includes(64)) parts.push(shape.widths.includes(32) ? `fitsFloat32(${number})` : `fitsFloat16(${number})`);
      }
      if (shape.values !== null) parts.push(anyOf(shape.values.map((x) => floatValueTest(x, v))));
      if (shape.ranges !== undefined) {
        // Within one of the ranges (several: a union, `(0.5..0.7) .plus (1..2)`; none: no float).
        const within = shape.ranges.map(({ min, max, minInclusive, maxInclusive }) => {
          // One point (a value beside ranges: `(0.25 / (20.0..21.0)) .plus 1`).
          if (min === max && minInclusive && maxInclusive) return `${v} === ${min}`;
          const bounds = [min !== -Infinity ? `${number} ${minInclusive ? '>=' : '>'} ${min}` : null, max !== Infinity ? `${number} ${maxInclusive ? '<=' : '<'} ${max}` : null].filter((b) => b !== null);
          return bounds.length === 0 ? 'true' : bounds.join(' && ');
        });
        if (within.length === 1) parts.push(...(within[0] === 'true' ? [] : [within[0] as string]));
        else parts.push(within.length === 0 ? 'false' : `(${within.map((w) => `(${w})`).join(' || ')})`);
      }
      break;
    case 'text': {
      // `typeof` narrows a name (`value`, `object.x`) to a string for TypeScript, not other expressions (`list[end]`).
      const text = /^[\w$]+(?:\.[\w$]+)*$/.test(v) ? v : `${v} as string`;
      if (testType) parts.push(`typeof ${v} === 'string'`);
      if (shape.values !== null) parts.push(anyOf(shape.values.map((x) => `${v} === ${JSON.stringify(x)}`)));
      if (shape.size !== null) parts.push(textLength === undefined ? textSizeCondition(text, shape.size.min, shape.size.max) : sizeCondition(textLength, shape.size.min, shape.size.max));
      // A JavaScript string may hold a lone surrogate, which no UTF-8 text string carries (TextEncoder would write
      // U+FFFD): refused, as the writer refuses it. A text just read is well-formed (the reader checks its UTF-8), and
      // so is one equal to a literal (the parser refuses lone surrogate escapes). After the size (cheaper to fail),
      // before a pattern or a control (dearer, and a pattern may match a lone surrogate).
      if (testType && shape.values === null) parts.push(`wellFormedText(${text})`);
      if (shape.pattern !== undefined) parts.push(patternTest(shape.pattern, text));
      // A control's check (`.b32`, `.json`, …) is passed the text narrowed too.
      const narrowed = text === v ? v : `(${text})`;
      for (const check of shape.checks ?? []) parts.push(checkCondition(check, narrowed, depth, integers));
      break;
    }
    case 'bytes': {
      // As for text: `instanceof` narrows a name, not `list[end]`.
      const bytes = /^[\w$]+(?:\.[\w$]+)*$/.test(v) ? v : `(${v} as Uint8Array)`;
      // The usual Uint8Array is told by `instanceof` inline (the fast case: isBytes is a call in another module); isBytes also takes one from another realm.
      if (testType) parts.push(`(${v} instanceof Uint8Array || isBytes(${v}))`);
      if (shape.values !== null) parts.push(anyOf(shape.values.map((hex) => `bytesEqual(${bytes}, ${bytesLiteral(hex)})`)));
      if (shape.size !== null) parts.push(sizeCondition(`${bytes}.length`, shape.size.min, shape.size.max));
      // Only the allowed bits may be set (`.bits`): the mask as bytes, bit n at byte n >> 3, bit n & 7.
      if (shape.bits !== undefined) parts.push(`onlyBitsSet(${bytes}, ${maskText(shape.bits)})`);
      if (shape.embedded !== undefined) parts.push(`decodesAs(${bytes}, ${readFunctionName(shape.embedded.rule)}, ${shape.embedded.sequence}${depth === '0' ? '' : `, ${depth}`})`);
      // `.abnfb`: the bytes as the code points 0..255 (latin1; TextDecoder's 'latin1' is windows-1252, so not that), matched whole.
      if (shape.pattern !== undefined) parts.push(patternTest(shape.pattern, `Array.from(${bytes}, (b) => String.fromCharCode(b)).join('')`));
      for (const check of shape.checks ?? []) parts.push(checkCondition(check, bytes, depth, integers));
      break;
    }
    case 'bool':
      if (shape.values.length === 1) parts.push(`${v} === ${String(shape.values[0])}`);
      else if (testType) parts.push(`typeof ${v} === 'boolean'`);
      break;
    case 'null':
      if (testType) parts.push(`${v} === null`);
      break;
    case 'undefined':
      if (testType) parts.push(`${v} === undefined`);
      break;
    case 'never':
      return 'false';
    case 'any':
      return null;
  }
  return parts.length === 0 ? null : parts.join(' && ');
}

/**
 * The test that `v` is one of several text strings, or byte strings, each a plain scalar (`tstr .size (1 / 3)`,
 * `bstr .size (16 / 32)`): the JavaScript type tested once, then each option's own constraints joined by `||`
 * (`typeof v === 'string' && (v.length === 0 || utf8LengthWithin(v, 2, 4)) && wellFormedText(v)`). Null where some
 * option is of another kind, embeds CBOR or has a check that reads a rule (those are tested at a depth).
 */
export function oneOfStringsCondition(shapes: readonly Shape[], v: string, integers?: IntegerMode): string | null {
  const kind = shapes[0]?.kind;
  if (shapes.length < 2 || (kind !== 'text' && kind !== 'bytes')) return null;
  const own: string[] = [];
  let any = false;
  for (const shape of shapes) {
    if (shape.kind !== kind || (shape.kind === 'bytes' && shape.embedded !== undefined) || rulesReadByScalars(shape.checks ?? []).length > 0) return null;
    const condition = scalarCondition(shape, v, false, '0', integers);
    if (condition === null) any = true;
    else own.push(/\|\||\?/.test(condition) ? `(${condition})` : condition);
  }
  if (kind === 'bytes') return [`(${v} instanceof Uint8Array || isBytes(${v}))`, ...(any ? [] : [`(${own.join(' || ')})`])].join(' && ');
  // Well-formed (no lone surrogate) as scalarCondition tests a text: after a size, before a pattern or a control.
  const wellFormed = `wellFormedText(${/^[\w$]+(?:\.[\w$]+)*$/.test(v) ? v : `${v} as string`})`;
  const patterned = shapes.some((s) => s.kind === 'text' && (s.pattern !== undefined || s.checks !== undefined));
  const either = any ? [] : [`(${own.join(' || ')})`];
  return [`typeof ${v} === 'string'`, ...(patterned ? [wellFormed, ...either] : [...either, wellFormed])].join(' && ');
}

/** A string's `.size` in UTF-8 bytes, told mostly by its count of code units (utf8LengthWithin, cbor-text.ts). */
function textSizeCondition(v: string, min: number, max: number | null): string {
  return min === 0 && max === null ? 'true' : `utf8LengthWithin(${v}, ${min}, ${max ?? 'Infinity'})`;
}

function sizeCondition(length: string, min: number, max: number | null): string {
  if (min === max) return `${length} === ${min}`;
  const parts = [`${length} >= ${min}`];
  if (max !== null) parts.push(`${length} <= ${max}`);
  return min === 0 ? (max === null ? 'true' : `${length} <= ${max}`) : parts.join(' && ');
}

/**
 * The test that `text` (a string expression) is a word of `pattern`, matched whole: the RegExp literal, or
 * `matchesWhole` (templates/pattern-automata.ts, linear in the text) where a backtracking engine may take more than
 * linear time on the pattern (`backtracksBadly`: `(?:[a-z]|[a-c])*`, `\d*\d*x`), so that checks stay linear in the input.
 */
export function patternTest(pattern: string, text: string): string {
  return backtracksBadly(pattern) ? `matchesWhole(${JSON.stringify(pattern)}, ${text})` : `${regexpLiteral(pattern)}.test(${text})`;
}

/**
 * JavaScript regular expression source (xsd-regexp.ts, abnf.ts) as a literal
 * matched against the whole string: `/` and line terminators, which would end
 * the literal, are escaped, and nothing already escaped is touched.
 */
export function regexpLiteral(pattern: string): string {
  const terminators: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u{2028}', '\u2029': '\\u{2029}' };
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    const next = pattern[i + 1] ?? '';
    if (c === '\\' && terminators[next] === undefined) {
      body += c + next;
      i++;
    } else if (c === '\\') continue;
    else body += c === '/' ? '\\/' : (terminators[c] ?? c);
  }
  return `/^(?:${body})$/u`;
}

/**
 * A bit mask as a string literal with one character per byte (`bstr .bits`):
 * bit n of the mask is bit n & 7 of character n >> 3, least significant byte
 * first, up to its highest set bit.
 */
function maskText(mask: bigint): string {
  let text = '';
  for (let rest = mask; rest > 0n; rest >>= 8n) text += `\\x${(rest & 0xffn).toString(16).padStart(2, '0')}`;
  return `'${text}'`;
}

/** A byte string literal from hex, for comparisons with a value. */
export function bytesLiteral(hex: string): string {
  return `new Uint8Array([${(hex.match(/../g) ?? []).map((h) => `0x${h}`).join(', ')}])`;
}

/** The CBOR major types an item of the shape can start with. */
export function majorsOf(shape: Shape, ctx: EmitContext, seen: Set<string> = new Set()): number[] {
  switch (shape.kind) {
    case 'rule': {
      if (seen.has(shape.rule.name)) return [];
      seen.add(shape.rule.name);
      const target = ctx.shapes.get(shape.rule.name);
      return target === undefined ? [] : majorsOf(target, ctx, seen);
    }
    case 'choice':
      return [...new Set(shape.options.flatMap((o) => majorsOf(o.shape, ctx, seen)))].sort();
    default:
      return ownMajors(shape);
  }
}
