/**
 * Guards: `isX(value)` and `validateX(value)` for every type rule, over one
 * internal `checkX(value, problems, path)`. With `problems` null it answers
 * as fast as it can (and stops at the first problem); with a list it records
 * every problem with its path. Encoders call it before writing a byte.
 */
import { StructureKind, type CodeBlockWriter, type FunctionDeclarationStructure } from './printer.js';
import type { IrRule, IrType } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { generalCheckFunction } from './general.js';
import { docs } from './docs.js';
import { choicePlan, floatInTags, type PlannedOption, type TagLeaf } from '../layout/choice-plans.js';
import { checkFunctionName } from './function-names.js';
import { scalarCondition } from './scalars.js';
import { isDictionary, type ArrayLayout, type ArrayRest, type ChoiceOption, type DiscriminantValue, type EntryCount, type Field, type GroupDiscriminant, type GroupVariant, type MapField, type MapRest, type Shape, unsupported } from '../layout/shapes.js';
import { isExactlyTestable } from '../layout/arrays.js';
import { keysSharedWithRest, restKeyParts } from '../layout/maps.js';
import { allVariantNames, membersOf, variantSelector, type VariantSelector } from '../layout/choices.js';
import { printType } from '../ir/print.js';
import { countCondition, describeCount, describeEntryCount, describeShape, discriminantLiteral, discriminantText, intLiteral, LocalNames, recordMemberRead, pathSegment } from './syntax.js';

const PROBLEMS = 'problems';

/** One alternative of a map (an array's have no computed keys nor counts). */
export interface Variant {
  fields: Field[];
  rest: MapRest | null;
  counts: EntryCount[];
}

/** The alternatives of a map or an array, and what tells them apart (layout/choices.ts). */
export interface Variants {
  variants: Variant[];
  discriminant: { name: string; values: DiscriminantValue[] } | null;
  tag: { name: string; values: DiscriminantValue[] } | null;
  overlaps: number[][];
}

/** An array's alternatives as {@link Variants} (members only: no computed keys, counts or tag). */
export function arrayVariants(layout: Extract<ArrayLayout, { kind: 'variants' }>): Variants {
  return { variants: layout.variants.map((fields) => ({ fields, rest: null, counts: [] })), discriminant: layout.discriminant, tag: null, overlaps: layout.overlaps };
}

const PATH = 'path';
const DEPTH = 'depth';

/**
 * How many levels of arrays, maps and tags enclose the value being checked:
 * `n` more than the check function's `depth` parameter when it has one
 * (`tracked`, depth.ts); without one, the level never nears the limit and
 * callees are told 0.
 */
export interface Level {
  tracked: boolean;
  n: number;
}

/** The level in encoders and in untracked check functions. */
export const UNTRACKED: Level = { tracked: false, n: 0 };

function deeper(level: Level, by: number): Level {
  return { tracked: level.tracked, n: level.n + by };
}

/** The expression of a level, as a callee's `depth` argument. */
function depthArgument(level: Level): string {
  if (!level.tracked) return '0';
  return level.n === 0 ? DEPTH : `${DEPTH} + ${level.n}`;
}

/** A call of rule `target`'s check function on `v`, with the level when it tracks one. */
function checkCall(target: IrRule, v: string, problems: string, path: string, level: Level, ctx: EmitContext): string {
  const depth = ctx.tracked.has(target.name) ? `, ${depthArgument(level)}` : '';
  return `${checkFunctionName(target)}(${v}, ${problems}, ${path}${depth})`;
}

export function guardFunctions(ctx: EmitContext): FunctionDeclarationStructure[] {
  return ctx.typeRules.flatMap((rule) => [ctx.general.has(rule.name) ? generalCheckFunction(rule) : checkFunction(rule, ctx), isFunction(rule, ctx), validateFunction(rule)]);
}

function isFunction(rule: IrRule, ctx: EmitContext): FunctionDeclarationStructure {
  const tracked = ctx.tracked.has(rule.name);
  const call = `${checkFunctionName(rule)}(value, null, ''${tracked ? ', 0' : ''})`;
  return {
    kind: StructureKind.Function,
    name: `is${rule.tsName}`,
    isExported: true,
    docs: docs(`Whether \`value\` is a valid {@link ${rule.tsName}} (one that encodes).`, null),
    parameters: [{ name: 'value', type: 'unknown' }],
    returnType: `value is ${rule.tsName}`,
    // A value nested deeper than the decoders accept (or one that contains itself) stops the check: see tooDeep.
    statements: rememberingChecks(ctx, [`return ${call};`], tracked ? ['if (isTooDeep(error)) return false;', 'throw error;'] : null),
  };
}

/**
 * `statements`, with `caught` handling what they throw (as `error`) when
 * given, and remembering what the checks find for each value while they run
 * (memo.ts), in a module where some check does.
 */
export function rememberingChecks(ctx: EmitContext, statements: string[], caught: string[] | null = null): string[] {
  const indented = (lines: string[]) => lines.map((line) => `  ${line}`);
  const remember = ctx.memoisedChecks.size > 0;
  if (!remember && caught === null) return statements;
  return [
    ...(remember ? ['const opened = openChecks();'] : []),
    'try {',
    ...indented(statements),
    ...(caught === null ? [] : ['} catch (error) {', ...indented(caught)]),
    ...(remember ? ['} finally {', '  closeChecks(opened);'] : []),
    '}',
  ];
}

function validateFunction(rule: IrRule): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: `validate${rule.tsName}`,
    isExported: true,
    docs: docs(`The problems that make \`value\` an invalid {@link ${rule.tsName}}; empty when it is valid.`, null),
    parameters: [{ name: 'value', type: 'unknown' }],
    returnType: 'Problem[]',
    // Valid input, the usual case, is answered by the fast check (no problem list, no paths): the second pass that
    // builds a path for every member (problemsOf, runtime.ts) runs only when there is a problem to report.
    statements: [`return is${rule.tsName}(value) ? [] : problemsOf(${checkFunctionName(rule)}, value);`],
  };
}

