/**
 * `.printf` (RFC 9741 §2.3): whether a text is what C's printf writes for a
 * format and arguments of given types. Copied beside a generated module
 * with templates/text-controls.ts, which exports {@link matchesPrintf}.
 *
 * The text is read back: each conversion's part of it is parsed as the
 * value it would print, printed again with the same conversion, and must
 * come out the same — so what is accepted is exactly what printf writes
 * (glibc's choices where C leaves them to the implementation: `inf`, `nan`,
 * `-nan`, `%a` as `0x1.8p+0`, rounding half to even on the exact binary
 * value). A floating-point value is looked for near the number written and
 * near the ends of the argument's range, on every float grid (16, 32, 64
 * bits): printf rounds, so the values that print a text form an interval,
 * and if the argument's type has one in it, one of those is.
 */
import { utf8Length } from './runtime.js';

/**
 * What one argument may be. `test`: the argument type's condition (numbers
 * for integers that are safe, bigints beyond). `hints`: every finite end of
 * the type's integer intervals or float range and its literal values, where
 * a value within some bounds is looked for (a `*` width, a float near a
 * range's end). `longer`: for `%.Ns`, whether some value of the type is a
 * longer text that begins with the given one (the text was cut).
 */
export interface PrintfArg {
  test: (value: unknown) => boolean;
  hints?: readonly (number | bigint)[];
  longer?: (prefix: string) => boolean;
}

/** One conversion of a format (`%-08.3x`, `%*.*f`): flags, width, precision (`*`: an argument's) and the conversion letter. */
export interface Conversion {
  flags: string;
  width: number | '*';
  precision: number | '*' | null;
  conversion: string;
}

/** A conversion with its width and precision known. */
export interface Fixed extends Conversion {
  width: number;
  precision: number | null;
}

