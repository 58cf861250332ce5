/**
 * A string side of `.det` with `.printf` or `.join` on it (RFC 9741 §2.3, §3.1), as a regular
 * expression (JavaScript source, `u` flag, over code points for text and bytes read as latin1) whose
 * words are exactly the side's values, where every argument and part is regular: then computed.ts
 * takes it as it takes a `.regexp` side, the dedenting of one of its words (dedented-patterns.ts
 * `isDedentedWord`, through the automaton and within its resource limits), and `.det` is exact.
 *
 * The pattern means what the checks the generated code makes mean (templates/printf.ts
 * `matchesPrintf`, templates/text-controls.ts `matchesJoin`): both try every split of the string
 * among the parts, so a value is exactly a concatenation of the parts' strings:
 * - a literal piece of a format is itself; `%s` of a text type without width or precision, that
 *   type's pattern; `%s` (with a width, a precision) or `%c` of finitely many values, what printf
 *   writes for each (padded to the width in bytes; with a precision, a value of at most that many
 *   bytes whole, or the start of a longer one of exactly that many);
 * - `%d %i %u %o %x %X` of an integer type: for each sign and number of digits, the layout printf
 *   writes (sign, `0x`, zeros, padding) around the digits of the numbers of that many digits the
 *   type holds (a range of digit strings, `digitRange`); numbers of endlessly many digits (a bignum)
 *   beyond the width and the precision, one pattern for all of them;
 * - a `*` width or precision of a few values: each of them (a negative width is the `-` flag, a
 *   negative precision none); a `*` width of every size (`uint`, `int`), any run of spaces (with
 *   the 0 flag, of zeros before an integer's digits);
 * - a format of literal text and one `%s` of any text with a width or precision: the literal text
 *   and any text, with a size (`Regular.size`, the bytes printf pads or cuts to);
 * - `.join`, its parts' patterns one after the other, when they are all of the result's kind;
 * - `.bits` on bytes (`bitsPattern`), and on an integer argument the ranges of its values (`heldIntegers`), up to 4096.
 * What is not regular here is said (`why`): a float conversion, a `*` of many values, a size or
 * an anchored pattern inside an argument or part, a recursive `.abnf`, `.cbor`, a `.json` or an
 * encoding beside `.printf` or `.join`.
 */
import { heldIntegers, MOST_MASKED_RANGES } from './intervals.js';
import type { Interval, SizeBound, StringCheck } from './shapes.js';
import { CBOR_INT_MAX, UNBOUNDED_MAX, UNBOUNDED_MIN } from './shapes.js';
import type { ScalarShape } from './scalars.js';
import { alternation, quoted, standsAlone } from './pattern-sources.js';
import { type Conversion, type Fixed, formatInteger, formatText, parseFormat } from '../../templates/printf.js';
import { utf8Length } from '../../templates/cbor-text.js';

type StringShape = Extract<ScalarShape, { kind: 'text' | 'bytes' }>;

/**
 * A side's pattern, or why none is written. `size`: the side's values have that many bytes too, which the pattern does
 * not say (a width or precision on `%s` of any text: the caller checks sizes, as it does a side's own `.size`).
 */
export type Regular = { pattern: string; size?: SizeBound } | { why: string };

/** The most values of a `%c` or a width or precision on `%s` written out one by one. */
const MOST_WRITTEN = 4096;

/**
 * The values of a side with `.printf` or `.join` (and maybe a pattern) as one pattern: each check's
 * and the side's own pattern, all of them (`(?=(?:a)$)(?:b)`: the side is matched whole, so anchors
 * may stand in it). The side's size, if any, is the caller's (isDedentedWord counts bytes).
 */
export function sidePattern(shape: StringShape): Regular {
  const notRegular = notRegularControl(shape);
  if (notRegular !== null) return { why: notRegular };
  const patterns: string[] = [];
  let size: SizeBound | undefined;
  for (const check of shape.checks ?? []) {
    const p = (check.kind === 'printf' ? sizedText(check.format, check.args) : null) ?? checkPattern(check, shape.kind, 'beside .printf or .join');
    if ('why' in p) return p;
    patterns.push(p.pattern);
    if (p.size !== undefined) size = size === undefined ? p.size : bothSizes(size, p.size);
  }
  if (shape.pattern !== undefined) patterns.push(shape.pattern);
  if (shape.kind === 'bytes' && shape.bits !== undefined) patterns.push(bitsPattern(shape.bits));
  const pattern = patterns.reduce((all, p) => `(?=(?:${all})$)(?:${p})`);
  return size === undefined ? { pattern } : { pattern, size };
}

