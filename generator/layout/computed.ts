/**
 * `.plus`, `.cat` and `.det` (RFC 9165 §2): "targets and controllers are types. The resulting type is
 * therefore formally a function of the elements of the cross-product of the two types." So operands
 * that are not constants are valid CDDL, and the result is computed here, for the typed layouts and
 * the general matcher's program alike (`.plus` in plus-operands.ts and sums.ts):
 * - `.cat`/`.det` of strings with finitely many values: every concatenation (dedented for `.det`), or
 *   beyond MAX_COMPUTED_VALUES of them a pattern of the two lists;
 * - `.cat` of strings where one side has endlessly many values (`tstr .cat "-suffix"`, a `.regexp`):
 *   a pattern, the left side's then the right side's, matched whole. The result has the kind of the
 *   target (§2.2); the concatenation is of bytes, so a byte string side of a text result is read as
 *   UTF-8 (a text is valid UTF-8, so what follows it must be too) and a text side of a byte result
 *   as its UTF-8 bytes;
 * - `.cat` where a side has a size or another control no pattern says (`(tstr .size 3) .cat "x"`),
 *   or a pattern of the other kind's alphabet: the check that some split of the string's bytes
 *   matches the left side then the right side (a `.join` of the two, RFC 9741 §3.1);
 * - `.det` of a plain `tstr`/`bstr` (endlessly many values): the strings dedenting can give (every
 *   one whose non-blank lines do not all start with a space, or whose lines are all blank), then as
 *   `.cat`; of a string type with a size, the split check with a side that must be the dedenting of
 *   a string of that size (exact: templates/text-controls.ts `isDedentingWithin` says why); with a
 *   pattern, a side that must be the dedenting of a word of the pattern, of its size when it has one
 *   too (exact, through the pattern's automaton, which follows its lookarounds and anchors, times a
 *   counter of bytes for a size: templates/dedented-patterns.ts `isDedentedWord`); with `.json`, its
 *   values dedenting leaves alone (with a size or a pattern: one of whose re-indentations has that
 *   size or is a word of that pattern, isDedentedWord; with `.printf` or `.join` too, as with the
 *   pattern of their values); with a
 *   base encoding or `.decimal`, the side itself (no value has a space or a line feed); with `.b45`,
 *   the texts that with 0 to 2 spaces before them are values (B45_MOST_SPACES proves it exact);
 *   literals with any control on them (`(tstr .json int) .and ("1" / " 2")`, `.printf`, `.cbor`):
 *   those the side holds, decided while generating by the general matcher (held-literals.ts), each
 *   dedented, as plain literals are; with `.printf` or `.join` whose arguments and parts are regular
 *   (literals, patterns, plain strings, integers for `%d`…`%X`, nested `.printf`/`.join`), and with
 *   `.bits` on bytes: the pattern of its values (regular-sides.ts), then as a pattern side, so exact
 *   through the automaton; else, `.printf`/`.join` of any text then parts with no line feed that
 *   start with no space (`"%s%f"`), whose dedenting gives its values: those dedenting leaves alone
 *   (plain-starts.ts dedentsWithin), as for JSON.
 * What is left is refused with the reason: operands that are no strings or numbers (invalid, RFC 9165
 * §2.1, §2.2), a text result that is not UTF-8 (invalid, §2.2), `.det` of a string type whose values
 * regular-sides.ts writes no pattern for (a float conversion, a `*` of many values, a size inside
 * `.printf`/`.join`, a recursive `.abnf`, `.cbor`, a `.det` inside with a size or pattern:
 * it says which), whose values can start a line with any number of spaces, so that no finite set of
 * re-indentations is known to suffice, and a pattern past the automaton's resource limits or with
 * syntax it builds none for.
 */
