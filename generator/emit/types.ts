/**
 * TypeScript declarations: one per type rule. Enumerations become a const
 * object and the union of its values; arrays with named members and maps
 * with fixed keys become interfaces; everything else a type alias.
 */
import {
  StructureKind,
  type CodeBlockWriter,
  type InterfaceDeclarationStructure,
  type StatementStructures,
  type WriterFunction,
} from './printer.js';
import { printType } from '../ir/print.js';

/** One top-level statement: a ts-morph structure, or text written by hand. */
export type Statement = StatementStructures | WriterFunction;
import type { IrRule, IrType } from '../ir/types.js';
import { choicePlan, hasWrappedOptions } from '../layout/choice-plans.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { generalTypeDeclaration } from './general.js';
import { docs, jsDocComment } from './docs.js';
import { scalarShapeType } from './scalars.js';
import { MAX_ALTERNATIVES } from '../layout/groups.js';
import { isDictionary, shapeOf, type ArrayLayout, type ArrayRest, type ArrayRun, type Field, type GroupVariant, type MapLayout, type MapRest, type MapStruct, type Shape } from '../layout/shapes.js';
import { singleTag, tagNumbers } from '../layout/tag-numbers.js';
import { scalarShape } from '../layout/scalars.js';
import { sizeOfStructures } from '../layout/sizes.js';
import { controlOptions } from '../layout/control-options.js';
import { keysSharedWithRest } from '../layout/maps.js';
import { intLiteral, propertySignatureName } from './syntax.js';
import { enumDeclarations, literalText } from './enum-types.js';

export { enumConstant } from './enum-types.js';

/** The declarations of every type rule, in rule order: one group per rule. */
export function typeDeclarations(ctx: EmitContext): Statement[][] {
  return ctx.typeRules.map((rule) => ruleDeclarations(rule, ctx));
}

function ruleDeclarations(rule: IrRule, ctx: EmitContext): Statement[] {
  const reason = ctx.general.get(rule.name);
  if (reason !== undefined) return [generalTypeDeclaration(rule, reason)];
  const type = rule.type as IrType;
  const shape = shapeOfRule(ctx, rule);
  if (type.kind === 'enum') return enumDeclarations(rule, type.values, ctx);
  const properties = interfaceProperties(shape, ctx);
  if (properties !== null) {
    const iface: InterfaceDeclarationStructure = {
      kind: StructureKind.Interface,
      name: rule.tsName,
      isExported: true,
      docs: docs(rule.doc, rule),
      properties: properties.map((p) => ({
        kind: StructureKind.PropertySignature,
        name: propertySignatureName(p.name),
        hasQuestionToken: p.optional,
        type: p.type,
        docs: p.doc === null ? [] : docs(p.doc, null),
      })),
    };
    return [iface];
  }
  // A type no data item matches says why (the generator warned too).
  const nothing = shape.kind === 'never' && shape.reason !== undefined ? `Matches nothing: ${shape.reason}.` : null;
  // A check wider than the schema means says so (the generator warned too).
  const wider = (shape.kind === 'text' || shape.kind === 'bytes') && shape.wider !== undefined ? shape.wider : null;
  const text = aliasCycle(rule, ctx) ? 'never' : withoutItself(rule, shapeType(shape, type, ctx));
  return [typeAlias(rule, text, nothing ?? wider)];
}

/** The type text a rule's alias declaration would have, before {@link withoutItself}; null for what is declared otherwise. */
function aliasText(rule: IrRule, ctx: EmitContext): string | null {
  if (ctx.general.has(rule.name) || rule.type === undefined || rule.type.kind === 'enum') return null;
  const shape = shapeOfRule(ctx, rule);
  return interfaceProperties(shape, ctx) === null ? shapeType(shape, rule.type, ctx) : null;
}

const namingOnlyEachOther = new WeakMap<EmitContext, ReadonlySet<string>>();

/**
 * Whether the rule is one of rules each of whose types, without its own name, is a union of only the others' names
 * (`a = b`, `b = #6.24(a)`; `r1 = #6.1(r1) / #6.30(r0)`, `r0 = #6.30(r1)`: tags are no part of a type), which
 * TypeScript refuses as circular aliases. No value is finite there (each is one of the others, inside tags), so
 * each is `never`. The largest such set, once per module: every rule whose type is a union of rule names, less
 * those naming a rule outside it, until none does.
 */
