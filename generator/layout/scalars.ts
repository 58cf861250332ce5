/**
 * The scalar layouts: integers as sets of intervals, floats, text and byte strings with their controls (`.size`, `.bits`, `.regexp`, `.abnf`, `.cbor`, comparisons), through references and choices.
 */
import { isSchemaError } from '../diagnostics.js';
import { asWritten, printType } from '../ir/print.js';
import type { IrLiteral, IrSpan, IrType } from '../ir/types.js';
import { AbnfError, abnfCheck, type AbnfCheck } from './abnf.js';
import { RegexpSyntaxError, translateRegexp } from './xsd-regexp.js';
import { notEqualShape, textControlShape } from '../emit/more-controls.js';
import { TEXT_CONTROL_OPS } from './control-names.js';
import { EVERY_FLOAT, meetRangeSets } from './float-ranges.js';
import { CBOR_INT_MAX, CBOR_INT_MIN, type FloatRange, type Interval, type Shape, type ShapeContext, UNBOUNDED_MAX, UNBOUNDED_MIN } from './shapes.js';
import { emptyChoice, invalid, matchesNothing, unsupported, warn, warnLocated } from './layout-diagnostics.js';
import { type Control, intersectionScalars } from './intersections.js';
import { complementOf, heldIntegers, intersect, isUnsigned, normalise } from './intervals.js';
import { computedShape } from './computed.js';
import { plusShape } from './plus-operands.js';
import { heldLiterals } from './held-literals.js';
import { comparisonOfNoNumber, comparisonOfNoNumberReason, comparisonWithOneBound, floatValuesCompared, isComparison } from './comparison-bounds.js';
import { warnOfDefaultOutside } from './defaults.js';
import { controllerSizes, sizeShape, stringSizeRanges } from './sizes.js';

// ---- scalars -----------------------------------------------------------------

export type ScalarShape = Extract<Shape, { kind: 'int' | 'float' | 'text' | 'bytes' | 'bool' | 'null' | 'undefined' | 'any' | 'never' }>;

/** The scalar shape of a type, looking through references, or null when it is not a scalar. */
export function scalarShape(type: IrType, ctx: ShapeContext, span: IrSpan, seen: Set<string>): ScalarShape | null {
  switch (type.kind) {
    case 'prim':
      return primShape(type.prim);
    case 'literal':
      return literalShape(type.value, ctx, span);
    case 'range':
      return rangeShape(type, ctx, span);
    case 'ref': {
      if (seen.has(type.rule) || ctx.general?.has(type.rule)) return null;
      const target = ctx.rules.get(type.rule)?.type;
      if (target === undefined) return null;
      seen.add(type.rule);
      const shape = scalarShape(target, ctx, span, seen);
      seen.delete(type.rule);
      return shape;
    }
    case 'choice':
    case 'enum': {
      const types = type.kind === 'choice' ? type.options : type.values.map((v) => v.type);
      if (types.length === 0) return emptyChoice(type);
      let merged: ScalarShape | null = null;
      for (const t of types) {
        const shape = scalarShape(t, ctx, span, seen);
        if (shape === null) return null;
        merged = merged === null ? shape : mergeScalars(merged, shape);
        if (merged === null) return null;
      }
      return merged;
    }
    case 'control': {
      const shape = controlShape(type, ctx, seen);
      // A comparison or size no integer meets (`uint .lt -3`): no value, where `number` would say there are some.
      if (shape?.kind === 'int' && shape.intervals.length === 0) return matchesNothing(ctx, type.span, `${printType(type)} holds no integer`);
      return shape;
    }
    default:
      return null;
  }
}

function primShape(prim: Extract<IrType, { kind: 'prim' }>['prim']): ScalarShape {
  switch (prim) {
    case 'uint':
      return { kind: 'int', intervals: [{ lo: 0n, hi: CBOR_INT_MAX }] };
    case 'nint':
      return { kind: 'int', intervals: [{ lo: CBOR_INT_MIN, hi: -1n }] };
    case 'int':
      return { kind: 'int', intervals: [{ lo: CBOR_INT_MIN, hi: CBOR_INT_MAX }] };
    case 'biguint':
      return { kind: 'int', intervals: [{ lo: 0n, hi: UNBOUNDED_MAX }], bignum: true };
    case 'bignint':
      return { kind: 'int', intervals: [{ lo: UNBOUNDED_MIN, hi: -1n }], bignum: true };
    case 'bigint':
      return { kind: 'int', intervals: [{ lo: UNBOUNDED_MIN, hi: UNBOUNDED_MAX }], bignum: true };
    case 'bstr':
      return { kind: 'bytes', values: null, size: null };
    case 'tstr':
      return { kind: 'text', values: null, size: null };
    case 'bool':
      return { kind: 'bool', values: [false, true] };
    case 'null':
      return { kind: 'null' };
    case 'undefined':
      return { kind: 'undefined' };
    case 'any':
      return { kind: 'any' };
    case 'float16':
      return { kind: 'float', widths: [16], values: null };
    case 'float32':
      return { kind: 'float', widths: [32], values: null };
    case 'float64':
      return { kind: 'float', widths: [64], values: null };
    case 'float16-32':
      return { kind: 'float', widths: [16, 32], values: null };
    case 'float32-64':
      return { kind: 'float', widths: [32, 64], values: null };
    case 'float':
      return { kind: 'float', widths: [16, 32, 64], values: null };
  }
}