import { printType } from '../ir/print.js';
import type { IrType } from '../ir/types.js';
import { type ShapeContext, type SizeBound } from './shapes.js';
import { invalid, unsupported } from './layout-diagnostics.js';
import { dedent } from '../../templates/text-controls.js';
import { dedentedPatternRefusal, mayStartSpaced } from '../../templates/dedented-patterns.js';
import type { ScalarShape } from './scalars.js';
import { MAX_COMPUTED_VALUES } from './sums.js';
import { heldLiterals } from './held-literals.js';
import { alternation, standsAlone } from './pattern-sources.js';
import { bothSizes, sidePattern } from './regular-sides.js';
import { dedentsWithin, oneLineIndent, startsPlainly } from './plain-starts.js';


type Control = Extract<IrType, { kind: 'control' }>;
type StringShape = Extract<ScalarShape, { kind: 'text' | 'bytes' }>;

/**
 * A string operand: its values as bytes when there are finitely many; else `endless`: every string
 * of its kind, every dedented one, a pattern (JavaScript source, `u` flag) over its own alphabet
 * (code points for text, bytes read as latin1), or null when a size or another control says more
 * than a pattern.
 */
interface StringOperand {
  kind: 'text' | 'bytes';
  shape: StringShape;
  values: Uint8Array[] | null;
  endless: { every: true } | { dedented: true } | { pattern: string } | null;
  /** Why `shape` cannot be checked as a part of a split (its pattern's automaton is not built), when it cannot. */
  partRefusal?: string;
}

/** Every text whose lines are all blank, or one of whose non-blank lines starts with no space: what dedenting (RFC 9165 §2.3) gives. The same source reads bytes as latin1. */
const DEDENTED = '[ \\n]*|(?:[^]*\\n)?[^ \\n][^]*';
/** One UTF-8 encoded character (RFC 3629 §4), over bytes read as latin1. */
const UTF8_CHARACTER =
  '[\\u{0}-\\u{7f}]|[\\u{c2}-\\u{df}][\\u{80}-\\u{bf}]|\\u{e0}[\\u{a0}-\\u{bf}][\\u{80}-\\u{bf}]|[\\u{e1}-\\u{ec}\\u{ee}\\u{ef}][\\u{80}-\\u{bf}]{2}|\\u{ed}[\\u{80}-\\u{9f}][\\u{80}-\\u{bf}]|\\u{f0}[\\u{90}-\\u{bf}][\\u{80}-\\u{bf}]{2}|[\\u{f1}-\\u{f3}][\\u{80}-\\u{bf}]{3}|\\u{f4}[\\u{80}-\\u{8f}][\\u{80}-\\u{bf}]{2}';
/** The bytes of every text (valid UTF-8), and of every dedented text, read as latin1. */
const UTF8_TEXT = `(?:${UTF8_CHARACTER})*`;
const UTF8_DEDENTED = `[ \\n]*|(?:(?:${UTF8_CHARACTER})*\\n)?(?![ \\n])(?:${UTF8_CHARACTER})(?:${UTF8_CHARACTER})*`;

export function computedShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext): ScalarShape {
  // Over an empty side (`1e999`, warned where it stands) the cross-product is empty: nothing.
  if (target.kind === 'never' || controller?.kind === 'never') return { kind: 'never', reason: `${printType(type)} has a side no data item matches` };
  return concatenationShape(target, controller, type, ctx);
}

function concatenationShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext): ScalarShape {
  const isString = (s: ScalarShape | null): s is StringShape => s?.kind === 'text' || s?.kind === 'bytes';
  if (!isString(target) || !isString(controller)) return invalid(ctx, type.span, `.${type.op} between types that are not both strings (RFC 9165 §2.2): ${printType(type)}`);
  let left = stringOperand(target);
  let right = stringOperand(controller);
  if (type.op === 'det') {
    const [l, r] = [dedented(left, type.target, type, ctx), dedented(right, type.controller, type, ctx)];
    if (l === 'not UTF-8' || r === 'not UTF-8') return invalid(ctx, type.span, `.det of bytes that are not UTF-8 text, so they have no lines to dedent (RFC 9165 §2.3): ${printType(type)}`);
    if ('refused' in l || 'refused' in r) return unsupported(ctx, type.span, `.det of a string type with ${'refused' in l ? l.refused : (r as { refused: string }).refused}: ${printType(type)}`);
    if (l.values?.length === 0 || r.values?.length === 0) return { kind: 'never', reason: `${printType(type)} has a side none of whose literals its controls accept` };
    [left, right] = [l, r];
  }
  const kind = left.kind; // The target's kind decides the result's (RFC 9165 §2.2).
  if (left.values !== null && right.values !== null) return finiteConcatenation(left.values, right.values, kind, type, ctx);
  const [l, r] = [patternIn(left, kind), patternIn(right, kind)];
  if (l !== null && r !== null) return { kind, values: null, size: null, pattern: `(?:${l})(?:${r})` };
  // Some split of the bytes matches the target, then the controller: exactly `.join` of the two (RFC 9741 §3.1).
  const partRefusal = left.partRefusal ?? right.partRefusal;
  if (partRefusal !== undefined) return unsupported(ctx, type.span, `.det of a string type with ${partRefusal}: ${printType(type)}`);
  return { kind, values: null, size: null, checks: [{ kind: 'join', parts: [left.shape, right.shape] }] };
}

function finiteConcatenation(lefts: Uint8Array[], rights: Uint8Array[], kind: 'text' | 'bytes', type: Control, ctx: ShapeContext): ScalarShape {
  if (lefts.length * rights.length > MAX_COMPUTED_VALUES) return concatenationPattern(lefts, rights, kind, type, ctx);
  const results = new Set<string>();
  for (const a of lefts) {
    for (const b of rights) {
      const joined = new Uint8Array([...a, ...b]);
      if (kind === 'bytes') {
        results.add([...joined].map((x) => x.toString(16).padStart(2, '0')).join(''));
        continue;
      }
      const text = utf8(joined);
      if (text === null) return invalid(ctx, type.span, `.${type.op} whose text result is not valid UTF-8 (RFC 9165 §2.2): ${printType(type)}`);
      results.add(text);
    }
  }
  return { kind, values: [...results], size: null };
}

/**
 * More concatenations than are worth listing: a pattern, the target's values then the controller's,
 * which matches exactly their concatenations, and grows with the two lists, not their product. A
 * text's result is valid UTF-8 exactly when the bytes after the (valid) text are valid on their own,
 * so that is checked per value, as every concatenation is where they are listed.
 */
function concatenationPattern(lefts: Uint8Array[], rights: Uint8Array[], kind: 'text' | 'bytes', type: Control, ctx: ShapeContext): ScalarShape {
  const [l, r] = [{ values: lefts }, { values: rights }].map((side) => patternIn({ kind, shape: { kind, values: null, size: null }, values: side.values, endless: null }, kind)) as [string, string];
  if (kind === 'text' && [...lefts, ...rights].some((v) => utf8(v) === null)) return invalid(ctx, type.span, `.${type.op} whose text result is not valid UTF-8 (RFC 9165 §2.2): ${printType(type)}`);
  return { kind, values: null, size: null, pattern: `(?:${l})(?:${r})` };
}

function stringOperand(shape: StringShape): StringOperand {
  const plain = shape.size === null && shape.checks === undefined && (shape.kind === 'text' || (shape.embedded === undefined && shape.bits === undefined));
  if (plain && shape.values !== null) {
    const values = shape.kind === 'text' ? shape.values.map((v) => new TextEncoder().encode(v)) : shape.values.map((hex) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)));
    return { kind: shape.kind, shape, values, endless: null };
  }
  // A pattern that anchors at the end (`.and`'s `(?=(?:p)$)`, `.ne`'s `(?!x$)`, PCRE's `^…$`), or whose lookaround or word boundary looks past its ends (PCRE's `(?!.*x)`), means something else inside a longer one: the split check takes it whole.
  const endless = !plain || (shape.pattern !== undefined && !standsAlone(shape.pattern)) ? null : shape.pattern !== undefined ? { pattern: shape.pattern } : { every: true as const };
  return { kind: shape.kind, shape, values: null, endless };
}

