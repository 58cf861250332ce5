/**
 * The registries as data: for every enumeration rule, and for every type
 * choice whose options are all enumerations, a const array of its named
 * values (name, value, origin file, CDDL comment) and two lookups, value →
 * name and name → value, that answer `undefined` for what the schema does
 * not name instead of throwing.
 *
 * The lookups of a registry of single values are the runtime's
 * `nameLookup(XRegistry)` and `valueLookup(XRegistry)`: the first entry with
 * that value (`===`), or that name, as a switch would answer, in one line
 * each. A registry with a named range, or with no entry, has switches of its
 * own, and so has valueOfX of one that gives a name twice (its type holds the
 * first value of the name). No export uses a host API.
 *
 * Names: a registry exports `${stem}Registry`, `nameOf${stem}` and
 * `valueOf${stem}` (see {@link registryExportNames}), where the stem is the
 * enumeration's `tsName` (`BaseStatus`), or for a choice the `tsName` of the
 * rule whose type it is (`status = baseStatus / …` → `Status`), else of its
 * first option that no other file can extend, plus `Choice`
 * (`BaseStatusChoice`). The lookups' prefixes meet no other name of the
 * module (type names are PascalCase; the other functions start with one of
 * naming.ts's DERIVED_PREFIXES, the imports with none of `nameOf`/`valueOf`),
 * but `…Registry` and a choice's stem can meet a rule's own names
 * (`a = &(x: 1)` beside `a-registry = int`): every name is checked against
 * the rules' names, the imports and the other registries, and a name that is
 * taken gets `_2`, `_3`, … as rules that meet in one name do (ir/naming.ts):
 * rules keep their names, the registry yields, and a warning names both.
 */
import type { CodeBlockWriter, WriterFunction } from './printer.js';
import { CBOR_ANY_IMPORTS, DERIVED_PREFIXES, MODULE_REEXPORTS, RUNTIME_IMPORTS } from '../ir/naming.js';
import { warn } from '../layout/layout-diagnostics.js';
import type { IrLiteral, IrRule, IrSpan } from '../ir/types.js';
import { choiceRegistries, enumRegistries, type ChoiceRegistry, type EnumRegistry, type RegistryEntry } from '../registry/model.js';
import type { EmitContext } from './context.js';
import { docs, jsDocComment, jsDocText } from './docs.js';
import { intLiteral } from './syntax.js';
import { enumConstant } from './types.js';
import { PURE } from './function-names.js';

/** The three names one registry exports: the one function that makes them, so that they are checked in one place. */
export function registryExportNames(stem: string): RegistryNames {
  return { registry: `${stem}Registry`, nameOf: `nameOf${stem}`, valueOf: `valueOf${stem}` };
}

export interface RegistryNames {
  registry: string;
  nameOf: string;
  valueOf: string;
}

/** The stem of a choice's names: the rule whose type it is, else its first non-socket option plus `Choice`. */
export function choiceStem(choice: ChoiceRegistry): string {
  return choice.ownRule ? choice.namedAfter.tsName : `${choice.namedAfter.tsName}Choice`;
}

/** One registry to emit: an enumeration rule's, or a choice's. */
interface Registry {
  /** The names it exports: {@link registryExportNames} of the stem, each made free by {@link assignRegistryNames}. */
  names: RegistryNames;
  /** What it is, for messages: `the registry of 'baseStatus'`. */
  what: string;
  span: IrSpan;
  entries: Emitted[];
  /** JSDoc of the const. */
  doc: string;
  /** The CDDL text the JSDoc of the lookups names (`baseStatus`, or the choice). */
  subject: string;
  /**
   * An enumeration's const object and type, `X`, where they are exactly the registry's names and values, so that
   * the lookups' types can name them (`keyof typeof X`, `X`); else null.
   */
  constant: { name: string; keys: boolean; values: boolean } | null;
}

/** An entry the module can carry: named, and a literal or a numeric range. */
interface Emitted {
  name: string;
  value: { kind: 'literal'; text: string; type: string; jsKinds: JsKind[] } | { kind: 'range'; min: string; max: string; exclusive: boolean; int: boolean; jsKinds: JsKind[] };
  origin: string;
  doc: string | null;
}

type JsKind = 'number' | 'bigint' | 'string' | 'boolean';

/** The JavaScript types of values, in the order a lookup's parameter type lists them. */
const JS_KINDS: readonly JsKind[] = ['number', 'bigint', 'string', 'boolean'];

