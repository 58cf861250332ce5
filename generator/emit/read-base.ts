/** The decoder emitter's shared part (see {@link ReadEmitterBase}); decoders.ts says what the emitted readers do. */
import type { CodeBlockWriter } from './printer.js';
import type { IrType } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { readFunctionName } from './function-names.js';
import { functionsOf } from './shared-functions.js';
import { castTo, majorsOf, naturalType, scalarCondition } from './scalars.js';
import type { Interval, Shape } from '../layout/shapes.js';
import { fitsNumber } from '../layout/intervals.js';
import { rulesReadByScalars } from '../layout/shape-children.js';
import { describeShape, escapeTemplate, intLiteral, isTextList, LocalNames, not } from './syntax.js';
import { elementType, shapeType, tsType } from './types.js';

export const READER = 'reader';

/**
 * The level a scalar's checks read the data items inside it at (`tstr .json t`, `tstr .b64u (bstr .cbor t)`): the
 * reader's, as for embedded CBOR (verifyEmbedded), so that one depth limit covers them as the guards count it;
 * `'0'` where its checks read no data items.
 */
export function embeddedLevel(shape: Shape): string {
  return shape.kind === 'text' || shape.kind === 'bytes' ? (rulesReadByScalars(shape.checks ?? []).length > 0 ? `${READER}.level` : '0') : '0';
}

/**
 * One way of reading, for {@link ReadEmitterBase.tryAlternatives}; `alwaysThrows` where it ends by throwing whatever it
 * reads (a failure with a better message than the others'), so that nothing is written after it; `when`, a condition
 * without which it cannot succeed (a key the map must have), so that it is not tried where that is false.
 */
export type Attempt = (() => void) & { readonly alwaysThrows?: true; readonly when?: string };

/**
 * What the first pass of the decoders (decoders.ts decoderFunctions) learns: the rules read inside alternatives that
 * may be rewound (memo.ts remembers them), and whether any decoder of the module tries an alternative and rewinds at
 * all (its decodeX are then runtime.ts backtrackingDecoder's).
 */
export interface Trials {
  rules: Set<string>;
  rewinds: boolean;
}

/**
 * What every part of the decoder emitter shares: the locals, the path
 * bookkeeping (`at`, the array's start), trying alternatives with rewinds,
 * and the scalar reads. The emitter is one class split over files by
 * concern (this base, then arrays, maps, and the choices and dispatch in
 * read-emitter.ts), each a subclass of the one before.
 */
export abstract class ReadEmitterBase {
  protected readonly locals = new LocalNames([READER]);
  /** The local holding the path segment of the child being read, inside a container's try; null outside. */
  protected at: string | null = null;
  /**
   * The local holding the furthest error of the items tried and rewound in the current container (a repetition it
   * ended, an optional member it was not), under its path segment; null where the container's reading tries no item.
   * The container's catch reports it instead of a later error when it got further into the input (furthestError): the
   * member after the repetition then fails at that item's start, where the repeated member failed inside it.
   */
  protected dropped: string | null = null;

  /** The local holding where the array being read starts, for count errors found after its members were read; null when they are found at once. */
  protected arrayStart: string | null = null;
  /** How many alternatives that may be rewound are being written around the current read. */
  protected attempts = 0;

  /** `trials`: where to note the rules read inside such alternatives, and that there are any (the first pass of decoderFunctions, decoders.ts). */
  constructor(
    protected readonly ctx: EmitContext,
    protected readonly w: CodeBlockWriter,
    protected readonly trials: Trials | null = null,
  ) {}

  /** The code written next is inside an alternative that may be rewound (until {@link endAttempt}). */
  protected beginAttempt(): void {
    this.attempts++;
    if (this.trials !== null) this.trials.rewinds = true;
  }

  protected endAttempt(): void {
    this.attempts--;
  }

  /** A fresh local name. */
  local(hint: string): string {
    return this.locals.take(hint);
  }

  /** Writes statements reading one item of `shape` and returns an expression of the value (read-emitter.ts). */
  abstract read(shape: Shape, type: IrType, hint: string, ruleType?: string | null): string;

  /**
   * Writes `target = <the item read>;`. A rule's read, or a scalar read with nothing to check after it, goes
   * straight into `target`; anything else is read by {@link read} into a local first.
   */
  protected readInto(target: string, shape: Shape, type: IrType, hint: string): void {
    this.w.writeLine(`${target} = ${this.directRead(shape, type) ?? this.read(shape, type, hint)};`);
  }

