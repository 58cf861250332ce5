/**
 * Decoders: `decodeX(bytes)` for every type rule, over an internal
 * `readX(reader)` that reads the bytes directly through the runtime's
 * CborReader. Every check happens as the bytes are read; the first problem
 * throws a DecodeError naming the path and the byte offset.
 *
 * Paths cost nothing while the input is valid: a container notes in a local
 * which child it is reading (`at = '.status'`, or the loop index), and only a
 * DecodeError passing up through it gets that segment put in front of its
 * path (`withPath`).
 */
import { createDiscardingWriter, StructureKind, type CodeBlockWriter, type FunctionDeclarationStructure } from './printer.js';
import type { IrRule, IrType } from '../ir/types.js';
import { boxedInTags, choicePlan, floatInTags, plainFloat, tagLeavesOf, type PlannedOption } from '../layout/choice-plans.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { generalReadFunction } from './general.js';
import { docs } from './docs.js';
import { matchFunction, matchFunctionName, matchPlan } from './fast-match.js';
import { memoisedRules } from './memo.js';
import { readFunctionName } from './function-names.js';
import { castTo, majorsOf, naturalType, scalarCondition } from './scalars.js';
import { isDictionary, type ArrayLayout, type ArrayRest, type DiscriminantValue, type Field, type GroupDiscriminant, type GroupVariant, type Interval, type MapField, type MapLayout, type MapStruct, type MapRest, type Shape } from '../layout/shapes.js';
import type { ScalarShape } from '../layout/scalars.js';
import { fitsNumber, isUnsigned } from '../layout/intervals.js';
import { keysSharedWithRest, restKeyParts } from '../layout/maps.js';
import { countCondition, describeCount, describeEntryCount, describeShape, discriminantLiteral, discriminantText, intLiteral, isObjectPrototypeName, LocalNames, memberAssignment, objectLiteralKey, pathSegment } from './syntax.js';
import { elementType, groupVariantType, mapVariantType, shapeType, tsType } from './types.js';

const READER = 'reader';

export function decoderFunctions(ctx: EmitContext): FunctionDeclarationStructure[] {
  // A first pass finds the rules read inside alternatives that may be rewound (memo.ts).
  const tried = new Set<string>();
  for (const rule of ctx.typeRules) new ReadEmitter(ctx, createDiscardingWriter(), tried).read(shapeOfRule(ctx, rule), rule.type as IrType, 'value', rule.tsName);
  const memoised = memoisedRules(ctx, tried);
  return ctx.typeRules.flatMap((rule, index) => {
    if (ctx.general.has(rule.name)) return [generalReadFunction(rule), decodeFunction(rule)];
    // Small fixed records get a fast path for their usual encoding (fast-match.ts); memoised rules keep the general one.
    if (memoised.has(rule.name)) return [rememberingReadFunction(rule, index), readFunction(rule, ctx, firstReadFunctionName(rule)), decodeFunction(rule)];
    const plan = matchPlan(rule, ctx);
    const read = readFunction(rule, ctx, readFunctionName(rule), plan !== null);
    return plan === null ? [read, decodeFunction(rule)] : [matchFunction(rule, plan, ctx), read, decodeFunction(rule)];
  });
}

/** `readX(reader)` of a rule that backtracking may read again at one offset: it reads each offset once, then recalls (memo.ts). */
function rememberingReadFunction(rule: IrRule, index: number): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: readFunctionName(rule),
    parameters: [{ name: READER, type: 'CborReader' }],
    returnType: rule.tsName,
    statements: [`return ${READER}.remembered(${index}, ${firstReadFunctionName(rule)});`],
  };
}

/** The function reading a remembered rule the first time at an offset (a prefix, since a rule's name may end in any word). */
function firstReadFunctionName(rule: IrRule): string {
  return `firstRead${rule.tsName}`;
}

function decodeFunction(rule: IrRule): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: `decode${rule.tsName}`,
    isExported: true,
    // One line per rule: what every decodeX shares is said once, in the module's Decoders section (module.ts).
    docs: docs(`Decodes a {@link ${rule.tsName}} from CBOR \`bytes\`; throws a DecodeError at the first problem.`, null),
    parameters: [
      { name: 'bytes', type: 'Uint8Array' },
      { name: 'options', type: 'DecodeOptions', hasQuestionToken: true },
    ],
    returnType: rule.tsName,
    // What every decodeX does is runDecoder's (runtime.ts): one line per rule.
    statements: [`return runDecoder(${readFunctionName(rule)}, bytes, options);`],
  };
}

/** `readX(reader)`, or under `name` the first read of a remembered rule; `matched`: it tries the rule's fast path first (fast-match.ts). */
function readFunction(rule: IrRule, ctx: EmitContext, name: string, matched = false): FunctionDeclarationStructure {
  const shape = shapeOfRule(ctx, rule);
  return {
    kind: StructureKind.Function,
    name,
    parameters: [{ name: READER, type: 'CborReader' }],
    returnType: rule.tsName,
    statements: (writer) => {
      const emitter = new ReadEmitter(ctx, writer);
      if (matched) {
        const value = emitter.local('matched');
        writer.writeLine(`const ${value} = ${matchFunctionName(rule)}(${READER});`);
        writer.writeLine(`if (${value} !== undefined) return ${value};`);
      }
      writer.writeLine(`return ${emitter.read(shape, rule.type as IrType, 'value', rule.tsName)};`);
    },
  };
}

class ReadEmitter {
  private readonly locals = new LocalNames([READER]);
  /** The local holding the path segment of the child being read, inside a container's try; null outside. */
  private at: string | null = null;

  /** The local holding where the array being read starts, for count errors found after its members were read; null when they are found at once. */
  private arrayStart: string | null = null;
  /** How many alternatives that may be rewound are being written around the current read. */
  private attempts = 0;

  /** `tried`: where to note the rules read inside such alternatives (the first pass of {@link decoderFunctions}). */
  constructor(
    private readonly ctx: EmitContext,
    private readonly w: CodeBlockWriter,
    private readonly tried: Set<string> | null = null,
  ) {}

  /** A fresh local name. */
  local(hint: string): string {
    return this.locals.take(hint);
  }