/** Sizes both hold (an empty one: min above max). */
export function bothSizes(a: SizeBound, b: SizeBound): SizeBound {
  const max = a.max === null ? b.max : b.max === null ? a.max : Math.min(a.max, b.max);
  return { min: Math.max(a.min, b.min), max };
}

/**
 * `.printf` whose format is literal text and one `%s` of any text with a width or precision (`"id: %5s"`, `"%-8.3s"`):
 * the texts of so many bytes. printf pads a value of fewer than W bytes to W and cuts one of more than P to P (RFC 9741
 * §2.3: bytes, a whole character or none), so every text of W bytes or more is its own value (W up to P, with a
 * precision) and every shorter value padded is a text of W bytes; with P below W, a text of W bytes whose W − P
 * spaces of padding (at least) stand before it, or after it with the `-` flag. The literal text adds its bytes. Null
 * for any other format (its pattern is written the general way).
 */
function sizedText(format: string, args: ScalarShape[]): Regular | null {
  const tokens = parseFormat(format) as (string | Conversion)[];
  const conversions = tokens.filter((c): c is Conversion => typeof c !== 'string');
  const [only] = conversions;
  const arg = args[0];
  if (conversions.length !== 1 || only === undefined || only.conversion !== 's' || only.width === '*' || only.precision === '*' || args.length !== 1) return null;
  if (only.width === 0 && only.precision === null) return null;
  if (arg === undefined || arg.kind !== 'text' || arg.values !== null || arg.size !== null || arg.pattern !== undefined || arg.checks !== undefined) return null;
  const [w, p] = [only.width, only.precision];
  const literalBytes = tokens.reduce((n, c) => n + (typeof c === 'string' ? utf8Length(c) : 0), 0);
  const part = p !== null && p < w ? (only.flags.includes('-') ? `[^]* {${w - p}}` : ` {${w - p}}[^]*`) : '[^]*';
  const [min, max] = p === null ? [w, null] : p < w ? [w, w] : [w, p];
  const pattern = tokens.map((c) => (typeof c === 'string' ? quoted(c) : `(?:${part})`)).join('');
  return { pattern, size: { min: min + literalBytes, max: max === null ? null : max + literalBytes } };
}

/** Why a bytes side's control (`.cbor`) has no pattern here; null when it has none. */
function notRegularControl(shape: StringShape): string | null {
  if (shape.kind === 'bytes' && shape.embedded !== undefined) return `.${shape.embedded.sequence ? 'cborseq' : 'cbor'} (encoded data items, which no regular expression this generator writes says)`;
  return null;
}

/**
 * `bstr .bits mask` (RFC 8610 §3.8.2): bit n of the string may be set only where bit n of the mask
 * is (bit n & 7 of byte n >> 3): byte i within the mask's bytes one of those whose bits byte i of the
 * mask has, any byte past them zero; a string may stop anywhere.
 */
function bitsPattern(mask: bigint): string {
  const bytes = Array.from({ length: mask === 0n ? 0 : Math.ceil(mask.toString(2).length / 8) }, (_, i) => Number((mask >> BigInt(8 * i)) & 0xffn));
  let tail = '\\u{0}*';
  for (let i = bytes.length - 1; i >= 0; i--) tail = `${byteClass(bytes[i] as number)}(?:${tail})?`;
  return bytes.length === 0 ? tail : `(?:${tail})?`;
}

/** The bytes (as latin1 code points) that set no bit outside `m`, as a class. */
function byteClass(m: number): string {
  const ranges: [number, number][] = [];
  for (let b = 0; b < 256; b++) {
    if ((b & ~m) !== 0) continue;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last[1] === b - 1) last[1] = b;
    else ranges.push([b, b]);
  }
  const byte = (b: number) => `\\u{${b.toString(16)}}`;
  return `[${ranges.map(([lo, hi]) => (lo === hi ? byte(lo) : `${byte(lo)}-${byte(hi)}`)).join('')}]`;
}