function aliasCycle(rule: IrRule, ctx: EmitContext): boolean {
  let rules = namingOnlyEachOther.get(ctx);
  if (rules === undefined) namingOnlyEachOther.set(ctx, (rules = rulesNamingOnlyEachOther(ctx)));
  return rules.has(rule.name);
}

function rulesNamingOnlyEachOther(ctx: EmitContext): ReadonlySet<string> {
  const byTsName = new Map(ctx.typeRules.map((r) => [r.tsName, r]));
  const named = new Map<string, string[]>();
  for (const rule of ctx.typeRules) {
    const text = aliasText(rule, ctx);
    if (text === null) continue;
    const names = unionMembers(text).filter((m) => m !== rule.tsName);
    // A rule naming only itself is withoutItself's (`a = #6.1(a)`).
    if (names.length === 0 || !names.every((m) => byTsName.has(m))) continue;
    named.set(rule.name, names.map((m) => (byTsName.get(m) as IrRule).name));
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, names] of named) {
      if (names.every((n) => named.has(n))) continue;
      named.delete(name);
      changed = true;
    }
  }
  return new Set(named.keys());
}

/**
 * A union without the rule's own name among its members: `a = #6.1(a) / #6.2(a)`
 * would otherwise be the circular `type A = A`, which TypeScript refuses. An
 * option that is the rule itself adds no value the others lack (a value is
 * finite), so `A = A | X` is `X`, and `A = A` is `never`.
 */
function withoutItself(rule: IrRule, type: string): string {
  const members = unionMembers(type);
  const others = members.filter((m) => m !== rule.tsName);
  if (others.length === members.length) return type;
  return others.length === 0 ? 'never' : others.join(' | ');
}

/** One property of an object type: a named member, or the Map of a map's computed-key entries. */
interface Property {
  name: string;
  optional: boolean;
  type: string;
  doc: string | null;
}

/** The properties of a shape declared as an interface (a map that is not only computed keys, or an array whose members are all named), else null. */
function interfaceProperties(shape: Shape, ctx: EmitContext): Property[] | null {
  if (shape.kind === 'map' && shape.layout.kind === 'struct' && !isDictionary(shape.layout)) return mapProperties(shape.layout, ctx);
  if (shape.kind === 'array' && shape.layout.kind === 'record') return recordProperties(shape.layout, ctx);
  if (shape.kind === 'array' && shape.layout.kind === 'runs' && shape.layout.named) return shape.layout.runs.map((run) => runProperty(run, ctx));
  return null;
}

/** A record's members, its repeated member as an array property, and the members after that. */
function recordProperties(layout: { fields: Field[]; rest?: ArrayRest; after?: Field[] }, ctx: EmitContext): Property[] {
  const properties = layout.fields.map((f) => fieldProperty(f, ctx));
  if (layout.rest !== undefined) properties.push({ name: layout.rest.name, optional: false, type: arrayOf(shapeType(layout.rest.item, layout.rest.itemType, ctx)), doc: layout.rest.doc });
  properties.push(...(layout.after ?? []).map((f) => fieldProperty(f, ctx)));
  return properties;
}

/** `T[]`, parenthesised when T is a union or intersection. */
export function arrayOf(item: string): string {
  return `${elementType(item)}[]`;
}

/** A type as the element of an array type: parenthesised when it is a union at its top level (`(A | B)[]`, but `[A | B, C][]`). */
export function elementType(text: string): string {
  return unionMembers(text).length > 1 ? `(${text})` : text;
}

/** The type of one item of a member of the `runs` layout, or of one repetition of a repeated group (a tuple or an object). */
export function runElementType(run: ArrayRun, ctx: EmitContext): string {
  return run.group === undefined ? shapeType(run.item, run.itemType, ctx) : groupVariantType(run.group, ctx);
}

/** The type of any element of an unnamed `runs` layout's array. Members that never meet may share a type (`[float, * tstr, * int]`): each once. */
export function runsElementType(runs: ArrayRun[], ctx: EmitContext): string {
  return [...new Set(runs.flatMap((run) => unionMembers(runElementType(run, ctx))))].join(' | ');
}