function literalShape(literal: IrLiteral, ctx: ShapeContext, span: IrSpan): ScalarShape {
  switch (literal.type) {
    case 'int': {
      const v = BigInt(literal.value);
      // Beyond 64 bits the integer has no plain item: it is written as a bignum (tag 2 or 3, RFC 8949 §3.4.3).
      return { kind: 'int', intervals: [{ lo: v, hi: v }], ...(v < CBOR_INT_MIN || v > CBOR_INT_MAX ? { bignum: true as const } : {}) };
    }
    case 'float':
      if (literal.value === null) return matchesNothing(ctx, span, `the float ${literal.text} is beyond every CBOR float (RFC 8949 §3.3: binary64 reaches about 1.8e308)`);
      return { kind: 'float', widths: [16, 32, 64], values: [literal.value] };
    case 'text':
      return { kind: 'text', values: [literal.value], size: null };
    case 'bytes':
      return { kind: 'bytes', values: [literal.hex], size: null };
    case 'bool':
      return { kind: 'bool', values: [literal.value] };
  }
}

type FloatLiteral = Extract<IrLiteral, { type: 'float' }>;

/**
 * The floats from min to max. A bound beyond every binary64 (`1e999`, kept as text) is past every
 * finite float: below it every finite one (and no infinity: a real number is below Infinity), above
 * it none. Null when no float is in the range.
 */
export function floatRange(min: FloatLiteral, max: FloatLiteral, inclusive: boolean): FloatRange | null {
  const negative = (l: Extract<FloatLiteral, { value: null }>) => l.text.startsWith('-');
  if ((min.value === null && !negative(min)) || (max.value === null && negative(max))) return null;
  return {
    min: min.value ?? -Number.MAX_VALUE,
    max: max.value ?? Number.MAX_VALUE,
    minInclusive: true,
    maxInclusive: max.value === null || inclusive,
  };
}

function rangeShape(type: Extract<IrType, { kind: 'range' }>, ctx: ShapeContext, span: IrSpan): ScalarShape {
  if (type.min.type === 'float' && type.max.type === 'float') {
    const range = floatRange(type.min, type.max, type.inclusive);
    return range === null ? matchesNothing(ctx, span, `${printType(type)} holds no float: its bounds are beyond every CBOR float (RFC 8949 §3.3)`) : { kind: 'float', widths: [16, 32, 64], values: null, ranges: [range] };
  }
  if (type.min.type !== 'int' || type.max.type !== 'int') {
    return unsupported(ctx, span, `a range of ${type.min.type} and ${type.max.type} values: ${printType(type)}`);
  }
  const lo = BigInt(type.min.value);
  const hi = BigInt(type.max.value) - (type.inclusive ? 0n : 1n);
  // An empty range (`5..3`, `1...1`): no value, where `number` would say there are some.
  if (lo > hi) return matchesNothing(ctx, span, `${printType(type)} holds no integer`);
  // The integers beyond 64 bits are bignums (tag 2 or 3, RFC 8949 §3.4.3), those within plain items only: one flag
  // says that for a range wholly beyond, not for one across the bound (`0..18446744073709551616`).
  const within = lo <= CBOR_INT_MAX && hi >= CBOR_INT_MIN;
  const beyond = lo < CBOR_INT_MIN || hi > CBOR_INT_MAX;
  if (lo <= hi && within && beyond) {
    return unsupported(ctx, span, `an integer range across the 64 bits of a plain integer, whose integers beyond are bignums (tags 2 and 3) and within plain only: ${printType(type)}`);
  }
  return { kind: 'int', intervals: normalise([{ lo, hi }]), ...(lo <= hi && beyond ? { bignum: true as const } : {}) };
}