/**
 * An operand dedented (RFC 9165 §2.3): its values each (those `side` holds, when a control is on
 * them), every dedented string for a plain string type, a check for one with a size or a pattern
 * (its own, or the one regular-sides.ts writes of its values); else why no pattern is written or a
 * pattern's automaton is not built (dedented-patterns.ts).
 */
function dedented(operand: StringOperand, side: IrType, type: Control, ctx: ShapeContext): StringOperand | 'not UTF-8' | { refused: string } {
  if (operand.values !== null) return dedentedValues(operand, operand.values);
  if (operand.endless !== null && 'every' in operand.endless) return { ...operand, endless: { dedented: true } };
  const shape = operand.shape;
  const checks = shape.kind === 'text' ? (shape.checks ?? []) : [];
  // JSON text with .printf or .join too: their values as a pattern (regular-sides.ts) beside the JSON check, which JSON with a pattern below takes.
  const written = checks.filter((c) => c.kind === 'printf' || c.kind === 'join');
  if (shape.values === null && written.length > 0 && checks.some((c) => c.kind === 'json') && checks.every((c) => c.kind === 'json' || c.kind === 'printf' || c.kind === 'join')) {
    const regular = sidePattern({ ...shape, checks: written });
    if ('why' in regular) return { refused: `${regular.why}, whose values this generator writes no regular expression for, so does not dedent` };
    const size = withSize(shape.size, regular.size);
    return dedented({ ...operand, shape: { ...shape, checks: checks.filter((c) => c.kind === 'json'), pattern: regular.pattern, size } }, side, type, ctx);
  }
  // Controls whose values dedenting maps to values (JSON text, whose lines start in white space; encodings and numerals with neither space nor line feed): its values that dedenting leaves alone.
  const closed = shape.values === null && shape.pattern === undefined && checks.length > 0 && checks.every(closedUnderDedent);
  if (closed && (shape.size === null || !checks.some((c) => c.kind === 'json'))) return { ...operand, shape: { ...shape, pattern: DEDENTED }, endless: null };
  // An encoding or a numeral (not base45) whatever else is on it (a pattern, literals): none of its values has a space or a line feed, so dedenting leaves each as it is and the side is its own dedenting.
  if (checks.some(isSpaceless)) return { ...operand, endless: null };
  // JSON text with a size: those dedenting leaves alone, one of whose re-indentations has that size (exact: the proof below closedUnderDedent).
  if (closed && shape.size !== null && checks.every((c) => c.kind === 'json')) return { ...operand, shape: { kind: 'text', values: null, size: null, checks: [...checks, { kind: 'dedented', size: shape.size }] }, endless: null };
  // JSON text with a pattern (and maybe a size): JSON dedenting leaves alone, one of whose re-indentations is a word of the pattern (of the size): exact, as the proof below closedUnderDedent, the pattern and size taken by isDedentedWord.
  if (shape.values === null && shape.pattern !== undefined && checks.length > 0 && checks.every((c) => c.kind === 'json')) {
    const size = shape.size === null ? undefined : shape.size;
    const refusal = dedentedPatternRefusal(shape.pattern, size === undefined ? undefined : [size.min, size.max], true);
    if (refusal !== null) return { refused: refusal };
    return { ...operand, shape: { kind: 'text', values: null, size: null, checks: [...checks, { kind: 'dedentedPattern', pattern: shape.pattern, ...(size === undefined ? {} : { size }) }] }, endless: null };
  }
  // Base45 whatever else is on it: a value is one line with at most two spaces before it (exact: B45_MOST_SPACES says why).
  if (checks.some((c) => c.kind === 'base' && c.encoding === 'b45')) return { ...operand, shape: { kind: 'text', values: null, size: null, checks: [{ kind: 'dedentedLine', most: B45_MOST_SPACES, shape }] }, endless: null };
  // Literals with a control on them (`.json`, `.printf`, `.join`, `.abnf`, `.cbor`): those the side holds, decided now (held-literals.ts), each dedented.
  if (shape.values !== null) return dedentedLiterals(operand, heldLiterals(shape, side, type.span, ctx));
  // `.cbor`, one data item: dedenting leaves each as it is, so the side is its own dedenting. Its first line starts with a byte
  // other than a space (indented by nothing), unless the item is that byte alone (0x20 is -1, 0x0a is 10: no line that is not
  // blank), and either way nothing is taken away. Not so for `.cborseq`, whose items -1, -1, 1 are the line "  \x01".
  if (shape.kind === 'bytes' && shape.embedded !== undefined && !shape.embedded.sequence) return { ...operand, endless: null };
  // `.printf`, `.join`, a recursive `.abnf`, no value of which starts with a space or a line feed (plain-starts.ts): its own dedenting, checked as it is.
  if (isPlainWritten(shape)) return { ...operand, endless: null };
  // `.printf` or `.join` whose values are one line with at most `most` spaces before it (a width, the space flag, literals, base45): those without them (plain-starts.ts), as for `.b45`.
  const most = shape.kind === 'text' && shape.values === null ? oneLineIndent(shape) : null;
  if (most !== null) return { ...operand, shape: { kind: 'text', values: null, size: null, checks: [{ kind: 'dedentedLine', most, shape }] }, endless: null };
  // `.printf`, `.join` (and a pattern, a size): the dedenting of a word of the pattern of its values (regular-sides.ts), of that size, as for a pattern.
  if (shape.checks !== undefined || (shape.kind === 'bytes' && (shape.embedded !== undefined || shape.bits !== undefined))) {
    const regular = sidePattern(shape);
    // Without a pattern of its values: `.printf`/`.join` after any text, whose dedenting gives its values (plain-starts.ts dedentsWithin), is those dedenting leaves alone, as JSON is.
    if ('why' in regular && dedentsWithin(shape)) return { ...operand, shape: { ...shape, pattern: DEDENTED }, endless: null };
    if ('why' in regular) return { refused: `${regular.why}, whose values this generator writes no regular expression for, so does not dedent` };
    return dedentedWords({ ...operand, shape: { ...shape, size: withSize(shape.size, regular.size) } }, regular.pattern);
  }
  // A size and nothing else: the dedenting of some string of that size, which the split check tests (text-controls.ts isDedentingWithin).
  const plain = shape.values === null && shape.checks === undefined && (shape.kind === 'text' || (shape.embedded === undefined && shape.bits === undefined));
  if (plain && shape.size !== null && shape.pattern === undefined) return { ...operand, shape: { kind: shape.kind, values: null, size: null, checks: [{ kind: 'dedented', size: shape.size }] }, endless: null };
  // A pattern no word of which can start with a space or a line feed (and maybe a size): its own dedenting, as it is.
  if (isPlainPattern(shape)) return operand;
  // A pattern, and maybe a size: the dedenting of some word of it (of that size), which its automaton (times a byte counter) decides (dedented-patterns.ts isDedentedWord).
  return dedentedWords(operand, shape.pattern as string);
}