/**
 * Whether an unnamed `runs` layout is typed as one tuple per set of members present ({@link runTuples}): its members
 * each occur once or optionally, but for one that repeats (a rest element), and there are no more such sets than the
 * alternatives a layout may have; else it is the array of any element ({@link runsElementType}).
 */
export function typedAsTuples(runs: ArrayRun[]): boolean {
  if (runs.some((run) => run.group !== undefined) || runs.filter((run) => run.max !== 1).length > 1) return false;
  return 2 ** runs.filter((run) => run.min === 0 && run.max === 1).length <= MAX_ALTERNATIVES;
}

/**
 * The tuples of an unnamed `runs` layout that is {@link typedAsTuples} (`[int, ? tstr, ? bool, bstr]`, `[? tstr, ?
 * bool, * bstr]`), those with the earlier member first (`[A, B, C, D] | [A, B, D] | [A, C, D] | [A, D]`).
 */
export function runTuples(runs: ArrayRun[], ctx: EmitContext): string[] {
  // From the last member back: an optional one is each tuple after it with it, then each without it.
  let tuples: string[][] = [[]];
  let rest: string | null = null;
  for (const run of [...runs].reverse()) {
    const type = shapeType(run.item, run.itemType, ctx);
    if (run.max !== 1) {
      rest = type;
      tuples = tuples.map((tuple) => [`...${arrayOf(type)}`, ...tuple]);
      continue;
    }
    const taken = tuples.map((tuple) => [type, ...tuple]);
    tuples = run.min === 0 ? [...taken, ...tuples] : taken;
  }
  // A tuple of the repeated member alone is an array of it.
  return tuples.map((tuple) => (rest !== null && tuple.length === 1 ? arrayOf(rest) : `[${tuple.join(', ')}]`));
}

/** A member of the `runs` layout as a property: itself when it occurs once or optionally, else an array of its items. */
function runProperty(run: ArrayRun, ctx: EmitContext): Property {
  const type = runElementType(run, ctx);
  return run.max === 1 ? { name: run.name, optional: run.min === 0, type, doc: run.doc } : { name: run.name, optional: false, type: arrayOf(type), doc: run.doc };
}

function fieldProperty(field: Field, ctx: EmitContext): Property {
  return { name: field.name, optional: field.optional, type: shapeType(field.shape, field.type, ctx), doc: withDefault(field.doc, field.type) };
}

/** A member's comment, and the value it takes when absent where its type says one (`restriction .default "private"`, RFC 8610 §3.8.7), as TSDoc's `@defaultValue`. */
function withDefault(doc: string | null, type: IrType): string | null {
  if (type.kind !== 'control' || type.op !== 'default') return doc;
  const value = `@defaultValue ${printType(type.controller)}`;
  return doc === null || doc.trim() === '' ? value : `${doc.trim()}\n\n${value}`;
}

function mapProperties(layout: MapStruct, ctx: EmitContext): Property[] {
  const properties = layout.fields.map((f) => fieldProperty(f, ctx));
  for (const rest of layout.rests) {
    // Keys named without a cut (`"k" => int`) may also be entries here (RFC 8610 §3.5.4).
    const open = keysSharedWithRest(layout.fields, rest, ctx)
      .filter((f) => !f.cut)
      .map((f) => (f.key.type === 'text' ? JSON.stringify(f.key.value) : f.key.value));
    const also = open.length === 0 ? '' : ` (also ${open.join(', ')} when its value is not of the member's type: the schema names ${open.length === 1 ? 'that key' : 'those keys'} without a cut)`;
    // With several kinds, each holds the entries whose keys are of its key type.
    const which = layout.rests.length === 1 ? 'Entries whose keys the schema does not name' : `Entries whose keys are of type ${printType(rest.keyType)} and not named by the schema`;
    const doc = rest.doc ?? `${which}${also}, in the order read; encoded with the others in deterministic key order.`;
    properties.push({ name: rest.name, optional: rest.min === 0, type: mapType(rest, ctx), doc });
  }
  return properties;
}