/** Controls a value meets only with a value of the controller (RFC 8610 §3.8.1, §3.8.6). */
const WITH_A_CONTROLLER_VALUE: ReadonlySet<string> = new Set(['size', 'lt', 'le', 'gt', 'ge', 'eq']);

function controlShape(type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext, seen: Set<string>): ScalarShape | null {
  if (type.op === 'and' || type.op === 'within') {
    // Several kinds remain (`(int / tstr) .and (uint / "a")`): a choice, which shapeOf makes (intersectionOptions).
    const results = intersectionScalars(type, ctx, seen);
    if (results === null || results.length > 1) return null;
    return results[0] ?? matchesNothing(ctx, type.span, `${printType(type)} has no value both sides have`);
  }
  // What holds no number meets no comparison (`tstr .lt 3`, `time .lt 5`): the general matcher fails every such item.
  if (comparisonOfNoNumber(type, ctx)) return matchesNothing(ctx, type.span, comparisonOfNoNumberReason(type, ctx));
  // Either side may be a choice of integers and floats, which no one scalar says: plus-operands.ts takes their alternatives.
  if (type.op === 'plus') return plusShape(type, ctx, seen);
  // `.lt (1 / 5)` is `.lt 5`: a comparison with several numbers holds where it holds with one of them.
  const oneBound = comparisonWithOneBound(type, ctx, seen);
  if (oneBound?.kind === 'choice' && oneBound.options.length === 0) return matchesNothing(ctx, type.span, oneBound.nothing ?? printType(type));
  if (oneBound !== null) return scalarShape(oneBound, ctx, type.span, seen);
  const target = scalarShape(type.target, ctx, type.span, seen);
  if (target === null) return null;
  // A target with no values (`(-1 ... -1) .lt 0`) leaves none, whatever the control: no reason to refuse it.
  if (target.kind === 'never') return target;
  const controller = scalarShape(type.controller, ctx, type.span, seen);
  // A controller of text and bytes both (`"a" .cat ("b" / h'63')`): a choice, which shapeOf makes (concatenationOptions).
  if (controller === null && (type.op === 'cat' || type.op === 'det')) return null;
  // A size or comparison holds only with a value of its controller (`.size (2 ... 2)` has none).
  if (controller?.kind === 'never' && WITH_A_CONTROLLER_VALUE.has(type.op)) return matchesNothing(ctx, type.span, `${printType(type)} holds no value, since ${printType(type.controller)} has none`);
  // And `.ne` of no value is every value of its target.
  if (controller?.kind === 'never' && type.op === 'ne') return target;
  // `any .lt 3` is a choice of integers and floats, not one scalar: shapeOf makes it (comparison-bounds.ts comparisonOnAnyOptions).
  if (isComparison(type.op) && target.kind === 'any' && target.head === undefined && target.except === undefined) return null;
  switch (type.op) {
    case 'default':
      warnOfDefaultOutside(type, ctx, seen);
      return target;
    case 'size': {
      // `any .size R` is a choice of three kinds, not one scalar, and `bstr .size (16 / 32)` one of two sizes: shapeOf
      // makes them (sizes.ts sizeOnAnyOptions, sizeChoiceOptions).
      if (target.kind === 'any') return null;
      const sizes = controllerSizes(type, ctx);
      return stringSizeRanges(target, sizes) !== null ? null : sizeShape(target, sizes, type, ctx);
    }
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'eq':
    case 'ne':
      return equalityShape(target, controller, type, ctx, seen) ?? literalsCompared(target, type, ctx) ?? comparisonShape(target, controller, type, ctx);
    case 'feature':
      // RFC 9165 §4: a feature only names where an extension point is used; it accepts what its target accepts.
      return target;
    case 'cat':
    case 'det':
      return computedShape(target, controller, type, ctx);
    case 'regexp':
      return regexpShape(target, controller, type, ctx);
    case 'bits':
      return bitsShape(target, controller, type, ctx);
    case 'cbor':
    case 'cborseq':
      return embeddedShape(target, type, ctx);
    case 'abnf':
    case 'abnfb':
      return abnfShape(target, controller, type, ctx);
    default:
      return TEXT_CONTROL_OPS.has(type.op) ? textControlShape(target, controller, type, ctx) : null;
  }
}

/**
 * `bstr .cbor T` / `.cborseq T` (RFC 8610 §3.8.4): the bytes stay exactly as
 * they are (COSE signs the protected header's bytes, so they must not be
 * re-encoded), and must decode as T. T must be a named rule.
 */
