/**
 * Guard tests as boolean expressions (no problems recorded): a choice's
 * options, a repeated group's alternatives, the members an alternative
 * requires, the JavaScript kind of a value. The checks (guard-checks.ts) and
 * the encoders use them.
 */
import type { CodeBlockWriter } from './printer.js';
import type { IrRule, IrType } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { choicePlan, floatInTags, type PlannedOption, type TagLeaf } from '../layout/choice-plans.js';
import { oneOfStringsCondition, scalarCondition } from './scalars.js';
import { admitsUndefined, isDictionary, type ChoiceOption, type DiscriminantValue, type Field, type GroupVariant, type Shape } from '../layout/shapes.js';
import { allVariantNames, type VariantSelector } from '../layout/choices.js';
import { printType } from '../ir/print.js';
import { intLiteral, type LocalNames, parenthesised, recordMemberRead } from './syntax.js';
import { namingTextMember } from './choice-dispatch.js';
import { checkCall, deeper, depthArgument, type Level, UNTRACKED } from './guard-common.js';
import { anyLevels } from './depth.js';

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
  if (shape.kind === 'any') return anyTest(shape, v, depthArgument(level));
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
  // An option that takes objects refuses the instances other options' values are (PlannedOption.refuses) before its own test.
  const tests = optionTests(plan, v, ctx, rule, level).map((t) => (t.option.refuses.length === 0 ? t : { ...t, test: `${t.option.refuses.map((c) => `!(${v} instanceof ${c})`).join(' && ')} && ${parenthesised(t.test)}` }));
  if (plan.every((o) => o.excludes.length === 0)) return tests;
  // A value of two options that nothing else tells apart is refused: each requires the other's test to fail.
  const own = (k: number) => tests.filter((t) => t.option === plan[k]);
  return tests.map((t) => {
    // A tagged leaf's value has one tag number: another's leaf of another number never passes with it (and TypeScript
    // would find `value` narrowed to two tags at once to be never).
    const others = t.option.excludes
      .flatMap(own)
      .filter((o) => t.leaf === null || o.leaf === null || o.leaf.tag === t.leaf.tag)
      .map((o) => o.test);
    return others.length === 0 ? t : { ...t, test: `${parenthesised(t.test)} && !(${others.join(' || ')})` };
  });
}

/** {@link choiceTests} joined, where the options are all text strings or all byte strings, each as it is (scalars.ts oneOfStringsCondition); else null. */
export function oneOfStringsTest(shape: Extract<Shape, { kind: 'choice' }>, v: string, ctx: EmitContext): string | null {
  const plan = choicePlan(shape, ctx);
  if (!plan.every((o) => o.wrap === null && o.exactKeys === null && !o.float && o.excludes.length === 0 && o.refuses.length === 0)) return null;
  return oneOfStringsCondition(plan.map((o) => o.shape), v, ctx.integers);
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
      return option.wrap.map((leaf) => ({ option, leaf, test: `isTaggedValue(${v}, ${intLiteral(leaf.tag)}) && ${leafTest(leaf, `${v}.value`, optionTest({ shape: leaf.shape, type: leaf.type }, `${v}.value`, ctx, rule, level))}` }));
    }
    const test = withNamingMember(option.shape, optionTest(option, v, ctx, rule, level), v, ctx);
    if (option.exactKeys === null) return [{ option, leaf: null, test }];
    // Exact keys are a test of its objects: its values that are instances (a CborFloat) pass as they are.
    const onlyKeys = `hasOnlyKeys(${v}, [${option.exactKeys.map((k) => JSON.stringify(k)).join(', ')}])`;
    const keysTest = option.instances.length === 0 ? onlyKeys : `(${[...option.instances.map((c) => `${v} instanceof ${c}`), onlyKeys].join(' || ')})`;
    return [{ option, leaf: null, test: `${parenthesised(test)} && ${keysTest}` }];
  });
}