  /**
   * A text string whose one constraint is its `.size`: the reader's read that checks it
   * (`readTextSized(reader, 1, 64, "a text string of 1 to 64 bytes")`), else null. Byte strings keep their inline
   * test: the same call for the MIMI content's salt (`bstr .size 16`) counted 0.5% more instructions per decode.
   */
  protected sizedRead(shape: Shape): string | null {
    if (shape.kind !== 'text' || shape.size === null || shape.values !== null) return null;
    if (shape.pattern !== undefined || (shape.checks !== undefined && shape.checks.length > 0) || shape.wider !== undefined) return null;
    const { min, max } = shape.size;
    if (min === 0 && max === null) return null;
    return `readTextSized(${READER}, ${min}, ${max ?? 'Infinity'}, ${JSON.stringify(describeShape(shape))})`;
  }

  /**
   * `readUintIn(reader, 24, 29, "an integer in 24..29")` where the inline test after `reader.readUint()` would be
   * exactly the one it makes, else null. Only for a rule whose whole read it is (an enumeration, `uint .size 1`): the
   * same call for the members inside the MIMI content's large decoders counted 0.5% more instructions per decode.
   */
  private uintInRead(shape: Extract<Shape, { kind: 'int' }>): string | null {
    const [only, ...more] = shape.intervals;
    if (shape.bignum === true || only === undefined || more.length > 0 || only.lo < 0n || !fitsNumber(shape.intervals)) return null;
    const lo = intLiteral(only.lo);
    const hi = intLiteral(only.hi);
    // A single number is compared alone (`value === 0` holds for the number 0 alone: scalars.ts).
    const inlineTests = [...[`value <= ${hi}`, `value >= ${lo} && value <= ${hi}`].map((bounds) => `typeof value === 'number' && ${bounds}`), `value === ${lo}`];
    if (!inlineTests.includes(scalarCondition(shape, 'value', false, '0', this.ctx.integers) ?? '')) return null;
    return `readUintIn(${READER}, ${lo}, ${hi}, ${JSON.stringify(describeShape(shape))})`;
  }

  /** The expression reading `shape` when that is the whole read (see {@link readInto}), else null. */
  protected directRead(shape: Shape, type: IrType): string | null {
    if (shape.kind === 'rule') {
      if (this.attempts > 0) this.trials?.rules.add(shape.rule.name);
      return `${readFunctionName(functionsOf(this.ctx.shared, shape.rule))}(${READER})`;
    }
    let read: string;
    switch (shape.kind) {
      case 'int':
        if (shape.bignum) return null;
        read = this.asIntegerOption(`${READER}.${shape.intervals.every((i) => i.lo >= 0n) ? 'readUint' : 'readInt'}()`, shape.intervals);
        break;
      case 'float':
        // Every width allowed, and kept as a number: readScalar would read no width before it.
        if (shape.widths.length < 3 || shape.boxed === true) return null;
        read = `readNumberFloat(${READER})`;
        break;
      case 'text':
        read = `${READER}.readText()`;
        break;
      case 'bytes':
        if (shape.embedded !== undefined) return null;
        read = `${READER}.readBytes()`;
        break;
      case 'bool':
        read = `${READER}.readBool()`;
        break;
      case 'array':
        // The runtime's read of `[* tstr]`, a function of its own (see readTextList).
        return isTextList(shape) && castTo('value', 'string[]', tsType(type, this.ctx)) === 'value' ? `readTextList(${READER})` : null;
      case 'null':
        read = `${READER}.readNull()`;
        break;
      case 'undefined':
        read = `${READER}.readUndefined()`;
        break;
      default:
        return null;
    }
    // Only when readScalar would check nothing (but the reader's size) and cast nothing: the same read, without its local.
    const probe = 'value';
    const sized = this.sizedRead(shape);
    if (sized !== null) read = sized;
    else if (scalarCondition(shape, probe, false, '0', this.ctx.integers) !== null) return null;
    if (castTo(probe, naturalType(shape, this.ctx.integers), tsType(type, this.ctx)) !== probe) return null;
    return read;
  }