function embeddedShape(target: ScalarShape, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const rule = type.controller.kind === 'ref' ? ctx.rules.get(type.controller.rule) : undefined;
  // As the schema wrote it: an inline controller got a rule of its own (ir/hoist.ts), whose name it never wrote.
  const written = printType(type, asWritten(ctx.rules));
  if (target.kind !== 'bytes' || target.values !== null || target.size !== null || target.embedded !== undefined || target.bits !== undefined || target.pattern !== undefined || target.checks !== undefined) {
    return unsupported(ctx, type.span, `.${type.op} on what is not a plain byte string (one with no size, value, bits or other control): ${written}`);
  }
  // ir/hoist.ts gives an inline controller a rule, and ir/build.ts refuses a group used as a type.
  if (rule?.kind !== 'type') throw new Error(`internal: .${type.op} with a controller that is no type rule: ${written}`);
  // A sequence matches the items of the controller's array (RFC 8610 §3.8.4), so the controller must be one.
  if (type.op === 'cborseq' && rule.type?.kind !== 'array') {
    return unsupported(ctx, type.span, `.cborseq with a controller that is not an array: ${written}`);
  }
  return { kind: 'bytes', values: null, size: null, embedded: { rule, sequence: type.op === 'cborseq' } };
}

/**
 * `uint .bits (1 / 3 / 5)`, `bstr .bits flags` (RFC 8610 §3.8.2): only those
 * bit positions may be set; in a byte string, bit n is
 * `(str[n >> 3] >> (n & 7)) & 1`, and bytes past the highest allowed bit must
 * be zero (any length is fine).
 */
/** The highest bit position a `.bits` mask holds for a byte string or bignum (a mask of 128 bytes); higher ones make the rule general. */
const MAX_MASK_BIT = 1023n;

function bitsShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  // A controller with `.bits` itself (`(0..9) .bits 1`) has the integers that set no other bit: 0 and 2 there.
  const positions = controller?.kind === 'int' ? heldIntegers(controller) : null;
  const onTarget = (target.kind === 'int' && isUnsigned(target.intervals)) || target.kind === 'bytes';
  // A controller of no one integer shape (`1 / tstr`: its integers are the positions; a rule that reads itself) is the
  // general matcher's, which tests each bit set against it; refusing it as invalid would call a valid schema wrong.
  // So is one whose masked integers are too many ranges to list.
  if (onTarget && (controller === null || positions === null)) return unsupported(ctx, type.span, `.bits with a controller whose bit positions the typed layouts do not compute: ${printType(type)}`);
  if (!onTarget || positions === null || positions.some((i) => i.lo < 0n)) {
    return invalid(ctx, type.span, `.bits other than on an unsigned integer or a byte string with unsigned bit positions (RFC 8610 §3.8.2): ${printType(type)}`);
  }
  // An integer of major type 0 has 64 bits: higher positions allow nothing more, so they are left out of the mask.
  const highest = target.kind === 'int' && target.bignum !== true ? 63n : MAX_MASK_BIT;
  if (positions.some((i) => i.hi > highest) && highest === MAX_MASK_BIT) {
    return unsupported(ctx, type.span, `bit positions above ${MAX_MASK_BIT} in .bits on a byte string or bignum, which the typed check holds as a mask of at most ${MAX_MASK_BIT + 1n} bits: ${printType(type)}`);
  }
  let allowed = 0n;
  for (const { lo, hi } of positions) if (lo <= highest) allowed |= (1n << ((hi < highest ? hi : highest) + 1n)) - (1n << lo);
  if (target.kind === 'bytes') {
    // Literal values are checked now; a string type gets the mask, with whatever it already had (`.size`, `.cbor`).
    if (target.values !== null) {
      const values = target.values.filter((hex) => onlyAllowedBits(hex, allowed));
      return values.length === 0 ? matchesNothing(ctx, type.span, `${printType(type)} has no literal that sets only those bits`) : { ...target, values };
    }
    return { ...target, bits: (target.bits ?? allowed) & allowed };
  }
  if (target.kind !== 'int') return unsupported(ctx, type.span, `.bits on ${printType(type.target)}`);
  // A bignum type keeps taking bignums: `biguint .bits 64` is 0 and 2^64, the bits of the integer a bignum stands for.
  return { kind: 'int', intervals: target.intervals, bits: (target.bits ?? -1n) & allowed, ...(target.bignum === true ? { bignum: true as const } : {}) };
}

/** Whether a byte string (hex) sets only bits the mask allows: bit n is `(bytes[n >> 3] >> (n & 7)) & 1`. */
export function onlyAllowedBits(hex: string, mask: bigint): boolean {
  return (hex.match(/../g) ?? []).every((h, i) => (BigInt(parseInt(h, 16)) & ~(mask >> BigInt(8 * i))) === 0n);
}

