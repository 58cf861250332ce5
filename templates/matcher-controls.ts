/**
 * Controls and patterns for the general matcher (matcher.ts): a value
 * matches `target .op controller` when it matches the target and the
 * control holds, as RFC 8610 §3.8, RFC 9165 and RFC 9741 define them.
 * `.and`/`.within` match both sides (`.within` only adds the author's intent);
 * `.default` and `.feature` are their target at run time; `.cat` is what the
 * lowering leaves of it (program.ts): some split matching both sides; `.ne` is the target
 * without what the controller matches, `.eq` the target with it. RFC 9741's
 * text controls use templates/text-controls.ts, as typed code does.
 */
import { CborAny, CborFloat, contentOf, readCborValue, type CborValue } from './cbor-any.js';
import { byteLengthOfBigInt, CborReader, isBytes, isDecodeError, utf8Length } from './runtime.js';
import type { ProgramLiteral, ProgramType } from './program.js';
import { isProperPrefix } from './regexp-prefixes.js';
import { isDedentedWord } from './dedented-patterns.js';
import { dedent, encodesBytes, holdsJson, isBase10, isDedentedLine, isDedentingWithin, matchesJoin, matchesPrintf, printfRoles, reindentedWithin, type BaseEncoding, type JoinPart, type PrintfArg } from './text-controls.js';
import { matchesAbnf } from './abnf-recogniser.js';
import { describe, typeText, type Matcher } from './matcher.js';
import { anyInt, bignumOf, floatOf } from './matcher-values.js';

type Control = Extract<ProgramType, { kind: 'control' }>;
type Pattern = Extract<ProgramType, { kind: 'pattern' }>;

const BASE_ENCODINGS: ReadonlySet<string> = new Set(['b64u', 'b64u-sloppy', 'b64c', 'b64c-sloppy', 'b32', 'h32', 'hex', 'hexlc', 'hexuc', 'b45']);

/** `.regexp`, `.abnf` (text) and `.abnfb` (bytes, read as latin1): the target, and the whole string matching. */
export function matchPattern(m: Matcher, t: Pattern, v: CborValue): boolean {
  if (!m.type(t.target, v)) return false;
  if ('grammar' in t) {
    const input = t.alphabet === 'text' ? (typeof v === 'string' ? v : null) : isBytes(v) ? v : null;
    return (input !== null && matchesAbnf(input, t.grammar)) || m.fail(`expected ${t.alphabet === 'text' ? 'text' : 'bytes'} matching its ABNF grammar, got ${describe(v)}`);
  }
  let subject: string | null = null;
  if (t.alphabet === 'text' && typeof v === 'string') subject = v;
  if (t.alphabet === 'bytes' && isBytes(v)) {
    subject = '';
    for (const b of v) subject += String.fromCharCode(b);
  }
  if (subject !== null && m.regExp(t).test(subject)) return true;
  return m.fail(`expected ${t.alphabet === 'text' ? 'text' : 'bytes'} matching /${t.source.length > 60 ? `${t.source.slice(0, 60)}…` : t.source}/, got ${describe(v)}`);
}

export function matchControl(m: Matcher, t: Control, v: CborValue): boolean {
  // A control that leaves only safe integers (`uint .le 65535`, `uint .size 4`) refuses a greater one by its bound, as typed
  // code reads such a set as numbers, not as one `integers: 'number'` cannot hold (matcher.ts): its target keeps it.
  if (m.integers !== 'keep' && boundedSafely(m, t)) return m.withIntegers('keep', () => matchOwnControl(m, t, v));
  return matchOwnControl(m, t, v);
}