function checkFunction(rule: IrRule, ctx: EmitContext): FunctionDeclarationStructure {
  const shape = shapeOfRule(ctx, rule);
  const name = checkFunctionName(rule);
  // A remembered check (memo.ts; only tracked rules, which have a depth) answers again from what it found, and notes what it finds.
  const memo = ctx.memoisedChecks.has(rule.name) ? name : null;
  return {
    kind: StructureKind.Function,
    name,
    parameters: [
      { name: 'value', type: 'unknown' },
      { name: PROBLEMS, type: 'Problem[] | null' },
      { name: PATH, type: 'string' },
      ...(ctx.tracked.has(rule.name) ? [{ name: DEPTH, type: 'number' }] : []),
    ],
    returnType: 'boolean',
    statements: (writer) => {
      if (memo !== null) {
        writer.writeLine(`const known = ${PROBLEMS} === null ? recallCheck(${memo}, value, ${DEPTH}) : undefined;`);
        writer.writeLine('if (known !== undefined) return known;');
      }
      writer.writeLine('let ok = true;');
      new CheckEmitter(ctx, writer, rule, { tracked: ctx.tracked.has(rule.name), n: 0 }, memo).check(shape, 'value', PATH);
      writer.writeLine(memo === null ? 'return ok;' : `return rememberCheck(${memo}, value, ${DEPTH}, ok);`);
    },
  };
}

/** A boolean expression telling whether `v`, at `level`, is a value of one choice option (no problems recorded). */
export function optionTest(option: ChoiceOption, v: string, ctx: EmitContext, rule: IrRule, level: Level = UNTRACKED): string {
  const shape = option.shape;
  if (shape.kind === 'rule') return checkCall(shape.rule, v, 'null', "''", level, ctx);
  if (shape.kind === 'tag') {
    const inner = optionTest({ shape: shape.inner, type: shape.innerType }, v, ctx, rule, deeper(level, 1));
    return level.tracked ? `${depthArgument(deeper(level, 1))} <= MAX_DEPTH && ${inner}` : inner;
  }
  // layout/choices.ts `checkChoiceOptions` makes a rule with such an option general before emission.
  if (shape.kind === 'array' || shape.kind === 'map' || shape.kind === 'choice' || shape.kind === 'tagged') throw new Error(`internal: an inline ${shape.kind} as one option of a type choice in '${rule.name}'`);
  if (shape.kind === 'any') return anyTest(shape, v);
  return scalarCondition(shape, v, true, depthArgument(level), ctx.integers) ?? 'true';
}

/** One test of a type choice: an option, or one tag of an option kept as `{ tag, value }` (`leaf`). */
export interface ChoiceTest {
  option: PlannedOption;
  leaf: TagLeaf | null;
  /** A boolean expression: `v` is a value of it. */
  test: string;
}

/**
 * The tests that tell a type choice's options apart, in order (layout/choice-plans.ts
 * made sure at most one of them passes where the options would write a
 * value differently).
 */
export function choiceTests(shape: Extract<Shape, { kind: 'choice' }>, v: string, ctx: EmitContext, rule: IrRule, level: Level = UNTRACKED): ChoiceTest[] {
  const plan = choicePlan(shape, ctx);
  const tests = optionTests(plan, v, ctx, rule, level);
  if (plan.every((o) => o.excludes.length === 0)) return tests;
  // A value of two options that nothing else tells apart is refused: each requires the other's test to fail.
  const own = (k: number) => tests.filter((t) => t.option === plan[k]).map((t) => t.test);
  return tests.map((t) => {
    const others = t.option.excludes.flatMap(own);
    return others.length === 0 ? t : { ...t, test: `${parenthesised(t.test)} && !(${others.join(' || ')})` };
  });
}

function optionTests(plan: PlannedOption[], v: string, ctx: EmitContext, rule: IrRule, level: Level): ChoiceTest[] {
  return plan.flatMap((option): ChoiceTest[] => {
    const kept = option.float ? floatInTags(option.shape, ctx) : null;
    if (kept !== null) {
      // Kept as CborFloat: its number passes the float type's test, and a NaN is the quiet one (a number cannot keep other bits).
      const inner = scalarCondition(kept.float, `${v}.value`, true, '0', ctx.integers) ?? 'true';
      // Each tag around it is a nesting level, as in optionTest.
      const depth = level.tracked && kept.tags.length > 0 ? `${depthArgument(deeper(level, kept.tags.length))} <= MAX_DEPTH && ` : '';
      return [{ option, leaf: null, test: `${depth}${v} instanceof CborFloat && ${parenthesised(inner)} && numberKeepsNaN(${v}.nanBits)` }];
    }
    if (option.wrap !== null) {
      return option.wrap.map((leaf) => ({ option, leaf, test: `isTaggedValue(${v}, ${intLiteral(leaf.tag)}) && ${parenthesised(optionTest({ shape: leaf.shape, type: leaf.type }, `${v}.value`, ctx, rule, level))}` }));
    }
    const test = optionTest(option, v, ctx, rule, level);
    if (option.exactKeys === null) return [{ option, leaf: null, test }];
    return [{ option, leaf: null, test: `${parenthesised(test)} && hasOnlyKeys(${v}, [${option.exactKeys.map((k) => JSON.stringify(k)).join(', ')}])` }];
  });
}

function parenthesised(test: string): string {
  return /\|\||\?/.test(test) ? `(${test})` : test;
}

/** For encoders: `const name = (value, problems) => …`, whether `value` is of one alternative (see CheckEmitter.variantFunction). */
export function writeVariantFunction(ctx: EmitContext, w: CodeBlockWriter, rule: IrRule, name: string, variant: Variant): void {
  new CheckEmitter(ctx, w, rule, UNTRACKED).variantFunction(name, variant, "''");
}

class CheckEmitter {
  private readonly locals = new LocalNames(['value', PROBLEMS, PATH, DEPTH, 'ok', 'known']);

  constructor(
    private readonly ctx: EmitContext,
    private readonly w: CodeBlockWriter,
    private readonly rule: IrRule,
    /** The levels enclosing the value being checked (see Level). */
    private level: Level,
    /** The check function, when it remembers what it finds (memo.ts). */
    private readonly memo: string | null = null,
  ) {}