/**
 * `tstr .regexp "…"`: an XSD regular expression (RFC 8610 §3.8.3), matched
 * whole; xsd-regexp.ts writes it as JavaScript with the same meaning. A
 * pattern that is not XSD but reads as PCRE gets PCRE's meaning and a warning.
 */
function regexpShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const pattern = controller?.kind === 'text' && controller.values?.length === 1 ? (controller.values[0] as string) : null;
  if (target.kind !== 'text' || target.pattern !== undefined || pattern === null) {
    return unsupported(ctx, type.span, `.regexp other than on a text string type without a pattern, with a literal pattern: ${printType(type)}`);
  }
  const source = regexpSource(pattern, type.span, ctx);
  // Literals: those the pattern matches, decided now by the general matcher on the control (held-literals.ts), as `.abnf` does.
  if (target.values !== null) {
    const held = heldLiterals(target, type, type.span, ctx);
    return held.length > 0 ? { ...target, values: held } : matchesNothing(ctx, type.span, `${printType(type)}: its pattern matches none of its literals`);
  }
  // A size or a control on the text stays beside the pattern (`(tstr .size (1..64)) .regexp "[a-z]+"`): a value meets them all.
  return { ...target, pattern: source, patternWords: { pattern: source, words: `matching ${JSON.stringify(pattern)}` } };
}

/** A `.regexp` pattern as JavaScript source (PCRE with a warning where it is not XSD); refused when it is neither. The general matcher's program uses it too. */
export function regexpSource(pattern: string, span: IrSpan, ctx: ShapeContext): string {
  try {
    const { source, notXsd } = translateRegexp(pattern);
    if (notXsd !== undefined) warn(ctx, span, `.regexp ${JSON.stringify(pattern)} is not an XSD regular expression (RFC 8610 §3.8.3): ${notXsd}; it is read as PCRE`);
    else {
      const anchors = anchorsWritten(pattern);
      if (anchors !== null) warn(ctx, span, `.regexp ${JSON.stringify(pattern)} ${anchors}`);
    }
    return source;
  } catch (error) {
    if (error instanceof RegexpSyntaxError) return invalid(ctx, span, `.regexp pattern that is not a regular expression (RFC 8610 §3.8.3: XSD Part 2 Appendix F): ${error.message}`);
    throw error;
  }
}

/**
 * What to say of an XSD pattern that starts with `^` or ends with an unescaped `$`, which other tools' engines take
 * as anchors (Cardano's CIP-1447 writes `"^[a-f0-9]{4}$"`, meaning four hex digits), or null when it does neither.
 */
function anchorsWritten(pattern: string): string | null {
  const caret = pattern.startsWith('^');
  // An even run of backslashes before the last `$` escapes none of them, so that `$` is unescaped.
  const dollar = /(^|[^\\])(\\\\)*\$$/.test(pattern);
  if (!caret && !dollar) return null;
  const both = caret && dollar;
  const written = both ? 'begins with ^ and ends with $' : caret ? 'begins with ^' : 'ends with $';
  const texts = both ? 'begin with "^" and end with "$"' : caret ? 'begin with "^"' : 'end with "$"';
  return `${written}, which an XSD regular expression (RFC 8610 §3.8.3) takes as ${both ? 'ordinary characters' : 'an ordinary character'}: it matches only texts that ${texts}; a pattern matches the whole text anyway, so leave ${both ? 'them' : 'it'} out for the anchored meaning`;
}

/**
 * `tstr .abnf g`, `bstr .abnfb g` (RFC 9165 §3): the controller, a text
 * string (`("rule" .det grammar)`), is an ABNF element and the rules it uses;
 * abnf.ts makes it a regular expression over the text's code points, or over
 * the bytes read as latin1. `.abnf` on bytes and `.abnfb` on text are refused.
 * On a string type with more on it: literals keep those the grammar matches
 * (decided now, held-literals.ts); a pattern or a control (`(tstr .json tstr) .abnf g`)
 * keeps its check, and the grammar is one more (as data for the recogniser
 * where the pattern is taken).
 */
function abnfShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  const kind = type.op === 'abnf' ? 'text' : 'bytes';
  const grammar = controller?.kind === 'text' && controller.size === null && controller.pattern === undefined && controller.values?.length === 1 ? (controller.values[0] as string) : null;
  if (target.kind !== kind || grammar === null) {
    return invalid(ctx, type.span, `.${type.op} other than on a ${kind === 'text' ? 'text' : 'byte'} string type with a literal text grammar (RFC 9165 §3): ${printType(type)}`);
  }
  const prose: string[] = [];
  const check = abnfSource(type, grammar, ctx, prose, target.pattern !== undefined);
  if (target.values !== null) {
    const held = heldLiterals(target, type, type.span, ctx);
    return held.length > 0 ? { ...target, values: held } : matchesNothing(ctx, type.span, `${printType(type)}: its grammar matches none of its literals`);
  }
  const checked: ScalarShape =
    'pattern' in check
      ? { ...target, pattern: check.pattern, patternWords: { pattern: check.pattern, words: 'that is what its ABNF grammar matches' } }
      : { ...target, checks: [...(target.checks ?? []), { kind: 'abnf', grammar: check.grammar }] };
  if (prose.length === 0) return checked;
  return { ...checked, wider: `Its ABNF grammar has prose (${prose.map((p) => `<${p}>`).join(', ')}), which says in words what to match (RFC 5234 §4): any ${kind === 'text' ? 'text' : 'bytes'} there is accepted, wider than meant.` };
}

/**
 * How an `.abnf` (text) or `.abnfb` (bytes) grammar is checked: a regular expression source, or
 * the grammar as data for the recogniser where no regular expression says it; refused when
 * the grammar is in error. A prose value matches anything there, with a warning, and its text is
 * added to `prose`. The general matcher's program uses it too.
 */
export function abnfSource(type: Control, grammar: string, ctx: ShapeContext, prose: string[] = [], asData = false): AbnfCheck {
  try {
    const onProse = (text: string, line: number, col: number) => {
      prose.push(text);
      warnLocated(ctx, type.span, `.${type.op} grammar ${line}:${col}: prose value <${text}> says in words what to match (RFC 5234 §4), which no program can check: it matches any ${type.op === 'abnf' ? 'text' : 'bytes'} there, wider than meant`);
    };
    const onNothing = (reason: string, line: number, col: number) => warnLocated(ctx, type.span, `.${type.op} grammar ${line}:${col}: ${reason}`);
    return abnfCheck(grammar, { alphabet: type.op === 'abnf' ? 'text' : 'bytes', onProse, onNothing, asData });
  } catch (error) {
    if (error instanceof AbnfError) return (error.limit ? unsupported : invalid)(ctx, type.span, `.${type.op} grammar ${error.message}`);
    throw error;
  }
}

/**
 * The scalar shape of a type, or null where it has none or the typed layouts refuse it: the general matcher's
 * program asks this of every `.size`'s target (`(tstr .lt 10) .size 3`), which is then no `any`.
 */
export function scalarShapeOrNull(type: IrType, ctx: ShapeContext, span: IrSpan): ScalarShape | null {
  try {
    return scalarShape(type, ctx, span, new Set());
  } catch (error) {
    if (isSchemaError(error) && (error.kind === 'unsupported' || error.kind === 'invalid')) return null;
    throw error;
  }
}

/**
 * `.eq` and `.ne` between values other than integers (RFC 8610 §3.8.6: equal
 * data items): `.eq` is the intersection (as `.and`), `.ne` the target
 * without the one literal value (more-controls.ts). Null for integers, which
 * comparisonShape does with intervals, and for what has no shape here.
 */
function equalityShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext, seen: Set<string>): ScalarShape | null {
  if ((type.op !== 'eq' && type.op !== 'ne') || (target.kind === 'int' && controller?.kind === 'int')) return null;
  if (type.op === 'ne') return notEqualShape(target, controller, type, ctx);
  // `any .eq 1`: every item `any` takes that equals 1, and a bignum that `any` takes is the integer it stands for (RFC
  // 8949 §3.4.3: which of the two is written carries no meaning; `any` writes it back as the plain integer), so
  // 2(h'01') is one, as in `integer .eq 1` and as the matcher compares.
  if (type.op === 'eq' && target.kind === 'any' && target.head === undefined && target.except === undefined && controller?.kind === 'int') return { ...controller, bignum: true };
  const results = intersectionScalars(type, ctx, seen);
  if (results === null || results.length > 1) return null;
  return results[0] ?? matchesNothing(ctx, type.span, `${printType(type)} has no value equal to one of the controller's`);
}

/**
 * A string target of literals alone under a control whose controller has no shape here (`"" .ne tstr`, `("a" / "b")
 * .eq ("a" / (tstr .size 3))`): the literals the control holds, decided now by the general matcher on the control (as
 * held-literals.ts decides them under `.abnf`), so that the control is typed and can be an operand of `.cat`.
 */