/** A leaf's test of the value inside its tag, told from the other options of the choice it came from as that choice's guard tells them (TagLeaf.within). */
function leafTest(leaf: TagLeaf, v: string, test: string): string {
  if (leaf.within === undefined) return parenthesised(test);
  const { refuses, exactKeys, instances } = leaf.within;
  const parts = [...refuses.map((c) => `!(${v} instanceof ${c})`), parenthesised(test)];
  if (exactKeys !== null) {
    const onlyKeys = `hasOnlyKeys(${v}, [${exactKeys.map((k) => JSON.stringify(k)).join(', ')}])`;
    parts.push(instances.length === 0 ? onlyKeys : `(${[...instances.map((c) => `${v} instanceof ${c}`), onlyKeys].join(' || ')})`);
  }
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' && ')})`;
}

/**
 * An option that is a map rule with a required member of one text value (`{ type: "array", … }`, WebDriver BiDi's
 * values): its test behind that member's, which it implies. Guards and encoders test a choice's options one after
 * another, and a value of another option then fails at a property read rather than in a call of the rule's check
 * (which rules that recur remember values in: memo.ts). The decoders peek at the same member (choice-dispatch.ts).
 */
function withNamingMember(shape: Shape, test: string, v: string, ctx: EmitContext): string {
  const member = shape.kind === 'rule' ? namingTextMember(shape, ctx) : null;
  if (member === null) return test;
  // As unknown (memberOf): an encoder's value is typed, and TypeScript would find the later comparisons to have no overlap.
  const read = `memberOf(${v}, ${JSON.stringify(member.name)})`;
  if (member.values.length === 1) return `${read} === ${JSON.stringify(member.values[0])} && ${parenthesised(test)}`;
  return `[${member.values.map((value) => JSON.stringify(value)).join(', ')}].includes(${read} as string) && ${parenthesised(test)}`;
}


/**
 * The test of the runtime's `isObject`, written out: the guards' hot path
 * (every record and map checked) pays a call into another module otherwise,
 * about 7% of a status report's or MIMI message's check.
 */
export function inlineObjectTest(v: string): string {
  return `(typeof ${v} === 'object' && ${v} !== null && !Array.isArray(${v}) && !ArrayBuffer.isView(${v}))`;
}

/** Whether values of a shape are JavaScript arrays or objects (so a failed choice can explain itself), or neither. */
export function isStructured(shape: Shape | undefined): 'array' | 'object' | null {
  if (shape === undefined) return null;
  if (shape.kind === 'map' || (shape.kind === 'array' && (shape.layout.kind === 'record' || (shape.layout.kind === 'runs' && shape.layout.named)))) return 'object';
  if (shape.kind === 'array' && shape.layout.kind === 'alternatives') {
    const kinds = new Set(shape.layout.variants.map((variant) => (variant.kind === 'record' ? 'object' : 'array')));
    return kinds.size === 1 ? ([...kinds][0] as 'array' | 'object') : null;
  }
  if (shape.kind === 'array') return 'array';
  return null;
}

/**
 * `isCborAny(v)`, with the major type (and additional information) checked for `#5`, `#0.24`; where the level `v`
 * stands at is tracked (`depth`, not '0'), and it may nest, that it keeps within the one depth limit there (anyFits).
 */
export function anyTest(shape: Extract<Shape, { kind: 'any' }>, v: string, depth = '0'): string {
  const head = shape.head;
  const fixed = head === undefined ? [] : [head.major, ...(head.ai === null ? [] : [head.ai]), ...(head.simple === undefined ? [] : [head.simple])];
  const test = head === undefined ? `isCborAny(${v})` : `isCborAnyOf(${v}, ${fixed.join(', ')})`;
  // `any .ne undefined`: the left-out simple values are one byte each.
  const kind = shape.except === undefined ? test : `(${test} && ${shape.except.map((b) => `${v}.encoded[0] !== ${b}`).join(' && ')})`;
  return depth === '0' || anyLevels(shape) === 0 ? kind : `${kind} && anyFits(${v}, ${depth})`;
}

/**
 * Whether `v` (a local) is a repetition of one alternative of a repeated
 * group: its members tested exactly, except inline arrays and maps, whose
 * kind only is tested (shapes.ts refused alternatives this could confuse).
 */
export function groupVariantTest(variant: GroupVariant, v: string, ctx: EmitContext, rule: IrRule, level: Level = UNTRACKED, siblings: readonly GroupVariant[] = []): string {
  const parts = variant.kind === 'tuple' ? [`Array.isArray(${v})`, `${v}.length === ${variant.fields.length}`] : [`isObject(${v})`];
  variant.fields.forEach((field, i) => {
    const access = variant.kind === 'tuple' ? `${v}[${i}]` : recordMemberRead(v, field.name);
    const test = memberTest(field.shape, field.type, access, ctx, rule, level);
    // An optional member of a record (layout/repeated-groups.ts recordOfOptionals) is absent or of its type.
    parts.push(field.optional ? `(${access} === undefined || ${test})` : test);
  });
  // An object is one alternative only without the members of others it lacks (`{ a: 1, b: 5 }` is no `{ a }` of
  // `* (a: int, ? b: tstr)`): else the encoder would write it as that one and leave `b` out.
  for (const name of othersMembers(variant, siblings)) parts.push(`${recordMemberRead(v, name)} === undefined`);
  return parts.join(' && ');
}

/** The members other alternatives of a repeated group name that the record alternative `variant` lacks (none for a tuple). */
export function othersMembers(variant: GroupVariant, siblings: readonly GroupVariant[]): string[] {
  if (variant.kind !== 'record') return [];
  const own = new Set(variant.fields.map((f) => f.name));
  return [...new Set(siblings.flatMap((s) => (s.kind === 'record' ? s.fields.map((f) => f.name) : [])))].filter((name) => !own.has(name));
}