  /** Reads a scalar into a local and checks it; `wholeRule` when it is the rule's whole read (see {@link uintInRead}). */
  protected readScalar(shape: Extract<Shape, { kind: 'int' | 'float' | 'text' | 'bytes' | 'bool' | 'null' | 'undefined' }>, typeText: string, hint: string, wholeRule = false): string {
    const w = this.w;
    const v = this.locals.take(hint);
    /** A float's width, read before it. */
    let width: string | null = null;
    switch (shape.kind) {
      case 'int': {
        const uintIn = wholeRule ? this.uintInRead(shape) : null;
        if (uintIn !== null) {
          w.writeLine(`const ${v} = ${uintIn};`);
          return castTo(v, naturalType(shape, this.ctx.integers), typeText);
        }
        const read = shape.bignum ? `readBigInt(${READER})` : `${READER}.${shape.intervals.every((i) => i.lo >= 0n) ? 'readUint' : 'readInt'}()`;
        w.writeLine(`const ${v} = ${this.asIntegerOption(read, shape.intervals)};`);
        break;
      }
      case 'float':
        if (shape.widths.length < 3 || shape.boxed === true) {
          width = this.locals.take('width');
          w.writeLine(`const ${width} = ${READER}.readFloatWidth();`);
        }
        // Widths without every shorter one (float32, float32-64): the shortest of them is what the encoders write, and deterministic here.
        if (shape.widths.length < 3 && (!shape.widths.includes(16) || (shape.widths.includes(64) && !shape.widths.includes(32)))) w.writeLine(`${READER}.pinFloatWidths([${shape.widths.join(', ')}]);`);
        w.writeLine(`const ${v} = readNumberFloat(${READER});`);
        // The width is checked after the read, which refuses a NaN with a sign or payload bit first: no float type takes one,
        // so that is what is wrong with it (float16 / float32 given f97e01 said "expected a float (32-bit)", the last option's
        // error winning the tie at the item). readNumberFloat leaves itemStart at the float, where the width error points.
        if (shape.widths.length < 3) w.writeLine(`if (${shape.widths.map((x) => `${width} !== ${x}`).join(' && ')}) ${READER}.fail(\`expected ${describeShape(shape)}, got a \${${width}}-bit float\`);`);
        break;
      case 'text': {
        const sized = this.sizedRead(shape);
        if (sized !== null) {
          w.writeLine(`const ${v} = ${sized};`);
          return castTo(v, naturalType(shape, this.ctx.integers), typeText);
        }
        w.writeLine(`const ${v} = ${READER}.readText();`);
        break;
      }
      case 'bytes':
        w.writeLine(`const ${v} = ${READER}.readBytes();`);
        break;
      case 'bool':
        w.writeLine(`const ${v} = ${READER}.readBool();`);
        break;
      case 'null':
        w.writeLine(`const ${v} = ${READER}.readNull();`);
        break;
      case 'undefined':
        w.writeLine(`const ${v} = ${READER}.readUndefined();`);
        break;
    }
    // The reader already checked the major type; what is left are the schema's own constraints.
    // Embedded CBOR is read last, by the reader, so that its errors say where inside it they are.
    const embedded = shape.kind === 'bytes' ? shape.embedded : undefined;
    const own = shape.kind === 'bytes' && embedded !== undefined ? withoutEmbedded(shape) : shape;
    // A text's `.size` is checked by the length the reader just read in its head, not by measuring the string again.
    const condition = scalarCondition(own, v, false, embeddedLevel(own), this.ctx.integers, shape.kind === 'text' ? `${READER}.textLength` : undefined);
    if (condition !== null) {
      // -0.0 is its own value beside 0.0, but a template prints it as 0.
      const signedZero = shape.kind === 'float' && shape.values?.some((x) => x === 0) === true;
      // A bignum's decimal grows faster than its bytes (a second for 1 MB): integerText shows a large one by its size.
      const bignum = shape.kind === 'int' && shape.bignum === true;
      const got = shape.kind === 'text' || shape.kind === 'bytes' ? describeGot(shape.kind, v) : signedZero ? `\${Object.is(${v}, -0) ? '-0.0' : ${v}}` : bignum ? `\${integerText(${v})}` : `\${${v}}`;
      w.writeLine(`if (${not(condition)}) ${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got ${got}\`);`);
    }
    // The path steps into the embedded item as `<Rule>`, or `<embedded>` for an inline type, whose rule's name the schema never wrote (the general matcher's step).
    if (embedded !== undefined) w.writeLine(`verifyEmbedded(${READER}, ${v}, ${readFunctionName(embedded.rule)}, ${embedded.sequence}, ${JSON.stringify(embedded.rule.hoistedFrom === undefined ? embedded.rule.name : 'embedded')});`);
    // Kept as CborFloat (layout/coinciding-floats.ts), with the width it came in.
    if (shape.kind === 'float' && shape.boxed === true) {
      const kept = this.locals.take(`${hint}Float`);
      w.writeLine(`const ${kept} = new CborFloat(${v}, ${width});`);
      return kept;
    }
    return castTo(v, naturalType(shape, this.ctx.integers), typeText);
  }