/** A side that is a pattern (and maybe a size) and nothing else, no word of which can start with a space or a line feed (dedented-patterns.ts mayStartSpaced): its own dedenting. */
function isPlainPattern(shape: ScalarShape): boolean {
  if ((shape.kind !== 'text' && shape.kind !== 'bytes') || shape.values !== null || shape.checks !== undefined || shape.pattern === undefined) return false;
  if (shape.kind === 'bytes' && (shape.embedded !== undefined || shape.bits !== undefined)) return false;
  return !mayStartSpaced(shape.pattern, shape.kind === 'text');
}

/** A side with a pattern, and maybe a size: the dedenting of some word of it (of that size), which its automaton (times a byte counter) decides (dedented-patterns.ts isDedentedWord). */
/** A side's own size and the size its `.printf` says (regular-sides.ts sizedText), both. */
function withSize(own: SizeBound | null, printed: SizeBound | undefined): SizeBound | null {
  return printed === undefined ? own : own === null ? printed : bothSizes(own, printed);
}

function dedentedWords(operand: StringOperand, pattern: string): StringOperand | { refused: string } {
  const shape = operand.shape;
  const size = shape.size === null ? undefined : shape.size;
  const refusal = dedentedPatternRefusal(pattern, size === undefined ? undefined : [size.min, size.max], shape.kind === 'text');
  if (refusal !== null) return { refused: refusal };
  return { ...operand, shape: { kind: shape.kind, values: null, size: null, checks: [{ kind: 'dedentedPattern', pattern, ...(size === undefined ? {} : { size }) }] }, endless: null };
}