/** The pattern of an argument or part: its values, not anchored (it stands inside a longer one). */
function partPattern(shape: ScalarShape, kind: 'text' | 'bytes'): Regular {
  if (shape.kind === 'never') return { pattern: '[]' };
  if (shape.kind === 'any') return { pattern: '[^]*' };
  if (shape.kind !== kind) return { why: `.join of a ${shape.kind === 'text' ? 'text' : 'byte'} string part into a ${kind === 'text' ? 'text' : 'byte'} string` };
  const notRegular = notRegularControl(shape);
  if (notRegular !== null) return { why: notRegular };
  const checks = shape.checks ?? [];
  if (shape.values !== null) return checks.length > 0 ? { why: 'literals with a control on them inside .printf or .join' } : { pattern: literals(shape.values, kind) };
  if (shape.size !== null) return { why: 'a size on an argument of .printf or a part of .join' };
  if (shape.pattern !== undefined && (checks.length > 0 || !standsAlone(shape.pattern))) return { why: 'a pattern with an anchor, a lookaround or a word boundary (or .and of one and a control) inside .printf or .join' };
  const bits = shape.kind === 'bytes' ? shape.bits : undefined;
  if (bits !== undefined && (checks.length > 0 || shape.pattern !== undefined)) return { why: '.bits and another control on a part of .join' };
  if (bits !== undefined) return { pattern: bitsPattern(bits) };
  if (shape.pattern !== undefined) return { pattern: shape.pattern };
  if (checks.length > 1) return { why: 'two controls on an argument of .printf or a part of .join' };
  return checks[0] === undefined ? { pattern: '[^]*' } : checkPattern(checks[0], kind, 'on an argument of .printf or a part of .join');
}

/** A check's pattern; `where` it stands, for what has none. */
function checkPattern(check: StringCheck, kind: 'text' | 'bytes', where: string): Regular {
  switch (check.kind) {
    case 'printf':
      return printfPattern(check.format, check.args);
    case 'join': {
      const parts: string[] = [];
      for (const part of check.parts) {
        const p = partPattern(part, kind);
        if ('why' in p) return p;
        parts.push(`(?:${p.pattern})`);
      }
      return { pattern: parts.join('') };
    }
    case 'abnf':
      return { why: '.abnf or .abnfb with a recursive rule (no regular language)' };
    case 'dedented':
    case 'dedentedPattern':
    case 'dedentedLine':
      return { why: 'a .det inside it whose side has a size, a pattern or .b45 (its dedented values are checked by an automaton, not a regular expression)' };
    default:
      return { why: `.${check.kind === 'base' ? check.encoding : check.kind === 'base10' ? 'decimal' : check.kind} ${where}` };
  }
}

function printfPattern(format: string, args: ScalarShape[]): Regular {
  const tokens = parseFormat(format) as (string | Conversion)[]; // printfCheck (more-controls.ts) read the format already
  const out: string[] = [];
  let next = 0;
  for (const c of tokens) {
    if (typeof c === 'string') {
      out.push(quoted(c));
      continue;
    }
    // A `*` width or precision takes an argument before the value's (RFC 9741 §2.3, as C): each of its values.
    const widthArg = c.width === '*' ? (args[next++] as ScalarShape) : null;
    const precisions = c.precision === '*' ? starValues(args[next++] as ScalarShape) : [c.precision];
    const value = args[next++] as ScalarShape;
    // A `*` width of every size on a side (`uint`, `int`): any number of spaces there, whatever the value's length.
    const padded = widthArg === null || precisions === null ? null : everyPadding(c, widthArg, precisions, value);
    if (padded !== null) {
      if ('why' in padded) return padded;
      out.push(padded.pattern);
      continue;
    }
    const widths = c.width === '*' ? starValues(widthArg as ScalarShape) : [c.width];
    if (widths === null || precisions === null || widths.length * precisions.length > MOST_STARRED) {
      return { why: `a '*' width or precision in .printf's format whose argument is not a few integers (more than ${MOST_STARRED} pairs, one beyond ±4096, or .bits), nor a width of every size` };
    }
    const options: string[] = [];
    for (const width of widths) {
      for (const precision of precisions) {
        // A negative width is the `-` flag and its magnitude; a negative precision is none.
        const fixed: Fixed = { ...c, flags: width !== null && width < 0 ? `${c.flags}-` : c.flags, width: Math.abs(width ?? 0), precision: precision === null || precision < 0 ? null : precision };
        const p = conversionPattern(fixed, value);
        if ('why' in p) return p;
        options.push(p.pattern);
      }
    }
    out.push(`(?:${options.length === 0 ? '[]' : [...new Set(options)].join('|')})`);
  }
  return { pattern: out.join('') };
}

