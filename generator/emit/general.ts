/**
 * Rules the typed layouts do not cover ("general" rules): valid CDDL is
 * never refused, so a rule whose construct shapes.ts or an emitter refuses
 * gets a sound, wider TypeScript type, `CborValue` (any data item's value),
 * and exact checking by the general matcher (templates/matcher.ts) against
 * the schema lowered to a program (generator/layout/program.ts):
 *
 * - `readX` reads the item with the runtime's own reader (same options:
 *   depth limit, `deterministic`, `strictAny`) and matches it; a mismatch is
 *   a DecodeError with the path and byte offset of the problem;
 * - `checkX` (so `isX`, `validateX`) matches a CborValue;
 * - `writeX` writes it deterministically, after the guard passed.
 *
 * The functions keep the typed rules' names and signatures, so typed rules
 * that refer to a general rule call them unchanged. A rule is general only
 * for a refusal (SchemaError `unsupported`); what the program cannot lower
 * (a `.regexp` that is no regular expression) stays an error.
 */
import { isSchemaError, type SchemaError } from '../diagnostics.js';
import type { IrRule, IrSchema, IrSpan } from '../ir/types.js';
import { KNOWN_CONTROLS, lowerProgram } from '../layout/program.js';
import { docs } from './docs.js';
import { checkFunctionName, readFunctionName, writeFunctionName } from './function-names.js';
import { StructureKind, type FunctionDeclarationStructure, type StatementStructures } from './printer.js';
import { ruleShape, warn, type Shape, type ShapeContext } from './shapes.js';

/** The module's constant holding the program of its general rules. */
export const PROGRAM_CONSTANT = 'schemaProgram';

/**
 * What other rules see of a general rule's values: any data item (so a type
 * choice tries it for every major type). Its own functions are general.ts's.
 */
const GENERAL_SHAPE: Shape = { kind: 'any' };

/**
 * Refusals that stay: CDDL that is invalid (RFC 9741 forbids length modifiers in `.printf`;
 * RFC 8610 §3.8.2 defines `.bits` on `uint` and `bstr` only, RFC 9165 §3 `.abnf` on text and `.abnfb` on
 * bytes; a control operator no RFC defines), and what the general matcher cannot check exactly
 * either (`.printf` floating-point conversions).
 */
const KEPT_REFUSALS: readonly RegExp[] = [/^\.printf /, /^\.bits /, /^\.abnfb? other than/];

/** A refusal the general matcher can take over: the generator's `unsupported`, unless it is one of {@link KEPT_REFUSALS} or names an unknown control operator. */
function isRefusal(error: unknown): error is SchemaError {
  if (!isSchemaError(error) || error.kind !== 'unsupported' || KEPT_REFUSALS.some((re) => re.test(error.detail))) return false;
  const control = /^control operator \.([\w-]+) on /.exec(error.detail);
  return control === null || KNOWN_CONTROLS.has(control[1] as string);
}

/**
 * Every type rule's shape; a rule whose shape is refused becomes general
 * (recorded in `general` with the reason). When the refusal is in another
 * type rule this one looks into, that rule becomes general instead and this
 * one is tried again.
 */
export function ruleShapes(typeRules: readonly IrRule[], ctx: ShapeContext, general: Map<string, string>): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  for (const rule of typeRules) {
    for (;;) {
      if (general.has(rule.name)) {
        shapes.set(rule.name, GENERAL_SHAPE);
        break;
      }
      try {
        shapes.set(rule.name, ruleShape(rule, ctx));
        break;
      } catch (error) {
        if (!isRefusal(error)) throw error;
        const owner = ownerOf(error.span, typeRules);
        // A rule hoisted out of another (`a.option1`) shares its position: the refusal is then this rule's own.
        const elsewhere = owner !== undefined && owner.name !== rule.name && (owner.span.line !== rule.span.line || owner.span.col !== rule.span.col);
        const culprit = elsewhere && !general.has(owner.name) ? owner : rule;
        general.set(culprit.name, culprit === rule && elsewhere ? `'${owner.name}', which it looks into (${error.detail})` : error.detail);
        if (shapes.has(culprit.name)) shapes.set(culprit.name, GENERAL_SHAPE);
      }
    }
  }
  return shapes;
}