/** A format as literal text and conversions (`%%` is literal); undefined for what RFC 9741 §2.3 does not allow. */
export function parseFormat(format: string): (string | Conversion)[] | undefined {
  const tokens: (string | Conversion)[] = [];
  const spec = /%([-+ #0]*)(\*|[0-9]*)(?:\.(\*|[0-9]*))?([diouxXscfFeEgGaA%])/y;
  let literal = '';
  for (let i = 0; i < format.length; ) {
    if (format.charAt(i) !== '%') {
      literal += format.charAt(i++);
      continue;
    }
    spec.lastIndex = i;
    const m = spec.exec(format);
    if (m === null) return undefined;
    i += m[0].length;
    if (m[4] === '%') {
      if (m[0] !== '%%') return undefined;
      literal += '%';
      continue;
    }
    if (literal !== '') tokens.push(literal);
    literal = '';
    const precision = m[3] === undefined ? null : m[3] === '*' ? '*' : Number(m[3] || '0');
    tokens.push({ flags: m[1] ?? '', width: m[2] === '*' ? '*' : Number(m[2] || '0'), precision, conversion: m[4] as string });
  }
  if (literal !== '') tokens.push(literal);
  return tokens;
}

/**
 * What each argument of `format` is for, in order: `*` (a width or
 * precision: an integer), `s.` (%s with a precision: a text that may be
 * cut), or the conversion letter; undefined for a format RFC 9741 §2.3 does
 * not allow.
 */
export function printfRoles(format: string): string[] | undefined {
  const tokens = parseFormat(format);
  if (tokens === undefined) return undefined;
  return tokens.flatMap((t) => (typeof t === 'string' ? [] : [...(t.width === '*' ? ['*'] : []), ...(t.precision === '*' ? ['*'] : []), t.conversion === 's' && t.precision !== null ? 's.' : t.conversion]));
}

/** The arguments one conversion takes, in order: a `*` width, a `*` precision, the value. */
interface Takes {
  width: PrintfArg | undefined;
  precision: PrintfArg | undefined;
  value: PrintfArg;
}

const NO_VALUE: PrintfArg = { test: () => false };

/**
 * Whether `text` is what C's printf writes for `format` and some arguments
 * that pass `args` (one per argument, in order; a `*` width or precision
 * takes one before the value's): integers for d, i, u, o, x, X (u, o, x, X
 * only non-negative ones) and for `*`, floats for f, F, e, E, g, G, a, A, a
 * text string for s, a Unicode scalar value (an integer) for c. Every way of
 * splitting the text among the conversions is tried, remembering what
 * failed: conversions × length² splits, each read back in time linear in
 * its length (a `*` adds a factor of the length; a float's exact decimal
 * expansion has up to 767 digits).
 */
export function matchesPrintf(text: string, format: string, args: readonly (PrintfArg | ((value: unknown) => boolean))[]): boolean {
  const tokens = parseFormat(format);
  if (tokens === undefined) return false;
  const given = args.map((a): PrintfArg => (typeof a === 'function' ? { test: a } : a));
  let next = 0;
  const take = () => given[next++] ?? NO_VALUE;
  const takes = tokens.map((t): Takes | null => {
    if (typeof t === 'string') return null;
    const width = t.width === '*' ? take() : undefined;
    const precision = t.precision === '*' ? take() : undefined;
    return { width, precision, value: take() };
  });
  const failed = new Set<number>();
  const from = (t: number, pos: number): boolean => {
    if (t === tokens.length) return pos === text.length;
    const key = t * (text.length + 1) + pos;
    if (failed.has(key)) return false;
    const token = tokens[t] as string | Conversion;
    let ok = false;
    if (typeof token === 'string') ok = text.startsWith(token, pos) && from(t + 1, pos + token.length);
    else {
      for (const end of ends(text, pos, tokens[t + 1])) {
        if (conversionMatches(token, text.slice(pos, end), takes[t] as Takes) && from(t + 1, end)) {
          ok = true;
          break;
        }
      }
    }
    if (!ok) failed.add(key);
    return ok;
  };
  return from(0, 0);
}

/**
 * Where a variable part starting at `pos` may end: before each occurrence of the literal after it, at
 * the end when it is last, else anywhere but between the halves of a surrogate pair (a conversion
 * writes whole characters: half of one is no text).
 */
function ends(text: string, pos: number, next: unknown): number[] {
  if (next === undefined) return [text.length];
  const out: number[] = [];
  if (typeof next === 'string') {
    for (let at = text.indexOf(next, pos); at >= 0; at = text.indexOf(next, at + 1)) out.push(at);
    return out;
  }
  for (let end = pos; end <= text.length; end++) if (!splitsPair(text, end)) out.push(end);
  return out;
}

/** Whether `at` falls between a high and a low surrogate of `text`. */
function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Whether the argument may be `n` (an integer: a width or precision). */
function allows(arg: PrintfArg | undefined, n: number): boolean {
  return arg !== undefined && arg.test(n);
}

/**
 * Whether the argument's type has an integer within lo..hi (±Infinity: no
 * bound). The type is a union of intervals whose finite ends are `hints`: if
 * one meets lo..hi, then lo, hi, one of its ends, or (when it has none) 0 is
 * in both.
 */
function allowsWithin(arg: PrintfArg | undefined, lo: number, hi: number): boolean {
  if (arg === undefined || lo > hi) return false;
  const inside = (n: number | bigint) => n >= lo && n <= hi;
  const tries: (number | bigint)[] = [...(Number.isFinite(lo) ? [lo] : []), ...(Number.isFinite(hi) ? [hi] : []), ...(inside(0) ? [0] : []), ...(arg.hints ?? []).filter(inside)];
  return tries.some((n) => arg.test(n));
}

/** A width or precision a conversion might have had, and whether its argument (if `*`) allows it. */
interface Choice<T> {
  value: T;
  flags?: string;
  allowed: () => boolean;
}

/**
 * The widths that could have written `s` (`length` bytes): the conversion's
 * own; for `*`, any of −length..length when `s` is unpadded, else exactly
 * length (padded on the left) or −length (a negative width is the `-` flag).
 */
function widthChoices(c: Conversion, length: number, arg: PrintfArg | undefined): Choice<number>[] {
  if (c.width !== '*') return [{ value: c.width, allowed: () => true }];
  return [
    { value: 0, allowed: () => allowsWithin(arg, -length, length) },
    { value: length, allowed: () => allows(arg, length) },
    { value: length, flags: `${c.flags}-`, allowed: () => allows(arg, -length) },
  ];
}

/**
 * The precisions that could have written `s` (`length` bytes): the
 * conversion's own; for `*`, none (a negative argument), or each of
 * 0..length+1 (no conversion writes fewer characters than its precision
 * asks, but for %s and %g, which stop early: %s writes the whole value for
 * any larger one, and %g's larger ones are tried by {@link floatMatches}).
 */
function precisionChoices(c: Conversion, length: number, arg: PrintfArg | undefined): Choice<number | null>[] {
  if (c.precision !== '*') return [{ value: c.precision, allowed: () => true }];
  if (c.conversion === 'c') return [{ value: null, allowed: () => allowsWithin(arg, -Infinity, Infinity) }];
  const out: Choice<number | null>[] = [{ value: null, allowed: () => allowsWithin(arg, -Infinity, -1) }];
  if (c.conversion === 's') out.push({ value: null, allowed: () => allowsWithin(arg, length + 1, Infinity) });
  for (let p = 0; p <= length + 1; p++) out.push({ value: p, allowed: () => allows(arg, p) });
  return out;
}

/** Whether `s` is the output of one conversion for arguments that pass `takes`. */
function conversionMatches(c: Conversion, s: string, takes: Takes): boolean {
  const length = utf8Length(s);
  for (const width of widthChoices(c, length, takes.width)) {
    for (const precision of precisionChoices(c, length, takes.precision)) {
      const fixed: Fixed = { ...c, flags: width.flags ?? c.flags, width: width.value, precision: precision.value };
      if (width.allowed() && precision.allowed() && valueMatches(fixed, s, takes.value)) return true;
    }
  }
  // %g with a `*` precision beyond length+1: trailing zeros are dropped, so a larger precision can still write `s`.
  if (c.precision === '*' && (c.conversion === 'g' || c.conversion === 'G')) {
    for (const width of widthChoices(c, length, takes.width)) {
      if (!width.allowed()) continue;
      const fixed: Fixed = { ...c, flags: width.flags ?? c.flags, width: width.value, precision: length + 2 };
      if (floatMatches(fixed, s, takes.value, (x, negative) => largerPrecisionWrites(fixed, x, negative, s, takes.precision))) return true;
    }
  }
  return false;
}

/** Whether `s` is the output of conversion `c` (width and precision known) for a value that passes `arg`. */
function valueMatches(c: Fixed, s: string, arg: PrintfArg): boolean {
  if (c.conversion === 's' || c.conversion === 'c') return textMatches(c, s, arg);
  if ('fFeEgGaA'.includes(c.conversion)) return floatMatches(c, s, arg, (x, negative) => formatFloat(c, x, negative) === s);
  const radix = c.conversion === 'o' ? 8 : c.conversion === 'x' || c.conversion === 'X' ? 16 : 10;
  const digits = radix === 16 ? '[0-9A-Fa-f]' : radix === 8 ? '[0-7]' : '[0-9]';
  const m = new RegExp(`^ *([-+ ]?)(?:0[xX])?(${digits}*) *$`).exec(s);
  if (m === null) return false;
  const magnitude = (m[2] ?? '') === '' ? 0n : BigInt(radix === 10 ? (m[2] as string) : `0${radix === 16 ? 'x' : 'o'}${m[2]}`);
  const value = m[1] === '-' ? -magnitude : magnitude;
  if (formatInteger(c, value) !== s) return false;
  return arg.test(value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value);
}

/**
 * %s and %c: the padding is spaces on one side, and the value itself may
 * begin or end with spaces, so each split is tried. With a precision, %s
 * writes at most that many bytes of the value: the part shown is the whole
 * value, or (when exactly that long) the start of a longer one.
 */
function textMatches(c: Fixed, s: string, arg: PrintfArg): boolean {
  const left = !c.flags.includes('-');
  for (let k = 0; k <= s.length; k++) {
    const pad = left ? s.slice(0, k) : s.slice(s.length - k);
    if (pad.trim() !== '') break;
    const value = left ? s.slice(k) : s.slice(0, s.length - k);
    if (formatText(c, value) !== s) continue;
    if (c.conversion === 's') {
      const length = utf8Length(value);
      if ((c.precision === null || length <= c.precision) && arg.test(value)) return true;
      if (c.precision !== null && length === c.precision && arg.longer !== undefined && arg.longer(value)) return true;
    } else {
      const cp = value.codePointAt(0);
      if (cp !== undefined && String.fromCodePoint(cp) === value && arg.test(cp)) return true;
    }
  }
  return false;
}

/** C's output for an integer conversion, or null for a negative value of an unsigned one. */
export function formatInteger(c: Fixed, value: bigint): string | null {
  const signed = c.conversion === 'd' || c.conversion === 'i';
  if (!signed && value < 0n) return null;
  const radix = c.conversion === 'o' ? 8 : c.conversion === 'x' || c.conversion === 'X' ? 16 : 10;
  let digits = (value < 0n ? -value : value).toString(radix);
  if (c.conversion === 'X') digits = digits.toUpperCase();
  if (c.precision !== null) digits = c.precision === 0 && value === 0n ? '' : digits.padStart(c.precision, '0');
  if (c.conversion === 'o' && c.flags.includes('#') && !digits.startsWith('0')) digits = `0${digits}`;
  const prefix = (c.conversion === 'x' || c.conversion === 'X') && c.flags.includes('#') && value !== 0n ? `0${c.conversion}` : '';
  const sign = value < 0n ? '-' : signed && c.flags.includes('+') ? '+' : signed && c.flags.includes(' ') ? ' ' : '';
  return pad(c, sign, prefix, digits, c.flags.includes('0') && c.precision === null);
}

/** C's output for %s or %c: the UTF-8 text, padded with spaces to `width` bytes. */
export function formatText(c: Fixed, value: string): string {
  return pad(c, '', '', value, false);
}

/** `sign prefix digits` padded to the width: spaces on the right (`-`), zeros after the prefix (`zeros`), or spaces on the left. */
function pad(c: Fixed, sign: string, prefix: string, digits: string, zeros: boolean): string {
  const body = sign + prefix + digits;
  const length = utf8Length(body);
  if (length >= c.width) return body;
  if (c.flags.includes('-')) return body + ' '.repeat(c.width - length);
  if (zeros) return sign + prefix + '0'.repeat(c.width - length) + digits;
  return ' '.repeat(c.width - length) + body;
}

// ---------------------------------------------------------------------------
// Floating-point conversions (%f %e %g %a and their upper-case forms)
// ---------------------------------------------------------------------------

/**
 * Whether `s` is the output of float conversion `c` for a value that passes
 * `arg` and `writes` (given the value and, for NaN, whether its sign bit is
 * set): the number written is read back, and the values tried are those
 * next to it and next to the argument's bounds (see the file's comment).
 */
function floatMatches(c: Fixed, s: string, arg: PrintfArg, writes: (x: number, negative: boolean) => boolean): boolean {
  const body = s.trim();
  const negative = body.startsWith('-');
  const unsigned = /^[-+]/.test(body) ? body.slice(1) : body;
  const lower = unsigned.toLowerCase();
  if (lower === 'nan') return arg.test(Number.NaN) && writes(Number.NaN, negative);
  if (lower === 'inf') return arg.test(negative ? -Infinity : Infinity) && writes(negative ? -Infinity : Infinity, negative);
  const magnitude = c.conversion === 'a' || c.conversion === 'A' ? readHexFloat(lower) : /^[0-9]+(\.[0-9]*)?(e[-+][0-9]+)?$/.test(lower) ? Number(lower) : undefined;
  if (magnitude === undefined) return false;
  // A number written beyond the greatest double (`%.0e` of it: "2e+308") was rounded up from one near it.
  const finite = Number.isFinite(magnitude) ? magnitude : Number.MAX_VALUE;
  const written = negative ? -finite : finite;
  const near = [written, ...(arg.hints ?? []).map(Number).filter(Number.isFinite)];
  for (const base of near) {
    for (const x of gridNeighbours(base)) if (arg.test(x) && writes(x, x < 0 || Object.is(x, -0))) return true;
  }
  return false;
}

/** `0x1.8p+0` → 1.5 (lower case); undefined when it is not hexadecimal floating-point notation. */
function readHexFloat(text: string): number | undefined {
  const m = /^0x0*([0-9a-f])(?:\.([0-9a-f]*))?p([-+][0-9]+)$/.exec(text);
  if (m === null) return undefined;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > 13) return undefined; // More than a double holds: printf pads with zeros beyond its 13 digits.
  const mantissa = parseInt(`${m[1]}${fraction}`, 16);
  return scaleByPowerOfTwo(mantissa, Number(m[3]) - 4 * fraction.length);
}

/** `x` × 2^`n`, rounded once (in steps that neither overflow nor underflow before the last). */
function scaleByPowerOfTwo(x: number, n: number): number {
  for (; n > 1000; n -= 1000) x *= 2 ** 1000;
  for (; n < -1000; n += 1000) x *= 2 ** -1000;
  return x * 2 ** n;
}

/** The binary floating-point formats a CBOR float can be: mantissa bits, least normal exponent, greatest finite value. */
const GRIDS = [
  { bits: 10, minExponent: -14, max: 65504 },
  { bits: 23, minExponent: -126, max: 3.4028234663852886e38 },
  { bits: 52, minExponent: -1022, max: Number.MAX_VALUE },
] as const;

/** The values of each grid just below and just above `x`, and one step further on each side (for exclusive bounds). */
function gridNeighbours(x: number): number[] {
  const out = [x];
  for (const grid of GRIDS) {
    const a = Math.abs(x);
    const unit = 2 ** (Math.max(exponentOf(a), grid.minExponent) - grid.bits);
    const below = Math.floor(a / unit) * unit;
    const above = Math.ceil(a / unit) * unit;
    const steps = [below - stepBelow(below, grid), below, above, above + stepAbove(above, grid)];
    // Beyond the greatest finite value of the grid, that value is the nearest.
    for (const v of steps) if (v >= 0) out.push((x < 0 || Object.is(x, -0) ? -1 : 1) * Math.min(v, grid.max));
  }
  return out;
}

/** The spacing of a grid just above `v` (non-negative). */
function stepAbove(v: number, grid: (typeof GRIDS)[number]): number {
  return 2 ** (Math.max(exponentOf(v), grid.minExponent) - grid.bits);
}

/** The spacing of a grid just below `v` (non-negative): half the unit at a power of two. */
function stepBelow(v: number, grid: (typeof GRIDS)[number]): number {
  if (v === 0) return 2 ** (grid.minExponent - grid.bits);
  const e = Math.max(exponentOf(v), grid.minExponent);
  const unit = 2 ** (e - grid.bits);
  return v === 2 ** e && e > grid.minExponent ? unit / 2 : unit;
}

/** ⌊log2 a⌋ for a positive finite number (Math.log2 may be off by one near powers of two); -1074 for 0. */
function exponentOf(a: number): number {
  if (a === 0) return -1074;
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  return e;
}

/**
 * %g with a `*` precision above length+1 (`fixed.precision`): the larger
 * precisions that write `s` run from there up to some largest one (or on
 * without end once the value's whole decimal expansion is written), found
 * by halving; the argument must allow one of them.
 */
function largerPrecisionWrites(fixed: Fixed, x: number, negative: boolean, s: string, arg: PrintfArg | undefined): boolean {
  const at = (p: number) => formatFloat({ ...fixed, precision: p }, x, negative) === s;
  const from = fixed.precision as number;
  if (!at(from)) return false;
  const ENOUGH = 800; // a double's exact decimal expansion has at most 767 significant digits
  if (at(Math.max(from, ENOUGH))) return allowsWithin(arg, from, Infinity);
  let lo = from;
  let hi = ENOUGH;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (at(mid)) lo = mid;
    else hi = mid;
  }
  return allowsWithin(arg, from, lo);
}