function literalsCompared(target: ScalarShape, type: Control, ctx: ShapeContext): ScalarShape | null {
  if ((type.op !== 'eq' && type.op !== 'ne') || (target.kind !== 'text' && target.kind !== 'bytes') || target.values === null || target.size !== null || target.pattern !== undefined || target.checks !== undefined) return null;
  const held = heldLiterals(target, type, type.span, ctx);
  return held.length > 0 ? { ...target, values: held } : matchesNothing(ctx, type.span, `${printType(type)} holds none of its literals`);
}

function comparisonShape(target: ScalarShape, controller: ScalarShape | null, type: Extract<IrType, { kind: 'control' }>, ctx: ShapeContext): ScalarShape {
  // Float literals compared with a number (`(1.5 / 2.5) .lt 2`): those that meet it.
  if (target.kind === 'float' && target.values !== null && isComparison(type.op)) {
    const kept = floatValuesCompared(target.values, type);
    if (kept !== null) return kept.length > 0 ? { ...target, values: kept } : matchesNothing(ctx, type.span, `${printType(type)} holds none of its target's values`);
  }
  if (target.kind === 'float' && target.values === null && (type.op === 'lt' || type.op === 'le' || type.op === 'gt' || type.op === 'ge')) {
    const bound = numberOf(type.controller, ctx);
    if (bound === null) return unsupported(ctx, type.span, `.${type.op} with a controller that is not a number: ${printType(type)}`);
    // An integer bound no float holds (beyond 2^53) is rounded to the nearest float b; no float lies between them, so
    // each comparison is one with b, inclusive where the rounding went toward the side it keeps (`.lt 2^53 + 1` is `.le 2^53`).
    const exact = controller?.kind === 'int' && controller.intervals.length === 1 && controller.intervals[0]?.lo === controller.intervals[0]?.hi ? (controller.intervals[0] as Interval).lo : null;
    const rounded = exact === null || !Number.isFinite(bound) || BigInt(bound) === exact ? null : BigInt(bound) > exact ? 'up' : 'down';
    const upward = type.op === 'gt' || type.op === 'ge';
    const inclusive = rounded === null ? type.op === 'ge' || type.op === 'le' : upward ? rounded === 'up' : rounded === 'down';
    const limit: FloatRange = upward ? { ...EVERY_FLOAT, min: bound, minInclusive: inclusive } : { ...EVERY_FLOAT, max: bound, maxInclusive: inclusive };
    return { ...target, ranges: meetRangeSets(target.ranges, [limit]) as FloatRange[] };
  }
  // An integer type compared with a float (`int .lt 1.5`): the integers on that side of it (RFC 8610 §3.8.6 compares
  // numbers); `.eq` and `.ne` compare data items, and no integer is a float's (`int .ne 1.0` is every integer).
  if (target.kind === 'int' && controller?.kind === 'float' && controller.values?.length === 1 && controller.ranges === undefined) {
    return { ...target, intervals: intersect(target.intervals, integersBeside(type.op, controller.values[0] as number)) };
  }
  // `.eq` and `.ne` between integer types (`uint .ne (58 / 60)`, as draft-ietf-spice-sd-cwt has): the values the
  // controller takes, or all but those, as the general matcher tests them (RFC 8610 §3.8.6).
  if ((type.op === 'eq' || type.op === 'ne') && target.kind === 'int' && controller?.kind === 'int' && controller.bits === undefined) {
    return { ...target, intervals: intersect(target.intervals, type.op === 'eq' ? controller.intervals : complementOf(controller.intervals)) };
  }
  const single = controller?.kind === 'int' && controller.intervals.length === 1 && controller.intervals[0]?.lo === controller.intervals[0]?.hi;
  if (target.kind !== 'int' || !single || controller?.kind !== 'int') {
    return unsupported(ctx, type.span, `.${type.op} other than between an integer type and one number: ${printType(type)}`);
  }
  const v = (controller.intervals[0] as Interval).lo;
  const limit: Record<string, Interval[]> = {
    lt: [{ lo: UNBOUNDED_MIN, hi: v - 1n }],
    le: [{ lo: UNBOUNDED_MIN, hi: v }],
    gt: [{ lo: v + 1n, hi: UNBOUNDED_MAX }],
    ge: [{ lo: v, hi: UNBOUNDED_MAX }],
    eq: [{ lo: v, hi: v }],
    ne: [
      { lo: UNBOUNDED_MIN, hi: v - 1n },
      { lo: v + 1n, hi: UNBOUNDED_MAX },
    ],
  };
  // The target's other constraints stay (a bignum's tag 2 or 3, `.bits`).
  return { ...target, intervals: intersect(target.intervals, limit[type.op] ?? []) };
}