/** The most width and precision pairs a conversion's `*` arguments give that are written out one by one. */
const MOST_STARRED = 64;

/**
 * A `*` width whose argument holds every width from 0 up to the greatest a data item states (`uint`: no text is that
 * long), and either no negative width or every one down to its opposite (`int`): the padding is any number of
 * spaces, before the value (a width, without the `-` flag) or after it (a negative width, or the `-` flag), whatever
 * the value's length: ` *v` and `v *`, with v the value unpadded; with the 0 flag, an integer without a precision
 * is padded with any number of zeros after its sign and `0x` instead. Null where the argument is not such (its
 * widths are then written out one by one, when they are few).
 */
function everyPadding(c: Conversion, width: ScalarShape, precisions: (number | null)[], value: ScalarShape): Regular | null {
  if (width.kind !== 'int' || width.bits !== undefined) return null;
  const covers = (lo: bigint, hi: bigint) => width.intervals.some((i) => i.lo <= lo && i.hi >= hi);
  const holds = (lo: bigint, hi: bigint) => width.intervals.some((i) => i.lo <= hi && i.hi >= lo);
  if (!covers(0n, CBOR_INT_MAX)) return null;
  const negative = covers(-CBOR_INT_MAX, -1n) ? true : holds(UNBOUNDED_MIN, -1n) ? null : false;
  if (negative === null) return null;
  const left = c.flags.includes('-');
  const options = new Set<string>();
  for (const given of precisions) {
    const precision = given === null || given < 0 ? null : given;
    const unpadded: Fixed = { ...c, flags: c.flags.replace(/0/g, ''), width: 0, precision };
    const p = conversionPattern(unpadded, value);
    if ('why' in p) return p;
    // The 0 flag pads an integer without a precision with zeros, after its sign and `0x` (a positive width, no `-`): any number of them.
    const zeros = c.flags.includes('0') && precision === null && 'diouxX'.includes(c.conversion);
    if (left) options.add(`(?:${p.pattern}) *`);
    else {
      const padded = zeros ? conversionPattern(unpadded, value, true) : { pattern: ` *(?:${p.pattern})` };
      if ('why' in padded) return padded;
      options.add(padded.pattern);
      if (negative) options.add(`(?:${p.pattern}) *`);
    }
  }
  return { pattern: `(?:${[...options].join('|')})` };
}

/** The values of a `*` argument (an integer type), as numbers; null when there are more than MOST_STARRED or a value beyond ±4096 (no pattern pads that far). */
function starValues(arg: ScalarShape): number[] | null {
  if (arg.kind === 'never') return [];
  if (arg.kind !== 'int' || arg.bits !== undefined) return null;
  const count = arg.intervals.reduce((n, i) => n + (i.hi - i.lo + 1n), 0n);
  if (count > BigInt(MOST_STARRED) || arg.intervals.some((i) => i.lo < -4096n || i.hi > 4096n)) return null;
  return arg.intervals.flatMap((i) => Array.from({ length: Number(i.hi - i.lo + 1n) }, (_, k) => Number(i.lo) + k));
}

/** `anyZeros`: an integer with any number of zeros before its digits (the 0 flag and a width of every size). */
function conversionPattern(c: Fixed, arg: ScalarShape, anyZeros = false): Regular {
  if (arg.kind === 'never') return { pattern: '[]' };
  if ('fFeEgGaA'.includes(c.conversion)) return { why: `a %${c.conversion} conversion in .printf (the decimal expansions of floats)` };
  if (c.conversion === 's') {
    if (c.width === 0 && c.precision === null) return partPattern(arg, 'text');
    const values = arg.kind === 'text' && arg.size === null && arg.pattern === undefined && arg.checks === undefined ? arg.values : null;
    if (values === null) return { why: "a width or precision on .printf's %s of a text type with endlessly many values, or with a control on it" };
    return { pattern: written(values.flatMap((v) => shown(c, v)).map((v) => formatText(c, v))) };
  }
  const intervals = arg.kind === 'any' ? [{ lo: UNBOUNDED_MIN, hi: UNBOUNDED_MAX }] : arg.kind !== 'int' ? null : heldIntegers(arg);
  if (intervals === null) return { why: `.printf's %${c.conversion} of an integer type with .bits whose values are more than ${MOST_MASKED_RANGES} separate ranges` };
  if (c.conversion === 'c') {
    const count = intervals.reduce((n, i) => n + (i.hi - i.lo + 1n), 0n);
    if (count > BigInt(MOST_WRITTEN)) return { why: `.printf's %c of more than ${MOST_WRITTEN} integers` };
    // A Unicode scalar value each (a surrogate or a number past 0x10ffff writes no text).
    const cps = intervals.flatMap((i) => Array.from({ length: Number(i.hi - i.lo + 1n) }, (_, k) => i.lo + BigInt(k))).filter((cp) => cp >= 0n && cp <= 0x10ffffn && (cp < 0xd800n || cp > 0xdfffn));
    return { pattern: written(cps.map((cp) => formatText(c, String.fromCodePoint(Number(cp))))) };
  }
  return { pattern: integerPattern(c, intervals, anyZeros) };
}

