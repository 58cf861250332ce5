/**
 * The declarations of enumerations (`&( … )`, a socket of them): a const object of the named values and the union
 * of their types, a float beside an integer kept as CborFloat and out of the object (types.ts declares the rest).
 */
import type { IrEnumValue, IrLiteral, IrRule, IrType } from '../ir/types.js';
import { choicePlan } from '../layout/choice-plans.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { docs, jsDocComment } from './docs.js';
import { printType } from '../ir/print.js';
import { intLiteral, objectLiteralKey } from './syntax.js';
import type { CodeBlockWriter } from './printer.js';
import { type Statement, tsType, typeAlias } from './types.js';

/**
 * The const object's keys: each value's name, except that a name the schema
 * gives to several values (`&( reserved: 20, reserved: 19 )`, RFC 9171) gets
 * the value after it on every one of them (`reserved_20`, `reserved_19`), as an
 * object cannot hold one key twice. The registry keeps the schema's own names.
 */
function constKeys(values: readonly { name: string; value: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const { name } of values) counts.set(name, (counts.get(name) ?? 0) + 1);
  const taken = new Set(values.filter(({ name }) => counts.get(name) === 1).map(({ name }) => name));
  return values.map(({ name, value }) => {
    if (counts.get(name) === 1) return name;
    let key = `${name}_${value.replace(/[^A-Za-z0-9]+/g, '_')}`;
    while (taken.has(key)) key = `${key}_`;
    taken.add(key);
    return key;
  });
}

/**
 * The floats of an enumeration that its values keep as `CborFloat` (`&( a: 1, b: 2.0 )`: beside an integer, 2.0 is
 * no number, layout/choice-plans.ts), by their literal's text: a number in the const object would not be the value.
 */
function boxedEnumFloats(rule: IrRule, ctx: EmitContext): Set<string> {
  const shape = shapeOfRule(ctx, rule);
  if (shape.kind !== 'choice') return new Set();
  const boxed = choicePlan(shape, ctx).filter((o) => o.float);
  return new Set(boxed.flatMap((o) => floatLiterals(o.type, ctx)));
}

/** The texts of the float literals a type stands for (through references and choices). */
function floatLiterals(type: IrType, ctx: EmitContext, seen = new Set<string>()): string[] {
  if (type.kind === 'literal') return type.value.type === 'float' ? [literalText(type.value)] : [];
  if (type.kind === 'choice') return type.options.flatMap((o) => floatLiterals(o, ctx, seen));
  if (type.kind === 'enum') return type.values.flatMap((v) => floatLiterals(v.type, ctx, seen));
  if (type.kind !== 'ref' || seen.has(type.rule)) return [];
  const target = ctx.rules.get(type.rule)?.type;
  return target === undefined ? [] : floatLiterals(target, ctx, new Set([...seen, type.rule]));
}

/** An enumeration's values that its const object holds (named, with a value a literal can write, not kept as `CborFloat`), and the others. */
function enumParts(rule: IrRule, values: readonly IrEnumValue[], ctx: EmitContext): { named: (IrEnumValue & { name: string })[]; others: IrEnumValue[] } {
  const boxed = boxedEnumFloats(rule, ctx);
  // A float no binary64 holds (`&(x: 1e999)`) names no value: no constant, and `never` in the type (the layout warns).
  const constant = (v: IrEnumValue) => {
    const literal = literalOfValue(v.type, ctx);
    return literal !== null && !(literal.type === 'float' && (literal.value === null || boxed.has(literalText(literal))));
  };
  const named = values.filter((v): v is IrEnumValue & { name: string } => v.name !== null && constant(v));
  return { named, others: values.filter((v) => !named.includes(v as IrEnumValue & { name: string })) };
}

/**
 * An enumeration rule's const object `X`: its keys and their literals, and whether the type `X` is the union of
 * those literals alone (no other value of the rule adds to it). Null for a rule without one.
 */
