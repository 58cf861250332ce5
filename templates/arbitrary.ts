/**
 * Test-data generators: valid data items for any rule of a schema, drawn
 * from its {@link Program} (docs/program.md) by a seeded random source. The
 * generated `<module>.arbitrary.ts` wraps them as `arbitraryX(seed)` per rule;
 * this file is what they run.
 *
 * Every draw is deterministic for its seed, and the bytes are deterministic
 * CBOR (RFC 8949 §4.2.1), so a valid decoder gives a value that encodes back
 * to the same bytes. Sizes are bounded (`maxItems`, `maxDepth`): past the
 * depth, choices take the options that end soonest and repetitions their
 * minimum, so every draw terminates. Constraints that cannot be met by
 * construction (`.ne`, `.regexp` with lookarounds, …) are drawn again, a
 * bounded number of times; then the draw throws {@link CannotGenerate}, which
 * says what could not be met. Nothing is ever left out silently.
 *
 * Emitted next to a generated module when test-data generators are asked
 * for (`arbitrary: true`); needs only the files beside it.
 */
import { CborAny, CborMap, CborSimple, CborTagged, type CborValue } from './cbor-any.js';
import type { Program, ProgramType } from './program.js';

export type { Program } from './program.js';
import { drawAbnf } from './abnf-sampler.js';
import { matchesAbnf, type AbnfGrammar } from './abnf-recogniser.js';
import { PatternSampler, PatternSyntaxError, type Draw } from './regexp-sampler.js';
import { MAX_DEPTH, utf8Length } from './runtime.js';
import { explain, Matcher } from './matcher.js';
import { INT_MIN, Missed, UINT_MAX, type Hint } from './arbitrary-scalars.js';
import { GroupDraws } from './arbitrary-groups.js';
import { drawTextControl, TEXT_CONTROLS } from './arbitrary-text.js';
import { dedent } from './text-controls.js';
import { byteSize, compareValues, concat, concatenation, controllerInts, controllerLiteral, controllerSizes, Costs, intValue, itemId, literalValue } from './arbitrary-checks.js';

/**
 * A random source: an integer in 0 … `below` − 1 (`below` at most 2^32).
 * Anything uniform will do; {@link seededRandom} is the one a number seed gets.
 */
export type Random = Draw;

export interface ArbitraryOptions {
  /** Nesting of arrays, maps and tags after which only what ends soonest is drawn (default 4). */
  maxDepth?: number;
  /** Most items an unbounded repetition (`*`, `+`) draws beyond its minimum (default 3). */
  maxItems?: number;
  /** How many times a draw that missed a constraint is tried again before {@link CannotGenerate} (default 40). */
  attempts?: number;
}

/** A rule, or a part of it, that no data item could be drawn for: a constraint never met, a type that matches nothing. */
export class CannotGenerate extends Error {
  /** The rule asked for. */
  readonly rule: string;
  /** Where in it: `rule.member[1]`. */
  readonly path: string;
  /** What could not be met. */
  readonly reason: string;

  constructor(rule: string, path: string, reason: string) {
    super(`cannot generate ${rule}: ${path}: ${reason}`);
    this.rule = rule;
    this.path = path;
    this.reason = reason;
    this.name = 'CannotGenerate';
  }
}

/** True for a {@link CannotGenerate} (also one from another copy of this file). */
export function isCannotGenerate(e: unknown): e is CannotGenerate {
  return e instanceof CannotGenerate || (e instanceof Error && e.name === 'CannotGenerate');
}

/** A small, fast, seeded generator (sfc32): the same seed always draws the same numbers. */
export function seededRandom(seed: number): Random {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Mix the high bits of seeds beyond 32 bits in, then let the state settle.
  c ^= Math.floor(seed / 2 ** 32) >>> 0;
  for (let i = 0; i < 12; i++) next();
  return (below) => Math.floor((next() / 2 ** 32) * below);
}

/** A valid data item of `rule`, as a value. `source`: a seed, or a {@link Random}. */
export function drawValue(program: Program, rule: string, source: number | Random, options: ArbitraryOptions = {}): CborValue {
  const random = typeof source === 'number' ? seededRandom(source) : source;
  return new Drawer(program, random, options).rule(rule);
}