/** The registry section: each enumeration's registry in rule order, then each choice's. */
export function registryStatements(ctx: EmitContext): WriterFunction[] {
  const enums = enumRegistries(ctx.schema);
  // The enumerations whose const object types.ts writes: the others are general, or not in this module.
  const typed = new Set(ctx.typeRules.filter((rule) => !ctx.general.has(rule.name)));
  const registries = assignRegistryNames([...enums.map((e) => enumRegistry(e, typed.has(e.rule) ? ctx : null)), ...choiceRegistries(ctx.schema, enums).map(choiceRegistry)], ctx);
  return registries.map((registry) => (writer: CodeBlockWriter) => {
    writer.blankLineIfLastNot();
    writeRegistry(writer, registry);
    writer.blankLineIfLastNot();
  });
}

/** `typed`: the context where the module declares the rule's type (its const object), else null. */
function enumRegistry(e: EnumRegistry, typed: EmitContext | null): Registry {
  const rule = e.rule;
  const cddl = `\`${jsDocText(rule.name)}\``;
  const extra = rule.socket ? ` Other files add to it with \`${jsDocText(rule.name)} /= &( name: value )\`.` : '';
  const entries = emittable(e.entries);
  return {
    names: registryExportNames(rule.tsName),
    what: `the registry of '${rule.name}'`,
    span: rule.span,
    entries,
    doc: docText(rule, `The registry of ${cddl}: every named value with its name, value, origin (the file that defines it) and CDDL comment.${extra}`),
    subject: cddl,
    constant: typed === null ? null : sameAsConstant(rule, entries, typed),
  };
}

/** Whether the const object of `rule` (types.ts) has exactly the names of `entries` as keys, and its type exactly their values. */
function sameAsConstant(rule: IrRule, entries: readonly Emitted[], ctx: EmitContext): Registry['constant'] {
  const constant = enumConstant(rule, ctx);
  if (constant === null || entries.length === 0) return null;
  const sameSet = (a: readonly string[], b: readonly string[]) => a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
  const types = constant.literals.map((l) => literalValue(l)?.type ?? null);
  const literalsOnly = entries.every((e) => e.value.kind === 'literal') && types.every((t) => t !== null);
  return {
    name: rule.tsName,
    keys: sameSet(entries.map((e) => e.name), constant.keys),
    values: literalsOnly && constant.closed && sameSet(entries.map(valueTypeText), types as string[]),
  };
}

function choiceRegistry(c: ChoiceRegistry): Registry {
  const cddl = `\`${jsDocText(c.cddl)}\``;
  const where = c.ownRule ? '' : ` (${c.span.file}:${c.span.line})`;
  return {
    names: registryExportNames(choiceStem(c)),
    what: `the registry of the choice '${c.cddl}'${c.ownRule ? '' : `, named after '${c.namedAfter.name}',`}`,
    span: c.span,
    entries: emittable(c.options.flatMap((o) => o.entries)),
    doc: c.ownRule
      ? docText(c.namedAfter, `The registry of ${cddl}: the named values of its options, in order, each with its name, value, origin (the file that defines it) and CDDL comment.`)
      : `The registry of the choice ${cddl}${where}: the named values of its options, in order, each with its name, value, origin (the file that defines it) and CDDL comment.`,
    subject: `the choice ${cddl}`,
    constant: null,
  };
}

function docText(rule: IrRule, text: string): string {
  const [doc] = docs(null, rule, text);
  return String(doc?.description ?? text);
}

/** The named literals and numeric ranges; byte strings and other types cannot be looked up with `===`, and are left out. */
function emittable(entries: readonly RegistryEntry[]): Emitted[] {
  return entries.flatMap((entry): Emitted[] => {
    if (entry.name === null) return [];
    const base = { name: entry.name, origin: entry.span.file, doc: entry.doc };
    const v = entry.value;
    if (v.kind === 'literal') {
      const literal = literalValue(v.literal);
      return literal === null ? [] : [{ ...base, value: { kind: 'literal', ...literal } }];
    }
    if (v.kind === 'range') {
      const min = numberText(v.min);
      const max = numberText(v.max);
      if (min === null || max === null) return [];
      const int = v.min.type === 'int' && v.max.type === 'int';
      // An integer range excluding its bound is the inclusive range one below.
      const maxText = int && !v.inclusive ? intLiteral(BigInt((v.max as { value: string }).value) - 1n) : max.text;
      const jsKinds = [...new Set([min.kind, max.kind, ...(int ? [] : (['number'] as JsKind[]))])];
      return [{ ...base, value: { kind: 'range', min: min.text, max: maxText, exclusive: !int && !v.inclusive, int, jsKinds } }];
    }
    return [];
  });
}

function numberText(literal: IrLiteral): { text: string; kind: JsKind } | null {
  if (literal.type === 'int') {
    const text = intLiteral(BigInt(literal.value));
    return { text, kind: text.endsWith('n') ? 'bigint' : 'number' };
  }
  if (literal.type === 'float' && Number.isFinite(literal.value)) return { text: String(literal.value), kind: 'number' };
  return null;
}