/** C's (glibc's) output for a float conversion of `x`; `negative`: the sign bit (which a NaN has or not). */
function formatFloat(c: Fixed, x: number, negative: boolean): string {
  const upper = c.conversion !== c.conversion.toLowerCase();
  const sign = negative ? '-' : c.flags.includes('+') ? '+' : c.flags.includes(' ') ? ' ' : '';
  const alternate = c.flags.includes('#');
  if (!Number.isFinite(x)) {
    const word = Number.isNaN(x) ? 'nan' : 'inf';
    return pad(c, sign, '', upper ? word.toUpperCase() : word, false);
  }
  const a = Math.abs(x);
  let prefix = '';
  let digits: string;
  switch (c.conversion.toLowerCase()) {
    case 'f':
      digits = fixedNotation(a, c.precision ?? 6, alternate);
      break;
    case 'e':
      digits = exponentNotation(a, c.precision ?? 6, alternate);
      break;
    case 'g':
      digits = generalNotation(a, c.precision, alternate);
      break;
    default:
      prefix = '0x';
      digits = hexNotation(a, c.precision, alternate);
  }
  if (upper) {
    prefix = prefix.toUpperCase();
    digits = digits.toUpperCase();
  }
  return pad(c, sign, prefix, digits, c.flags.includes('0'));
}