function matchOwnControl(m: Matcher, t: Control, v: CborValue): boolean {
  // The control's own test reads an item kept with its head (a CborAny) as its value; its target and controller
  // get it as it is, for a `#M.AI` in them to look at the head.
  const item = v instanceof CborAny ? contentOf(v) : v;
  switch (t.op) {
    case 'and':
    case 'within':
      return m.type(t.target, v) && m.type(t.controller, v);
    case 'default':
    case 'feature':
      return m.type(t.target, v);
    case 'eq':
      return m.type(t.target, v) && (m.test(t.controller, asInteger(item)) || m.fail(`expected a value equal to ${typeText(t.controller, 1)}, got ${describe(item)}`));
    case 'ne':
      return m.type(t.target, v) && (!m.test(t.controller, asInteger(item)) || m.fail(`expected a value other than ${typeText(t.controller, 1)}`));
    case 'size':
      return m.type(t.target, v) && (sizeHolds(m, t.controller, item) || m.fail(`expected a size of ${typeText(t.controller, 1)}, got ${describe(item)}`));
    case 'bits':
      return m.type(t.target, v) && (bitsHold(m, t.controller, item) || m.fail(`expected only the bits ${typeText(t.controller, 1)} set, got ${describe(item)}`));
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return m.type(t.target, v) && (compares(t.op, t.controller, item) || m.fail(`expected a number .${t.op} ${typeText(t.controller, 1)}, got ${describe(item)}`));
    case 'cbor':
    case 'cborseq':
      return m.type(t.target, v) && embedded(m, t, item);
    case 'det':
      return dedentedConcatenation(m, t, item) || m.fail(`expected a ${stringKind(m, t.target, 0) === 'text' ? 'text' : 'byte'} string that is ${typeText(t.target, 1)} dedented then ${typeText(t.controller, 1)} dedented, got ${describe(item)}`);
    case 'cat':
      return concatenated(m, t, item) || m.fail(`expected a ${stringKind(m, t.target, 0) === 'text' ? 'text' : 'byte'} string that is ${typeText(t.target, 1)} then ${typeText(t.controller, 1)}, got ${describe(item)}`);
    default:
      if (BASE_ENCODINGS.has(t.op) || ['base10', 'decimal', 'json', 'printf', 'join'].includes(t.op)) {
        // Integers read out of the text only fail the control, as typed code's do (docs/config.md, `integers`).
        return m.type(t.target, v) && (m.withIntegers('refuse', () => textControl(m, t, item)) || m.fail(`expected ${t.op === 'join' ? 'a string' : 'text'} that .${t.op} ${typeText(t.controller, 1)} accepts, got ${describe(item)}`));
      }
      return m.fail(`the control operator .${t.op} is not known`);
  }
}

/**
 * A bignum (tag 2 or 3) as the integer it stands for, which `.eq` and `.ne` compare with their controller: the bignum
 * types take it as that integer and give it back in preferred serialisation (RFC 8949 §3.4.3: `2(h'')` is `0`), so
 * `bigint .eq 0` takes it and `bigint .ne 0` does not, as `.le 0 .ge 0` would. Anything else as it is.
 */