/**
 * The literals a side holds (texts, or bytes as hex), dedented: finitely many values. As a part of a
 * split check the side is the dedenting of a word of their alternation, which is each of them
 * (dedenting a dedented text leaves it alone), checked as a pattern side is, so that the general
 * matcher, which has the side's type and not its values, is told them (program.ts `patterns`).
 */
function dedentedLiterals(operand: StringOperand, held: string[]): StringOperand | 'not UTF-8' {
  const kind = operand.kind;
  const bytes = held.map((v) => (kind === 'text' ? new TextEncoder().encode(v) : Uint8Array.from(v.match(/../g) ?? [], (h) => parseInt(h, 16))));
  const literals = dedentedValues({ kind, shape: { kind, values: held, size: null }, values: bytes, endless: null }, bytes);
  if (literals === 'not UTF-8') return literals;
  const pattern = patternIn(literals, kind) as string;
  const refusal = dedentedPatternRefusal(pattern, undefined, kind === 'text');
  return { ...literals, shape: { kind, values: null, size: null, checks: [{ kind: 'dedentedPattern', pattern }] }, ...(refusal === null ? {} : { partRefusal: refusal }) };
}

/** A side of finitely many values (bytes), each dedented; the shape too, which a split check tests the side by. */
function dedentedValues(operand: StringOperand, of: Uint8Array[]): StringOperand | 'not UTF-8' {
  const texts = of.map(utf8);
  if (texts.some((t) => t === null)) return 'not UTF-8';
  const values = (texts as string[]).map((t) => new TextEncoder().encode(dedent(t)));
  const shapeValues = operand.kind === 'text' ? [...new Set((texts as string[]).map(dedent))] : [...new Set(values.map((v) => [...v].map((x) => x.toString(16).padStart(2, '0')).join('')))];
  return { ...operand, values, shape: { ...operand.shape, values: shapeValues } as StringShape };
}

/**
 * Whether dedenting a text the check admits gives one it admits: then what dedenting gives of them is
 * exactly those it leaves alone (RFC 9165 §2.3). A JSON text (RFC 8259 §2) has a line feed only in
 * white space, so every line starts in white space, which dedenting shortens (the value stays); a
 * base encoding other than base45 (whose alphabet has the space) and a numeral have neither spaces
 * nor line feeds, so dedenting leaves them as they are (and so their size).
 */
function closedUnderDedent(check: NonNullable<StringShape['checks']>[number]): boolean {
  return check.kind === 'json' || isSpaceless(check);
}

/** A side with `.printf`, `.join` or a recursive `.abnf` whose values all start with something other than a space or a line feed: its own dedenting (plain-starts.ts). */
function isPlainWritten(shape: ScalarShape): boolean {
  return (shape.kind === 'text' || shape.kind === 'bytes') && shape.values === null && (shape.checks ?? []).some((c) => c.kind === 'printf' || c.kind === 'join' || c.kind === 'abnf') && startsPlainly(shape);
}

/** A check whose texts have neither a space nor a line feed: a base encoding other than base45 (RFC 9741 §2.1, RFC 4648's alphabets) or a decimal numeral (§2.2). */
function isSpaceless(check: NonNullable<StringShape['checks']>[number]): boolean {
  return check.kind === 'base10' || (check.kind === 'base' && check.encoding !== 'b45');
}