  /**
   * A read integer (`number | bigint`) as the `integers` option types it, when
   * the set may not fit a number: `BigInt(…)`, or a number (a DecodeError
   * beyond 2^53 − 1, at the integer's first byte).
   */
  protected asIntegerOption(read: string, intervals: Interval[]): string {
    if (fitsNumber(intervals) || this.ctx.integers === undefined) return read;
    if (this.ctx.integers === 'bigint') return `BigInt(${read})`;
    // The start is an argument before the read, so it is taken first.
    return `safeInteger(${READER}.pos, ${read})`;
  }

  /**
   * Writes a container's child reads inside a try whose catch puts the
   * segment of the child being read in front of the error's path. Returns
   * what `body` returns. The `at` local is set by {@link segment}.
   */
  protected withSegments<T>(body: () => T, triesItems = false): T {
    const w = this.w;
    const outer = this.at;
    const outerDropped = this.dropped;
    const at = this.locals.take('at');
    const dropped = triesItems ? this.locals.take('dropped') : null;
    w.writeLine(dropped === null ? `let ${at} = '';` : `let ${at} = '', ${dropped}: unknown;`);
    let result: T | undefined;
    w.write('try ').inlineBlock(() => {
      this.at = at;
      this.dropped = dropped;
      result = body();
      this.at = outer;
      this.dropped = outerDropped;
    });
    const error = this.locals.take('error');
    const thrown = dropped === null ? `withPath(${error}, ${at})` : `furthestWithDropped(withPath(${error}, ${at}), ${dropped})`;
    w.write(` catch (${error})`).block(() => w.writeLine(`throw ${thrown};`));
    return result as T;
  }

  /** The major types the items of `shapes` may have, each once, in order. */
  protected majorsOfAll(shapes: Shape[]): number[] {
    return [...new Set(shapes.flatMap((shape) => majorsOf(shape, this.ctx)))].sort();
  }

  /**
   * Whether an item's major type tells `own`'s items from those of the members after it (`later`): a repetition or an
   * optional member then ends at the next item of a later member's major type; else the item is tried, and rewound
   * where it does not read. Members that no item is (`never`) have no major type: nothing ends it for them.
   */
  protected tellsByMajor(own: Shape, later: Shape[]): boolean {
    const laterMajors = this.majorsOfAll(later);
    return majorsOf(own, this.ctx).every((m) => !laterMajors.includes(m));
  }

  /**
   * After an item tried is rewound: keeps its error for the container's catch ({@link dropped}), if it has one, unless
   * an item tried before got further (an optional member inside the item, then the repetition at its head).
   */
  protected keepDropped(error: string): void {
    if (this.dropped !== null && this.at !== null) this.w.writeLine(`${this.dropped} = furthestWithDropped(withPath(${error}, ${this.at}), ${this.dropped});`);
  }

  /** The arguments that put a count error at the array's start (`, '', start`), when other items were read since. */
  protected atArrayStart(): string {
    return this.arrayStart === null ? '' : `, '', ${this.arrayStart}`;
  }

  /** Writes `const start = reader.itemStart` right after an array head, for {@link atArrayStart}; returns the previous start to restore. */
  protected noteArrayStart(): string | null {
    const outer = this.arrayStart;
    this.arrayStart = this.locals.take('start');
    this.w.writeLine(`const ${this.arrayStart} = ${READER}.itemStart;`);
    return outer;
  }

  /** Notes that the next read is the child at `segment` (a string expression). */
  protected segment(segment: string): void {
    if (this.at !== null) this.w.writeLine(`${this.at} = ${segment};`);
  }