  /**
   * Writes statements reading one item of `shape` and returns an expression
   * of the value (a local, possibly cast). `ruleType` is set for the rule's
   * own type: the value gets the rule's name (its interface, or its branded
   * type) rather than a structural type.
   */
  read(shape: Shape, type: IrType, hint: string, ruleType: string | null = null): string {
    const w = this.w;
    const typeText = () => ruleType ?? shapeType(shape, type, this.ctx);
    switch (shape.kind) {
      case 'rule': {
        if (this.attempts > 0) this.tried?.add(shape.rule.name);
        const v = this.locals.take(hint);
        w.writeLine(`const ${v} = ${readFunctionName(shape.rule)}(${READER});`);
        return v;
      }
      case 'never': {
        const v = this.locals.take(hint);
        w.writeLine(`const ${v}: never = ${READER}.fail(${JSON.stringify(`expected ${describeShape(shape)}`)});`);
        return v;
      }
      case 'any': {
        if (shape.head !== undefined) {
          const { major, ai, simple } = shape.head;
          const initial = this.locals.take('initial');
          w.writeLine(`const ${initial} = ${READER}.peekInitial();`);
          const head = ai === null ? `${initial} >> 5 !== ${major}` : `${initial} !== ${(major << 5) | ai}`;
          // `#7.40`: the simple value is the byte after the head.
          const wrong = simple === undefined ? head : `${head} || ${READER}.bytes[${READER}.pos + 1] !== ${simple}`;
          w.writeLine(`if (${wrong}) ${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got \${${READER}.describeNext()}\`);`);
        }
        if (shape.except !== undefined) {
          // `any .ne undefined`: the left-out simple values are one byte each, told by the first byte.
          const initial = this.locals.take('initial');
          w.writeLine(`const ${initial} = ${READER}.peekInitial();`);
          w.writeLine(`if (${shape.except.map((b) => `${initial} === ${b}`).join(' || ')}) ${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got \${${READER}.describeNext()}\`);`);
        }
        const v = this.locals.take(hint);
        w.writeLine(`const ${v} = CborAny.fromReader(${READER}, '');`);
        return v;
      }
      case 'int':
      case 'float':
      case 'text':
      case 'bytes':
      case 'bool':
      case 'null':
      case 'undefined':
        return this.readScalar(shape, typeText(), hint);
      case 'tagged': {
        const tag = this.locals.take('tag');
        w.writeLine(`const ${tag} = ${READER}.readTag();`);
        if (shape.tags !== null) {
          const condition = scalarCondition({ kind: 'int', intervals: shape.tags }, tag, false);
          if (condition !== null) w.writeLine(`if (!(${condition})) ${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got tag \${${tag}}\`);`);
        }
        w.writeLine(`${READER}.enterTag();`);
        const value = this.read(shape.inner, shape.innerType, 'content');
        w.writeLine(`${READER}.leaveTag();`);
        const v = this.locals.take(hint);
        w.writeLine(`const ${v}: ${typeText()} = { tag: ${tag}, value: ${value} };`);
        return v;
      }
      case 'tag': {
        const tag = this.locals.take('tag');
        w.writeLine(`const ${tag} = ${READER}.readTag();`);
        w.writeLine(`if (${tag} !== ${intLiteral(shape.tag)}) ${READER}.fail(\`expected tag ${shape.tag}, got tag \${${tag}}\`);`);
        // A tag is a nesting level, so that a chain of them is bounded like nested arrays.
        w.writeLine(`${READER}.enterTag();`);
        const inner = this.read(shape.inner, shape.innerType, hint, ruleType);
        w.writeLine(`${READER}.leaveTag();`);
        return inner;
      }
      case 'array':
        return this.readArray(shape.layout, typeText(), hint);
      case 'map':
        return this.readMap(shape.layout, typeText(), hint);
      case 'choice':
        return this.readChoice(shape, typeText(), hint);
    }
  }

  /**
   * Writes `target = <the item read>;`. A rule's read, or a scalar read with nothing to check after it, goes
   * straight into `target`; anything else is read by {@link read} into a local first.
   */
  private readInto(target: string, shape: Shape, type: IrType, hint: string): void {
    this.w.writeLine(`${target} = ${this.directRead(shape, type) ?? this.read(shape, type, hint)};`);
  }

  /** The expression reading `shape` when that is the whole read (see {@link readInto}), else null. */
  private directRead(shape: Shape, type: IrType): string | null {
    if (shape.kind === 'rule') {
      if (this.attempts > 0) this.tried?.add(shape.rule.name);
      return `${readFunctionName(shape.rule)}(${READER})`;
    }
    let read: string;
    switch (shape.kind) {
      case 'int':
        if (shape.bignum) return null;
        read = this.asIntegerOption(`${READER}.${shape.intervals.every((i) => i.lo >= 0n) ? 'readUint' : 'readInt'}()`, shape.intervals);
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
      case 'null':
        read = `${READER}.readNull()`;
        break;
      case 'undefined':
        read = `${READER}.readUndefined()`;
        break;
      default:
        return null;
    }
    // Only when readScalar would check nothing and cast nothing: the same read, without its local.
    const probe = 'value';
    if (scalarCondition(shape, probe, false, '0', this.ctx.integers) !== null) return null;
    if (castTo(probe, naturalType(shape, this.ctx.integers), tsType(type, this.ctx)) !== probe) return null;
    return read;
  }