/** What `%.Ns` shows of a value: all of it, or (when longer than N bytes) its start of exactly N bytes, when one is. */
function shown(c: Fixed, value: string): string[] {
  if (c.precision === null || utf8Length(value) <= c.precision) return [value];
  let start = '';
  for (const ch of value) {
    if (utf8Length(start + ch) > c.precision) break;
    start += ch;
  }
  return utf8Length(start) === c.precision ? [start] : [];
}

function written(texts: string[]): string {
  return alternation([...new Set(texts)].sort().map((t) => [...t].map((ch) => ch.codePointAt(0) as number)));
}

/**
 * `%d %i %u %o %x %X` of the integers in `intervals`: for each sign and number of digits L, what
 * printf writes for the least number of L digits (`formatInteger`), with its digits replaced by the
 * range of digit strings of the numbers of L digits the intervals hold: printf's layout (sign, `0x`,
 * zeros up to the precision, padding up to the width) depends on nothing else.
 */
function integerPattern(c: Fixed, intervals: Interval[], anyZeros = false): string {
  const radix = c.conversion === 'o' ? 8 : c.conversion === 'x' || c.conversion === 'X' ? 16 : 10;
  const signed = c.conversion === 'd' || c.conversion === 'i';
  const upper = c.conversion === 'X';
  const options: string[] = [];
  const r = BigInt(radix);
  // Magnitudes, each with its sign: negative ones (signed conversions only), zero, positive ones.
  const runs: { negative: boolean; lo: bigint; hi: bigint }[] = [];
  for (const { lo, hi } of intervals) {
    if (signed && lo < 0n) runs.push({ negative: true, lo: hi < 0n ? -hi : 1n, hi: lo <= UNBOUNDED_MIN ? UNBOUNDED_MAX : -lo });
    if (lo <= 0n && hi >= 0n) {
      const zero = formatInteger(c, 0n) as string;
      // Its digit is the last character: zeros go before it.
      options.push(anyZeros ? `${quoted(zero.slice(0, -1))}0*0` : quoted(zero));
    }
    if (hi > 0n) runs.push({ negative: false, lo: lo > 0n ? lo : 1n, hi });
  }
  // Beyond this many digits (a bignum's), neither width nor precision pads: one pattern for every length.
  const past = (lo: bigint) => Math.max(lo.toString(radix).length + 1, c.width + 1, (c.precision ?? 0) + 1);
  for (const run of runs) {
    const endless = run.hi >= UNBOUNDED_MAX;
    const last = endless ? past(run.lo) - 1 : run.hi.toString(radix).length;
    const pieces: Piece[] = [];
    for (let length = run.lo.toString(radix).length; length <= last; length++) {
      const least = r ** BigInt(length - 1);
      const lo = run.lo > least ? run.lo : least;
      const hi = run.hi < least * r - 1n ? run.hi : least * r - 1n;
      if (lo > hi) continue;
      const every = lo === least && hi === least * r - 1n;
      pieces.push({ ...laidOut(c, run.negative, least, length), from: length, to: length, digits: every ? null : digitRange(digitsOf(lo, radix, length), digitsOf(hi, radix, length), radix, upper) });
    }
    if (endless) pieces.push({ ...laidOut(c, run.negative, r ** BigInt(past(run.lo) - 1), past(run.lo)), from: past(run.lo), to: Infinity, digits: null });
    options.push(...merged(pieces).map((p) => `${quoted(p.before)}${anyZeros ? '0*' : ''}${p.digits ?? everyNumber(p.from, p.to, radix, upper)}${quoted(p.after)}`));
  }
  return options.length === 0 ? '[]' : options.join('|');
}