/*
 * Why `.det` of a `.json` side with a size, `((tstr .json int) .size (1..5)) .det "x"`, is exact as
 * the side's JSON checks and `isDedentingWithin` (text-controls.ts), both on the dedented text d: a
 * JSON text (RFC 8259 §2) has a line feed only in white space (§7: none raw inside a string), and a
 * line starts either the text or after a line feed, so dedenting, which removes spaces at the starts
 * of lines, removes white space only: d = dedent(a) is JSON of the same value as a, and dedenting
 * leaves d alone. Conversely the texts a with dedent(a) = d are d with spaces put at the starts of its
 * lines (isDedentingWithin lists them: k before each line that is not empty, 0..k before each empty
 * one, for one k), white space again, so each is JSON of d's value, and a value of the side exactly
 * when its length in bytes is within the size (a space is one byte): which lengths they have is
 * isDedentingWithin's arithmetic, |d| + k·p + j for 0 ≤ j ≤ k·e. The general matcher tests one such
 * a of a length within the size (text-controls.ts reindentedWithin) against the side.
 */

/**
 * The most spaces a base45 text (RFC 9741 §2.1, RFC 9285) starts with, so `.det` of a `.b45` side is
 * exact as `isDedentedLine(d, 2, side)` (text-controls.ts): d is the dedenting of ' '.repeat(k) + d,
 * for some k ≤ 2, that the side holds. Proof: the base45 alphabet (RFC 9285 §4) has the space but no
 * line feed, so a value a is one line, and dedenting one line removes all its leading spaces unless it
 * is blank (which it leaves as it is): a = ' '.repeat(k) + d for k its leading spaces (or k = 0). No
 * base45 text starts with three spaces: a full chunk of three characters is c + 45·c' + 2025·c''
 * (§4), 36 + 45·36 + 2025·36 = 74556 > 65535 for three spaces (value 36), which is not base45 (the
 * decoder, text-controls.ts decodeBase45, refuses it); a text of fewer than three characters has
 * fewer spaces than that. So k ≤ 2, and trying k = 0, 1, 2 against the whole side (its size, pattern,
 * bytes) decides it.
 */
export const B45_MOST_SPACES = 2;

/** Whether a side of `.det`, as computed here, is the values of a control that dedenting leaves alone (the general matcher tests them so: program.ts). */
export function isUndentedSide(shape: ScalarShape): boolean {
  // `.cbor`, one data item, which dedenting leaves as it is (see `dedented`).
  if (shape.kind === 'bytes' && shape.embedded !== undefined && !shape.embedded.sequence) return true;
  if (isPlainWritten(shape) || isPlainPattern(shape)) return true;
  if (shape.kind !== 'text' || shape.checks === undefined || shape.checks.length === 0) return false;
  // As `dedented` makes them: a JSON text or encoding (the pattern of dedented texts on it), an encoding with more on it (as it is), JSON with a size or a pattern (the `dedented` or `dedentedPattern` check of its re-indentations; program.ts passes them).
  if (shape.pattern === DEDENTED && (shape.checks.every(closedUnderDedent) || dedentsWithin({ ...shape, pattern: undefined }))) return true;
  if (shape.checks.some(isSpaceless)) return true;
  return shape.pattern === undefined && shape.checks.some((c) => c.kind === 'json') && shape.checks.every((c) => c.kind === 'json' || c.kind === 'dedented' || c.kind === 'dedentedPattern');
}

/** The operand as a pattern over the result's alphabet (code points for text, latin1 bytes), or null when no pattern says it. */
function patternIn(operand: StringOperand, kind: 'text' | 'bytes'): string | null {
  if (operand.values !== null) {
    if (kind === 'bytes') return alternation(operand.values.map((v) => [...v]));
    // Only bytes that are UTF-8 on their own can follow a text and leave valid UTF-8.
    const texts = operand.values.map(utf8).filter((t): t is string => t !== null);
    return alternation(texts.map((t) => [...t].map((c) => c.codePointAt(0) as number)));
  }
  const endless = operand.endless;
  if (endless === null) return null;
  if ('pattern' in endless) return operand.kind === kind ? endless.pattern : null;
  if (kind === 'text' || operand.kind === 'bytes') return 'every' in endless ? '[^]*' : DEDENTED;
  return 'every' in endless ? UTF8_TEXT : UTF8_DEDENTED;
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}