/**
 * The Map type of a map's computed-key entries: keys typed by their IR type where they are integers or text, else
 * (MapRest.keysByEncoding) by their shape (a Uint8Array, an array, `{ tag, value }`…).
 */
export function mapType(rest: MapRest, ctx: EmitContext): string {
  return `Map<${rest.keysByEncoding ? shapeType(rest.key, rest.keyType, ctx) : tsType(rest.keyType, ctx)}, ${shapeType(rest.value, rest.valueType, ctx)}>`;
}

export function typeAlias(rule: IrRule, type: string, extra: string | null = null): Statement {
  const jsDoc = docs(rule.doc, rule, extra);
  const members = unionMembers(type);
  if (members.length < 2 || type.length <= 100) return { kind: StructureKind.TypeAlias, name: rule.tsName, isExported: true, docs: jsDoc, type };
  // A long union reads better one member a line, as a person would write it (ts-morph would hang-indent it).
  return (writer: CodeBlockWriter) => {
    for (const doc of jsDoc) writer.writeLine(jsDocComment(String(doc.description)));
    writer.writeLine(`export type ${rule.tsName} =`);
    members.forEach((member, i) => writer.writeLine(`  | ${member}${i === members.length - 1 ? ';' : ''}`));
  };
}

/**
 * The TypeScript type of a value of `shape`, which the schema writes `type`:
 * as {@link tsType} says, except for a float the layout keeps as `CborFloat`
 * (`boxed`: an integer is at the same place in another alternative,
 * layout/coinciding-floats.ts), and arrays, maps and tags written inline,
 * whose members may hold one: those are typed from the shape itself.
 */
export function shapeType(shape: Shape, type: IrType, ctx: EmitContext): string {
  const cache = cacheOf(ctx).shapeTypes;
  let byType = cache.get(shape);
  if (byType === undefined) cache.set(shape, (byType = new Map()));
  let text = byType.get(type);
  if (text === undefined) byType.set(type, (text = uncachedShapeType(shape, type, ctx)));
  return text;
}

function uncachedShapeType(shape: Shape, type: IrType, ctx: EmitContext): string {
  if (shape.kind === 'float' && shape.boxed === true) return 'CborFloat';
  if (shape.kind === 'array' && type.kind === 'array') return arrayLayoutType(shape.layout, ctx);
  if (shape.kind === 'map' && type.kind === 'map') return mapLayoutType(shape.layout, ctx);
  if (shape.kind === 'tag' && type.kind === 'tag') return shapeType(shape.inner, type.type, ctx);
  // A tag whose number is part of the value (`#6.<uint>({ * float => int })`): its content as laid out, boxed float keys and all.
  if (shape.kind === 'tagged' && type.kind === 'tag') return `{ tag: number | bigint; value: ${shapeType(shape.inner, type.type, ctx)} }`;
  // `.and`/`.within` of structures that match nothing (`[int, int] .and [uint]`): no side's type says so.
  if (shape.kind === 'never' && type.kind === 'control' && (type.op === 'and' || type.op === 'within')) return 'never';
  // `.and`/`.within` whose layout is its left side's (`[float] .within [any]`), and `.default`: typed as that side, boxed floats and all.
  if (type.kind === 'control' && (type.op === 'and' || type.op === 'within' || type.op === 'default') && (shape.kind === 'array' || shape.kind === 'map' || shape.kind === 'tag')) {
    return shapeType(shape, type.target, ctx);
  }
  if (shape.kind === 'choice' && (type.kind === 'choice' || type.kind === 'enum')) return taggedChoiceType(shape, ctx) ?? tsType(type, ctx);
  // A rule's choice copied to a member to box a float in it (`[e] / [int]`, `e = &(x: 1.0, y: 2.5)`; `k = tstr / #6.1(float)`
  // in `[k] / [#6.1(int)]`): the options' types, not the rule's.
  if (shape.kind === 'choice' && type.kind === 'ref' && shape.options.some((o) => boxedInTags(o.shape))) {
    return taggedChoiceType(shape, ctx) ?? unionOf(shape.options.flatMap((o) => unionMembers(shapeType(o.shape, o.type, ctx))));
  }
  return tsType(type, ctx);
}