/** A valid data item of `rule`, deterministically encoded. `source`: a seed, or a {@link Random}. */
export function drawEncoded(program: Program, rule: string, source: number | Random, options: ArbitraryOptions = {}): Uint8Array {
  return CborAny.of(drawValue(program, rule, source, options)).encoded;
}

/** Steps after which a draw takes only what ends soonest: bounds the size of a whole item. */
const STEP_BUDGET = 400;

class Drawer extends GroupDraws {
  private readonly maxDepth: number;
  private readonly maxItems: number;
  protected readonly attempts: number;
  protected readonly costs: Costs;
  private readonly samplers = new Map<string, PatternSampler>();
  private steps = 0;

  /** The schema as drawn: without `integers`, so that the checks made while drawing only answer yes or no. */
  protected readonly program: Program;
  /** The schema as a drawn item is checked whole: with `integers: 'number'`, an integer its decoders refuse is a miss. */
  private readonly whole: Program;

  constructor(program: Program, random: Random, options: ArbitraryOptions) {
    super(random);
    this.whole = program;
    this.program = { rules: program.rules };
    this.safeIntegers = program.integers === 'number';
    this.maxDepth = options.maxDepth ?? 4;
    this.maxItems = options.maxItems ?? 3;
    this.attempts = options.attempts ?? 40;
    this.costs = new Costs(program);
  }