  /**
   * Options of a type choice that are all text strings, all byte strings, or all integers (of 64 bits), each a plain
   * scalar (`bstr .size (16 / 32)`, `"none" / tstr .regexp "[a-z]+"`, the `1 / 2` of `1 / 2 / tstr`): the item is
   * read once into `target` and kept when the constraints of one of them hold, since whichever option takes it, the
   * value is that string or integer (and is written back alike). Trying them in turn read it once per option, and on
   * failure told the last option's error alone ("expected a text string of 3 bytes" for "ab", which the option of 1
   * byte refuses too; "expected one of 2" for 3); the error here says them all (`description`). False, writing
   * nothing, where some option is another shape, embeds CBOR (whose reader reports inside it) or takes bignums, or
   * where the options' integers would be read as numbers for some and bigints for others.
   */
  protected readOneOfScalars(shapes: Shape[], target: string, typeText: string, description: string, hint: string): boolean {
    const kind = shapes[0]?.kind;
    if (shapes.length < 2 || (kind !== 'text' && kind !== 'bytes' && kind !== 'int' && kind !== 'float')) return false;
    // Floats of every width kept as numbers (`1.5 / -0.0`): one read, whatever its width, as readScalar reads one of them.
    const plain = (s: Shape): s is Extract<Shape, { kind: 'text' | 'bytes' | 'int' | 'float' }> =>
      s.kind === kind &&
      (s.kind === 'int' ? s.bignum !== true : s.kind === 'float' ? s.widths.length === 3 && s.boxed !== true : (s.kind === 'text' || s.embedded === undefined) && embeddedLevel(s) === '0');
    const scalars = shapes.filter(plain);
    if (scalars.length !== shapes.length) return false;
    const intervals = scalars.flatMap((s) => (s.kind === 'int' ? s.intervals : []));
    // With `integers: "bigint"` an option of numbers reads a number and one beyond them a bigint: one read cannot be both.
    if (this.ctx.integers === 'bigint' && !fitsNumber(intervals) && scalars.some((s) => s.kind === 'int' && fitsNumber(s.intervals))) return false;
    const w = this.w;
    const v = this.locals.take(hint);
    const read = kind === 'text' ? `${READER}.readText()` : kind === 'bytes' ? `${READER}.readBytes()` : kind === 'float' ? `readNumberFloat(${READER})` : this.asIntegerOption(`${READER}.${intervals.every((i) => i.lo >= 0n) ? 'readUint' : 'readInt'}()`, intervals);
    w.writeLine(`const ${v} = ${read};`);
    // A text's `.size` is checked by the length the reader just read in its head, as readScalar does.
    const conditions = scalars.map((shape) => scalarCondition(shape, v, false, '0', this.ctx.integers, kind === 'text' ? `${READER}.textLength` : undefined));
    if (conditions.every((c) => c !== null)) {
      const either = conditions.map((c) => (c.includes('||') ? `(${c})` : c)).join(' || ');
      // -0.0 is its own value beside 0.0, but a template prints it as 0 (as readScalar says).
      const signedZero = scalars.some((shape) => shape.kind === 'float' && shape.values?.some((x) => x === 0) === true);
      const got = kind === 'int' || kind === 'float' ? (signedZero ? `\${Object.is(${v}, -0) ? '-0.0' : ${v}}` : `\${${v}}`) : describeGot(kind, v);
      w.writeLine(`if (${not(either)}) ${READER}.fail(\`expected ${escapeTemplate(description)}, got ${got}\`);`);
    }
    const natural = kind === 'text' ? 'string' : kind === 'bytes' ? 'Uint8Array' : kind === 'float' ? 'number' : naturalType({ kind: 'int', intervals }, this.ctx.integers);
    w.writeLine(`${target} = ${castTo(v, natural, typeText)};`);
    return true;
  }

  /** Tries each way of reading one after another, rewinding the reader when one throws a DecodeError; the furthest error stands, on a tie the last one's (or the first one's, with `firstWinsTie`). */
  protected tryAlternatives(attempts: Attempt[], firstWinsTie = false): void {
    if (attempts.length < 2) {
      attempts[0]?.();
      return;
    }
    this.beginAttempt();
    this.tryInTurn(attempts, firstWinsTie);
    this.endAttempt();
  }

  /**
   * The test of a caught error that no other attempt may recover from: anything but a DecodeError,
   * and under `integers: 'number'` the one for an integer the code cannot hold (templates/cbor-decode-errors.ts
   * `safeInteger`, code `'unsafe-integer'`), so that the value is refused as the option says, not taken
   * by a later option (`any`, a map's other entries) or blamed on something else. The runtime's
   * `unrecoverable` tells it, and `furthestError` lets it stand after the last attempt; other modes
   * never meet that error and keep the plain test.
   */
  notToRecover(error: string): string {
    return this.ctx.integers === 'number' ? `unrecoverable(${error})` : `!isDecodeError(${error})`;
  }