/** Whether the shape is a boxed float, maybe inside tags written in place. */
function boxedInTags(shape: Shape): boolean {
  return shape.kind === 'tag' ? boxedInTags(shape.inner) : shape.kind === 'float' && shape.boxed === true;
}

/** The TypeScript type of an IR type, as text. */
export function tsType(type: IrType, ctx: EmitContext): string {
  const cache = cacheOf(ctx).tsTypes;
  let text = cache.get(type);
  if (text === undefined) cache.set(type, (text = uncachedTsType(type, ctx)));
  return text;
}

/**
 * The texts {@link tsType} and {@link shapeType} made for a module, by the IR type's and the shape's
 * identity: the declarations, decoders, encoders and guards each ask for the same members' types,
 * and a choice's text computes its shape again every time.
 */
interface TypeTexts {
  tsTypes: WeakMap<IrType, string>;
  shapeTypes: WeakMap<Shape, Map<IrType, string>>;
}

const typeTexts = new WeakMap<EmitContext, TypeTexts>();

function cacheOf(ctx: EmitContext): TypeTexts {
  let texts = typeTexts.get(ctx);
  if (texts === undefined) typeTexts.set(ctx, (texts = { tsTypes: new WeakMap(), shapeTypes: new WeakMap() }));
  return texts;
}

function uncachedTsType(type: IrType, ctx: EmitContext): string {
  switch (type.kind) {
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      return rule === undefined ? 'never' : rule.tsName;
    }
    case 'literal':
      // A float beyond every binary64 (`1e999`) equals no data item (layout/scalars.ts warns).
      if (type.value.type === 'float') return type.value.value === null ? 'never' : 'number';
      if (type.value.type === 'bytes') return 'Uint8Array';
      return literalText(type.value);
    case 'choice':
    case 'enum': {
      // An enumeration is a choice of its values: a float among them beside an integer is kept as CborFloat too (`[&( a: 1, b: 2.0 )]`).
      const kept = taggedChoiceType(shapeOf(type, ctx, NO_SPAN), ctx);
      if (kept !== null) return kept;
      const types = type.kind === 'choice' ? type.options : type.values.map((v) => v.type);
      return unionOf(types.flatMap((t) => unionMembers(tsType(t, ctx))));
    }
    case 'array':
      return arrayType(type, ctx);
    case 'map':
      return mapTypeText(type, ctx);
    case 'tag': {
      // Its number is part of the value only when the schema does not fix it (`#6.<1..3>(int)`).
      const tags = tagNumbers(type, ctx, NO_SPAN);
      if (tags !== null && tags.length === 0) return 'never';
      const fixed = singleTag(tags) !== undefined;
      return fixed ? tsType(type.type, ctx) : `{ tag: number | bigint; value: ${tsType(type.type, ctx)} }`;
    }
    case 'major':
      return 'CborAny';
    case 'control': {
      // `any .size R`: the union of its options' types (uint, bstr and tstr with the bound), never CborAny; `.and`, `.cat` and `.det` of several kinds: one option per kind; `.plus` one per target group.
      const sized = controlOptions(type, ctx);
      if (sized === null) return scalarType(type, ctx);
      // A float option beside an integer one is kept as CborFloat, as in any type choice (layout/choice-plans.ts).
      return taggedChoiceType(shapeOf(type, ctx, NO_SPAN), ctx) ?? unionOf(sized.flatMap((t) => unionMembers(tsType(t, ctx))));
    }
    default:
      return scalarType(type, ctx);
  }
}

/**
 * A type choice some of whose options keep their tag (layout/choice-plans.ts): those are
 * `{ tag: N; value: T }`, one per tag; null when no option does.
 */
function taggedChoiceType(shape: Shape, ctx: EmitContext): string | null {
  if (shape.kind !== 'choice') return null;
  const plan = choicePlan(shape, ctx);
  if (!hasWrappedOptions(plan)) return null;
  const parts = plan.flatMap((o) => (o.float ? ['CborFloat'] : o.wrap === null ? unionMembers(shapeType(o.shape, o.type, ctx)) : o.wrap.map((leaf) => `{ tag: ${intLiteral(leaf.tag)}; value: ${tsType(leaf.type, ctx)} }`)));
  return unionOf(parts);
}

