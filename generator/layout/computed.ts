/**
 * `.plus`, `.cat` and `.det` (RFC 9165 §2): "targets and controllers are types. The resulting type is
 * therefore formally a function of the elements of the cross-product of the two types." So operands
 * that are not constants are valid CDDL, and the result is computed here, for the typed layouts and
 * the general matcher's program alike:
 * - `.plus` of integer types: the sums of the two sets of intervals (`1..3 .plus 10` is 11..13);
 * - `.cat`/`.det` of strings with finitely many values: every concatenation (dedented for `.det`);
 * - `.cat` of strings where one side has endlessly many values (`tstr .cat "-suffix"`, a `.regexp`):
 *   a pattern, the left side's then the right side's, matched whole.
 * What is left is refused with the reason: operands that are no strings or numbers (invalid, RFC 9165
 * §2.1, §2.2), a text result that is not UTF-8 (invalid, §2.2), and the cases below that this
 * generator does not compute (floats in `.plus`, `.det` of endlessly many texts, a size on an operand).
 */
import { printType } from '../ir/print.js';
import type { IrType } from '../ir/types.js';
import { CBOR_INT_MAX, CBOR_INT_MIN, type Interval, type ShapeContext, unsupported } from './shapes.js';
import type { ScalarShape } from './scalars.js';
import { normalise } from './intervals.js';

/** At most this many values (or pairs of integer ranges) are computed; more is a resource limit, like the nesting depth. */
export const MAX_COMPUTED_VALUES = 4096;

type Control = Extract<IrType, { kind: 'control' }>;

/** A string operand: its values as bytes when there are finitely many, else a pattern (JavaScript source, `u` flag) over its code points (text) or bytes read as latin1. */
interface StringOperand {
  kind: 'text' | 'bytes';
  values: Uint8Array[] | null;
  pattern: string;
}

export function computedShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext): ScalarShape {
  return type.op === 'plus' ? sumShape(target, controller, type, ctx) : concatenationShape(target, controller, type, ctx);
}

function sumShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext): ScalarShape {
  const numeric = (s: ScalarShape | null) => s?.kind === 'int' || s?.kind === 'float';
  if (!numeric(target) || !numeric(controller)) return unsupported(ctx, type.span, `.plus between types that are not both numbers (RFC 9165 §2.1): ${printType(type)}`);
  if (target.kind !== 'int' || controller?.kind !== 'int' || target.bits !== undefined || controller.bits !== undefined) {
    return unsupported(ctx, type.span, `.plus with a floating-point operand, which this generator does not compute: ${printType(type)}`);
  }
  if (target.intervals.length * controller.intervals.length > MAX_COMPUTED_VALUES) {
    return unsupported(ctx, type.span, `.plus of two integer types with more than ${MAX_COMPUTED_VALUES} pairs of ranges: ${printType(type)}`);
  }
  const sums: Interval[] = [];
  for (const a of target.intervals) {
    for (const b of controller.intervals) {
      // Only integers CBOR can hold (major types 0 and 1) are data items of an integer type.
      const lo = a.lo + b.lo < CBOR_INT_MIN ? CBOR_INT_MIN : a.lo + b.lo;
      const hi = a.hi + b.hi > CBOR_INT_MAX ? CBOR_INT_MAX : a.hi + b.hi;
      if (lo <= hi) sums.push({ lo, hi });
    }
  }
  return { kind: 'int', intervals: normalise(sums) };
}

function concatenationShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext): ScalarShape {
  const isString = (s: ScalarShape | null) => s?.kind === 'text' || s?.kind === 'bytes';
  if (!isString(target) || !isString(controller)) return unsupported(ctx, type.span, `.${type.op} between types that are not both strings (RFC 9165 §2.2): ${printType(type)}`);
  const left = stringOperand(target);
  const right = stringOperand(controller);
  if (left === null || right === null) {
    return unsupported(ctx, type.span, `.${type.op} of a string type with a size or another control on it, which this generator does not compute: ${printType(type)}`);
  }
  const kind = left.kind; // The target's kind decides the result's (RFC 9165 §2.2).
  if (left.values !== null && right.values !== null) return finiteConcatenation(left.values, right.values, kind, type, ctx);
  if (type.op === 'det') return unsupported(ctx, type.span, `.det of a text type with endlessly many values, which this generator cannot dedent: ${printType(type)}`);
  if (left.kind !== right.kind) return unsupported(ctx, type.span, `.cat of a text and a byte string type, one with endlessly many values, which this generator does not compute: ${printType(type)}`);
  return { kind, values: null, size: null, pattern: `(?:${left.pattern})(?:${right.pattern})` };
}

function finiteConcatenation(lefts: Uint8Array[], rights: Uint8Array[], kind: 'text' | 'bytes', type: Control, ctx: ShapeContext): ScalarShape {
  if (lefts.length * rights.length > MAX_COMPUTED_VALUES) {
    return unsupported(ctx, type.span, `.${type.op} with more than ${MAX_COMPUTED_VALUES} results (${lefts.length} × ${rights.length} values): ${printType(type)}`);
  }
  const decode = (bytes: Uint8Array): string | null => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  };
  const results = new Set<string>();
  for (const a of lefts) {
    for (const b of rights) {
      const [textA, textB] = type.op === 'det' ? [decode(a), decode(b)] : [null, null];
      if (type.op === 'det' && (textA === null || textB === null)) return unsupported(ctx, type.span, `.det of bytes that are not UTF-8 text, so they have no lines to dedent (RFC 9165 §2.3): ${printType(type)}`);
      const joined = textA !== null && textB !== null ? new TextEncoder().encode(dedent(textA) + dedent(textB)) : new Uint8Array([...a, ...b]);
      if (kind === 'bytes') {
        results.add([...joined].map((x) => x.toString(16).padStart(2, '0')).join(''));
        continue;
      }
      const text = decode(joined);
      if (text === null) return unsupported(ctx, type.span, `.${type.op} whose text result is not valid UTF-8 (RFC 9165 §2.2): ${printType(type)}`);
      results.add(text);
    }
  }
  return { kind, values: [...results], size: null };
}

function stringOperand(shape: ScalarShape | null): StringOperand | null {
  if (shape?.kind === 'text') {
    if (shape.size !== null || shape.checks !== undefined) return null;
    const values = shape.values?.map((v) => new TextEncoder().encode(v)) ?? null;
    const pattern = shape.values !== null ? alternation(shape.values.map((v) => [...v].map((c) => c.codePointAt(0) as number))) : (shape.pattern ?? '[^]*');
    return { kind: 'text', values, pattern };
  }
  if (shape?.kind === 'bytes') {
    if (shape.size !== null || shape.checks !== undefined || shape.embedded !== undefined || shape.bits !== undefined) return null;
    const values = shape.values?.map((hex) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16))) ?? null;
    const pattern = values !== null ? alternation(values.map((v) => [...v])) : (shape.pattern ?? '[\\u{0}-\\u{ff}]*');
    return { kind: 'bytes', values, pattern };
  }
  return null;
}

/** Literal strings (as code points, or bytes as latin1) as one alternation: syntax characters escaped, and what is not printable ASCII written as `\u{…}`, so the pattern reads the same in any source text. */
function alternation(values: number[][]): string {
  const character = (cp: number) => (cp < 0x20 || cp > 0x7e ? `\\u{${cp.toString(16)}}` : '^$\\.*+?()[]{}|/'.includes(String.fromCharCode(cp)) ? `\\${String.fromCharCode(cp)}` : String.fromCharCode(cp));
  return values.length === 0 ? '[]' : values.map((cps) => cps.map(character).join('')).join('|');
}

/** RFC 9165 §2.3: the common leading blanks of the non-blank lines removed. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(Math.min(common, l.length))).join('\n');
}