  private readScalar(shape: Extract<Shape, { kind: 'int' | 'float' | 'text' | 'bytes' | 'bool' | 'null' | 'undefined' }>, typeText: string, hint: string): string {
    const w = this.w;
    const v = this.locals.take(hint);
    /** A float's width, read before it. */
    let width: string | null = null;
    switch (shape.kind) {
      case 'int': {
        const read = `${READER}.${shape.bignum ? 'readBigInt' : shape.intervals.every((i) => i.lo >= 0n) ? 'readUint' : 'readInt'}()`;
        w.writeLine(`const ${v} = ${this.asIntegerOption(read, shape.intervals)};`);
        break;
      }
      case 'float':
        if (shape.widths.length < 3 || shape.boxed === true) {
          width = this.locals.take('width');
          w.writeLine(`const ${width} = ${READER}.readFloatWidth();`);
        }
        if (shape.widths.length < 3) {
          w.writeLine(`if (${shape.widths.map((x) => `${width} !== ${x}`).join(' && ')}) ${READER}.fail(\`expected ${describeShape(shape)}, got a \${${width}}-bit float\`);`);
          // Widths without every shorter one (float32, float32-64): the shortest of them is what the encoders write, and deterministic here.
          if (!shape.widths.includes(16) || (shape.widths.includes(64) && !shape.widths.includes(32))) w.writeLine(`${READER}.pinFloatWidths([${shape.widths.join(', ')}]);`);
        }
        w.writeLine(`const ${v} = ${READER}.readNumberFloat();`);
        break;
      case 'text':
        w.writeLine(`const ${v} = ${READER}.readText();`);
        break;
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
    const condition = scalarCondition(own, v, false, '0', this.ctx.integers);
    if (condition !== null) {
      const got = shape.kind === 'text' || shape.kind === 'bytes' ? describeGot(shape.kind, v) : `\${${v}}`;
      w.writeLine(`if (!(${condition})) ${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got ${got}\`);`);
    }
    if (embedded !== undefined) w.writeLine(`${READER}.checkEmbedded(${v}, ${readFunctionName(embedded.rule)}, ${embedded.sequence}, ${JSON.stringify(embedded.rule.name)});`);
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
  private asIntegerOption(read: string, intervals: Interval[]): string {
    if (fitsNumber(intervals) || this.ctx.integers === undefined) return read;
    if (this.ctx.integers === 'bigint') return `BigInt(${read})`;
    // The start is an argument before the read, so it is taken first.
    return `${READER}.safeInteger(${READER}.pos, ${read})`;
  }

  /**
   * Writes a container's child reads inside a try whose catch puts the
   * segment of the child being read in front of the error's path. Returns
   * what `body` returns. The `at` local is set by {@link segment}.
   */
  private withSegments<T>(body: () => T): T {
    const w = this.w;
    const outer = this.at;
    const at = this.locals.take('at');
    w.writeLine(`let ${at} = '';`);
    let result: T | undefined;
    w.write('try').block(() => {
      this.at = at;
      result = body();
      this.at = outer;
    });
    const error = this.locals.take('error');
    w.write(`catch (${error})`).block(() => w.writeLine(`throw withPath(${error}, ${at});`));
    return result as T;
  }

  /** The arguments that put a count error at the array's start (`, '', start`), when other items were read since. */
  private atArrayStart(): string {
    return this.arrayStart === null ? '' : `, '', ${this.arrayStart}`;
  }

  /** Writes `const start = reader.itemStart` right after an array head, for {@link atArrayStart}; returns the previous start to restore. */
  private noteArrayStart(): string | null {
    const outer = this.arrayStart;
    this.arrayStart = this.locals.take('start');
    this.w.writeLine(`const ${this.arrayStart} = ${READER}.itemStart;`);
    return outer;
  }

  /** Notes that the next read is the child at `segment` (a string expression). */
  private segment(segment: string): void {
    if (this.at !== null) this.w.writeLine(`${this.at} = ${segment};`);
  }

  private readArray(layout: ArrayLayout, typeText: string, hint: string): string {
    if (layout.kind === 'variants') return this.readVariants(layout, typeText, hint);
    const w = this.w;
    const count = this.locals.take('count');
    w.writeLine(`const ${count} = ${READER}.readArrayHeader();`);
    // Counts checked after members were read still point at the array's head.
    const late =
      layout.kind === 'alternatives' ||
      (layout.kind === 'list' || layout.kind === 'groups' ? countCondition('n', layout.min, layout.max) !== null : layout.rest !== undefined && countCondition('n', layout.rest.min, layout.rest.max) !== null);
    const outerStart = late ? this.noteArrayStart() : this.arrayStart;
    if (!late) this.arrayStart = null;
    try {
      if (layout.kind === 'groups') return this.readRepetitions(layout, count, typeText, hint);
      if (layout.kind === 'alternatives') return this.readAlternatives(layout, count, typeText, hint);
      if (layout.kind !== 'list') return this.readFields(layout.kind, layout.fields, count, [], typeText, hint, false, layout.rest, layout.after);
      return this.readList(layout, count, hint);
    } finally {
      this.arrayStart = outerStart;
    }
  }

  private readList(layout: Extract<ArrayLayout, { kind: 'list' }>, count: string, hint: string): string {
    const w = this.w;
    const bounds = countCondition(count, layout.min, layout.max);
    const expected = describeCount(layout.min, layout.max);
    if (bounds !== null) w.writeLine(`if (${count} >= 0 && (${bounds})) ${READER}.fail(\`expected an array of ${expected}, got \${${count}}\`);`);
    const items = this.locals.take(hint === 'value' ? 'items' : hint);
    const index = this.locals.take('i');
    w.writeLine(`const ${items}: ${this.elementTypeText(layout.item, layout.itemType)}[] = [];`);
    const outer = this.at;
    this.at = null;
    // The loop condition stays outside the try: an array that ends early is the array's problem, not an item's.
    w.write(`for (let ${index} = 0; ${READER}.hasMoreItems(${count}, ${index}); ${index}++)`).block(() => {
      w.write('try').block(() => {
        const item = this.read(layout.item, layout.itemType, 'item');
        w.writeLine(`${items}.push(${item});`);
      });
      const error = this.locals.take('error');
      w.write(`catch (${error})`).block(() => w.writeLine(`throw withPath(${error}, '[' + ${index} + ']');`));
    });
    this.at = outer;
    const after = countCondition(`${items}.length`, layout.min, layout.max);
    if (after !== null) w.writeLine(`if (${count} < 0 && (${after})) ${READER}.fail(\`expected an array of ${expected}, got \${${items}.length}\`${this.atArrayStart()});`);
    w.writeLine(`${READER}.endContainer(${count});`);
    return items;
  }

  /**
   * The repetitions of a repeated group, one item each, until the array
   * ends: each the first alternative that reads (among those its first
   * member names, when a discriminant does), its members counted against the
   * array's.
   */
  private readRepetitions(layout: Extract<ArrayLayout, { kind: 'groups' }>, count: string, typeText: string, hint: string): string {
    const w = this.w;
    const items = this.locals.take(hint === 'value' ? 'items' : hint);
    const members = this.locals.take('members');
    const index = this.locals.take('i');
    w.writeLine(`const ${items}: ${typeText} = [];`);
    w.writeLine(`let ${members} = 0;`);
    const outer = this.at;
    this.at = null;
    w.write(`for (let ${index} = 0; ${READER}.hasMoreItems(${count}, ${members}); ${index}++)`).block(() => {
      w.write('try').block(() => {
        const repetition = this.locals.take('repetition');
        w.writeLine(`let ${repetition}: ${layout.variants.map((v) => groupVariantType(v, this.ctx)).join(' | ')};`);
        this.readRepetition(layout, count, members, repetition);
        w.writeLine(`${items}.push(${repetition});`);
      });
      const error = this.locals.take('error');
      w.write(`catch (${error})`).block(() => w.writeLine(`throw withPath(${error}, '[' + ${index} + ']');`));
    });
    this.at = outer;
    const bounds = countCondition(`${items}.length`, layout.min, layout.max);
    if (bounds !== null) w.writeLine(`if (${bounds}) ${READER}.fail(\`expected an array of ${describeCount(layout.min, layout.max, 'repetition')}, got \${${items}.length}\`${this.atArrayStart()});`);
    w.writeLine(`${READER}.endContainer(${count});`);
    return items;
  }

  /** An array of alternatives with unnamed members: the one alternative whose members are exactly the array's items. */
  private readAlternatives(layout: Extract<ArrayLayout, { kind: 'alternatives' }>, count: string, typeText: string, hint: string): string {
    const result = this.locals.take(hint);
    this.w.writeLine(`let ${result}: ${typeText};`);
    const outer = this.at;
    this.at = null;
    this.readRepetition(layout, count, null, result);
    this.at = outer;
    this.w.writeLine(`${READER}.endContainer(${count});`);
    return result;
  }

  /**
   * One repetition into `target`: the first alternative that reads, among
   * those the first member's value allows when there is a discriminant.
   * `members`: the items of the array already read (a repeated group), or
   * null when the alternative must be the whole array.
   */
  private readRepetition(layout: { variants: GroupVariant[]; discriminant: GroupDiscriminant | null }, count: string, members: string | null, target: string): void {
    const w = this.w;
    const attempt = (k: number) => () => this.readGroupVariant(layout.variants[k] as GroupVariant, count, members, target);
    const d = layout.discriminant;
    if (d === null) {
      this.tryAlternatives(layout.variants.map((_, k) => attempt(k)));
      return;
    }
    // An array may be empty: then there is no first member to look at (and no item after the array to misread).
    const key = members === null ? `${READER}.hasMoreItems(${count}, 0) ? ${READER}.peekKey() : null` : `${READER}.peekKey()`;
    w.write(`switch (${key})`).block(() => {
      for (const c of d.cases) {
        w.writeLine(`case ${discriminantLiteral(c.value)}:`);
        w.indent(() => {
          w.block(() => this.tryAlternatives(c.variants.map(attempt)));
          w.writeLine('break;');
        });
      }
      w.writeLine('default:');
      w.indent(() => {
        // A whole array that no case names is tried against every alternative: the last one's error says what was expected.
        if (members === null) w.block(() => this.tryAlternatives(layout.variants.map((_, k) => attempt(k))));
        else if (d.others.length > 0) w.block(() => this.tryAlternatives(d.others.map(attempt)));
        else {
          const shown = d.cases.map((c) => discriminantText(c.value)).join(', ');
          w.writeLine(`${READER}.fail(\`expected one of ${escapeTemplate(shown)}, got \${${READER}.describeNext()}\`);`);
        }
      });
    });
  }

  /**
   * One alternative's members, inline in the array: every member must still
   * be in it; when it is the whole array (`members` null), no item may follow.
   */
  private readGroupVariant(variant: GroupVariant, count: string, members: string | null, target: string): void {
    const w = this.w;
    const type = groupVariantType(variant, this.ctx);
    const n = variant.fields.length;
    this.withSegments(() => {
      if (members === null) w.writeLine(`if (${count} >= 0 && ${count} !== ${n}) ${READER}.fail(\`expected an array of ${describeCount(n, n)}, got \${${count}}\`${this.atArrayStart()});`);
      const values = variant.fields.map((field, j) => {
        this.segment(variant.kind === 'tuple' ? `'[${j}]'` : pathSegment(field.name));
        w.writeLine(`if (!${READER}.hasMoreItems(${count}, ${members === null ? j : `${members} + ${j}`})) ${READER}.failAtNext(${JSON.stringify(`expected ${describeShape(field.shape)}, got the end of the array`)});`);
        return this.read(field.shape, field.type, field.name);
      });
      if (members === null) {
        this.segment("''");
        w.writeLine(`if (${count} < 0 && !${READER}.isBreak()) ${READER}.failAtNext(${JSON.stringify(`expected the end of an array of ${describeCount(n, n)}`)});`);
      }
      const built = this.locals.take('built');
      if (variant.kind === 'tuple') w.writeLine(`const ${built}: ${type} = [${values.join(', ')}];`);
      else this.buildObject(built, variant.fields, values, type);
      w.writeLine(`${target} = ${built};`);
      if (members !== null) w.writeLine(`${members} += ${n};`);
    });
  }

  /**
   * The members of a record or tuple after its array head: the count
   * checked, each member read (the first `read.length` already are), the
   * container closed, the value built. `inherit`: the caller already opened
   * this array's segment scope (it read the shared members), so reuse it.
   */
  private readFields(kind: 'record' | 'tuple', fields: Field[], count: string, read: string[], typeText: string, hint: string, inherit = false, rest?: ArrayRest, after: Field[] = []): string {
    const w = this.w;
    const required = [...fields, ...after].filter((f) => !f.optional).length;
    const min = required + (rest?.min ?? 0);
    const max = rest === undefined ? fields.length : rest.max === null ? null : fields.length + rest.max + after.length;
    const bounds = countCondition(count, min, max);
    const names = [...fields.map((f) => f.name), ...(rest === undefined ? [] : [`* ${rest.name}`]), ...after.map((f) => f.name)].join(', ');
    const expected = `an array of ${describeCount(min, max)} (${escapeTemplate(names)})`;
    if (bounds !== null) w.writeLine(`if (${count} >= 0 && (${bounds})) ${READER}.fail(\`expected ${expected}, got \${${count}}\`${this.atArrayStart()});`);
    const result = this.locals.take(hint);
    w.writeLine(`let ${result}: ${typeText};`);
    const body = () => {
      const values = fields.map((field, index) => read[index] ?? this.readPositional(field, index, count, kind));
      const built = this.locals.take('built');
      const restItems = rest === undefined ? null : this.readRest(rest, kind, fields.length, count, expected, after);
      const afterValues = restItems === null ? [] : this.readAfter(after, kind, `${fields.length} + ${restItems}.length`, count);
      if (kind === 'tuple' && restItems !== null && after.length > 0) {
        // Optional members after a repeated one are present from the first on, so the last present decides the tuple.
        const head = [...values, `...${restItems}`, ...afterValues.filter((_, j) => !(after[j] as Field).optional)];
        const optional = afterValues.filter((_, j) => (after[j] as Field).optional);
        let tuple = `[${head.join(', ')}]`;
        optional.forEach((v, k) => {
          tuple = `${v} !== undefined ? [${[...head, ...optional.slice(0, k + 1)].join(', ')}] : ${tuple}`;
        });
        w.writeLine(`const ${built}: ${typeText} = ${tuple};`);
      } else if (kind === 'tuple') {
        const present = values.filter((_, i) => !(fields[i] as Field).optional);
        if (restItems !== null) present.push(`...${restItems}`);
        w.writeLine(`const ${built}: ${typeText} = [${present.join(', ')}];`);
        values.forEach((v, i) => {
          if ((fields[i] as Field).optional) w.writeLine(`if (${v} !== undefined) ${built}.push(${v});`);
        });
      } else if (rest === undefined || restItems === null) this.buildObject(built, fields, values, typeText);
      else this.buildObject(built, [...fields, restField(rest), ...after], [...values, restItems, ...afterValues], typeText);
      w.writeLine(`${result} = ${built};`);
    };
    if (inherit) body();
    else this.withSegments(body);
    w.writeLine(`${READER}.endContainer(${count});`);
    return result;
  }

  /**
   * The repeated members after an array's fixed ones, into an array, up to
   * the first item that starts the members after them (`after`); the count
   * is checked again for indefinite length.
   */
  private readRest(rest: ArrayRest, kind: 'record' | 'tuple', fixed: number, count: string, expected: string, after: Field[]): string {
    const w = this.w;
    const items = this.locals.take(rest.name);
    const index = this.locals.take('i');
    w.writeLine(`const ${items}: ${this.elementTypeText(rest.item, rest.itemType)}[] = [];`);
    const restMajors = majorsOf(rest.item, this.ctx);
    const afterMajors = [...new Set(after.flatMap((f) => majorsOf(f.shape, this.ctx)))].sort();
    // Where the kinds of data item tell the repeated member from the ones after it, the next item's major type ends it; else an item that does not read as one.
    const byMajor = afterMajors.every((m) => !restMajors.includes(m));
    const stop = after.length > 0 && byMajor ? ` && ${afterMajors.map((m) => `${READER}.peekMajor() !== ${m}`).join(' && ')}` : '';
    w.write(`for (let ${index} = ${fixed}; ${READER}.hasMoreItems(${count}, ${index})${stop}; ${index}++)`).block(() => {
      this.segment(kind === 'tuple' ? `'[' + ${index} + ']'` : `${pathSegment(rest.name)} + '[' + (${index} - ${fixed}) + ']'`);
      if (after.length === 0 || byMajor) {
        w.writeLine(`${items}.push(${this.read(rest.item, rest.itemType, 'item')});`);
        return;
      }
      const mark = this.locals.take('mark');
      w.writeLine(`const ${mark} = ${READER}.mark();`);
      const outer = this.at;
      this.at = null;
      this.attempts++;
      w.write('try').block(() => w.writeLine(`${items}.push(${this.read(rest.item, rest.itemType, 'item')});`));
      this.attempts--;
      this.at = outer;
      const error = this.locals.take('error');
      w.write(`catch (${error})`).block(() => {
        w.writeLine(`if (!isDecodeError(${error})) throw ${error};`);
        w.writeLine(`${READER}.reset(${mark});`);
        w.writeLine('break;');
      });
    });
    const outOfBounds = countCondition(`${items}.length`, rest.min, rest.max);
    // A wrong count is the array's problem, not its last item's.
    if (outOfBounds !== null) this.segment("''");
    if (outOfBounds !== null && after.length === 0) w.writeLine(`if (${count} < 0 && (${outOfBounds})) ${READER}.fail(\`expected ${expected}, got \${${items}.length + ${fixed}}\`${this.atArrayStart()});`);
    else if (outOfBounds !== null) {
      const what = kind === 'tuple' ? `${describeCount(rest.min, rest.max)} before the last ${after.length === 1 ? 'member' : `${after.length} members`}` : `${describeCount(rest.min, rest.max)} in ${rest.name}`;
      w.writeLine(`if (${outOfBounds}) ${READER}.fail(\`expected ${escapeTemplate(what)}, got \${${items}.length}\`${this.atArrayStart()});`);
    }
    return items;
  }

  /** The members after a repeated one, from position `start` (an expression): a required one must be there, an optional one is read when it is. */
  private readAfter(after: Field[], kind: 'record' | 'tuple', start: string, count: string): string[] {
    const w = this.w;
    return after.map((field, j) => {
      const index = `${start} + ${j}`;
      this.segment(kind === 'tuple' ? `'[' + (${index}) + ']'` : pathSegment(field.name));
      if (field.optional) return this.readOptional(field, `${READER}.hasMoreItems(${count}, ${index})`);
      w.writeLine(`if (!${READER}.hasMoreItems(${count}, ${index})) ${READER}.failAtNext(${JSON.stringify(`expected ${describeShape(field.shape)} (${field.name}), got the end of the array`)});`);
      return this.read(field.shape, field.type, field.name);
    });
  }

  /** Reads array member `index`; an optional one only when the array has that many items. */
  private readPositional(field: Field, index: number, count: string, kind: 'record' | 'tuple' = 'record'): string {
    // A tuple's element is `[1]` in its path, as the guards say it; a record's member `.name`.
    this.segment(kind === 'tuple' ? `'[${index}]'` : pathSegment(field.name));
    if (!field.optional) return this.read(field.shape, field.type, field.name);
    return this.readOptional(field, `${READER}.hasMoreItems(${count}, ${index})`);
  }

  private readOptional(field: Field, present: string): string {
    const v = this.locals.take(field.name);
    this.w.writeLine(`let ${v}: ${shapeType(field.shape, field.type, this.ctx)} | undefined;`);
    this.w.write(`if (${present})`).block(() => {
      const read = this.read(field.shape, field.type, field.name);
      this.w.writeLine(`${v} = ${read};`);
    });
    return v;
  }

  /** `const result: T = { a, b }`, with optional members set only when present (so they are absent, not undefined). */
  private buildObject(result: string, fields: Field[], values: string[], typeText: string): void {
    const required = fields.flatMap((f, i) => (f.optional ? [] : [`${objectLiteralKey(f.name)}: ${values[i]}`]));
    const shorthand = required.map((entry) => entry.replace(/^([A-Za-z_$][\w$]*): \1$/, '$1'));
    const literal = shorthand.length === 0 ? '{}' : `{ ${shorthand.join(', ')} }`;
    // TypeScript sees Object.prototype's members (constructor: Function) on an object literal, so one
    // without an optional member of such a name would not be assignable to T: it is asserted instead.
    const inherits = fields.some((f) => f.optional && isObjectPrototypeName(f.name));
    this.w.writeLine(inherits ? `const ${result} = ${literal} as ${typeText};` : `const ${result}: ${typeText} = ${literal};`);
    fields.forEach((f, i) => {
      if (f.optional) this.w.writeLine(`if (${values[i]} !== undefined) ${memberAssignment(result, f.name, values[i] as string)}`);
    });
  }

  /**
   * Alternatives of an array. With a discriminant, the shared members and the
   * discriminant are read once and its value picks the alternative; without,
   * each alternative is tried from the array head, rewinding on failure.
   */
  private readVariants(layout: Extract<ArrayLayout, { kind: 'variants' }>, typeText: string, hint: string): string {
    const w = this.w;
    const result = this.locals.take(hint);
    w.writeLine(`let ${result}: ${typeText};`);
    const d = layout.discriminant;
    if (d === null || new Set(d.values.map((v) => v.type)).size !== 1) {
      const outerStart = this.arrayStart;
      // Each alternative checks the count right after reading the head.
      this.arrayStart = null;
      this.tryAlternatives(
        layout.variants.map((fields) => () => {
          const count = this.locals.take('count');
          w.writeLine(`const ${count} = ${READER}.readArrayHeader();`);
          w.writeLine(`${result} = ${this.readFields('record', fields, count, [], typeText, 'variant')};`);
        }),
      );
      this.arrayStart = outerStart;
      return result;
    }
    const count = this.locals.take('count');
    w.writeLine(`const ${count} = ${READER}.readArrayHeader();`);
    const outerStart = this.noteArrayStart();
    this.withSegments(() => {
      const first = layout.variants[0] as Field[];
      const shared = first.slice(0, d.index).map((field, index) => this.readPositional(field, index, count));
      const field = first[d.index] as Field;
      this.segment(pathSegment(field.name));
      const tag = this.locals.take(field.name);
      const text = d.values[0]?.type === 'text';
      const unsigned = d.values.every((v) => v.type === 'text' || v.value >= 0n);
      w.writeLine(`const ${tag} = ${READER}.${text ? 'readText' : unsigned ? 'readUint' : 'readInt'}();`);
      w.write(`switch (${tag})`).block(() => {
        layout.variants.forEach((fields, k) => {
          const value = d.values[k] as DiscriminantValue;
          const literal = discriminantLiteral(value);
          w.writeLine(`case ${literal}:`);
          w.indent(() => {
            w.block(() => w.writeLine(`${result} = ${this.readFields('record', fields, count, [...shared, literal], typeText, 'variant', true)};`));
            w.writeLine('break;');
          });
        });
        const shown = d.values.map(discriminantText).join(', ');
        w.writeLine('default:');
        w.indent().write(`${READER}.fail(\`expected one of ${escapeTemplate(shown)}, got \${${text ? `JSON.stringify(${tag})` : tag}}\`);`).newLine();
      });
    });
    this.arrayStart = outerStart;
    return result;
  }

  /** Tries each way of reading one after another, rewinding the reader when one throws a DecodeError; the furthest error stands, on a tie the last one's (or the first one's, with `firstWinsTie`). */
  private tryAlternatives(attempts: (() => void)[], firstWinsTie = false): void {
    if (attempts.length < 2) {
      attempts[0]?.();
      return;
    }
    this.attempts++;
    this.tryInTurn(attempts, firstWinsTie);
    this.attempts--;
  }

  /**
   * Each attempt from one mark, rewinding after a DecodeError; when the last
   * fails too, the error of the one that got furthest stands (furthestError).
   */
  private tryInTurn(attempts: (() => void)[], firstWinsTie = false): void {
    const w = this.w;
    const mark = this.locals.take('mark');
    w.writeLine(`const ${mark} = ${READER}.mark();`);
    const errors: string[] = [];
    const outer = this.at;
    this.at = null;
    const next = (k: number): void => {
      const attempt = attempts[k] as () => void;
      const error = this.locals.take('error');
      w.write('try').block(attempt);
      w.write(`catch (${error})`).block(() => {
        if (k === attempts.length - 1) {
          const all = [error, ...errors.reverse()];
          // furthestError prefers its first argument on a tie.
          w.writeLine(`throw furthestError(${(firstWinsTie ? [...all.slice(1).reverse(), error] : all).join(', ')});`);
          return;
        }
        w.writeLine(`if (!isDecodeError(${error})) throw ${error};`);
        w.writeLine(`${READER}.reset(${mark});`);
        errors.push(error);
        next(k + 1);
      });
    };
    next(0);
    this.at = outer;
  }

  private readMap(layout: MapLayout, typeText: string, hint: string): string {
    if (layout.kind === 'variants') return this.readMapVariants(layout, typeText, hint);
    return this.readMapStruct(layout, typeText, hint);
  }

  /**
   * Alternatives of a map. With a discriminant key, a first pass finds its
   * value (skipping the other entries), the reader rewinds, and the
   * alternative it names is read strictly; without, each alternative is
   * tried, rewinding on failure.
   */
  private readMapVariants(layout: Extract<MapLayout, { kind: 'variants' }>, typeText: string, hint: string): string {
    const w = this.w;
    const result = this.locals.take(hint);
    w.writeLine(`let ${result}: ${typeText};`);
    const d = layout.discriminant;
    // Each alternative is built as its own object type: built as the union, TypeScript would narrow the
    // empty start `{}` to whichever alternatives have only optional members, and then refuse their other keys.
    const read = (struct: MapStruct) => w.writeLine(`${result} = ${this.readMapStruct(struct, mapVariantType(struct, this.ctx), 'variant')};`);
    if (d === null || new Set(d.values.map((v) => v.type)).size !== 1) {
      this.tryAlternatives(layout.variants.map((struct) => () => read(struct)));
      return result;
    }
    const mark = this.locals.take('mark');
    const tag = this.locals.take(d.name);
    const count = this.locals.take('count');
    const index = this.locals.take('i');
    const found = this.locals.take('found');
    const text = d.values[0]?.type === 'text';
    const [major, readKey, key] = d.key.type === 'text' ? ['=== 3', 'readText', JSON.stringify(d.key.value)] : ['<= 1', 'readInt', intLiteral(BigInt(d.key.value))];
    w.writeLine(`const ${mark} = ${READER}.mark();`);
    w.writeLine(`let ${tag}: ${text ? 'string' : 'number | bigint'} | undefined;`);
    w.writeLine(`const ${count} = ${READER}.readMapHeader();`);
    w.write(`for (let ${index} = 0; ${tag} === undefined && ${READER}.hasMoreItems(${count}, ${index}); ${index}++)`).block(() => {
      // Every key is consumed (read if it can be the discriminant, else skipped); then its value is read or skipped.
      w.writeLine(`const ${found} = ${READER}.peekMajor() ${major} ? ${READER}.${readKey}() === ${key} : (${READER}.skip(), false);`);
      w.writeLine(`if (${found}) ${tag} = ${READER}.${text ? 'readText' : 'readInt'}();`);
      w.writeLine(`else ${READER}.skip();`);
    });
    w.writeLine(`${READER}.reset(${mark});`);
    const shown = d.values.map(discriminantText).join(', ');
    const keyShown = d.key.type === 'text' ? JSON.stringify(d.key.value) : d.key.value;
    w.write(`switch (${tag})`).block(() => {
      layout.variants.forEach((struct, k) => {
        const value = d.values[k] as DiscriminantValue;
        w.writeLine(`case ${discriminantLiteral(value)}:`);
        w.indent(() => {
          w.block(() => read(struct));
          w.writeLine('break;');
        });
      });
      w.writeLine('default:');
      w.indent().write(`${READER}.fail(${tag} === undefined ? ${JSON.stringify(`missing key ${keyShown}`)} : \`expected the key ${escapeTemplate(keyShown)} to be one of ${escapeTemplate(shown)}, got \${${text ? `JSON.stringify(${tag})` : tag}}\`);`).newLine();
    });
    return result;
  }

  private readMapStruct(layout: MapStruct, typeText: string, hint: string): string {
    const w = this.w;
    const count = this.locals.take('count');
    w.writeLine(`const ${count} = ${READER}.readMapHeader();`);
    const slots = layout.fields.map((f) => {
      const v = this.locals.take(f.name);
      w.writeLine(`let ${v}: ${shapeType(f.shape, f.type, this.ctx)} | undefined;`);
      return v;
    });
    const rest = layout.rest;
    const restKeys = rest === null ? null : restKeyParts(rest, this.ctx);
    const entries = rest === null ? null : this.locals.take(rest.name);
    const seenKeys = rest?.structured === true ? this.locals.take('seenKeys') : null;
    if (rest !== null && entries !== null) {
      // The Map is made by the first entry: most maps of this kind have none, and a Map is a costly allocation.
      if (seenKeys === null) w.writeLine(`let ${entries}: ${restMapType(rest, this.ctx)} | undefined;`);
      else {
        w.writeLine(`const ${entries}: [${shapeType(rest.key, rest.keyType, this.ctx)}, ${shapeType(rest.value, rest.valueType, this.ctx)}][] = [];`);
        w.writeLine(`const ${seenKeys} = new Set<string>();`);
      }
    }
    // A key without a cut (`"k" => int`) that the computed keys also take: its entry is the field's when the value reads as the field's type, else a computed-key entry (RFC 8610 §3.5.4).
    const shared = new Set(keysSharedWithRest(layout.fields, rest, this.ctx).filter((f) => !f.cut));
    const seen = layout.fields.map((f) => {
      if (!shared.has(f)) return null;
      const flag = this.locals.take('seen');
      w.writeLine(`let ${flag} = false;`);
      return flag;
    });
    const sizeOf = (e: string) => (seenKeys === null ? `(${e}?.size ?? 0)` : `${e}.length`);
    /** The entries as a value: an empty Map where none was read. */
    const entriesValue = (e: string) => (seenKeys === null ? `${e} ?? new ${restMapType(rest as MapRest, this.ctx)}()` : e);
    // Entries are the map itself, or its rest property (`.rest[…]`, as the guards say).
    const restPath = rest === null || isDictionary(layout) ? '' : `${pathSegment(rest.name)} + `;
    const outer = this.at;
    this.at = null;
    this.withSegments(() => {
      const index = this.locals.take('i');
      w.write(`for (let ${index} = 0; ${READER}.hasMoreItems(${count}, ${index}); ${index}++)`).block(() => {
        const byKind = { text: [] as number[], int: [] as number[] };
        layout.fields.forEach((f, i) => byKind[f.key.type].push(i));
        const kinds = (['text', 'int'] as const).filter((k) => byKind[k].length > 0 || restKeys?.[k] != null);
        this.segment("''");
        if (kinds.length === 0 && seenKeys === null) {
          w.writeLine(`${READER}.fail(${JSON.stringify('expected an empty map')});`);
          return;
        }
        const keyStart = this.locals.take('keyStart');
        w.writeLine(`const ${keyStart} = ${READER}.pos;`);
        const readStructured = () => {
          if (rest === null || entries === null || seenKeys === null) return;
          this.segment(`${restPath}'[' + ${entries}.length + '][0]'`);
          const key = this.read(rest.key, rest.keyType, 'key');
          const id = this.locals.take('keyId');
          w.writeLine(`const ${id} = ${READER}.encodedSince(${keyStart});`);
          w.writeLine(`if (${seenKeys}.has(${id})) ${READER}.fail('duplicate key', '', ${keyStart});`);
          w.writeLine(`${seenKeys}.add(${id});`);
          this.segment(`${restPath}'[' + ${entries}.length + '][1]'`);
          w.writeLine(`${entries}.push([${key}, ${this.read(rest.value, rest.valueType, 'entry')}]);`);
        };
        if (kinds.length === 0) {
          readStructured();
          return;
        }
        const readKeys = (kind: 'text' | 'int') => {
          const key = this.locals.take('key');
          w.writeLine(`const ${key} = ${READER}.${kind === 'text' ? 'readText' : 'readInt'}();`);
          const other = () => {
            const accepted = restKeys?.[kind];
            if (rest === null || entries === null || accepted == null) {
              w.writeLine(`${READER}.fail(\`unexpected key \${${kind === 'text' ? `JSON.stringify(${key})` : key}}\`, '', ${keyStart});`);
              return;
            }
            this.readRestEntry(rest, accepted, kind, key, entries, keyStart, restPath);
          };
          if (byKind[kind].length === 0) {
            other();
            return;
          }
          w.write(`switch (${key})`).block(() => {
            for (const i of byKind[kind]) {
              const flag = seen[i];
              const accepted = restKeys?.[kind];
              const orEntry = flag == null || rest === null || entries === null || accepted == null ? null : { flag, read: () => this.readRestEntry(rest, accepted, kind, key, entries, keyStart, restPath) };
              this.readMapMember(layout.fields[i] as MapField, slots[i] as string, key, keyStart, orEntry);
            }
            w.write('default:').block(other);
          });
        };
        if (kinds.length === 1 && seenKeys === null) readKeys(kinds[0] as 'text' | 'int');
        else {
          const major = this.locals.take('major');
          w.writeLine(`const ${major} = ${READER}.peekMajor();`);
          kinds.forEach((kind, k) => {
            w.write(`${k === 0 ? 'if' : 'else if'} (${kind === 'text' ? `${major} === 3` : `${major} === 0 || ${major} === 1`})`).block(() => readKeys(kind));
          });
          if (seenKeys !== null) w.write('else').block(readStructured);
          else w.writeLine(`else ${READER}.fail(\`unexpected key: \${${READER}.describeNext()}\`);`);
        }
      });
    });
    this.at = outer;
    w.writeLine(`${READER}.endContainer(${count});`);
    layout.fields.forEach((f, i) => {
      if (!f.optional) w.writeLine(`if (${slots[i]} === undefined) ${READER}.missingKey(${keyLiteral(f)});`);
    });
    for (const c of layout.counts) {
      const present = this.locals.take('present');
      const slotOf = (name: string) => slots[layout.fields.findIndex((f) => f.name === name)];
      const terms = c.names.map((n) => `(${slotOf(n)} === undefined ? 0 : 1)`);
      if (c.rest && entries !== null) terms.push(sizeOf(entries));
      w.writeLine(`const ${present} = ${terms.join(' + ')};`);
      w.writeLine(`if (${countCondition(present, c.min, c.max)}) ${READER}.fail(\`expected a map with ${escapeTemplate(describeEntryCount(c))}, got \${${present}}\`);`);
    }
    if (rest !== null && entries !== null) {
      const bounds = countCondition(sizeOf(entries), rest.min, rest.max);
      const expected = `${describeCount(rest.min, rest.max)} with keys the schema does not name`;
      if (bounds !== null) w.writeLine(`if (${bounds}) ${READER}.fail(\`expected ${expected}, got \${${sizeOf(entries)}}\`);`);
      if (isDictionary(layout)) {
        if (seenKeys !== null) return entries;
        const map = this.locals.take(hint);
        w.writeLine(`const ${map} = ${entriesValue(entries)};`);
        return map;
      }
    }
    const result = this.locals.take(hint);
    this.buildObject(result, layout.fields, slots, typeText);
    if (rest !== null && entries !== null) {
      if (rest.min === 0) w.writeLine(`if (${seenKeys === null ? `${entries} !== undefined` : `${entries}.length > 0`}) ${memberAssignment(result, rest.name, entries)}`);
      else w.writeLine(memberAssignment(result, rest.name, entriesValue(entries)));
    }
    return result;
  }

  /**
   * One fixed-key member of a map. With `orEntry` (no cut, and the computed keys take the key),
   * a value that does not read as the member's type is read as a computed-key entry instead;
   * `orEntry.flag` says the key was met, so that a second one is a duplicate either way.
   */
  private readMapMember(field: MapField, slot: string, key: string, keyStart: string, orEntry: { flag: string; read: () => void } | null): void {
    const w = this.w;
    const label = `case ${keyLiteral(field)}:`;
    const body = () => {
      const readField = () => this.readInto(slot, field.shape, field.type, field.name);
      w.writeLine(`if (${orEntry?.flag ?? `${slot} !== undefined`}) ${READER}.duplicateKey(${key}, ${keyStart});`);
      if (orEntry !== null) w.writeLine(`${orEntry.flag} = true;`);
      // Both ways of reading the entry fail at the member's path.
      this.segment(pathSegment(field.name));
      if (orEntry === null) readField();
      // Where neither reads, the member's error is the one to show.
      else this.tryAlternatives([readField, orEntry.read], true);
      w.writeLine('break;');
    };
    // A read that declares locals gets the case's own block to scope them; a read straight into the slot needs none.
    if (orEntry === null && this.directRead(field.shape, field.type) !== null) {
      w.writeLine(label);
      w.indent(body);
    } else w.write(label).block(body);
  }

  /** One computed-key entry of a map: the key checked against the schema, no duplicate, the value read into the Map. */
  private readRestEntry(rest: MapRest, accepted: ScalarShape, kind: 'text' | 'int', key: string, entries: string, keyStart: string, restPath: string): void {
    const w = this.w;
    const shown = kind === 'text' ? `JSON.stringify(${key})` : key;
    // The duplicate's message shows the key as read, not as typed below.
    const asRead = key;
    // Integer keys were read with readInt (fixed keys may be negative), so an unsigned key type still needs its sign tested.
    const sign = accepted.kind === 'int' && isUnsigned(accepted.intervals) ? `${key} >= 0` : null;
    const condition = [sign, scalarCondition(accepted, key, false)].filter((c) => c !== null).join(' && ');
    if (condition !== '') w.writeLine(`if (!(${condition})) ${READER}.fail(\`unexpected key \${${shown}}\`, '', ${keyStart});`);
    // The key as the `integers` option types it, before the duplicate test (a Map tells 1 from 1n).
    if (accepted.kind === 'int' && !fitsNumber(accepted.intervals) && this.ctx.integers !== undefined) {
      const typed = this.locals.take('typedKey');
      w.writeLine(`const ${typed} = ${this.ctx.integers === 'bigint' ? `BigInt(${key})` : `${READER}.safeInteger(${keyStart}, ${key})`};`);
      key = typed;
    }
    w.writeLine(`if (${entries}?.has(${key}) === true) ${READER}.duplicateKey(${asRead}, ${keyStart});`);
    this.segment(`${restPath}'[' + ${kind === 'text' ? shown : `String(${key})`} + ']'`);
    const value = this.read(rest.value, rest.valueType, 'entry');
    w.writeLine(`(${entries} ??= new ${restMapType(rest, this.ctx)}()).set(${castTo(key, kind === 'text' ? 'string' : 'number | bigint', tsType(rest.keyType, this.ctx))}, ${value});`);
  }

  /**
   * A type choice: the options that can start with the next item's major
   * type (and, for tags, its tag number) are tried in order, rewinding
   * between them; an option kept as `{ tag, value }` (layout/choice-plans.ts) is read by
   * its tag.
   */
  private readChoice(shape: Extract<Shape, { kind: 'choice' }>, typeText: string, hint: string): string {
    const w = this.w;
    const v = this.locals.take(hint);
    w.writeLine(`let ${v}: ${typeText};`);
    const plan = choicePlan(shape, this.ctx);
    const byMajor = new Map<number, number[]>();
    plan.forEach((option, i) => {
      for (const major of majorsOf(option.shape, this.ctx)) byMajor.set(major, [...(byMajor.get(major) ?? []), i]);
    });
    // Several options that are tags, or one that keeps its tag: the tag number picks.
    const tagged = byMajor.get(6) ?? [];
    const byTag = tagged.length > 1 || tagged.some((i) => plan[i]?.wrap !== null);
    // Majors that lead to the same options share one case.
    const groups = new Map<string, number[]>();
    for (const [major, options] of [...byMajor].sort((a, b) => a[0] - b[0])) {
      const key = byTag && major === 6 ? 'tag' : options.join(',');
      groups.set(key, [...(groups.get(key) ?? []), major]);
    }
    const readOption = (i: number) => () => {
      const option = plan[i] as PlannedOption;
      if (option.float && option.shape.kind !== 'float' && floatInTags(option.shape, this.ctx)?.tags.length !== 0) {
        // Kept as CborFloat (layout/choice-plans.ts) inside its tags: the tags read here, then the float with the width it came in.
        w.writeLine(`${v} = ${this.read(boxedInTags(option.shape, this.ctx), option.type, hint)};`);
        return;
      }
      if (option.float) {
        // Kept as CborFloat (layout/choice-plans.ts), with the width it came in.
        const width = this.locals.take('width');
        w.writeLine(`const ${width} = ${READER}.readFloatWidth();`);
        w.writeLine(`${v} = new CborFloat(${this.read(option.shape, option.type, hint)}, ${width});`);
        return;
      }
      this.readInto(v, option.shape, option.type, hint);
    };
    // Several float options (float16 / float32): the shortest of all their widths is the deterministic one, as the encoder writes it.
    const floats = plan.map((o) => plainFloat(o.shape, this.ctx)).filter((f) => f !== null);
    const floatAt = floats.length > 1 ? this.locals.take('floatAt') : null;
    if (floatAt !== null) w.writeLine(`const ${floatAt} = ${READER}.pos;`);
    w.write(`switch (${READER}.peekMajor())`).block(() => {
      for (const [key, majors] of groups) {
        // Majors that share a case fall through to the last one's block, which scopes the locals of the read.
        for (const major of majors.slice(0, -1)) w.writeLine(`case ${major}:`);
        w.write(`case ${majors[majors.length - 1]}:`).block(() => {
          if (key === 'tag') this.readByTag(plan, tagged, v, hint, describeShape(shape), readOption);
          else this.tryAlternatives(key.split(',').map((i) => readOption(Number(i))));
          w.writeLine('break;');
        });
      }
      w.writeLine('default:');
      w.indent().write(`${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got \${${READER}.describeNext()}\`);`).newLine();
    });
    if (floatAt !== null) w.writeLine(`${READER}.pinFloatWidths([${[...new Set(floats.flatMap((f) => f.widths))].sort((a, b) => a - b).join(', ')}], ${floatAt});`);
    return v;
  }

  /** The options of a choice that start with a tag (`options`), picked by its number; those that may have any number come after the ones that name it. */
  private readByTag(plan: PlannedOption[], options: number[], v: string, hint: string, expected: string, readOption: (i: number) => () => void): void {
    const w = this.w;
    const cases = new Map<bigint, (() => void)[]>();
    const others: (() => void)[] = [];
    const add = (tag: bigint, read: () => void) => cases.set(tag, [...(cases.get(tag) ?? []), read]);
    for (const i of options) {
      const option = plan[i] as PlannedOption;
      if (option.wrap !== null) {
        for (const leaf of option.wrap) add(leaf.tag, () => w.writeLine(`${v} = { tag: ${intLiteral(leaf.tag)}, value: ${this.read(leaf.shape, leaf.type, hint)} };`));
        continue;
      }
      const read = readOption(i);
      const leaves = tagLeavesOf(option, this.ctx);
      if (leaves === null) others.push(read);
      else for (const tag of new Set(leaves.map((l) => l.tag))) add(tag, read);
    }
    w.write(`switch (${READER}.peekTag())`).block(() => {
      for (const [tag, reads] of cases) {
        w.write(`case ${intLiteral(tag)}:`).block(() => {
          this.tryAlternatives([...reads, ...others]);
          w.writeLine('break;');
        });
      }
      if (others.length > 0) w.write('default:').block(() => this.tryAlternatives(others));
      else {
        w.writeLine('default:');
        w.indent().write(`${READER}.fail(\`expected ${escapeTemplate(expected)}, got \${${READER}.describeNext()}\`);`).newLine();
      }
    });
  }

  private elementTypeText(shape: Shape, type: IrType): string {
    const text = shapeType(shape, type, this.ctx);
    return elementType(text);
  }
}

/** A member's key as a TypeScript literal: the string, or the integer (a bigint literal beyond the safe ones). */
function keyLiteral(field: MapField): string {
  return field.key.type === 'text' ? JSON.stringify(field.key.value) : intLiteral(BigInt(field.key.value));
}

function describeGot(kind: 'text' | 'bytes', v: string): string {
  return kind === 'text' ? `\${JSON.stringify(${v}).slice(0, 40)}` : `\${${v}.length} byte\${${v}.length === 1 ? '' : 's'}`;
}

/** Text made safe inside a template literal. */
export function escapeTemplate(text: string): string {
  return text.replace(/[`\\$]/g, (c) => `\\${c}`);
}

/** The field a record's repeated member becomes (required: an empty array when there are none). */
function restField(rest: ArrayRest): Field {
  return { name: rest.name, span: { file: '', line: 0, col: 0 }, type: { kind: 'array', group: { choices: [] } }, shape: rest.item, optional: false, doc: rest.doc };
}

/** A byte string shape without its `.cbor` check, which the decoder makes through the reader. */
function withoutEmbedded(shape: Extract<Shape, { kind: 'bytes' }>): Extract<Shape, { kind: 'bytes' }> {
  const { embedded: _embedded, ...own } = shape;
  return own;
}

/** The Map type of a map's computed-key entries (keys that are integers or text). */
function restMapType(rest: MapRest, ctx: EmitContext): string {
  return `Map<${tsType(rest.keyType, ctx)}, ${shapeType(rest.value, rest.valueType, ctx)}>`;
}