  /** Set while writing an alternative's local function, whose early end is its own. */
  private inVariantFunction = false;

  /** Ends the check early, once a problem is found and none are collected: noted first, in a remembered check. */
  private endEarly(): void {
    const end = this.memo === null || this.inVariantFunction ? 'return false;' : `return rememberCheck(${this.memo}, value, ${DEPTH}, false);`;
    this.w.writeLine(`if (!ok && ${PROBLEMS} === null) ${end}`);
  }

  /** Checks inside one more level (an array, a map or a tag) with `body`. */
  private nested(body: () => void): void {
    const outer = this.level;
    this.level = deeper(outer, 1);
    try {
      body();
    } finally {
      this.level = outer;
    }
  }

  /**
   * In a tracked function, stops the check when `v` is an array or a map (as
   * `isKind` tells) one level deeper than the decoders accept: no alternative
   * can take such a value, and a value that contains itself gets here.
   */
  private depthLimit(isKind: string, path: string): void {
    if (this.level.tracked) this.w.writeLine(`if (${depthArgument(this.level)} > MAX_DEPTH && ${isKind}) tooDeep(${PROBLEMS}, ${path});`);
  }

  /**
   * A local holding the path of a child: built only when problems are being
   * collected, so that `isX` and encoders never pay for paths.
   */
  private childPath(path: string, segment: string): string {
    const name = this.locals.take('at');
    this.w.writeLine(`const ${name} = ${PROBLEMS} === null ? '' : ${path} + ${segment};`);
    return name;
  }

  /**
   * The one statement that checks `v` when its shape is a rule, `any` or a scalar ('' when there is nothing to
   * check), else null: {@link check} writes it.
   */
  private singleCheck(shape: Shape, v: string, path: string): string | null {
    const test = this.singleTest(shape, v, path);
    if (test === null || test.failed === null) return test?.then ?? null;
    return `if (${test.failed}) ${test.then}`;
  }

  /**
   * {@link singleCheck} as its two halves, so that a member's presence test can join them: the condition under
   * which `v` fails (null: it always fails, or, with `then` '', never) and the statement that records it.
   */
  private singleTest(shape: Shape, v: string, path: string): { failed: string | null; then: string } | null {
    switch (shape.kind) {
      case 'rule':
        return { failed: `!${checkCall(shape.rule, v, PROBLEMS, path, this.level, this.ctx)}`, then: 'ok = false;' };
      case 'any': {
        const expected = shape.head === undefined && shape.except === undefined ? 'a CborAny (make one with CborAny.of(value) or CborAny.fromEncoded(bytes))' : `a CborAny of ${describeShape(shape)}`;
        return { failed: `!${anyTest(shape, v)}`, then: `ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(expected)}, ${v});` };
      }
      case 'tag':
      case 'tagged':
      case 'array':
      case 'map':
      case 'choice':
        return null;
      default: {
        const condition = scalarCondition(shape, v, true, depthArgument(this.level), this.ctx.integers);
        const problem = `ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(describeShape(shape))}, ${v});`;
        if (condition === 'false') return { failed: null, then: problem };
        return condition === null ? { failed: null, then: '' } : { failed: `!(${condition})`, then: problem };
      }
    }
  }