export function enumConstant(rule: IrRule, ctx: EmitContext): { keys: string[]; literals: IrLiteral[]; closed: boolean } | null {
  if (rule.type?.kind !== 'enum') return null;
  const { named, others } = enumParts(rule, rule.type.values, ctx);
  if (named.length === 0 && !rule.socket) return null;
  const literals = named.map((v) => literalOfValue(v.type, ctx) as IrLiteral);
  const keys = constKeys(named.map((v, i) => ({ name: v.name, value: literalText(literals[i] as IrLiteral) })));
  return { keys, literals, closed: others.every((v) => tsType(v.type, ctx) === 'never') };
}

/**
 * `const X = { name: value, … } as const` and `type X = (typeof X)[keyof typeof X]`,
 * plus a branded number for each named range (`unknown: 7..255`), so that the
 * union keeps its literal members instead of collapsing into `number`.
 */
export function enumDeclarations(rule: IrRule, values: IrEnumValue[], ctx: EmitContext): Statement[] {
  const { named, others } = enumParts(rule, values, ctx);
  const boxed = boxedEnumFloats(rule, ctx);
  const union = [...(named.length > 0 || rule.socket ? [`(typeof ${rule.tsName})[keyof typeof ${rule.tsName}]`] : [])];
  for (const value of others) {
    const literal = literalOfValue(value.type, ctx);
    const t = literal?.type === 'float' && boxed.has(literalText(literal)) ? 'CborFloat' : tsType(value.type, ctx);
    if (t === 'never') continue;
    union.push(value.type.kind === 'range' && value.name !== null ? `(${t} & { readonly __range: ${JSON.stringify(`${value.name}: ${printType(value.type)}`)} })` : t);
  }
  const declarations: Statement[] = [];
  if (named.length > 0 || rule.socket) {
    const keys = constKeys(named.map((v) => ({ name: v.name, value: literalText(literalOfValue(v.type, ctx) as IrLiteral) })));
    const members = named.map((v, i) => `${v.doc === null ? '' : `${jsDocComment(v.doc)}\n`}${objectLiteralKey(keys[i] as string)}: ${literalText(literalOfValue(v.type, ctx) as IrLiteral)},`);
    const jsDoc = docs(rule.doc, rule, rule.socket && named.length === 0 ? `No values yet: a schema file adds them with \`${rule.name} /= &( name: value )\`.` : null);
    // Written by hand: ts-morph would hang-indent a multi-line initializer.
    declarations.push((writer: CodeBlockWriter) => {
      for (const doc of jsDoc) writer.writeLine(jsDocComment(String(doc.description)));
      writer.write(`export const ${rule.tsName} = `);
      if (members.length === 0) writer.write('{}');
      else writer.inlineBlock(() => members.forEach((m) => writer.writeLine(m)));
      writer.write(' as const;').newLine();
    });
  }
  declarations.push(typeAlias(rule, union.length === 0 ? 'never' : [...new Set(union)].join(' | ')));
  return declarations;
}


/** The single literal a value type stands for (through references to constant rules), or null. */
function literalOfValue(type: IrType, ctx: EmitContext): IrLiteral | null {
  if (type.kind === 'literal') return type.value;
  if (type.kind === 'ref') {
    const target = ctx.rules.get(type.rule)?.type;
    return target === undefined ? null : literalOfValue(target, ctx);
  }
  return null;
}

export function literalText(literal: IrLiteral): string {
  switch (literal.type) {
    case 'int':
      return intLiteral(BigInt(literal.value));
    case 'float':
      return Number.isFinite(literal.value) ? String(literal.value) : 'Number.NaN';
    case 'text':
      return JSON.stringify(literal.value);
    case 'bool':
      return String(literal.value);
    case 'bytes':
      return `new Uint8Array([${(literal.hex.match(/../g) ?? []).map((h) => `0x${h}`).join(', ')}])`;
  }
}