/** The type rule whose definition holds `span`: the last one defined at or before it in its file. */
function ownerOf(span: IrSpan, rules: readonly IrRule[]): IrRule | undefined {
  let owner: IrRule | undefined;
  for (const rule of rules) {
    const s = rule.span;
    if (s.file !== span.file || s.line > span.line || (s.line === span.line && s.col > span.col)) continue;
    if (owner === undefined || s.line > owner.span.line || (s.line === owner.span.line && s.col > owner.span.col)) owner = rule;
  }
  return owner;
}

/** For a refusal met while emitting: the type rule it is in, if it is not general already; else undefined (the refusal stands). */
export function refusedRule(error: unknown, schema: IrSchema, general: ReadonlyMap<string, string>): { rule: IrRule; reason: string } | undefined {
  if (!isRefusal(error)) return undefined;
  const owner = ownerOf(error.span, schema.rules.filter((r) => r.kind === 'type'));
  return owner === undefined || general.has(owner.name) ? undefined : { rule: owner, reason: error.detail };
}

/** Tells the user, once per rule, which rules are general and why. */
export function warnGeneral(rules: readonly IrRule[], general: ReadonlyMap<string, string>, ctx: ShapeContext): void {
  for (const rule of rules) {
    const reason = general.get(rule.name);
    if (reason !== undefined) warn(ctx, rule.span, `'${rule.name}' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover ${reason}`);
  }
}

/** `const schemaProgram: Program = { rules: { … } };`: the general rules and every rule they reach, one rule a line. */
export function programStatement(schema: IrSchema, general: ReadonlyMap<string, string>, ctx: ShapeContext): string {
  const program = lowerProgram(schema, [...general.keys()], { sources: ctx.sources, ...(ctx.warnings ? { warnings: ctx.warnings } : {}) });
  const rules = Object.entries(program.rules).map(([name, rule]) => `    ${JSON.stringify(name)}: ${JSON.stringify(rule)},`);
  return [
    '/** The schema as data, for the general matcher (matcher.ts): the rules the typed code does not cover, and the rules they use (docs/program.md). */',
    `const ${PROGRAM_CONSTANT}: CddlProgram = {`,
    '  rules: {',
    ...rules,
    '  },',
    '};',
  ].join('\n');
}

/** `export type X = CborValue`, saying why it is wider than the schema. */
export function generalTypeDeclaration(rule: IrRule, reason: string): StatementStructures {
  const why = `Typed as \`CborValue\` (any data item), wider than the schema, because the typed layouts do not cover ${reason}. Decoders, encoders and guards still check it exactly against the schema (the general matcher, matcher.ts); build values with CborMap, CborTagged and CborFloat.`;
  return { kind: StructureKind.TypeAlias, name: rule.tsName, isExported: true, docs: docs(rule.doc, rule, why), type: 'CborValue' };
}

export function generalReadFunction(rule: IrRule): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: readFunctionName(rule),
    parameters: [{ name: 'reader', type: 'CborReader' }],
    returnType: rule.tsName,
    statements: [`return readGeneral(${PROGRAM_CONSTANT}, ${JSON.stringify(rule.name)}, reader);`],
  };
}

export function generalWriteFunction(rule: IrRule): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: writeFunctionName(rule),
    parameters: [
      { name: 'writer', type: 'CborWriter' },
      { name: 'value', type: rule.tsName },
    ],
    returnType: 'void',
    statements: ['writeGeneral(writer, value);'],
  };
}

export function generalCheckFunction(rule: IrRule): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: checkFunctionName(rule),
    parameters: [
      { name: 'value', type: 'unknown' },
      { name: 'problems', type: 'Problem[] | null' },
      { name: 'path', type: 'string' },
    ],
    returnType: 'boolean',
    statements: [`return checkGeneral(${PROGRAM_CONSTANT}, ${JSON.stringify(rule.name)}, value, problems, path);`],
  };
}