  /** Writes statements that check `v` (an expression of type unknown) and set `ok = false` on a problem. */
  check(shape: Shape, v: string, path: string): void {
    const w = this.w;
    switch (shape.kind) {
      case 'tag':
        this.nested(() => {
          if (!this.level.tracked) return this.check(shape.inner, v, path);
          // The value inside may still be another alternative's, so a tag too deep is a problem, not the end of the check.
          w.writeLine(`if (${depthArgument(this.level)} > MAX_DEPTH) ok = tagTooDeep(${PROBLEMS}, ${path});`);
          w.write('else').block(() => this.check(shape.inner, v, path));
        });
        return;
      case 'array':
        this.nested(() => {
          this.depthLimit(jsKindTest(shape, v), path);
          this.checkArray(shape.layout, v, path);
        });
        return;
      case 'map':
        this.nested(() => {
          this.depthLimit(jsKindTest(shape, v), path);
          if (shape.layout.kind === 'variants') this.checkVariants(shape.layout, v, path);
          else if (isDictionary(shape.layout)) this.checkEntries(shape.layout.rest, v, path);
          else this.checkObject(shape.layout.fields, shape.layout.rest, v, path, false, undefined, shape.layout.counts);
        });
        return;
      case 'choice':
        this.checkChoice(shape, v, path);
        return;
      case 'tagged': {
        const tagged = this.locals.take('tagged');
        w.writeLine(`const ${tagged} = ${v};`);
        w.writeLine(`if (!isObject(${tagged})) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an object { tag, value } for ${describeShape(shape)}`)}, ${tagged});`);
        w.write('else').block(() => {
          const tag = recordMemberRead(tagged, 'tag');
          const numbers = shape.tags === null ? null : scalarCondition({ kind: 'int', intervals: shape.tags }, tag, false);
          const test = `isInteger(${tag})${numbers === null ? '' : ` && ${numbers}`}`;
          w.writeLine(`if (!(${test})) ok = report(${PROBLEMS}, ${this.childPath(path, "'.tag'")}, ${JSON.stringify(describeShape(shape))}, ${tag});`);
          this.nested(() => {
            const inner = () => this.check(shape.inner, recordMemberRead(tagged, 'value'), this.childPath(path, "'.value'"));
            if (!this.level.tracked) return inner();
            w.writeLine(`if (${depthArgument(this.level)} > MAX_DEPTH) ok = tagTooDeep(${PROBLEMS}, ${path});`);
            w.write('else').block(inner);
          });
        });
        return;
      }
      default: {
        const statement = this.singleCheck(shape, v, path);
        if (statement !== null && statement !== '') w.writeLine(statement);
      }
    }
  }

  private checkArray(layout: ArrayLayout, v: string, path: string): void {
    const w = this.w;
    if (layout.kind === 'record') {
      this.checkObject([...layout.fields, ...(layout.after ?? [])], null, v, path, true, layout.rest);
      return;
    }
    if (layout.kind === 'variants') {
      this.checkVariants(arrayVariants(layout), v, path);
      return;
    }
    if (layout.kind === 'alternatives') {
      this.checkRepetition(layout, v, path);
      return;
    }
    // TypeScript narrows a local, not an element access such as list[i].
    const list = this.locals.take('list');
    w.writeLine(`const ${list} = ${v};`);
    w.write(`if (!Array.isArray(${list})) ok = report(${PROBLEMS}, ${path}, 'an array', ${list});`).newLine();
    w.write('else').block(() => {
      if (layout.kind === 'list' || layout.kind === 'groups') {
        const count = countCondition(`${list}.length`, layout.min, layout.max);
        const noun = layout.kind === 'groups' ? 'repetition' : 'item';
        if (count !== null) w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an array of ${describeCount(layout.min, layout.max, noun)}`)}, ${v});`);
        const index = this.locals.take('i');
        w.write(`for (let ${index} = 0; ${index} < ${list}.length; ${index}++)`).block(() => {
          const at = this.childPath(path, `'[' + ${index} + ']'`);
          if (layout.kind === 'list') this.check(layout.item, `${list}[${index}]`, at);
          else this.checkRepetition(layout, `${list}[${index}]`, at);
          this.endEarly();
        });
        return;
      }
      const after = layout.after ?? [];
      const required = [...layout.fields, ...after].filter((f) => !f.optional).length;
      const rest = layout.rest;
      const min = required + (rest?.min ?? 0);
      const max = rest === undefined ? layout.fields.length : rest.max === null ? null : layout.fields.length + rest.max + after.length;
      const count = countCondition(`${list}.length`, min, max);
      if (count !== null) {
        w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an array of ${describeCount(min, max)}`)}, ${v});`);
      }
      if (rest !== undefined) {
        let end = `${list}.length`;
        if (after.length > 0) {
          end = writeRepeatedEnd(w, this.locals, after, list, layout.fields.length, this.ctx, this.rule, this.level);
          const repeated = countCondition(`(${end} - ${layout.fields.length})`, rest.min, rest.max);
          const what = `${describeCount(rest.min, rest.max)} before the last ${after.length === 1 ? 'member' : `${after.length} members`}`;
          if (repeated !== null) w.writeLine(`if (${repeated}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(what)}, ${v});`);
          after.forEach((field, j) => {
            const item = `${list}[${end} + ${j}]`;
            const check = () => this.check(field.shape, item, this.childPath(path, `'[' + (${end} + ${j}) + ']'`));
            if (field.optional) w.write(`if (${list}.length > ${end} + ${j})`).block(check);
            else check();
          });
        }
        const index = this.locals.take('i');
        w.write(`for (let ${index} = ${layout.fields.length}; ${index} < ${end}; ${index}++)`).block(() => {
          this.check(rest.item, `${list}[${index}]`, this.childPath(path, `'[' + ${index} + ']'`));
          this.endEarly();
        });
      }
      layout.fields.forEach((field, i) => {
        const item = `${list}[${i}]`;
        const check = () => this.check(field.shape, item, this.childPath(path, `'[${i}]'`));
        if (field.optional) w.write(`if (${list}.length > ${i})`).block(check);
        else check();
      });
    });
  }

  /**
   * One repetition of a repeated group: the first alternative whose test
   * passes (exact, except for inline arrays and maps, which are then checked
   * whole). When none passes, the alternative its first member names
   * explains what is wrong, or else the item is reported whole.
   */
  private checkRepetition(layout: { variants: GroupVariant[]; discriminant: GroupDiscriminant | null }, v: string, path: string): void {
    const w = this.w;
    const item = this.locals.take('item');
    w.writeLine(`const ${item}: unknown = ${v};`);
    layout.variants.forEach((variant, k) => {
      w.write(`${k === 0 ? 'if' : 'else if'} (${groupVariantTest(variant, item, this.ctx, this.rule, this.level)})`);
      if (variant.fields.every((f) => isExactlyTestable(f.shape))) w.write(' {}').newLine();
      else w.block(() => this.checkGroupVariant(variant, item, path));
    });
    w.write('else').block(() => {
      // The one alternative, or the one its first member's value names, or the one tuple of its length, can say precisely what is wrong.
      const only = layout.variants.length === 1 ? layout.variants[0] : undefined;
      if (only !== undefined) {
        this.checkGroupVariant(only, item, path);
        w.writeLine('ok = false;');
        return;
      }
      const explainers: { test: string; variant: GroupVariant }[] = [];
      for (const c of layout.discriminant?.cases ?? []) {
        const variant = layout.variants[c.variants[0] as number] as GroupVariant;
        const first = variant.kind === 'tuple' ? `Array.isArray(${item}) && ${item}[0]` : `isObject(${item}) && ${recordMemberRead(item, (variant.fields[0] as Field).name)}`;
        explainers.push({ test: `${first} === ${discriminantLiteral(c.value)}`, variant });
      }
      const lengths = layout.variants.map((variant) => (variant.kind === 'tuple' ? variant.fields.length : -1));
      layout.variants.forEach((variant, k) => {
        const unique = variant.kind === 'tuple' && lengths.indexOf(lengths[k] as number) === lengths.lastIndexOf(lengths[k] as number);
        if (unique) explainers.push({ test: `Array.isArray(${item}) && ${item}.length === ${variant.fields.length}`, variant });
      });
      explainers.forEach(({ test, variant }, n) => {
        w.write(`${n === 0 ? 'if' : 'else if'} (${PROBLEMS} !== null && ${test})`).block(() => this.checkGroupVariant(variant, item, path));
      });
      const shown = layout.variants.slice(0, 4).map((variant) => groupVariantText(variant));
      const described = `one of the ${layout.variants.length} alternatives: ${shown.join(', ')}${layout.variants.length > shown.length ? ', …' : ''}`;
      w.writeLine(`${explainers.length > 0 ? 'else ' : ''}report(${PROBLEMS}, ${path}, ${JSON.stringify(described)}, ${item});`);
      w.writeLine('ok = false;');
    });
  }

  private checkGroupVariant(variant: GroupVariant, v: string, path: string): void {
    if (variant.kind === 'tuple') this.checkArray({ kind: 'tuple', fields: variant.fields }, v, path);
    else this.checkObject(variant.fields, null, v, path);
  }

  /**
   * Alternatives (of an array or a map): pick one by the discriminant or by
   * the members present, then check it; where the members present fit several
   * (`overlaps`), the first of those whose whole test passes, in the order the
   * decoder tries them.
   */
  private checkVariants(layout: Variants, v: string, path: string): void {
    const w = this.w;
    const { variants, discriminant } = layout;
    const members = variants.map((x) => membersOf(x.fields, x.rest));
    const selector = variantSelector(members, discriminant, layout.tag, layout.overlaps);
    const checkOne = (k: number, object: string) => this.checkVariant(variants[k] as Variant, object, path);
    w.writeLine(`if (!${inlineObjectTest(v)}) ok = report(${PROBLEMS}, ${path}, 'an object', ${v});`);
    w.write('else').block(() => {
      const object = this.locals.take('object');
      w.writeLine(`const ${object} = ${v} as Record<string, unknown>;`);
      if (selector.kind === 'discriminant') {
        const d = selector.discriminant;
        const tag = recordMemberRead(object, d.name);
        w.write(`switch (${tag})`).block(() => {
          variants.forEach((_, k) => {
            const value = d.values[k] as DiscriminantValue;
            w.writeLine(`case ${discriminantLiteral(value)}:`);
            w.indent(() => {
              w.block(() => checkOne(k, object));
              w.writeLine('break;');
            });
          });
          const shown = d.values.map(discriminantText).join(', ');
          w.writeLine('default:');
          w.indent().write(`ok = report(${PROBLEMS}, ${path} + ${pathSegment(d.name)}, ${JSON.stringify(`one of ${shown}`)}, ${tag});`).newLine();
        });
        return;
      }
      presenceBranches(selector, object, members).forEach((branch, n) => {
        w.write(`${n === 0 ? 'if' : 'else if'} (${branch.map((b) => (branch.length === 1 ? b.test : `(${b.test})`)).join(' || ')})`);
        if (branch.length === 1) w.block(() => checkOne((branch[0] as PresenceCandidate).k, object));
        else w.block(() => this.tryVariants(branch, variants, object, path));
      });
      const described = selector.allowed.map((list) => `{ ${list.join(', ')} }`).join(' or ');
      w.writeLine(`else ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an object with the members of one alternative: ${described}`)}, ${v});`);
    });
  }

  /** One alternative of a map or an array: its fields, computed-key entries and counts, on `object`. */
  private checkVariant(variant: Variant, object: string, path: string): void {
    this.checkFields(variant.fields, object, path);
    if (variant.rest !== null) this.checkRestProperty(variant.rest, object, path, variant.fields);
    this.checkCounts(variant.counts, variant.rest, object, path);
  }

  /**
   * Alternatives whose members `object` has, tried in order: each is checked
   * by a local function (its own `ok`, and `return false` ends it, not the
   * check); the first that passes is the value's. When none does, the first
   * explains, with the problems collected.
   */
  private tryVariants(branch: PresenceCandidate[], variants: Variant[], object: string, path: string): void {
    const w = this.w;
    w.writeLine('// The members present fit several alternatives: the first whose test passes, in the order the decoder tries them.');
    const tests = branch.map((b) => {
      const name = this.locals.take(`alternative${b.k + 1}`);
      this.variantFunction(name, variants[b.k] as Variant, path);
      return { ...b, name };
    });
    w.write(`if (!(${tests.map((t) => `(${t.test} && ${t.name}(${object}, null))`).join(' || ')}))`).block(() => {
      const checks = tests.map((t) => `${t.test} ? ${t.name} : null`);
      w.writeLine(`if (${PROBLEMS} !== null) reportClosest(${PROBLEMS}, ${object}, [${checks.join(', ')}]);`);
      w.writeLine('ok = false;');
    });
  }

  /** `const name = (value, problems) => …`: whether `value` is of one alternative, with that alternative's problems. */
  variantFunction(name: string, variant: Variant, path: string): void {
    const w = this.w;
    // An alternative without members (an empty map) checks nothing: its parameters are named unused (`noUnusedParameters`).
    const empty = variant.fields.length === 0 && variant.rest === null && variant.counts.length === 0;
    if (empty) {
      w.writeLine(`const ${name} = (_value: Record<string, unknown>, _problems: Problem[] | null): boolean => true;`);
      return;
    }
    w.write(`const ${name} = (value: Record<string, unknown>, ${PROBLEMS}: Problem[] | null): boolean => `).inlineBlock(() => {
      w.writeLine('let ok = true;');
      const outer = this.inVariantFunction;
      this.inVariantFunction = true;
      this.checkVariant(variant, 'value', path);
      this.inVariantFunction = outer;
      w.writeLine('return ok;');
    });
    w.write(';').newLine();
  }

  /** Objects: `v` must be an object, then its fields are checked. */
  private checkObject(fields: Field[], rest: MapRest | null, v: string, path: string, positional = false, items?: ArrayRest, counts: EntryCount[] = []): void {
    const w = this.w;
    w.writeLine(`if (!${inlineObjectTest(v)}) ok = report(${PROBLEMS}, ${path}, 'an object', ${v});`);
    w.write('else').block(() => {
      const object = this.locals.take('object');
      w.writeLine(`const ${object} = ${v} as Record<string, unknown>;`);
      this.checkFields(fields, object, path);
      if (rest !== null) this.checkRestProperty(rest, object, path, fields);
      this.checkCounts(counts, rest, object, path);
      // Only an array's optional members are positional; a map's are independent.
      if (positional) this.checkTrailingOptionals(fields, object, path);
      if (items !== undefined) this.checkItems(items, recordMemberRead(object, items.name), this.childPath(path, pathSegment(items.name)));
    });
  }

  /** A record's repeated members: an array of the right length whose every item is valid. */
  private checkItems(rest: ArrayRest, v: string, path: string): void {
    const w = this.w;
    const list = this.locals.take(rest.name);
    w.writeLine(`const ${list} = ${v};`);
    w.write(`if (!Array.isArray(${list})) ok = report(${PROBLEMS}, ${path}, 'an array', ${list});`).newLine();
    w.write('else').block(() => {
      const count = countCondition(`${list}.length`, rest.min, rest.max);
      if (count !== null) w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an array of ${describeCount(rest.min, rest.max)}`)}, ${list});`);
      const index = this.locals.take('i');
      w.write(`for (let ${index} = 0; ${index} < ${list}.length; ${index}++)`).block(() => {
        this.check(rest.item, `${list}[${index}]`, this.childPath(path, `'[' + ${index} + ']'`));
        this.endEarly();
      });
    });
  }

  /**
   * The Map property holding a map's computed-key entries. A key a field names is an entry only
   * where the field has no cut and is absent (RFC 8610 §3.5.4), so that the map holds it once.
   */
  private checkRestProperty(rest: MapRest, object: string, path: string, fields: readonly Field[]): void {
    const w = this.w;
    const entries = this.locals.take(rest.name);
    w.writeLine(`const ${entries} = ${recordMemberRead(object, rest.name)};`);
    const check = () => this.checkEntries(rest, entries, this.childPath(path, pathSegment(rest.name)));
    if (rest.min === 0) w.write(`if (${entries} !== undefined)`).block(check);
    else check();
    const shared = keysSharedWithRest(fields as MapField[], rest, this.ctx);
    if (shared.length === 0) return;
    w.write(`if (${entries} instanceof Map)`).block(() => {
      const restPath = this.childPath(path, pathSegment(rest.name));
      for (const field of shared) {
        const key = field.key.type === 'text' ? JSON.stringify(field.key.value) : field.key.value;
        const held = field.key.type === 'text' ? `${entries}.has(${key})` : `(${entries}.has(${key}) || ${entries}.has(${key}n))`;
        const taken = field.cut ? held : `${held} && ${recordMemberRead(object, field.name)} !== undefined`;
        const expected = field.cut ? `no entry with the key ${key}: the member ${field.name} has it, with a cut (RFC 8610 §3.5.4)` : `no entry with the key ${key} while the member ${field.name} is set`;
        w.writeLine(`if (${taken}) ok = report(${PROBLEMS}, ${this.childPath(restPath, `'[' + ${JSON.stringify(key)} + ']'`)}, ${JSON.stringify(expected)}, ${entries}.get(${key}));`);
      }
    });
  }

  /** Every required field present and valid, every optional one valid when present. */
  private checkFields(fields: Field[], object: string, path: string): void {
    const w = this.w;
    for (const field of fields) {
      const fieldValue = this.locals.take(field.name);
      w.writeLine(`const ${fieldValue} = ${recordMemberRead(object, field.name)};`);
      // The member's path is built only where it is needed: a report's argument only when it reports, a rule's
      // check gets it only when problems are collected; other shapes use it often enough to keep it in a local.
      const segment = pathSegment(field.name);
      const reported = `${path} + ${segment}`;
      const test = this.singleTest(field.shape, fieldValue, field.shape.kind === 'rule' ? `${PROBLEMS} === null ? '' : ${reported}` : reported);
      const fieldPath = test === null ? this.childPath(path, segment) : reported;
      const failed = test?.failed ?? null;
      if (field.optional) {
        if (test === null) w.write(`if (${fieldValue} !== undefined)`).block(() => this.check(field.shape, fieldValue, fieldPath));
        else if (test.then !== '') w.writeLine(`if (${fieldValue} !== undefined${failed === null ? '' : ` && ${failed}`}) ${test.then}`);
      } else {
        w.writeLine(`if (${fieldValue} === undefined) ok = report(${PROBLEMS}, ${fieldPath}, ${JSON.stringify(`${describeShape(field.shape)} (${field.name} is required)`)}, ${fieldValue});`);
        if (test === null) w.write('else').block(() => this.check(field.shape, fieldValue, fieldPath));
        else if (test.then !== '') w.writeLine(`else ${failed === null ? '' : `if (${failed}) `}${test.then}`);
      }
    }
  }

  /** How many of each repeated group's members are present (`{ + $$SUIT_Parameters }`: at least one). */
  private checkCounts(counts: EntryCount[], rest: MapRest | null, object: string, path: string): void {
    for (const count of counts) {
      const present = this.locals.take('present');
      const terms = count.names.map((n) => `(${recordMemberRead(object, n)} === undefined ? 0 : 1)`);
      const entries = rest === null ? null : recordMemberRead(object, rest.name);
      if (count.rest && rest !== null && entries !== null) {
        terms.push(rest.structured ? `(Array.isArray(${entries}) ? ${entries}.length : 0)` : `(${entries} instanceof Map ? (${entries} as Map<unknown, unknown>).size : 0)`);
      }
      this.w.writeLine(`const ${present} = ${terms.join(' + ')};`);
      const bounds = countCondition(present, count.min, count.max) as string;
      this.w.writeLine(`if (${bounds}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an object with ${describeEntryCount(count)}`)}, ${object});`);
    }
  }

  /** A Map of computed-key entries: the count, each key against the schema, each value. */
  private checkEntries(rest: MapRest, v: string, path: string): void {
    if (rest.structured) {
      this.checkPairs(rest, v, path);
      return;
    }
    const w = this.w;
    w.writeLine(`if (!(${v} instanceof Map)) ok = report(${PROBLEMS}, ${path}, 'a Map', ${v});`);
    w.write('else').block(() => {
      const count = countCondition(`${v}.size`, rest.min, rest.max);
      if (count !== null) w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`a Map of ${describeCount(rest.min, rest.max)}`)}, ${v});`);
      const key = this.locals.take('key');
      const entry = this.locals.take('entry');
      const parts = restKeyParts(rest, this.ctx);
      const keyTests = [parts.int, parts.text].flatMap((part) => (part === null ? [] : [scalarCondition(part, key, true, '0', this.ctx.integers) ?? 'true']));
      w.write(`for (const [${key}, ${entry}] of ${v} as Map<unknown, unknown>)`).block(() => {
        const keyPath = this.childPath(path, `'[' + (typeof ${key} === 'string' ? JSON.stringify(${key}) : String(${key})) + ']'`);
        w.writeLine(`if (!(${keyTests.join(' || ')})) ok = report(${PROBLEMS}, ${keyPath}, ${JSON.stringify(`a key of type ${printType(rest.keyType)}`)}, ${key});`);
        this.check(rest.value, entry, keyPath);
        this.endEarly();
      });
    });
  }

  /** Entries whose keys are arrays, maps or tags: `[key, value]` pairs, each checked, no key twice. */
  private checkPairs(rest: MapRest, v: string, path: string): void {
    const w = this.w;
    const pairs = this.locals.take('pairs');
    w.writeLine(`const ${pairs} = ${v};`);
    w.writeLine(`if (!Array.isArray(${pairs})) ok = report(${PROBLEMS}, ${path}, 'an array of [key, value] pairs', ${pairs});`);
    w.write('else').block(() => {
      const count = countCondition(`${pairs}.length`, rest.min, rest.max);
      if (count !== null) w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an array of ${describeCount(rest.min, rest.max, 'entry')}`.replace('entrys', 'entries'))}, ${pairs});`);
      const index = this.locals.take('i');
      w.write(`for (let ${index} = 0; ${index} < ${pairs}.length; ${index}++)`).block(() => {
        const pair = this.locals.take('pair');
        w.writeLine(`const ${pair}: unknown = ${pairs}[${index}];`);
        const at = this.childPath(path, `'[' + ${index} + ']'`);
        w.writeLine(`if (!Array.isArray(${pair}) || ${pair}.length !== 2) ok = report(${PROBLEMS}, ${at}, 'a [key, value] pair', ${pair});`);
        w.write('else').block(() => {
          const keyPath = this.childPath(at, "'[0]'");
          this.check(rest.key, `${pair}[0]`, keyPath);
          this.check(rest.value, `${pair}[1]`, this.childPath(at, "'[1]'"));
          const earlier = this.locals.take('j');
          w.write(`for (let ${earlier} = 0; ${earlier} < ${index}; ${earlier}++)`).block(() => {
            w.writeLine(`if (sameData((${pairs}[${earlier}] as unknown[])[0], ${pair}[0])) ok = report(${PROBLEMS}, ${keyPath}, 'a key that no earlier entry has', ${pair}[0]);`);
          });
        });
        this.endEarly();
      });
    });
  }

  /** Optional array members are positional: a later one cannot be present without the earlier ones. */
  private checkTrailingOptionals(fields: Field[], v: string, path: string): void {
    const optional = fields.filter((f) => f.optional);
    for (let i = 1; i < optional.length; i++) {
      const earlier = optional[i - 1] as Field;
      const later = optional[i] as Field;
      this.w.writeLine(
        `if (${recordMemberRead(v, later.name)} !== undefined && ${recordMemberRead(v, earlier.name)} === undefined) ` +
          `ok = report(${PROBLEMS}, ${path} + ${pathSegment(earlier.name)}, ${JSON.stringify(`a value: ${later.name} is set, and array members are positional`)}, undefined);`,
      );
    }
  }

  private checkChoice(shape: Extract<Shape, { kind: 'choice' }>, v: string, path: string): void {
    const w = this.w;
    const tests = choiceTests(shape, v, this.ctx, this.rule, this.level).map((t) => t.test);
    w.write(`if (!(${tests.join(' || ')}))`).block(() => {
      // One option of a structured kind can say in detail what is wrong; otherwise name the choices.
      const structured = shape.options.filter((o) => o.shape.kind === 'rule' && isStructured(this.ctx.shapes.get(o.shape.rule.name)));
      const only = structured.length === 1 ? structured[0] : undefined;
      if (only !== undefined && only.shape.kind === 'rule') {
        const kind = isStructured(this.ctx.shapes.get(only.shape.rule.name));
        const kindTest = kind === 'array' ? `Array.isArray(${v})` : `isObject(${v})`;
        w.writeLine(`if (${PROBLEMS} !== null && ${kindTest}) ${checkCall(only.shape.rule, v, PROBLEMS, path, this.level, this.ctx)};`);
        w.writeLine(`else report(${PROBLEMS}, ${path}, ${JSON.stringify(describeShape(shape))}, ${v});`);
      } else {
        w.writeLine(`report(${PROBLEMS}, ${path}, ${JSON.stringify(describeShape(shape))}, ${v});`);
      }
      w.writeLine('ok = false;');
    });
  }
}