  rule(name: string): CborValue {
    this.ruleName = name;
    const rule = this.program.rules[name];
    if (rule === undefined) throw new CannotGenerate(name, name, 'no such rule in the program');
    if (rule.kind === 'group') throw new CannotGenerate(name, name, 'a group rule is not a data item (draw the array or map that holds it)');
    let last: Missed | null = null;
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      this.steps = 0;
      try {
        const value = this.type(rule.type, this.maxDepth, name, {});
        // Checked whole by the general matcher: what construction alone cannot promise (an array's PEG, no-cut maps) is then sure.
        const failure = explain(this.whole, name, value);
        if (failure === null) return value;
        last = new Missed(`${name}${failure.path}`, `a drawn item does not match: ${failure.message}`);
      } catch (error) {
        if (!(error instanceof Missed)) throw error;
        last = error;
      }
    }
    throw new CannotGenerate(name, last?.path ?? name, last?.reason ?? 'nothing drawn');
  }

  /** A count in min … max, at most `maxItems` past the minimum; just the minimum when the draw must end soon. */
  protected count(min: number, max: number | null, ending: boolean): number {
    if (ending) return min;
    const top = Math.min(max ?? Infinity, min + this.maxItems);
    return min + this.below(top - min + 1);
  }

  /** Whether the draw must end soon: out of depth, or past the step budget. */
  protected ending(left: number): boolean {
    return left <= 0 || this.steps > STEP_BUDGET;
  }

  protected step(): void {
    this.steps++;
  }

  // -------------------------------------------------------------------------
  // Types

  private cost(t: ProgramType): number {
    return this.costs.type(t);
  }

  type(t: ProgramType, left: number, path: string, hint: Hint): CborValue {
    this.steps++;
    switch (t.kind) {
      case 'ref': {
        const rule = this.program.rules[t.rule];
        if (rule === undefined) throw new Missed(path, `undefined rule ${t.rule}`);
        if (rule.kind === 'group') throw new Missed(path, `group rule ${t.rule} used as a type`);
        // A rule with no value of finite depth (`r = #6.7(r)`, `r = bstr .cbor r`) would be drawn without end.
        if (this.costs.rule(t.rule) === Infinity) throw new Missed(path, `${t.rule} needs what nothing matches (an empty socket, or recursion without end)`);
        return this.type(rule.type, left, path, hint);
      }
      case 'prim':
        return this.prim(t.prim, left, path, hint);
      case 'literal':
        return literalValue(t.value);
      case 'range':
        return this.range(t, path, hint);
      case 'choice':
        return this.choice(t.options, left, path, hint, t.nothing);
      case 'array':
        return this.array(t.group, left - 1, path);
      case 'map':
        return this.map(t.group, left - 1, path);
      case 'tag':
        return this.tag(t, left - 1, path);
      case 'major':
        return this.major(t.major, t.info === null ? null : Number(t.info), left, path);
      case 'pattern':
        return this.pattern(t, path);
      case 'steps':
        return this.stepsValue(t, path);
      case 'control':
        return this.control(t, left, path, hint);
    }
  }

  /** One option, drawn among those that fit the depth left; another when it misses. */
  private choice(options: readonly ProgramType[], left: number, path: string, hint: Hint, nothing?: string): CborValue {
    if (options.length === 0) throw new Missed(path, nothing === undefined ? 'an empty choice (a socket nothing plugs) matches nothing' : `no value: ${nothing}`);
    const costs = options.map((o) => this.cost(o));
    const least = Math.min(...costs);
    if (least === Infinity) throw new Missed(path, 'every option needs what nothing matches (an empty socket, or recursion without end)');
    const budget = this.ending(left) ? least : Math.max(left, least);
    const fitting = options.filter((_, i) => costs[i]! <= budget);
    let last: Missed | null = null;
    for (let i = fitting.length; i > 0; i--) {
      const [option] = fitting.splice(this.below(i), 1);
      try {
        return this.type(option!, left, path, hint);
      } catch (error) {
        if (!(error instanceof Missed)) throw error;
        last = error;
      }
    }
    throw last!;
  }

  private prim(prim: string, left: number, path: string, hint: Hint): CborValue {
    switch (prim) {
      case 'uint':
        return intValue(this.boundedInt(0n, UINT_MAX, hint, path));
      case 'nint':
        return intValue(this.boundedInt(INT_MIN, -1n, hint, path));
      case 'int':
        return intValue(this.boundedInt(INT_MIN, UINT_MAX, hint, path));
      case 'biguint':
      case 'bignint':
      case 'bigint': {
        // Beyond 64 bits a bigint is written as a bignum (tags 2 and 3).
        const wide = 2n ** 80n;
        const lo = prim === 'biguint' ? 0n : -wide;
        const hi = prim === 'bignint' ? -1n : wide;
        return intValue(this.boundedInt(lo, hi, hint, path));
      }
      case 'bstr':
        return this.bytes(hint);
      case 'tstr':
        return this.text(hint);
      case 'bool':
        return this.chance(2);
      case 'null':
        return null;
      case 'undefined':
        return undefined;
      case 'any':
        return this.any(left, hint);
      case 'float16':
      case 'float32':
      case 'float64':
        return this.float(Number(prim.slice(5)) as 16 | 32 | 64, hint, path);
      case 'float16-32':
        return this.float(this.chance(2) ? 16 : 32, hint, path);
      case 'float32-64':
        return this.float(this.chance(2) ? 32 : 64, hint, path);
      case 'float':
        return this.float(([16, 32, 64] as const)[this.below(3)]!, hint, path);
      default:
        throw new Missed(path, `unknown primitive ${prim}`);
    }
  }

  /** Any data item, small. */
  private any(left: number, hint: Hint): CborValue {
    const ending = this.ending(left);
    switch (this.below(ending ? 6 : 9)) {
      case 0:
        return intValue(this.intBetween(INT_MIN, UINT_MAX));
      case 1:
        return this.text(hint);
      case 2:
        return this.bytes(hint);
      case 3:
        return [true, false, null, undefined][this.below(4)]!;
      case 4:
        return this.float(([16, 32, 64] as const)[this.below(3)]!, {}, '');
      case 5:
        return new CborSimple(this.chance(2) ? this.below(20) : 32 + this.below(224));
      case 6:
        return Array.from({ length: this.count(0, null, false) }, () => this.any(left - 1, {}));
      case 7: {
        const entries = new Map<string, [CborValue, CborValue]>();
        for (let n = this.count(0, null, false); n > 0; n--) {
          const key = this.any(0, {});
          entries.set(itemId(key), [key, this.any(left - 1, {})]);
        }
        return new CborMap(entries.values());
      }
      default:
        return new CborTagged(this.anyTag(), this.any(left - 1, {}));
    }
  }

  /** A tag number for `#6(T)` and `any`: not 2 or 3, whose bignums deterministic encoding may turn into integers. */
  private anyTag(): number | bigint {
    const tag = intValue(this.intBetween(4n, UINT_MAX));
    return tag;
  }

  private tag(t: Extract<ProgramType, { kind: 'tag' }>, left: number, path: string): CborValue {
    let tag: number | bigint;
    if (t.tag === null) tag = this.anyTag();
    else if (typeof t.tag === 'string') tag = intValue(BigInt(t.tag));
    else {
      const drawn = this.type(t.tag, left, `${path}#tag`, { lo: 0n, hi: UINT_MAX });
      // The bounds only steer the draw: a type of negative integers alone (`#6.<n>(int)`, `n = -1`) has no tag number.
      if ((typeof drawn !== 'number' && typeof drawn !== 'bigint') || drawn < 0 || BigInt(drawn) > UINT_MAX) throw new Missed(path, 'a tag number that is not an unsigned integer');
      tag = drawn;
    }
    // Tags 2 and 3 are bignums: deterministically encoded only when they do not fit an integer (more than 8 bytes, no leading zero).
    const bignum = tag === 2 || tag === 3;
    const content = this.type(t.type, left, `${path}(${tag})`, bignum ? { size: [9, 16] } : {});
    if (bignum && content instanceof Uint8Array && (content.length <= 8 || content[0] === 0)) throw new Missed(path, `a bignum (tag ${tag}) of ${content.length} ${content.length === 1 ? 'byte' : 'bytes'} is not deterministic: an integer of that size is written as one`);
    return new CborTagged(tag, content);
  }

  /** `#n` and `#n.ai`: what a head of that major type (and additional information) holds, deterministically encoded. */
  private major(major: number, info: number | null, left: number, path: string): CborValue {
    const argument = (): bigint => {
      if (info === null) return this.intBetween(0n, UINT_MAX);
      if (info < 24) return BigInt(info);
      if (info > 27) throw new Missed(path, `#${major}.${info} is not written by deterministic encoding (indefinite length or reserved)`);
      const bits = 8n << BigInt(info - 24);
      return this.bigBetween(info === 24 ? 24n : 1n << (bits / 2n), (1n << bits) - 1n);
    };
    switch (major) {
      case 0:
        return intValue(argument());
      case 1:
        return intValue(-1n - argument());
      case 2:
      case 3: {
        const n = info === null ? this.length({}) : Number(argument());
        if (n > 300) throw new Missed(path, `#${major}.${info}: strings that long are not drawn`);
        return major === 2 ? this.bytes({ size: [n, n] }) : 'x'.repeat(n);
      }
      case 4:
      case 5: {
        const n = info === null ? this.count(0, null, this.ending(left)) : Number(argument());
        if (n > 30) throw new Missed(path, `#${major}.${info}: containers that big are not drawn`);
        if (major === 4) return Array.from({ length: n }, () => this.any(left - 1, {}));
        return new CborMap(Array.from({ length: n }, (_, i): [CborValue, CborValue] => [i, this.any(left - 1, {})]));
      }
      case 6: {
        const tag = info === null ? this.anyTag() : intValue(argument());
        if (tag === 2 || tag === 3) return new CborTagged(tag, this.bytes({ size: [9, 9] }).map((b, i) => (i === 0 ? b | 1 : b)));
        return new CborTagged(tag, this.any(left - 1, {}));
      }
      case 7: {
        if (info === null) return this.any(0, {});
        if (info < 20) return new CborSimple(info);
        if (info < 24) return [false, true, null, undefined][info - 20];
        if (info === 24) return new CborSimple(32 + this.below(224));
        // After `#7.`, 32..255 is a simple value (RFC 9682 §3.2).
        if (info >= 32 && info <= 255) return new CborSimple(info);
        if (info <= 27) return this.float((16 << (info - 25)) as 16 | 32 | 64, {}, path);
        throw new Missed(path, `#7.${info} is not a deterministic data item`);
      }
      default:
        throw new Missed(path, `no major type ${major}`);
    }
  }

  private pattern(t: Extract<ProgramType, { kind: 'pattern' }>, path: string): CborValue {
    if ('grammar' in t) return this.grammar(t.grammar, t.alphabet, path);
    const key = `${t.alphabet} ${t.source}`;
    let sampler = this.samplers.get(key);
    if (sampler === undefined) {
      try {
        sampler = new PatternSampler(t.source, t.alphabet);
      } catch (error) {
        if (error instanceof PatternSyntaxError) throw new Missed(path, `pattern not drawn from: ${error.message}`);
        throw error;
      }
      this.samplers.set(key, sampler);
    }
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const s = sampler.draw(this.random);
      if (s === null || !sampler.matches(s)) continue;
      if (t.alphabet === 'text') return s;
      return Uint8Array.from(s, (c) => c.charCodeAt(0));
    }
    throw new Missed(path, `no string drawn matches /${t.source}/ in ${this.attempts} attempts`);
  }

  /** A string an ABNF grammar matches (abnf-sampler.ts), checked by the recogniser that generated code uses. */
  private grammar(grammar: AbnfGrammar, alphabet: 'text' | 'bytes', path: string): CborValue {
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const drawn = drawAbnf(grammar, alphabet, this.random);
      if (drawn === null) continue;
      const value = alphabet === 'text' ? textOf(drawn) : Uint8Array.from(drawn);
      if (matchesAbnf(value, grammar)) return value;
    }
    throw new Missed(path, `no string drawn matches the ABNF grammar in ${this.attempts} attempts`);
  }

  // -------------------------------------------------------------------------
  // Controls

  private control(t: Extract<ProgramType, { kind: 'control' }>, left: number, path: string, hint: Hint): CborValue {
    const at = `${path}.${t.op}`;
    switch (t.op) {
      case 'default':
      case 'feature':
        return this.type(t.target, left, path, hint);
      case 'cbor':
        return CborAny.of(this.type(t.controller, left - 1, at, {})).encoded;
      case 'cborseq': {
        const items = this.type(t.controller, left, at, {});
        if (!Array.isArray(items)) throw new Missed(at, 'the controller of .cborseq is not an array');
        return concat(items.map((item) => CborAny.of(item).encoded));
      }
      case 'cat': {
        // RFC 9165 §2.2: a value of each side, their bytes joined, of the target's kind.
        const joined = concatenation(this.type(t.target, left, at, {}), this.type(t.controller, left, at, {}));
        if (typeof joined === 'object' && 'missed' in joined) throw new Missed(at, joined.missed);
        return joined;
      }
      case 'det': {
        // RFC 9165 §2.3: a value of each side, each dedented (bytes as latin1: spaces and newlines are ASCII), then joined as .cat.
        const dedented = (x: CborValue): CborValue => (typeof x === 'string' ? dedent(x) : x instanceof Uint8Array ? Uint8Array.from(dedent(Array.from(x, (b) => String.fromCharCode(b)).join('')), (c) => c.charCodeAt(0)) : x);
        const joined = concatenation(dedented(this.type(t.target, left, at, {})), dedented(this.type(t.controller, left, at, {})));
        if (typeof joined === 'object' && 'missed' in joined) throw new Missed(at, joined.missed);
        return joined;
      }
      case 'eq': {
        const wanted = controllerLiteral(t.controller, this.program);
        if (wanted !== null) return literalValue(wanted);
        return this.type(t.controller, left, at, hint);
      }
      default:
        break;
    }
    if (TEXT_CONTROLS.has(t.op)) return drawTextControl(t.op, () => this.type(t.controller, left, at, {}), at, (reason) => new Missed(at, reason));
    const narrowed = { ...hint, ...this.hintFor(t, at) };
    // `.and` and `.within` hold the values both sides have: every other attempt draws from the controller and asks the
    // target, as some values are rare on one side and common on the other (`int .and 5`, `{ * tstr => any } .and { a: int }`).
    const meeting = t.op === 'and' || t.op === 'within';
    for (let attempt = 0; attempt < this.attempts; attempt++) {
      const fromController = meeting && attempt % 2 === 1;
      const value = t.op === 'bits' ? this.bits(t, left, at) : this.type(fromController ? t.controller : t.target, left, path, fromController ? hint : narrowed);
      const verdict = fromController ? new Matcher(this.program, MAX_DEPTH).type(t.target, value) : this.meets(t, value);
      if (verdict === true) return value;
      if (verdict !== false) throw new Missed(at, verdict);
    }
    throw new Missed(at, `no value drawn in ${this.attempts} attempts meets .${t.op}`);
  }

  /** What a control asks of the scalar its target draws. */
  private hintFor(t: Extract<ProgramType, { kind: 'control' }>, at: string): Hint {
    const lit = controllerLiteral(t.controller, this.program);
    const num = lit?.type === 'int' ? BigInt(lit.value) : lit?.type === 'float' ? lit.value : null;
    const step = (n: number | bigint, by: 1 | -1): number | bigint => (typeof n === 'bigint' ? n + BigInt(by) : n);
    switch (t.op) {
      case 'size': {
        const sizes = controllerSizes(t.controller, this.program);
        if (sizes === null) throw new Missed(at, 'a .size controller that is not an unsigned integer or a range of them');
        const [lo, hi] = sizes[this.below(sizes.length)]!;
        return { size: [lo, hi] };
      }
      case 'lt':
        return num === null ? {} : { hi: step(num, -1) };
      case 'le':
        return num === null ? {} : { hi: num };
      case 'gt':
        return num === null ? {} : { lo: step(num, 1) };
      case 'ge':
        return num === null ? {} : { lo: num };
      default:
        return {};
    }
  }

  /** Whether `value` meets control `t`: true, false (draw again), or why it cannot be told. */
  private meets(t: Extract<ProgramType, { kind: 'control' }>, value: CborValue): boolean | string {
    const lit = controllerLiteral(t.controller, this.program);
    switch (t.op) {
      case 'size': {
        const n = value instanceof Uint8Array ? value.length : typeof value === 'string' ? utf8Length(value) : typeof value === 'number' || typeof value === 'bigint' ? byteSize(BigInt(value)) : null;
        if (n === null) return 'a .size target that is not a string or an unsigned integer';
        return (controllerSizes(t.controller, this.program) ?? []).some(([lo, hi]) => n >= lo && n <= hi);
      }
      case 'bits':
        return true;
      case 'eq':
      case 'ne': {
        const same = lit !== null ? compareValues(value, literalValue(lit), false) === 0 : new Matcher(this.program, MAX_DEPTH).type(t.controller, value);
        return same === (t.op === 'eq');
      }
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        if (lit === null) return `a .${t.op} controller that is not a literal`;
        const order = compareValues(value, literalValue(lit), true);
        if (order === null) return false;
        return t.op === 'lt' ? order < 0 : t.op === 'le' ? order <= 0 : t.op === 'gt' ? order > 0 : order >= 0;
      }
      case 'and':
      case 'within':
        return new Matcher(this.program, MAX_DEPTH).type(t.controller, value);
      default:
        return `control .${t.op} is not drawn`;
    }
  }

  /** `.bits`: an unsigned integer or byte string with only the controller's bits set. */
  private bits(t: Extract<ProgramType, { kind: 'control' }>, left: number, at: string): CborValue {
    const allowed = controllerInts(t.controller, this.program, 4096);
    if (allowed === null) throw new Missed(at, 'a .bits controller that is not a small set of bit numbers');
    const chosen = allowed.filter(() => this.chance(2));
    const sample = this.type(t.target, left, at, {});
    if (sample instanceof Uint8Array) {
      const out = new Uint8Array(chosen.length === 0 ? this.below(2) : Math.max(...chosen.map(Number)) / 8 + 1);
      for (const bit of chosen) out[Number(bit) >> 3]! |= 1 << (Number(bit) & 7);
      return out;
    }
    if (typeof sample !== 'number' && typeof sample !== 'bigint') throw new Missed(at, 'a .bits target that is not uint or bstr');
    // An unsigned integer has 64 bits (more only as a bignum, which fewer bits suit too): higher positions are not drawn.
    return intValue(chosen.filter((bit) => bit < 64n).reduce((sum, bit) => sum | (1n << bit), 0n));
  }
}

/** Code points as a string, a slice at a time (a spread of 100,000 arguments would overflow the stack). */
function textOf(codePoints: readonly number[]): string {
  let text = '';
  for (let i = 0; i < codePoints.length; i += 4096) text += String.fromCodePoint(...codePoints.slice(i, i + 4096));
  return text;
}