function literalValue(literal: IrLiteral): { text: string; type: string; jsKinds: JsKind[] } | null {
  switch (literal.type) {
    case 'int':
    case 'float': {
      const n = numberText(literal);
      return n === null ? null : { text: n.text, type: n.text, jsKinds: [n.kind] };
    }
    case 'text':
      return { text: quote(literal.value), type: quote(literal.value), jsKinds: ['string'] };
    case 'bool':
      return { text: String(literal.value), type: String(literal.value), jsKinds: ['boolean'] };
    case 'bytes':
      return null;
  }
}

// ---- names ----------------------------------------------------------------------

/**
 * Every name a registry exports made free: a name an import, a rule's declarations or functions, or an earlier
 * registry has takes `_2`, `_3`, … (the first free one), with a warning naming who has it; registries are taken in
 * emission order (enumerations in rule order, then choices), so the names are the same on every run.
 */
function assignRegistryNames(registries: readonly Registry[], ctx: EmitContext): Registry[] {
  const holders = new RuleNameHolders(ctx.typeRules);
  /** Names earlier registries took, and which registry took each. */
  const assigned = new Map<string, string>();
  const holderOf = (name: string): string | undefined => holders.of(name) ?? assigned.get(name);
  return registries.map((registry) => {
    const free = (wanted: string): string => {
      const holder = holderOf(wanted);
      let name = wanted;
      for (let n = 2; holderOf(name) !== undefined; n++) name = `${wanted}_${n}`;
      assigned.set(name, registry.what);
      if (holder !== undefined) warn(ctx, registry.span, `${registry.what} exports '${name}', because ${holder} has the name '${wanted}' (rules keep their names; a registry's name takes _2, _3, … as rules that meet in one name do)`);
      return name;
    };
    const wanted = registry.names;
    return { ...registry, names: { registry: free(wanted.registry), nameOf: free(wanted.nameOf), valueOf: free(wanted.valueOf) } };
  });
}

/** The names the runtime gives the module (imported or re-exported). */
const RUNTIME_NAMES: ReadonlySet<string> = new Set<string>([...RUNTIME_IMPORTS, ...CBOR_ANY_IMPORTS, ...MODULE_REEXPORTS]);

/**
 * Who has a name before any registry: the runtime, else the first type rule
 * whose own name or one of its derived names (`isX`, `decodeX`, …) it is.
 * Asked name by name, rather than listing every rule's eight names up front
 * (a large schema has tens of thousands, and few registries).
 */
class RuleNameHolders {
  /** Each TypeScript name with the index of the first type rule that has it. */
  private readonly firstByName = new Map<string, number>();

  constructor(private readonly rules: readonly IrRule[]) {
    rules.forEach((rule, i) => {
      if (!this.firstByName.has(rule.tsName)) this.firstByName.set(rule.tsName, i);
    });
  }

  /** How a warning names the holder of `name`, or undefined when neither the runtime nor a rule has it. */
  of(name: string): string | undefined {
    if (RUNTIME_NAMES.has(name)) return `the runtime's '${name}'`;
    let first = this.firstByName.get(name);
    for (const prefix of DERIVED_PREFIXES) {
      if (!name.startsWith(prefix)) continue;
      const index = this.firstByName.get(name.slice(prefix.length));
      if (index !== undefined && (first === undefined || index < first)) first = index;
    }
    return first === undefined ? undefined : `'${this.rules[first]!.name}'`;
  }
}

// ---- code -------------------------------------------------------------------------