/**
 * The test of the runtime's `isObject`, written out: the guards' hot path
 * (every record and map checked) pays a call into another module otherwise,
 * about 7% of a status report's or MIMI message's check.
 */
function inlineObjectTest(v: string): string {
  return `(typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v}) && !ArrayBuffer.isView(${v}))`;
}

/** Whether values of a shape are JavaScript arrays or objects (so a failed choice can explain itself), or neither. */
function isStructured(shape: Shape | undefined): 'array' | 'object' | null {
  if (shape === undefined) return null;
  if (shape.kind === 'map' || (shape.kind === 'array' && shape.layout.kind === 'record')) return 'object';
  if (shape.kind === 'array' && shape.layout.kind === 'alternatives') {
    const kinds = new Set(shape.layout.variants.map((variant) => (variant.kind === 'record' ? 'object' : 'array')));
    return kinds.size === 1 ? ([...kinds][0] as 'array' | 'object') : null;
  }
  if (shape.kind === 'array') return 'array';
  return null;
}

/** `isCborAny(v)`, with the major type (and additional information) checked for `#5`, `#0.24`. */
function anyTest(shape: Extract<Shape, { kind: 'any' }>, v: string): string {
  const head = shape.head;
  const fixed = head === undefined ? [] : [head.major, ...(head.ai === null ? [] : [head.ai]), ...(head.simple === undefined ? [] : [head.simple])];
  const test = head === undefined ? `isCborAny(${v})` : `isCborAnyOf(${v}, ${fixed.join(', ')})`;
  // `any .ne undefined`: the left-out simple values are one byte each.
  return shape.except === undefined ? test : `(${test} && ${shape.except.map((b) => `${v}.encoded[0] !== ${b}`).join(' && ')})`;
}