/** The numbers of `from` to `to` digits that one layout writes: `digits` their pattern, null for every number of those lengths. */
interface Piece {
  before: string;
  after: string;
  from: number;
  to: number;
  digits: string | null;
}

/** Pieces of every number of consecutive lengths with one layout (printf pads neither), as one: `[1-9][0-9]{0,18}` for the 1 to 19 digits of most of a 64-bit range. */
function merged(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    const last = out[out.length - 1];
    if (last !== undefined && last.digits === null && piece.digits === null && last.to + 1 === piece.from && last.before === piece.before && last.after === piece.after) last.to = piece.to;
    else out.push({ ...piece });
  }
  return out;
}

/** Every number of `from` to `to` digits (no leading zero). */
function everyNumber(from: number, to: number, radix: number, upper: boolean): string {
  const [a, b] = [from - 1, to - 1];
  const count = a === b ? (a <= 1 ? '' : `{${a}}`) : b === Infinity ? (a === 0 ? '*' : a === 1 ? '+' : `{${a},}`) : `{${a},${b}}`;
  return `${digitClass(1, radix - 1, upper)}${a === 0 && b === 0 ? '' : `${digitClass(0, radix - 1, upper)}${count}`}`;
}

/** What printf writes before and after the digits of a number of `length` digits (`least`, the least of them, stands for all). */
function laidOut(c: Fixed, negative: boolean, least: bigint, length: number): { before: string; after: string } {
  const text = formatInteger(c, negative ? -least : least) as string;
  const end = text.replace(/ +$/, '').length;
  return { before: text.slice(0, end - length), after: text.slice(end) };
}

function digitsOf(n: bigint, radix: number, length: number): number[] {
  return Array.from(n.toString(radix).padStart(length, '0'), (d) => parseInt(d, radix));
}

/** The digit strings from `lo` to `hi` (digits, both as long), in order of value. */
function digitRange(lo: number[], hi: number[], radix: number, upper: boolean): string {
  const [x, y] = [lo[0], hi[0]];
  if (x === undefined || y === undefined) return '';
  const [xs, ys] = [lo.slice(1), hi.slice(1)];
  if (x === y) return digitClass(x, x, upper) + digitRange(xs, ys, radix, upper);
  const fromLeast = xs.every((d) => d === 0);
  const toMost = ys.every((d) => d === radix - 1);
  const any = xs.length === 0 ? '' : `${digitClass(0, radix - 1, upper)}${xs.length === 1 ? '' : `{${xs.length}}`}`;
  const options: string[] = [];
  if (!fromLeast) options.push(digitClass(x, x, upper) + digitRange(xs, xs.map(() => radix - 1), radix, upper));
  const [from, to] = [fromLeast ? x : x + 1, toMost ? y : y - 1];
  if (from <= to) options.push(digitClass(from, to, upper) + any);
  if (!toMost) options.push(digitClass(y, y, upper) + digitRange(ys.map(() => 0), ys, radix, upper));
  // A concatenation, or one group: either stands before or after more.
  return options.length === 1 ? (options[0] as string) : `(?:${options.join('|')})`;
}

/** The digits of values `from`..`to` as a class (or one digit). */
function digitClass(from: number, to: number, upper: boolean): string {
  const digit = (d: number) => (d < 10 ? String(d) : String.fromCharCode((upper ? 65 : 97) + d - 10));
  if (from === to) return digit(from);
  const pieces: string[] = [];
  if (from <= 9) pieces.push(from === Math.min(to, 9) ? digit(from) : `${digit(from)}-${digit(Math.min(to, 9))}`);
  if (to >= 10) pieces.push(Math.max(from, 10) === to ? digit(to) : `${digit(Math.max(from, 10))}-${digit(to)}`);
  return `[${pieces.join('')}]`;
}

/** The pattern of literal values (texts, or bytes as hex read as latin1). */
function literals(values: string[], kind: 'text' | 'bytes'): string {
  return alternation(values.map((v) => (kind === 'text' ? [...v].map((ch) => ch.codePointAt(0) as number) : (v.match(/../g) ?? []).map((h) => parseInt(h, 16)))));
}