/**
 * A union of these types, each once; `never` only where nothing else is (`never | number` is `number`: an option no
 * value has, warned of where it is written, adds nothing).
 */
function unionOf(members: readonly string[]): string {
  const held = [...new Set(members)].filter((m) => m !== 'never');
  return held.length === 0 ? 'never' : held.join(' | ');
}

/** The members of a union type's text at its top level (not inside braces, brackets, parentheses or strings). */
function unionMembers(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if ('{[(<'.includes(c)) depth++;
    else if ('}])>'.includes(c)) depth--;
    else if (c === '|' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

function scalarType(type: IrType, ctx: EmitContext): string {
  const scalar = scalarShape(type, ctx, NO_SPAN, new Set());
  // A size of arrays, maps or tags has no value (layout/sizes.ts), whatever its target's type.
  if (scalar === null && sizeOfStructures(type, ctx)) return 'never';
  if (scalar === null) return type.kind === 'control' ? tsType(type.target, ctx) : 'unknown';
  return scalarShapeType(scalar, ctx);
}

function arrayType(type: Extract<IrType, { kind: 'array' }>, ctx: EmitContext): string {
  const shape = inlineShape(type, ctx, 'array');
  return shape.kind === 'never' ? 'never' : arrayLayoutType(shape.layout, ctx);
}

export function arrayLayoutType(layout: ArrayLayout, ctx: EmitContext): string {
  switch (layout.kind) {
    case 'list':
      return arrayOf(shapeType(layout.item, layout.itemType, ctx));
    case 'record':
      return objectType(recordProperties(layout, ctx));
    case 'tuple': {
      const rest = layout.rest;
      if (rest !== undefined && layout.fields.some((f) => f.optional)) {
        // Optional elements before a rest one (arrays.ts optionalsBeforeRest): an element past the required ones is an
        // optional member's or a repeated item, so one tuple per number of optional members present, as after it.
        const required = layout.fields.filter((f) => !f.optional).length;
        // And with members after the repeated one (`[int, ? tstr, * bool, bstr]`), one per number of those present too.
        const after = layout.after ?? [];
        const tuples: string[] = [];
        for (let present = layout.fields.length; present >= required; present--) {
          for (let last = after.length; last >= after.filter((f) => !f.optional).length; last--) {
            const elements = [...layout.fields.slice(0, present), ...after.slice(0, last)].map((f) => shapeType(f.shape, f.type, ctx));
            elements.splice(present, 0, `...${arrayOf(shapeType(rest.item, rest.itemType, ctx))}`);
            tuples.push(`[${elements.join(', ')}]`);
          }
        }
        return tuples.join(' | ');
      }
      const elements = layout.fields.map((f) => (f.optional ? `${elementType(shapeType(f.shape, f.type, ctx))}?` : shapeType(f.shape, f.type, ctx)));
      if (rest !== undefined) elements.push(`...${arrayOf(shapeType(rest.item, rest.itemType, ctx))}`);
      const after = layout.after ?? [];
      if (after.length === 0) return `[${elements.join(', ')}]`;
      // TypeScript has no optional element after a rest element: one tuple per number of members present after it.
      const required = after.filter((f) => !f.optional).length;
      const tuples: string[] = [];
      for (let present = required; present <= after.length; present++) {
        const tuple = [...elements, ...after.slice(0, present).map((f) => shapeType(f.shape, f.type, ctx))];
        // `[...T[]]` is `T[]`.
        tuples.push(tuple.length === 1 && layout.fields.length === 0 && layout.rest !== undefined ? arrayOf(shapeType(layout.rest.item, layout.rest.itemType, ctx)) : `[${tuple.join(', ')}]`);
      }
      return tuples.join(' | ');
    }
    case 'variants':
      return layout.variants.map((fields) => objectType(fields.map((f) => fieldProperty(f, ctx)))).join(' | ');
    case 'groups': {
      const repetitions = arrayOf(layout.variants.map((variant) => groupVariantType(variant, ctx)).join(' | '));
      // The members before and after the repetitions are the first and last elements, each as itself (`[number, ...[string, number][]]`).
      if (layout.fields === undefined && layout.after === undefined) return repetitions;
      const elements = (fields: Field[] = []) => fields.map((f) => shapeType(f.shape, f.type, ctx));
      const after = layout.after ?? [];
      const before = layout.fields ?? [];
      if (before.some((f) => f.optional)) {
        // Optional members before them (with none after them, repeated-groups.ts): one tuple per number present, the most first.
        const tuples: string[] = [];
        for (let present = before.length; present >= before.filter((f) => !f.optional).length; present--) {
          tuples.push(present === 0 ? repetitions : `[${[...elements(before.slice(0, present)), `...${repetitions}`].join(', ')}]`);
        }
        return tuples.join(' | ');
      }
      if (!after.some((f) => f.optional)) return `[${[...elements(layout.fields), `...${repetitions}`, ...elements(after)].join(', ')}]`;
      // TypeScript has no optional element after a rest element: one tuple per number of members present after them.
      const tuples: string[] = [];
      for (let present = after.filter((f) => !f.optional).length; present <= after.length; present++) {
        const tuple = [...elements(layout.fields), `...${repetitions}`, ...elements(after.slice(0, present))];
        tuples.push(tuple.length === 1 ? repetitions : `[${tuple.join(', ')}]`);
      }
      return tuples.join(' | ');
    }
    case 'alternatives':
      return layout.variants.map((variant) => groupVariantType(variant, ctx)).join(' | ');
    case 'forks':
      return layout.variants.map((variant) => arrayLayoutType(variant, ctx)).join(' | ');
    case 'runs': {
      if (layout.named) return objectType(layout.runs.map((run) => runProperty(run, ctx)));
      return typedAsTuples(layout.runs) ? runTuples(layout.runs, ctx).join(' | ') : arrayOf(runsElementType(layout.runs, ctx));
    }
  }
}

/** The type of one repetition of a repeated group: an object of its members, or a tuple. */
export function groupVariantType(variant: GroupVariant, ctx: EmitContext): string {
  if (variant.kind === 'record') return objectType(variant.fields.map((f) => fieldProperty(f, ctx)));
  return `[${variant.fields.map((f) => shapeType(f.shape, f.type, ctx)).join(', ')}]`;
}

function mapTypeText(type: Extract<IrType, { kind: 'map' }>, ctx: EmitContext): string {
  const shape = inlineShape(type, ctx, 'map');
  return shape.kind === 'never' ? 'never' : mapLayoutType(shape.layout, ctx);
}

function mapLayoutType(layout: MapLayout, ctx: EmitContext): string {
  if (layout.kind === 'variants') return layout.variants.map((v) => objectType(mapProperties(v, ctx))).join(' | ');
  return isDictionary(layout) ? mapType(layout.rests[0], ctx) : objectType(mapProperties(layout, ctx));
}

/** The object type of one alternative of a map. */
export function mapVariantType(struct: MapStruct, ctx: EmitContext): string {
  return objectType(mapProperties(struct, ctx));
}

/** The object type of one alternative of an array. */
export function variantType(fields: Field[], ctx: EmitContext): string {
  return objectType(fields.map((f) => fieldProperty(f, ctx)));
}

function objectType(properties: Property[]): string {
  if (properties.length === 0) return 'Record<string, never>';
  return `{ ${properties.map((p) => `${propertySignatureName(p.name)}${p.optional ? '?' : ''}: ${p.type}`).join('; ')} }`;
}

/** Inline arrays and maps are laid out as rule-level ones are; their rule was already checked, so no location is needed. */
const NO_SPAN = { file: '', line: 0, col: 0 };

/** The shape of an inline array or map: its layout, or never when it matches nothing (`{ 2* x: int }`). */
function inlineShape<K extends 'array' | 'map'>(type: IrType, ctx: EmitContext, kind: K): Extract<Shape, { kind: K | 'never' }> {
  const shape = shapeOf(type, ctx, NO_SPAN);
  if (shape.kind !== kind && shape.kind !== 'never') throw new Error(`internal: an ${kind} type without an ${kind} shape`);
  return shape as Extract<Shape, { kind: K | 'never' }>;
}