/**
 * Whether `v` (a local) is a repetition of one alternative of a repeated
 * group: its members tested exactly, except inline arrays and maps, whose
 * kind only is tested (shapes.ts refused alternatives this could confuse).
 */
export function groupVariantTest(variant: GroupVariant, v: string, ctx: EmitContext, rule: IrRule, level: Level = UNTRACKED): string {
  const parts = variant.kind === 'tuple' ? [`Array.isArray(${v})`, `${v}.length === ${variant.fields.length}`] : [`isObject(${v})`];
  variant.fields.forEach((field, i) => {
    const access = variant.kind === 'tuple' ? `${v}[${i}]` : recordMemberRead(v, field.name);
    parts.push(memberTest(field.shape, field.type, access, ctx, rule, level));
  });
  return parts.join(' && ');
}

function memberTest(shape: Shape, type: IrType, v: string, ctx: EmitContext, rule: IrRule, level: Level): string {
  if (shape.kind === 'choice') {
    const plan = choicePlan(shape, ctx);
    if (plan.some((o) => o.wrap !== null || o.exactKeys !== null || o.float || o.excludes.length > 0)) return `(${choiceTests(shape, v, ctx, rule, level).map((t) => t.test).join(' || ')})`;
    return `(${shape.options.map((o) => memberTest(o.shape, o.type, v, ctx, rule, level)).join(' || ')})`;
  }
  if (shape.kind === 'map') return isDictionary(shape.layout) ? `${v} instanceof Map` : `isObject(${v})`;
  if (shape.kind === 'tagged') return `isObject(${v})`;
  if (shape.kind === 'array') return shape.layout.kind === 'record' || shape.layout.kind === 'variants' ? `isObject(${v})` : `Array.isArray(${v})`;
  const test = optionTest({ shape, type }, v, ctx, rule, level);
  return /\|\||\?/.test(test) ? `(${test})` : test;
}