function asInteger(v: CborValue): CborValue {
  return bignumOf(v) ?? v;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const INT_MIN = -(2n ** 64n);
const INT_MAX = 2n ** 64n - 1n;
const safeBounded = new WeakMap<Control, boolean>();

/** Whether every value of the control is an integer within ±(2^53 − 1), as far as {@link intBounds} tells. */
function boundedSafely(m: Matcher, t: Control): boolean {
  let known = safeBounded.get(t);
  if (known === undefined) {
    const bounds = intBounds(m, t, 0);
    known = bounds !== null && bounds[0] >= -SAFE && bounds[1] <= SAFE;
    safeBounded.set(t, known);
  }
  return known;
}

/**
 * The least and greatest value of a type of integers only (integer literals, ranges, `uint`/`nint`/`int`, choices and
 * references of them, and the controls that bound them: `.lt .le .gt .ge .eq .size .and .within`); null when the type
 * may hold anything else, or its bounds are not that simply known.
 */
function intBounds(m: Matcher, t: ProgramType, hops: number): readonly [bigint, bigint] | null {
  if (hops > 32) return null;
  switch (t.kind) {
    case 'literal':
      return t.value.type === 'int' ? [BigInt(t.value.value), BigInt(t.value.value)] : null;
    case 'range':
      return t.min.type === 'int' && t.max.type === 'int' ? [BigInt(t.min.value), BigInt(t.max.value) - (t.inclusive ? 0n : 1n)] : null;
    case 'prim':
      return t.prim === 'uint' ? [0n, INT_MAX] : t.prim === 'nint' ? [INT_MIN, -1n] : t.prim === 'int' ? [INT_MIN, INT_MAX] : null;
    case 'ref': {
      const rule = m.ruleOf(t.rule);
      return rule?.kind === 'type' ? intBounds(m, rule.type, hops + 1) : null;
    }
    case 'choice': {
      let lo: bigint | null = null;
      let hi: bigint | null = null;
      for (const option of t.options) {
        const b = intBounds(m, option, hops + 1);
        if (b === null) return null;
        lo = lo === null || b[0] < lo ? b[0] : lo;
        hi = hi === null || b[1] > hi ? b[1] : hi;
      }
      return lo === null || hi === null ? null : [lo, hi];
    }
    case 'control': {
      const target = intBounds(m, t.target, hops + 1);
      const bound = t.controller.kind === 'literal' && t.controller.value.type === 'int' ? BigInt(t.controller.value.value) : null;
      switch (t.op) {
        case 'lt':
        case 'le':
        case 'gt':
        case 'ge':
        case 'eq': {
          if (target === null || bound === null) return target;
          const lo = t.op === 'gt' ? bound + 1n : t.op === 'ge' || t.op === 'eq' ? bound : null;
          const hi = t.op === 'lt' ? bound - 1n : t.op === 'le' || t.op === 'eq' ? bound : null;
          return [lo !== null && lo > target[0] ? lo : target[0], hi !== null && hi < target[1] ? hi : target[1]];
        }
        case 'size': {
          // An integer of at most k bytes: its magnitude (n, or −1 − n) is below 256^k.
          const sizes = intBounds(m, t.controller, hops + 1);
          if (target === null || sizes === null) return target;
          const most = 256n ** (sizes[1] < 0n ? 0n : sizes[1] > 16n ? 16n : sizes[1]);
          return [-most > target[0] ? -most : target[0], most - 1n < target[1] ? most - 1n : target[1]];
        }
        case 'and':
        case 'within': {
          const other = intBounds(m, t.controller, hops + 1);
          if (target === null || other === null) return target ?? other;
          return [target[0] > other[0] ? target[0] : other[0], target[1] < other[1] ? target[1] : other[1]];
        }
        case 'ne':
        case 'bits':
        case 'default':
        case 'feature':
          return target;
        default:
          return null;
      }
    }
    default:
      return null;
  }
}

/** `.size`: a string's length in bytes is one the controller allows; an integer fits in that many bytes (RFC 8610 §3.8.1). */
function sizeHolds(m: Matcher, controller: ProgramType, v: CborValue): boolean {
  if (typeof v === 'string') return m.test(controller, utf8Length(v));
  if (isBytes(v)) return m.test(controller, v.length);
  const n = anyInt(v);
  if (n === null) return false;
  return allowsAtLeast(m, controller, byteLengthOfBigInt(n >= 0n ? n : -1n - n));
}

/** Whether the controller (a number, a range, a choice of them) allows some size of `needed` bytes or more. */
function allowsAtLeast(m: Matcher, t: ProgramType, needed: number): boolean {
  switch (t.kind) {
    case 'literal':
      return t.value.type === 'int' && BigInt(t.value.value) >= BigInt(needed);
    case 'range': {
      // Its greatest size, which an empty range (`2 ... 2`) does not have.
      if (t.max.type !== 'int' || t.min.type !== 'int') return false;
      const most = BigInt(t.max.value) - (t.inclusive ? 0n : 1n);
      return most >= BigInt(needed) && most >= BigInt(t.min.value);
    }
    case 'choice':
      return t.options.some((o) => allowsAtLeast(m, o, needed));
    case 'prim':
      return t.prim === 'uint' || t.prim === 'int' || t.prim === 'biguint' || t.prim === 'bigint' || t.prim === 'any';
    default:
      for (let n = needed; n <= needed + 64; n++) if (m.test(t, n)) return true;
      return false;
  }
}

/** `.bits`: every bit set is a position the controller allows; in a byte string bit n is `(bytes[n >> 3] >> (n & 7)) & 1`. */
function bitsHold(m: Matcher, controller: ProgramType, v: CborValue): boolean {
  if (isBytes(v)) {
    for (let i = 0; i < v.length; i++) {
      for (let bit = 0; bit < 8; bit++) if (((v[i] as number) >> bit) & 1 && !m.test(controller, i * 8 + bit)) return false;
    }
    return true;
  }
  // The target decided which items are integers here (`uint` plain ones, `biguint` bignums too): a bignum's bits are those of the integer it stands for.
  const n = anyInt(v);
  if (n === null || n < 0n) return false;
  for (let bit = 0, rest = n; rest > 0n; bit++, rest >>= 1n) if (rest & 1n && !m.test(controller, bit)) return false;
  return true;
}

/** `.lt .le .gt .ge` between numbers; integers and floats compare by value. */
function compares(op: string, controller: ProgramType, v: CborValue): boolean {
  const bound = controller.kind === 'literal' && (controller.value.type === 'int' || controller.value.type === 'float') ? controller.value : null;
  if (bound === null) return false;
  const int = anyInt(v);
  const float = floatOf(v);
  let order: number;
  if (int !== null && bound.type === 'int') {
    const b = BigInt(bound.value);
    order = int < b ? -1 : int > b ? 1 : 0;
  } else if (int !== null) {
    // An integer against a float, exactly: Number() of an integer beyond 2^53 rounds (2^64 − 1 is 2^64 as a float),
    // which would put `biguint .ge 18446744073709551615.5` (2^64) at 2^64 − 1. Typed code compares the same way.
    const b = Number(bound.value);
    if (b !== b) return false;
    if (b === Infinity || b === -Infinity) order = b > 0 ? -1 : 1;
    else if (Number.isInteger(b)) order = int < BigInt(b) ? -1 : int > BigInt(b) ? 1 : 0;
    else order = int <= BigInt(Math.floor(b)) ? -1 : 1;
  } else if (float !== null && bound.type === 'int' && Number.isFinite(float.value)) {
    // A finite float against an integer, exactly (the integer may be beyond 2^53, where Number() rounds it).
    const b = BigInt(bound.value);
    const floor = BigInt(Math.floor(float.value));
    order = floor < b ? -1 : floor > b || !Number.isInteger(float.value) ? 1 : 0;
  } else {
    const x = int !== null ? Number(int) : float?.value;
    const b = Number(bound.value);
    if (x === undefined || x !== x || b !== b) return false;
    order = x < b ? -1 : x > b ? 1 : 0;
  }
  return op === 'lt' ? order < 0 : op === 'le' ? order <= 0 : op === 'gt' ? order > 0 : order >= 0;
}

/**
 * `.cbor T`: the bytes are one data item matching T; `.cborseq T`: a sequence
 * of items that match T's array group (RFC 8610 §3.8.4). Nested items count
 * toward the one depth limit, as if they stood in the byte string's place
 * (the typed decoders' verifyEmbedded): the embedding is no level, nor is
 * the array a sequence's items are matched as.
 */
function embedded(m: Matcher, t: Control, v: CborValue): boolean {
  if (!isBytes(v)) return m.fail(`expected a byte string holding CBOR, got ${describe(v)}`);
  const items: CborValue[] = [];
  try {
    const reader = new CborReader(v, { maxDepth: m.maxDepth, depth: m.depth });
    do {
      if (reader.pos === v.length && t.op === 'cborseq') break;
      items.push(readCborValue(reader, '', true));
    } while (t.op === 'cborseq');
    reader.finish();
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    return m.failAt({ kind: 'embedded' }, `the byte string does not hold ${t.op === 'cbor' ? 'one data item' : 'a CBOR sequence'}: ${error.message}`);
  }
  return m.inside(t.op === 'cbor' ? 0 : -1, () => {
    m.steps.push({ kind: 'embedded' });
    try {
      return m.type(t.controller, t.op === 'cbor' ? (items[0] as CborValue) : items);
    } finally {
      m.steps.pop();
    }
  });
}

function textControl(m: Matcher, t: Control, v: CborValue): boolean {
  const test = (x: unknown) => m.test(t.controller, x as CborValue);
  if (BASE_ENCODINGS.has(t.op)) return typeof v === 'string' && encodesBytes(v, t.op as BaseEncoding, test);
  if (t.op === 'base10' || t.op === 'decimal') return typeof v === 'string' && isBase10(v, test);
  if (t.op === 'json') {
    const budget = Math.max(0, m.maxDepth - m.depth);
    return typeof v === 'string' && holdsJson(v, (encoded) => m.test(t.controller, readCborValue(new CborReader(encoded, { maxDepth: budget }))), budget);
  }
  const members = arrayMembers(m, t.controller);
  if (members === null) return false;
  if (t.op === 'printf') {
    const [format, ...args] = members;
    if (typeof v !== 'string' || format?.kind !== 'literal' || format.value.type !== 'text') return false;
    const roles = printfRoles(format.value.value);
    if (roles === undefined || roles.length !== args.length) return false;
    return matchesPrintf(v, format.value.value, args.map((arg, i) => printfArg(m, arg, roles[i] as string)));
  }
  if (typeof v !== 'string' && !isBytes(v)) return false;
  return matchesJoin(v, members.map((part) => joinPart(m, part)));
}

/**
 * `.cat` of string types that no pattern says (RFC 9165 §2.2, `(tstr .size 3) .cat "x"`): a string of
 * the target's kind whose bytes some split makes a value of the target then one of the controller,
 * which is `.join` of the two (a text part must be UTF-8 on its own).
 */
function concatenated(m: Matcher, t: Control, v: CborValue): boolean {
  const text = stringKind(m, t.target, 0) === 'text';
  if (text ? typeof v !== 'string' : !isBytes(v)) return false;
  return matchesJoin(v as string | Uint8Array, [joinPart(m, t.target), joinPart(m, t.controller)]);
}

/**
 * `.det` that only a split can check (RFC 9165 §2.3, `(tstr .size 3) .det "x"`): each side dedented,
 * then concatenated. The program keeps it only where a side is a string type with a size or a
 * pattern, or one whose values are their own dedenting (`undented`: `.json`, an encoding, `.cbor`)
 * (the typed layouts compute the rest), so a side is a literal (dedented here), a plain
 * string type (any dedented string), one with a size (text-controls.ts isDedentingWithin) or one
 * with a pattern (the node's `patterns`, as the typed layouts read it: dedented-patterns.ts
 * isDedentedWord); anything else fails.
 */
function dedentedConcatenation(m: Matcher, t: Control, v: CborValue): boolean {
  const text = stringKind(m, t.target, 0) === 'text';
  if (text ? typeof v !== 'string' : !isBytes(v)) return false;
  const part = (i: 0 | 1, side: ProgramType) => dedentedPart(m, side, t.patterns?.[i] ?? null, t.sizes?.[i] ?? null, t.undented?.[i] === true, t.leading?.[i] ?? null);
  return matchesJoin(v as string | Uint8Array, [part(0, t.target), part(1, t.controller)]);
}

function dedentedPart(m: Matcher, side: ProgramType, pattern: string | null, size: readonly [number, number | null] | null, undented: boolean, leading: number | null): JoinPart {
  const whole = side;
  for (let hops = 0; side.kind === 'ref' && hops < 64; hops++) {
    const rule = m.ruleOf(side.rule);
    if (rule?.kind !== 'type') break;
    side = rule.type;
  }
  const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');
  if (side.kind === 'literal' && side.value.type === 'text') return { text: true, literal: dedent(side.value.value) };
  if (side.kind === 'literal' && side.value.type === 'bytes') {
    const bytes = Uint8Array.from(side.value.hex.match(/../g) ?? [], (h) => parseInt(h, 16));
    return { text: false, literal: Uint8Array.from(dedent(latin1(bytes)), (c) => c.charCodeAt(0)) };
  }
  const text = stringKind(m, side, 0) === 'text';
  // A control whose values dedenting maps to values (.json, .b64u, .decimal): those it leaves alone.
  // .json with a pattern (and a size): its re-indentations are JSON of its value (computed.ts says why), so the text must be JSON the side's .json accepts and the dedenting of a word of the pattern (of the size).
  if (undented && pattern !== null) {
    const json = jsonControls(m, whole, 0);
    return { text, test: (x: unknown) => typeof x === 'string' && json.length > 0 && json.every((node) => m.test(node, x)) && isDedentedWord(x, pattern, size ?? undefined) };
  }
  // .json with a size: one re-indentation of the right size stands for all (JSON of the same value: computed.ts says why).
  if (undented && size !== null) return { text, test: (x: unknown) => { const a = typeof x === 'string' && dedent(x) === x ? reindentedWithin(x, size) : null; return a !== null && m.test(whole, a); } };
  if (undented) {
    // Text, or bytes (`.cbor`) read as latin1: spaces and line feeds are ASCII.
    return { text, test: (x: unknown) => { const s = typeof x === 'string' ? x : x instanceof Uint8Array ? latin1(x) : null; return s !== null && dedent(s) === s && m.test(whole, x as CborValue); } };
  }
  // .b45: a value is one line with at most `leading` spaces before it (computed.ts B45_MOST_SPACES).
  if (leading !== null) return { text, test: (x: unknown) => typeof x === 'string' && isDedentedLine(x, leading, (line) => m.test(whole, line)) };
  // A choice of literals: each dedented.
  const literals = literalStrings(m, side, 0);
  if (literals !== null) {
    const dedented = new Set(literals.map(dedent));
    return { text, test: (x: unknown) => dedented.has(typeof x === 'string' ? x : x instanceof Uint8Array ? latin1(x) : '') && (typeof x === 'string') === text };
  }
  // A side with a pattern (and a size), as the typed layouts read it: the dedenting of one of its words (of that size: dedented-patterns.ts).
  if (pattern !== null) return { text, test: (x: unknown) => isDedentedWord(x as string | Uint8Array, pattern, size ?? undefined) };
  const sizes = side.kind === 'control' && side.op === 'size' ? sizeIntervals(m, side.controller, 0) : side.kind === 'prim' ? [[0, null] as const] : null;
  return { text, test: (x: unknown) => sizes !== null && isDedentingWithin(x as string | Uint8Array, sizes) };
}

/** The `.json` controls a side with a pattern is made of, through names, `.and`, `.within`, `.size` and patterns on it. */
function jsonControls(m: Matcher, t: ProgramType, hops: number): ProgramType[] {
  if (hops > 64) return [];
  if (t.kind === 'ref') {
    const rule = m.ruleOf(t.rule);
    return rule?.kind === 'type' ? jsonControls(m, rule.type, hops + 1) : [];
  }
  if (t.kind === 'pattern') return jsonControls(m, t.target, hops + 1);
  if (t.kind !== 'control') return [];
  if (t.op === 'json') return [t];
  if (t.op === 'and' || t.op === 'within') return [...jsonControls(m, t.target, hops + 1), ...jsonControls(m, t.controller, hops + 1)];
  return t.op === 'size' ? jsonControls(m, t.target, hops + 1) : [];
}

/** The values of a choice of string literals (through names), bytes as latin1; null for anything else. */
function literalStrings(m: Matcher, t: ProgramType, hops: number): string[] | null {
  if (hops > 64) return null;
  if (t.kind === 'ref') {
    const rule = m.ruleOf(t.rule);
    return rule?.kind === 'type' ? literalStrings(m, rule.type, hops + 1) : null;
  }
  if (t.kind === 'literal' && t.value.type === 'text') return [t.value.value];
  if (t.kind === 'literal' && t.value.type === 'bytes') return [(t.value.hex.match(/../g) ?? []).map((h) => String.fromCharCode(parseInt(h, 16))).join('')];
  if (t.kind !== 'choice') return null;
  const all = t.options.map((o) => literalStrings(m, o, hops + 1));
  return all.some((o) => o === null) ? null : (all as string[][]).flat();
}

/** A `.size` controller as ranges of lengths (literals, ranges, choices of them, through names); null for anything else. */
function sizeIntervals(m: Matcher, t: ProgramType, hops: number): [bigint, bigint][] | null {
  if (hops > 64) return null;
  switch (t.kind) {
    case 'ref': {
      const rule = m.ruleOf(t.rule);
      return rule?.kind === 'type' ? sizeIntervals(m, rule.type, hops + 1) : null;
    }
    case 'literal':
      return t.value.type === 'int' ? [[BigInt(t.value.value), BigInt(t.value.value)]] : null;
    case 'range':
      return t.min.type === 'int' && t.max.type === 'int' ? [[BigInt(t.min.value), BigInt(t.max.value) - (t.inclusive ? 0n : 1n)]] : null;
    case 'choice': {
      const all = t.options.map((o) => sizeIntervals(m, o, hops + 1));
      return all.some((a) => a === null) ? null : (all as [bigint, bigint][][]).flat();
    }
    default:
      return null;
  }
}

/** A `.join` part: a literal string, or a string type tested by the matcher. */
function joinPart(m: Matcher, part: ProgramType): JoinPart {
  if (part.kind === 'literal' && part.value.type === 'text') return { text: true, literal: part.value.value };
  if (part.kind === 'literal' && part.value.type === 'bytes') return { text: false, literal: Uint8Array.from(part.value.hex.match(/../g) ?? [], (h) => parseInt(h, 16)) };
  return { text: stringKind(m, part, 0) === 'text', test: (x: unknown) => m.test(part, x as CborValue) };
}

/**
 * One `.printf` argument (templates/printf.ts): floats are tested as
 * CBOR floats; a `*` width or precision and a float get the finite ends of
 * their type's bounds (`hints`); a cut %s asks whether a longer value
 * begins with the text shown.
 */
function printfArg(m: Matcher, arg: ProgramType, role: string): PrintfArg {
  const float = 'fFeEgGaA'.includes(role);
  const test = (x: unknown) => m.test(arg, (float && typeof x === 'number' ? new CborFloat(x) : x) as CborValue);
  if (role === 's.') return { test, longer: (prefix) => longerText(m, arg, prefix, 0) };
  return role === '*' || float ? { test, hints: boundsOf(m, arg, 0) } : { test };
}

/** The finite ends and literal values of a number type, through references, choices and comparisons (`.lt 5`: 4 and 5). */
function boundsOf(m: Matcher, t: ProgramType, hops: number): (number | bigint)[] {
  if (hops > 64) return [];
  const literal = (l: ProgramLiteral): (number | bigint)[] => (l.type === 'int' ? [BigInt(l.value)] : l.type === 'float' ? [l.value] : []);
  switch (t.kind) {
    case 'ref': {
      const rule = m.ruleOf(t.rule);
      return rule?.kind === 'type' ? boundsOf(m, rule.type, hops + 1) : [];
    }
    case 'choice':
      return t.options.flatMap((o) => boundsOf(m, o, hops + 1));
    case 'literal':
      return literal(t.value);
    case 'range':
      return [...literal(t.min), ...literal(t.max)];
    case 'prim':
      return t.prim === 'uint' ? [0n] : t.prim === 'nint' ? [-1n] : [];
    case 'control': {
      const target = boundsOf(m, t.target, hops + 1);
      const controller = boundsOf(m, t.controller, hops + 1);
      // A size bound (`uint .size 2`) is 256^n − 1; an integer bound of .lt/.gt is one step inside.
      if (t.op === 'size') return [...target, ...controller.map((n) => 256n ** BigInt(n) - 1n)];
      return [...target, ...controller.flatMap((n): (number | bigint)[] => (typeof n === 'bigint' ? [n - 1n, n, n + 1n] : [n]))];
    }
    default:
      return [];
  }
}

/** Whether some text of type `t` is longer than `prefix` and begins with it (%.Ns cut it): literals, any text, text of a size. */
function longerText(m: Matcher, t: ProgramType, prefix: string, hops: number): boolean {
  if (hops > 64) return false;
  switch (t.kind) {
    case 'ref': {
      const rule = m.ruleOf(t.rule);
      return rule?.kind === 'type' && longerText(m, rule.type, prefix, hops + 1);
    }
    case 'choice':
      return t.options.some((o) => longerText(m, o, prefix, hops + 1));
    case 'literal':
      return t.value.type === 'text' && t.value.value.length > prefix.length && t.value.value.startsWith(prefix);
    case 'prim':
      return t.prim === 'tstr' || t.prim === 'any';
    case 'pattern':
      // A proper prefix of a word of the pattern (regexp-prefixes.ts); one with a lookaround is not checked (the generator warned).
      // An ABNF grammar for the recogniser is not checked for prefixes: accepted wider, as the typed check is.
      return t.alphabet === 'text' && ('grammar' in t || (isProperPrefix(t.source, prefix) ?? true));
    case 'control':
      // A size: some longer text of an allowed size exists when the largest is larger.
      if (t.op === 'size' && longerText(m, t.target, prefix, hops + 1)) return boundsOf(m, t.controller, hops + 1).some((n) => Number(n) > utf8Length(prefix));
      return false;
    default:
      return false;
  }
}

/** The member types of a controller array of members that each occur once (`["%d-%s", int, tstr]`), through references; null otherwise. */
function arrayMembers(m: Matcher, t: ProgramType): ProgramType[] | null {
  for (let hops = 0; t.kind === 'ref' && hops < 64; hops++) {
    const rule = m.ruleOf(t.rule);
    if (rule?.kind !== 'type') return null;
    t = rule.type;
  }
  if (t.kind !== 'array' || t.group.choices.length !== 1) return null;
  const entries = t.group.choices[0] ?? [];
  const types: ProgramType[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'member' || entry.min !== 1 || entry.max !== 1) return null;
    types.push(entry.type);
  }
  return types;
}

/** Whether a `.join` part is a text or a byte string type. */
function stringKind(m: Matcher, t: ProgramType, hops: number): 'text' | 'bytes' {
  switch (t.kind) {
    case 'literal':
      return t.value.type === 'bytes' ? 'bytes' : 'text';
    case 'prim':
      return t.prim === 'bstr' ? 'bytes' : 'text';
    case 'control':
    case 'pattern':
      return stringKind(m, t.target, hops);
    case 'choice':
      return t.options[0] === undefined ? 'text' : stringKind(m, t.options[0], hops);
    case 'ref': {
      const rule = m.ruleOf(t.rule);
      return rule?.kind === 'type' && hops < 64 ? stringKind(m, rule.type, hops + 1) : 'text';
    }
    default:
      return 'text';
  }
}