  /**
   * Each attempt from one mark, rewinding after a DecodeError; when the last
   * fails too, the error of the one that got furthest stands (furthestError).
   * Two attempts nest (the second in the first's catch); three or more follow
   * one another in a labelled block that the first to succeed leaves, so that
   * the code grows with their number, not with its square (each nested level
   * indents all that follows).
   */
  protected tryInTurn(attempts: Attempt[], firstWinsTie = false): void {
    if (attempts.length > 2 || attempts.slice(0, -1).some((attempt) => attempt.when !== undefined)) {
      this.tryOneAfterAnother(attempts, firstWinsTie);
      return;
    }
    const w = this.w;
    const mark = this.locals.take('mark');
    w.writeLine(`const ${mark} = markForRetry(${READER});`);
    const errors: string[] = [];
    const outer = this.at;
    this.at = null;
    const next = (k: number): void => {
      const attempt = attempts[k] as () => void;
      const error = this.locals.take('error');
      w.write('try ').inlineBlock(attempt);
      w.write(` catch (${error})`).block(() => {
        if (k === attempts.length - 1) {
          const all = [error, ...errors.reverse()];
          // furthestError prefers its first argument on a tie, and lets an unrecoverable error stand (an unsafe integer under integers: 'number').
          w.writeLine(`throw furthestError(${(firstWinsTie ? [...all.slice(1).reverse(), error] : all).join(', ')});`);
          return;
        }
        w.writeLine(`if (${this.notToRecover(error)}) throw ${error};`);
        w.writeLine(`${READER}.reset(${mark});`);
        errors.push(error);
        next(k + 1);
      });
    };
    next(0);
    this.at = outer;
  }

  /**
   * {@link tryInTurn} of three or more attempts (or of attempts with a condition), one after another: the error that
   * got furthest so far is kept in a local (`furthestError` of it and the next, in the order that keeps the same one on
   * a tie as one call with all). An attempt with a condition (`when`) is made only where it holds, except the last,
   * which is always made, so that what none takes fails with an error; while every attempt before may have been
   * passed over, the error so far may be none yet.
   */
  private tryOneAfterAnother(attempts: Attempt[], firstWinsTie: boolean): void {
    const w = this.w;
    const mark = this.locals.take('mark');
    const failed = this.locals.take('failed');
    const label = this.locals.take('attempts');
    w.writeLine(`const ${mark} = markForRetry(${READER});`);
    w.writeLine(`let ${failed}: unknown;`);
    const outer = this.at;
    this.at = null;
    const furthest = (error: string) => `furthestError(${firstWinsTie ? `${failed}, ${error}` : `${error}, ${failed}`})`;
    /** Whether an attempt before the one at hand may have been passed over, and so made no error. */
    let skippable = false;
    w.write(`${label}: `).block(() => {
      attempts.forEach((attempt, k) => {
        const last = k === attempts.length - 1;
        const error = this.locals.take('error');
        const afterAll = k === 0 ? error : skippable ? `${failed} === undefined ? ${error} : ${furthest(error)}` : furthest(error);
        const make = () => {
          if (k > 0) w.writeLine(`${READER}.reset(${mark});`);
          w.write('try ').inlineBlock(() => {
            attempt();
            if (!last && attempt.alwaysThrows !== true) w.writeLine(`break ${label};`);
          });
          w.write(` catch (${error})`).block(() => {
            if (last) {
              w.writeLine(`throw ${afterAll};`);
              return;
            }
            w.writeLine(`if (${this.notToRecover(error)}) throw ${error};`);
            w.writeLine(`${failed} = ${afterAll};`);
          });
        };
        if (last || attempt.when === undefined) make();
        else {
          w.write(`if (${attempt.when}) `).block(make);
          skippable = true;
        }
      });
    });
    this.at = outer;
  }

  protected elementTypeText(shape: Shape, type: IrType): string {
    const text = shapeType(shape, type, this.ctx);
    return elementType(text);
  }
}

function describeGot(kind: 'text' | 'bytes', v: string): string {
  return kind === 'text' ? `\${JSON.stringify(${v}).slice(0, 40)}` : `\${${v}.length} byte\${${v}.length === 1 ? '' : 's'}`;
}

/** A byte string shape without its `.cbor` check, which the decoder makes through the reader. */
function withoutEmbedded(shape: Extract<Shape, { kind: 'bytes' }>): Extract<Shape, { kind: 'bytes' }> {
  const { embedded: _embedded, ...own } = shape;
  return own;
}