function writeRegistry(writer: CodeBlockWriter, registry: Registry): void {
  const names = registry.names;
  const entries = registry.entries;

  writer.writeLine(jsDocComment(registry.doc));
  if (entries.length === 0) writer.writeLine(`export const ${names.registry} = [] as const;`);
  else {
    writer.writeLine(`export const ${names.registry} = [`);
    writer.indent(() => {
      for (const e of entries) writer.writeLine(`{ name: ${quote(e.name)}, value: ${valueText(e)}, origin: ${quote(e.origin)}, doc: ${e.doc === null ? 'null' : quote(e.doc)} },`);
    });
    writer.writeLine('] as const;');
  }
  writer.blankLine();

  // value → name: the single values in a switch, then the ranges (a value an extension names inside a range reads as its own name).
  const kinds = JS_KINDS.filter((k) => entries.some((e) => e.value.jsKinds.includes(k)));
  const valueType = kinds.length === 0 ? 'unknown' : kinds.join(' | ');
  const constant = registry.constant;
  const nameUnion = constant?.keys === true ? `keyof typeof ${constant.name} | undefined` : union(entries.map((e) => quote(e.name)));
  const ranges = entries.some((e) => e.value.kind === 'range');
  const singlesToo = ranges && entries.some((e) => e.value.kind === 'literal');
  const rangeNote = singlesToo ? ' A value with a name of its own reads as that name, also inside a named range.' : '';
  const nameDoc = jsDocComment(`The name of a value of ${registry.subject}, or \`undefined\` for a value it does not name.${rangeNote}`);
  const byName = unique(entries, (e) => e.name);
  const exclusive = entries.some((e) => e.value.kind === 'range' && e.value.exclusive);
  const rangeShape = ranges ? ` (\`{ min, max }\` for a named range${exclusive ? '' : ', bounds included'})` : '';
  const valueDoc = jsDocComment(`The value ${registry.subject} gives a name${rangeShape}, or \`undefined\` for a name it does not define.`);
  const valueUnion = constant?.values === true ? `${constant.name} | undefined` : union(byName.map(valueTypeText));
  // Single values only: the runtime's lookups over the registry answer as the switches would (the first entry of a
  // value or name). valueOfX's type holds the first value of each name, so a name given twice keeps its switch.
  const lookups = entries.length > 0 && !ranges;
  if (lookups) {
    writer.writeLine(nameDoc);
    writer.writeLine(`export const ${names.nameOf}: (value: ${valueType}) => ${nameUnion} = ${PURE} nameLookup(${names.registry});`);
    writer.blankLine();
    if (byName.length === entries.length) {
      writer.writeLine(valueDoc);
      writer.writeLine(`export const ${names.valueOf}: (name: string) => ${valueUnion} = ${PURE} valueLookup(${names.registry});`);
      return;
    }
  }
  // With no names, the parameters are unused, and named so (`noUnusedParameters`).
  const unused = entries.length === 0 ? '_' : '';
  if (!lookups) {
    writer.writeLine(nameDoc);
    writer.write(`export function ${names.nameOf}(${unused}value: ${valueType}): ${nameUnion} `).block(() => {
      const singles = unique(entries.filter((e) => e.value.kind === 'literal'), (e) => valueText(e));
      if (singles.length > 0) {
        writer.write('switch (value) ').block(() => {
          for (const e of singles) writer.writeLine(`case ${valueText(e)}: return ${quote(e.name)};`);
        });
      }
      for (const e of entries) {
        if (e.value.kind === 'range') writer.writeLine(`if (${rangeCondition(e.value, kinds)}) return ${quote(e.name)};`);
      }
      // Both booleans named (RFC 9290's `tag38-direction = &(ltr: false, rtl: true)`): the switch returns for every value, and code after it would be unreachable.
      const everyBoolean = valueType === 'boolean' && ['false', 'true'].every((b) => singles.some((e) => valueText(e) === b));
      if (!everyBoolean) writer.writeLine('return undefined;');
    });
    writer.blankLine();
  }

  // name → value.
  writer.writeLine(valueDoc);
  writer.write(`export function ${names.valueOf}(${unused}name: string): ${valueUnion} `).block(() => {
    if (byName.length > 0) {
      writer.write('switch (name) ').block(() => {
        for (const e of byName) writer.writeLine(`case ${quote(e.name)}: return ${valueText(e)};`);
      });
    }
    writer.writeLine('return undefined;');
  });
}

function valueText(e: Emitted): string {
  const v = e.value;
  if (v.kind === 'literal') return v.text;
  return `{ min: ${v.min}, max: ${v.max}${v.exclusive ? ', exclusive: true' : ''} }`;
}

function valueTypeText(e: Emitted): string {
  const v = e.value;
  if (v.kind === 'literal') return v.type;
  return `{ readonly min: ${v.min}; readonly max: ${v.max}${v.exclusive ? '; readonly exclusive: true' : ''} }`;
}

/** `value >= 7 && value <= 255`, with the type tests that `value`'s declared type needs. */
function rangeCondition(range: Extract<Emitted['value'], { kind: 'range' }>, kinds: readonly JsKind[]): string {
  const onlyNumbers = kinds.every((k) => k === 'number');
  const parts: string[] = [];
  if (range.int) {
    if (kinds.includes('bigint')) parts.push(`(typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value)))`);
    else parts.push(onlyNumbers ? 'Number.isInteger(value)' : `typeof value === 'number' && Number.isInteger(value)`);
  } else if (!onlyNumbers) parts.push(`typeof value === 'number'`);
  parts.push(`value >= ${range.min}`, `value ${range.exclusive ? '<' : '<='} ${range.max}`);
  return parts.join(' && ');
}

function union(types: readonly string[]): string {
  return [...new Set([...types, 'undefined'])].join(' | ');
}

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A single-quoted string literal. */
function quote(text: string): string {
  const json = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${json}'`;
}