/**
 * Writes where a tuple's repeated member ends in `list` (a local), as the
 * decoder reads it: at the first element after the `fixed` ones that is a
 * value of a member after it (shapes.ts made sure the repeated items never
 * are); returns the local holding that index.
 */
export function writeRepeatedEnd(w: CodeBlockWriter, locals: LocalNames, after: Field[], list: string, fixed: number, ctx: EmitContext, rule: IrRule, level: Level = UNTRACKED): string {
  const end = locals.take('end');
  // The item in a local: TypeScript narrows a local by a test, not an element access (`list[end]`).
  const next = locals.take('next');
  const starts = after.map((field) => memberTest(field.shape, field.type, next, ctx, rule, level));
  w.writeLine(`let ${end} = ${fixed};`);
  w.write(`for (; ${end} < ${list}.length; ${end}++)`).block(() => {
    w.writeLine(`const ${next} = ${list}[${end}];`);
    w.writeLine(`if (${starts.join(' || ')}) break;`);
  });
  return end;
}

/** How an alternative of a repeated group reads in a message: `[1, SUIT_Rep_Policy]`, `{ key, value }`. */
function groupVariantText(variant: GroupVariant): string {
  return variant.kind === 'tuple' ? `[${variant.fields.map((f) => printType(f.type)).join(', ')}]` : `{ ${variant.fields.map((f) => f.name).join(', ')} }`;
}