/** The integers that compare with the float `bound` as `op` says: `lt` 1.5 is up to 1; none where it is NaN, all or none beyond ±Infinity. */
function integersBeside(op: string, bound: number): Interval[] {
  const all = [{ lo: UNBOUNDED_MIN, hi: UNBOUNDED_MAX }];
  if (op === 'ne') return all;
  if (op === 'eq' || Number.isNaN(bound)) return [];
  if (bound === Infinity) return op === 'lt' || op === 'le' ? all : [];
  if (bound === -Infinity) return op === 'gt' || op === 'ge' ? all : [];
  // Unbounded: intersected with the target's intervals, a bignum's too.
  // Math.floor and Math.ceil of a finite float are integers it holds exactly (from 2^53 on, the float itself).
  const floor = BigInt(Math.floor(bound));
  const ceil = BigInt(Math.ceil(bound));
  if (op === 'lt') return [{ lo: UNBOUNDED_MIN, hi: ceil - 1n }];
  if (op === 'le') return [{ lo: UNBOUNDED_MIN, hi: floor }];
  if (op === 'gt') return [{ lo: floor + 1n, hi: UNBOUNDED_MAX }];
  return [{ lo: ceil, hi: UNBOUNDED_MAX }];
}

/** A literal number (integer or float) a type stands for, through references. */
function numberOf(type: IrType, ctx: ShapeContext): number | null {
  if (type.kind === 'literal') return type.value.type === 'float' ? type.value.value : type.value.type === 'int' ? Number(type.value.value) : null;
  if (type.kind === 'ref') {
    const target = ctx.rules.get(type.rule)?.type;
    return target === undefined ? null : numberOf(target, ctx);
  }
  return null;
}

/**
 * A string's sizes as one bound: the controller's integers from 0 (RFC 8610 §3.8.1: a number of bytes; `bstr .size
 * (-3..5)` is `bstr .size (0..5)`), 'none' when it has none of them, null when they are several ranges (`1 / 3`,
 * the general matcher's) or start beyond 2^53 − 1. A greatest size beyond 2^53 − 1 (`uint .ge 3`) bounds nothing a
 * JavaScript string or array can hold, so it is no bound.
 */
function sameIntervals(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length === b.length && a.every((x, i) => x.lo === b[i]?.lo && x.hi === b[i]?.hi);
}

/** Two scalar shapes as one, when one shape can say exactly what both accept; otherwise null. */
export function mergeScalars(a: ScalarShape, b: ScalarShape): ScalarShape | null {
  if (a.kind === 'never') return b;
  if (b.kind === 'never') return a;
  if (a.kind === 'int' && b.kind === 'int') {
    if (a.bits !== undefined || b.bits !== undefined) return null;
    // One flag says where a bignum (tag 2 or 3) is taken, for every interval: exact only when the side that takes one
    // has every integer of 64 bits the other has (`0 / biguint`), not `uint / bignint`, which takes no `2(h'')`.
    // Beyond 64 bits a plain side's integers are bignums anyway (the matcher's literals and ranges take them so).
    if (a.bignum !== b.bignum) {
      const [big, plain] = a.bignum ? [a, b] : [b, a];
      const inPlain = intersect(plain.intervals, [{ lo: CBOR_INT_MIN, hi: CBOR_INT_MAX }]);
      if (!sameIntervals(intersect(inPlain, big.intervals), inPlain)) return null;
    }
    const merged: ScalarShape = { kind: 'int', intervals: normalise([...a.intervals, ...b.intervals]) };
    return a.bignum || b.bignum ? { ...merged, bignum: true } : merged;
  }
  if (a.kind === 'bool' && b.kind === 'bool') return { kind: 'bool', values: [...new Set([...a.values, ...b.values])].sort() };
  if ((a.kind === 'null' && b.kind === 'null') || (a.kind === 'undefined' && b.kind === 'undefined')) return a;
  if ((a.kind === 'text' && b.kind === 'text') || (a.kind === 'bytes' && b.kind === 'bytes')) {
    const special = (x: ScalarShape) => (x.kind === 'text' && (x.pattern !== undefined || x.checks !== undefined)) || (x.kind === 'bytes' && (x.embedded !== undefined || x.bits !== undefined || x.pattern !== undefined || x.checks !== undefined));
    if (a.size === null && b.size === null && !special(a) && !special(b)) {
      if (a.values === null || b.values === null) return { kind: a.kind, values: null, size: null };
      return { kind: a.kind, values: [...new Set([...a.values, ...b.values])], size: null };
    }
    return null;
  }
  return null;
}