export function memberTest(shape: Shape, type: IrType, v: string, ctx: EmitContext, rule: IrRule, level: Level): string {
  if (shape.kind === 'choice') {
    const strings = oneOfStringsTest(shape, v, ctx);
    if (strings !== null) return `(${strings})`;
    const plan = choicePlan(shape, ctx);
    if (plan.some((o) => o.wrap !== null || o.exactKeys !== null || o.float || o.excludes.length > 0 || o.refuses.length > 0)) return `(${choiceTests(shape, v, ctx, rule, level).map((t) => t.test).join(' || ')})`;
    return `(${shape.options.map((o) => memberTest(o.shape, o.type, v, ctx, rule, level)).join(' || ')})`;
  }
  // An inline array or map: its kind, as its values are in JavaScript (an array, an object, or a Map of computed keys).
  if (shape.kind === 'map' || shape.kind === 'array') return jsKindTest(shape, v);
  // A tag of a fixed number is its content's value, which may be a choice (`#6.7(int / bool)`): tested as a member too.
  if (shape.kind === 'tag') {
    const inner = memberTest(shape.inner, shape.innerType, v, ctx, rule, deeper(level, 1));
    return level.tracked ? `${depthArgument(deeper(level, 1))} <= MAX_DEPTH && ${inner}` : inner;
  }
  if (shape.kind === 'tagged') return `isObject(${v})`;
  const test = optionTest({ shape, type }, v, ctx, rule, level);
  return /\|\||\?/.test(test) ? `(${test})` : test;
}

/**
 * Writes where a tuple's repeated member ends in `list` (a local), as the
 * decoder reads it: at the first element after the `fixed` ones that is a
 * value of a member after it (shapes.ts made sure the repeated items never
 * are); returns the local holding that index. `fixed` may be a local (where
 * optional members before the repetition ended).
 */
export function writeRepeatedEnd(w: CodeBlockWriter, locals: LocalNames, after: Field[], list: string, fixed: number | string, ctx: EmitContext, rule: IrRule, level: Level = UNTRACKED, unknownNext = false): string {
  const end = locals.take('end');
  // The item in a local: TypeScript narrows a local by a test, not an element access (`list[end]`).
  const next = locals.take('next');
  const starts = after.map((field) => memberTest(field.shape, field.type, next, ctx, rule, level));
  w.writeLine(`let ${end} = ${fixed};`);
  w.write(`for (; ${end} < ${list}.length; ${end}++)`).block(() => {
    // `unknownNext`: tests of members some of whose values are others' (`? bool, ? true`), which TypeScript would find to
    // compare types that have no overlap once the first test narrowed the element's type; `unknown` stays as it is.
    w.writeLine(`const ${next}${unknownNext ? ': unknown' : ''} = ${list}[${end}];`);
    w.writeLine(`if (${starts.join(' || ')}) break;`);
  });
  return end;
}

/** How an alternative of a repeated group reads in a message: `[1, SUIT_Rep_Policy]`, `{ key, value }`. */
export function groupVariantText(variant: GroupVariant): string {
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
export function presenceBranches(selector: Extract<VariantSelector, { kind: 'presence' }>, object: string, members: Field[][], ctx: EmitContext): PresenceCandidate[][] {
  const names = allVariantNames(members);
  // A member every alternative requires tells none apart; one that may be undefined (`[x: int / undefined, ? y: bstr, z: bstr]`)
  // would look absent when it is undefined: its presence is not tested.
  const untested = new Set(names.filter((n) => selector.required.every((r) => r.includes(n)) && members.some((fields) => fields.some((f) => f.name === n && admitsUndefined(f.type, ctx)))));
  const candidate = (k: number): PresenceCandidate => {
    const tagValue = selector.tag?.values[k];
    const tag = selector.tag === null || tagValue === undefined ? null : { name: selector.tag.name, value: tagValue };
    const allowed = selector.allowed[k] as string[];
    return { k, test: presenceTest(object, (selector.required[k] as string[]).filter((n) => !untested.has(n)), names.filter((n) => !allowed.includes(n)), tag) };
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
export function jsKindTest(shape: Extract<Shape, { kind: 'array' | 'map' }>, v: string): string {
  if (shape.kind === 'map') {
    if (!isDictionary(shape.layout)) return `isObject(${v})`;
    return `${v} instanceof Map`;
  }
  switch (shape.layout.kind) {
    case 'record':
    case 'variants':
      return `isObject(${v})`;
    case 'alternatives':
      return `(Array.isArray(${v}) || isObject(${v}))`;
    case 'runs':
      return shape.layout.named ? `isObject(${v})` : `Array.isArray(${v})`;
    default:
      return `Array.isArray(${v})`;
  }
}