/** All `required` members present and none of `forbidden` (members of other alternatives only), and the tag member equal to its value. */
export function presenceTest(object: string, required: string[], forbidden: string[], tag: { name: string; value: DiscriminantValue } | null = null): string {
  const parts = [...required.map((n) => `${recordMemberRead(object, n)} !== undefined`), ...forbidden.map((n) => `${recordMemberRead(object, n)} === undefined`)];
  if (tag !== null) parts.unshift(`${recordMemberRead(object, tag.name)} === ${tag.value.type === 'text' ? JSON.stringify(tag.value.value) : intLiteral(tag.value.value)}`);
  return parts.length === 0 ? 'true' : parts.join(' && ');
}

/** One alternative that the members present may pick: its index and the test of its members. */
export interface PresenceCandidate {
  k: number;
  test: string;
}

/**
 * The branches of a choice by presence, in declared order: one alternative
 * each where the members present decide, or the alternatives of one of
 * `overlaps` (at the place of its first), which are tried in order.
 */
export function presenceBranches(selector: Extract<VariantSelector, { kind: 'presence' }>, object: string, members: Field[][]): PresenceCandidate[][] {
  const names = allVariantNames(members);
  const candidate = (k: number): PresenceCandidate => {
    const tagValue = selector.tag?.values[k];
    const tag = selector.tag === null || tagValue === undefined ? null : { name: selector.tag.name, value: tagValue };
    const allowed = selector.allowed[k] as string[];
    return { k, test: presenceTest(object, selector.required[k] as string[], names.filter((n) => !allowed.includes(n)), tag) };
  };
  const branches: PresenceCandidate[][] = [];
  members.forEach((_, k) => {
    const group = selector.overlaps.find((g) => g.includes(k));
    if (group === undefined) branches.push([candidate(k)]);
    else if (group[0] === k) branches.push(group.map(candidate));
  });
  return branches;
}

/** Whether `v` is the JavaScript kind of value an array or map shape is (an array, a Map, or an object). */
function jsKindTest(shape: Extract<Shape, { kind: 'array' | 'map' }>, v: string): string {
  if (shape.kind === 'map') {
    if (!isDictionary(shape.layout)) return `isObject(${v})`;
    return shape.layout.rest.structured ? `Array.isArray(${v})` : `${v} instanceof Map`;
  }
  switch (shape.layout.kind) {
    case 'record':
    case 'variants':
      return `isObject(${v})`;
    case 'alternatives':
      return `(Array.isArray(${v}) || isObject(${v}))`;
    default:
      return `Array.isArray(${v})`;
  }
}