/** `a` exactly as digits × 10^exponent (every double is a finite decimal). */
function exactDecimal(a: number): { digits: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const biased = (view.getUint32(0) >>> 20) & 0x7ff;
  let mantissa = (BigInt(view.getUint32(0) & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (biased !== 0) mantissa |= 1n << 52n;
  const e2 = biased === 0 ? -1074 : biased - 1075;
  // m × 2^e = m × 5^-e × 10^e
  return e2 >= 0 ? { digits: mantissa << BigInt(e2), exponent: 0 } : { digits: mantissa * 5n ** BigInt(-e2), exponent: e2 };
}

/** digits × 10^shift rounded to an integer, half to even. */
function roundScaled(digits: bigint, shift: number): bigint {
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const divisor = 10n ** BigInt(-shift);
  const quotient = digits / divisor;
  const twice = 2n * (digits % divisor);
  return twice > divisor || (twice === divisor && (quotient & 1n) === 1n) ? quotient + 1n : quotient;
}

/** %f: `precision` digits after the point. */
function fixedNotation(a: number, precision: number, alternate: boolean): string {
  const { digits, exponent } = exactDecimal(a);
  const text = roundScaled(digits, exponent + precision).toString().padStart(precision + 1, '0');
  const whole = text.slice(0, text.length - precision);
  return precision > 0 ? `${whole}.${text.slice(whole.length)}` : alternate ? `${whole}.` : whole;
}

/** The decimal exponent of `a` once rounded to `significant` digits, and those digits. */
function significantDigits(a: number, significant: number): { text: string; exponent: number } {
  if (a === 0) return { text: '0'.repeat(significant), exponent: 0 };
  const { digits, exponent } = exactDecimal(a);
  let e = digits.toString().length - 1 + exponent;
  let rounded = roundScaled(digits, exponent + significant - 1 - e);
  if (rounded.toString().length > significant) {
    rounded /= 10n; // 9.99… rounded up to 10.0…: the last digit is a 0
    e++;
  }
  return { text: rounded.toString(), exponent: e };
}

/** %e: one digit, the point, `precision` digits, and the exponent (two digits at least). */
function exponentNotation(a: number, precision: number, alternate: boolean): string {
  const { text, exponent } = significantDigits(a, precision + 1);
  const point = precision > 0 || alternate ? '.' : '';
  return `${text.charAt(0)}${point}${text.slice(1)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** %g: %f or %e by the exponent, with `precision` significant digits, then (unless `#`) without trailing zeros. */
function generalNotation(a: number, precision: number | null, alternate: boolean): string {
  const p = precision === null ? 6 : precision === 0 ? 1 : precision;
  const { exponent } = significantDigits(a, p);
  const text = p > exponent && exponent >= -4 ? fixedNotation(a, p - 1 - exponent, alternate) : exponentNotation(a, p - 1, alternate);
  if (alternate) return text;
  return text.replace(/^([^e]*\.[0-9]*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
}

/** %a as glibc writes it: `1.` and 13 hex digits (`0.` for zero and subnormals), rounded to the precision, and a binary exponent. */
function hexNotation(a: number, precision: number | null, alternate: boolean): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, a);
  const biased = (view.getUint32(0) >>> 20) & 0x7ff;
  const fraction = (BigInt(view.getUint32(0) & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  const lead = biased === 0 ? 0n : 1n;
  const exponent = a === 0 ? 0 : biased === 0 ? -1022 : biased - 1023;
  let hex: string;
  let leading = lead;
  if (precision === null) hex = fraction.toString(16).padStart(13, '0').replace(/0+$/, '');
  else if (precision >= 13) hex = fraction.toString(16).padStart(13, '0').padEnd(precision, '0');
  else {
    const drop = BigInt(4 * (13 - precision));
    const whole = (lead << 52n) | fraction;
    const half = 1n << (drop - 1n);
    let kept = whole >> drop;
    const rest = whole & ((1n << drop) - 1n);
    if (rest > half || (rest === half && (kept & 1n) === 1n)) kept++;
    leading = kept >> BigInt(4 * precision);
    hex = precision === 0 ? '' : (kept & ((1n << BigInt(4 * precision)) - 1n)).toString(16).padStart(precision, '0');
  }
  const point = hex !== '' || alternate ? '.' : '';
  return `${leading.toString(16)}${point}${hex}p${exponent < 0 ? '-' : '+'}${Math.abs(exponent)}`;
}
