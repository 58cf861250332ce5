/**
 * TypeScript declarations: one per type rule. Enumerations become a const
 * object and the union of its values; arrays with named members and maps
 * with fixed keys become interfaces; everything else a type alias.
 */
import {
  StructureKind,
  type CodeBlockWriter,
  type InterfaceDeclarationStructure,
  type PropertySignatureStructure,
  type StatementStructures,
  type TypeAliasDeclarationStructure,
  type WriterFunction,
} from 'ts-morph';
import { printType } from '../ir/print.js';

/** One top-level statement: a ts-morph structure, or text written by hand. */
export type Statement = StatementStructures | WriterFunction;
import type { IrEnumValue, IrLiteral, IrRule, IrType } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { docs, jsDocComment } from './docs.js';
import { fitsNumber, scalarShape, shapeOf, type ArrayLayout, type Field, type Shape } from './shapes.js';
import { intLiteral, objectLiteralKey, propertySignatureName } from './syntax.js';

/** The declarations of every type rule, in rule order: one group per rule. */
export function typeDeclarations(ctx: EmitContext): Statement[][] {
  return ctx.typeRules.map((rule) => ruleDeclarations(rule, ctx));
}

function ruleDeclarations(rule: IrRule, ctx: EmitContext): Statement[] {
  const type = rule.type as IrType;
  const shape = shapeOfRule(ctx, rule);
  if (type.kind === 'enum') return enumDeclarations(rule, type.values, ctx);
  const fields = interfaceFields(shape);
  if (fields !== null) {
    const iface: InterfaceDeclarationStructure = {
      kind: StructureKind.Interface,
      name: rule.tsName,
      isExported: true,
      docs: docs(rule.doc, rule),
      properties: fields.map((f) => propertySignature(f, ctx)),
    };
    return [iface];
  }
  return [typeAlias(rule, tsType(type, ctx))];
}

/** The fields of a shape that is declared as an interface: a map, or an array whose members are all named. */
export function interfaceFields(shape: Shape): Field[] | null {
  if (shape.kind === 'map') return shape.layout.fields;
  if (shape.kind === 'array' && shape.layout.kind === 'record') return shape.layout.fields;
  return null;
}

function typeAlias(rule: IrRule, type: string): TypeAliasDeclarationStructure {
  return { kind: StructureKind.TypeAlias, name: rule.tsName, isExported: true, docs: docs(rule.doc, rule), type };
}

function propertySignature(field: Field, ctx: EmitContext): PropertySignatureStructure {
  return {
    kind: StructureKind.PropertySignature,
    name: propertySignatureName(field.name),
    hasQuestionToken: field.optional,
    type: tsType(field.type, ctx),
    docs: field.doc === null ? [] : docs(field.doc, null),
  };
}

/**
 * `const X = { name: value, … } as const` and `type X = (typeof X)[keyof typeof X]`,
 * plus a branded number for each named range (`unknown: 7..255`), so that the
 * union keeps its literal members instead of collapsing into `number`.
 */
function enumDeclarations(rule: IrRule, values: IrEnumValue[], ctx: EmitContext): Statement[] {
  const named = values.filter((v): v is IrEnumValue & { name: string } => v.name !== null && literalOfValue(v.type, ctx) !== null);
  const others = values.filter((v) => !named.includes(v as IrEnumValue & { name: string }));
  const union = [...(named.length > 0 || rule.socket ? [`(typeof ${rule.tsName})[keyof typeof ${rule.tsName}]`] : [])];
  for (const value of others) {
    const t = tsType(value.type, ctx);
    union.push(value.type.kind === 'range' && value.name !== null ? `(${t} & { readonly __range: ${JSON.stringify(`${value.name}: ${printType(value.type)}`)} })` : t);
  }
  const declarations: Statement[] = [];
  if (named.length > 0 || rule.socket) {
    const members = named.map((v) => `${v.doc === null ? '' : `${jsDocComment(v.doc)}\n`}${objectLiteralKey(v.name)}: ${literalText(literalOfValue(v.type, ctx) as IrLiteral)},`);
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

function literalText(literal: IrLiteral): string {
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

/** The TypeScript type of an IR type, as text. */
export function tsType(type: IrType, ctx: EmitContext): string {
  switch (type.kind) {
    case 'ref': {
      const rule = ctx.rules.get(type.rule);
      return rule === undefined ? 'never' : rule.tsName;
    }
    case 'literal':
      if (type.value.type === 'bytes' || type.value.type === 'float') return type.value.type === 'bytes' ? 'Uint8Array' : 'number';
      return literalText(type.value);
    case 'choice':
    case 'enum': {
      const types = type.kind === 'choice' ? type.options : type.values.map((v) => v.type);
      const parts = [...new Set(types.map((t) => tsType(t, ctx)))];
      return parts.length === 0 ? 'never' : parts.join(' | ');
    }
    case 'array':
      return arrayType(type, ctx);
    case 'map':
      return objectType(mapFields(type, ctx), ctx);
    case 'tag':
      return tsType(type.type, ctx);
    default:
      return scalarType(type, ctx);
  }
}

function scalarType(type: IrType, ctx: EmitContext): string {
  const scalar = scalarShape(type, ctx, NO_SPAN, new Set());
  if (scalar === null) return type.kind === 'control' ? tsType(type.target, ctx) : 'unknown';
  switch (scalar.kind) {
    case 'int':
      return fitsNumber(scalar.intervals) ? 'number' : 'number | bigint';
    case 'float':
      return 'number';
    case 'text':
      return scalar.values === null ? 'string' : scalar.values.map((v) => JSON.stringify(v)).join(' | ');
    case 'bytes':
      return 'Uint8Array';
    case 'bool':
      return scalar.values.length === 2 ? 'boolean' : String(scalar.values[0]);
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    case 'any':
      return 'unknown';
    case 'never':
      return 'never';
  }
}

function arrayType(type: Extract<IrType, { kind: 'array' }>, ctx: EmitContext): string {
  const layout = inlineLayout(type, ctx);
  if (layout.kind === 'list') {
    const item = tsType(layout.itemType, ctx);
    return /[|&]/.test(item) ? `(${item})[]` : `${item}[]`;
  }
  if (layout.kind === 'record') return objectType(layout.fields, ctx);
  return `[${layout.fields.map((f) => `${tsType(f.type, ctx)}${f.optional ? '?' : ''}`).join(', ')}]`;
}

function objectType(fields: Field[], ctx: EmitContext): string {
  if (fields.length === 0) return 'Record<string, never>';
  return `{ ${fields.map((f) => `${propertySignatureName(f.name)}${f.optional ? '?' : ''}: ${tsType(f.type, ctx)}`).join('; ')} }`;
}

/** Inline arrays and maps are laid out as rule-level ones are; their rule was already checked, so no location is needed. */
const NO_SPAN = { file: '', line: 0, col: 0 };

function inlineLayout(type: Extract<IrType, { kind: 'array' }>, ctx: EmitContext): ArrayLayout {
  const shape = shapeOf(type, ctx, NO_SPAN);
  if (shape.kind !== 'array') throw new Error('internal: an array type without an array shape');
  return shape.layout;
}

function mapFields(type: Extract<IrType, { kind: 'map' }>, ctx: EmitContext): Field[] {
  const shape = shapeOf(type, ctx, NO_SPAN);
  if (shape.kind !== 'map') throw new Error('internal: a map type without a map shape');
  return shape.layout.fields;
}
