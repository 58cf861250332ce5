/**
 * Rules the typed layouts do not cover ("general" rules): valid CDDL is
 * never refused, so a rule whose construct the layouts refuse
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
import type { IrRule, IrSchema } from '../ir/types.js';
import { lowerProgram } from '../layout/program.js';
import type { Program } from '../../templates/program.js';
import type { IntegerMode } from '../config.js';
import { docs } from './docs.js';
import { objectLiteralKey } from './syntax.js';
import { checkFunctionName, readFunctionName, writeFunctionName } from './function-names.js';
import { StructureKind, type FunctionDeclarationStructure, type StatementStructures } from './printer.js';
import { type ShapeContext } from '../layout/shapes.js';
import { warn } from '../layout/layout-diagnostics.js';

/** The module's constant holding the program of its general rules. */
export const PROGRAM_CONSTANT = 'schemaProgram';

/** Tells the user, once per rule, which rules are general and why. */
export function warnGeneral(rules: readonly IrRule[], general: ReadonlyMap<string, string>, ctx: ShapeContext): void {
  for (const rule of rules) {
    const reason = general.get(rule.name);
    if (reason !== undefined) warn(ctx, rule.span, `'${rule.name}' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover ${reason}`);
  }
}

/** The module's constants holding the nodes its program repeats (see {@link SharedNodes}): lowercase, so no rule's name (PascalCase) nor any derived from one. */
const KEYS_CONSTANT = 'programKeys';
const PRIMS_CONSTANT = 'programPrims';

/**
 * `const schemaProgram: Program = { rules: { … } };`: the general rules and every rule they reach, one rule a line;
 * before it, the nodes it repeats, each written once (programKeys, programPrims).
 */
export function programStatement(schema: IrSchema, general: ReadonlyMap<string, string>, ctx: ShapeContext, integers?: IntegerMode): string {
  const lowered = lowerProgram(schema, [...general.keys()], { sources: ctx.sources, ...(ctx.warnings ? { warnings: ctx.warnings } : {}) });
  // Under integers: 'number' the matcher refuses the integers typed code refuses (templates/matcher.ts).
  const program: Program = integers === 'number' ? { ...lowered, integers } : lowered;
  const shared = sharedNodes(program);
  const table = (constant: string, doc: string, nodes: ReadonlyMap<string, object>): string[] =>
    nodes.size === 0 ? [] : [doc, `const ${constant} = {\n${[...nodes].map(([name, node]) => `  ${objectLiteralKey(name)}: ${literalText(node)},`).join('\n')}\n} as const;`, ''];
  return [
    ...table(KEYS_CONSTANT, '/** The text keys the program\'s map members have in more than one place, each written once (schemaProgram refers to them). */', shared.keys),
    ...table(PRIMS_CONSTANT, '/** The prelude types the program names in more than one place, each written once (schemaProgram refers to them). */', shared.prims),
    '/** The schema as data, for the general matcher (matcher.ts): the rules the typed code does not cover, and the rules they use (docs/program.md). */',
    `const ${PROGRAM_CONSTANT}: CddlProgram = ${programText(program, shared)};`,
  ].join('\n');
}

/**
 * The nodes a program repeats most, by name: a member's text key (`{kind:"value",value:{type:"text",value:"id"}}`,
 * 45 bytes and the name) and a prelude type (`{kind:"prim",prim:"uint"}`), each found in more than one place. The
 * program refers to them (`programKeys.id`, `programPrims.uint`), a third of its bytes in a large schema; the
 * matcher sees equal nodes either way, and keeps none of its own state in them.
 */
interface SharedNodes {
  keys: Map<string, object>;
  prims: Map<string, object>;
}

/** The text of a member's key, or the primitive of a prelude type, that `node` is exactly; else undefined. */
function keyText(node: Record<string, unknown>): string | undefined {
  if (node['kind'] !== 'value' || Object.keys(node).length !== 2) return undefined;
  const literal = node['value'] as Record<string, unknown>;
  return literal['type'] === 'text' && Object.keys(literal).length === 2 && typeof literal['value'] === 'string' ? literal['value'] : undefined;
}

function primName(node: Record<string, unknown>): string | undefined {
  return node['kind'] === 'prim' && Object.keys(node).length === 2 && typeof node['prim'] === 'string' ? node['prim'] : undefined;
}

/** The nodes of `program` found in more than one place (see {@link SharedNodes}), by name in order. */
function sharedNodes(program: Program): SharedNodes {
  const keys = new Map<string, { node: object; count: number }>();
  const prims = new Map<string, { node: object; count: number }>();
  const count = (table: Map<string, { node: object; count: number }>, name: string, node: object): void => {
    const seen = table.get(name);
    if (seen === undefined) table.set(name, { node, count: 1 });
    else seen.count++;
  };
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as Record<string, unknown>;
    const key = keyText(node);
    // `__proto__` stays in place: as a property of the table it would take more care to read than it saves.
    if (key !== undefined && key !== '__proto__') return count(keys, key, node);
    const prim = primName(node);
    if (prim !== undefined) return count(prims, prim, node);
    for (const field of Object.values(node)) visit(field);
  };
  visit(program.rules);
  const repeated = (table: Map<string, { node: object; count: number }>): Map<string, object> =>
    new Map([...table].filter(([, seen]) => seen.count > 1).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, seen]) => [name, seen.node]));
  return { keys: repeated(keys), prims: repeated(prims) };
}

/** `table.name`, or `table["name"]` where the name is no identifier. */
function propertyRead(table: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${table}.${name}` : `${table}[${JSON.stringify(name)}]`;
}

/**
 * A program as a TypeScript literal (the general matcher's, the test-data generators'): one rule a line, so diffs stay
 * readable; with `shared`, the nodes it names are written as references to them.
 */
export function programText(program: Program, shared?: SharedNodes): string {
  const reference =
    shared === undefined
      ? undefined
      : (node: Record<string, unknown>): string | undefined => {
          const key = keyText(node);
          if (key !== undefined) return shared.keys.has(key) ? propertyRead(KEYS_CONSTANT, key) : undefined;
          const prim = primName(node);
          return prim !== undefined && shared.prims.has(prim) ? propertyRead(PRIMS_CONSTANT, prim) : undefined;
        };
  const entries = Object.entries(program.rules).map(([name, rule]) => `    ${objectLiteralKey(name)}: ${literalText(rule, reference)},`);
  const integers = program.integers === undefined ? '' : `  integers: ${JSON.stringify(program.integers)},\n`;
  if (entries.length === 0) return integers === '' ? '{ rules: {} }' : `{\n  rules: {},\n${integers}}`;
  return `{\n  rules: {\n${entries.join('\n')}\n  },\n${integers}}`;
}

/**
 * Plain data (a rule of the program) as a TypeScript literal: JSON's text, but with its keys
 * unquoted where they are identifiers (15% of a large program's bytes were their quotes), `__proto__`
 * as a computed key (`"__proto__": …` would set the object's prototype, even quoted), and the
 * numbers JSON has no text for written as TypeScript does (`-0`, `Infinity`, `-Infinity`, `NaN`):
 * JSON writes -0.0 as 0 (another float value: `x: -0.0` took 0.0 and refused -0.0) and the others
 * as null. As JSON.stringify, it leaves out properties whose value is undefined.
 */
function literalText(value: unknown, reference?: (node: Record<string, unknown>) => string | undefined): string {
  const out: string[] = [];
  writeLiteral(value, out, reference);
  return out.join('');
}

/**
 * {@link literalText}'s pieces, appended to `out`: a large program's text was made of a template string,
 * an entries array, a filtered copy and a mapped copy per object (2% of compiling 5,000 rules with seven
 * general rules). The text is the same: a hole in an array is nothing (as `map` and `join` left it).
 */
function writeLiteral(value: unknown, out: string[], reference?: (node: Record<string, unknown>) => string | undefined): void {
  switch (typeof value) {
    case 'number':
      out.push(Object.is(value, -0) ? '-0' : Number.isFinite(value) ? JSON.stringify(value) : String(value));
      return;
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(String(value));
      return;
    case 'object':
      break;
    default:
      throw new Error(`programText: ${typeof value} in a program, which is plain data`);
  }
  if (value === null) {
    out.push('null');
    return;
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      if (!(i in value)) continue;
      const item: unknown = value[i];
      if (item === undefined) out.push('null');
      else writeLiteral(item, out, reference);
    }
    out.push(']');
    return;
  }
  const shared = reference?.(value as Record<string, unknown>);
  if (shared !== undefined) {
    out.push(shared);
    return;
  }
  out.push('{');
  let first = true;
  for (const key of Object.keys(value)) {
    const field: unknown = (value as Record<string, unknown>)[key];
    if (field === undefined) continue;
    if (!first) out.push(',');
    first = false;
    out.push(literalKey(key), ':');
    writeLiteral(field, out, reference);
  }
  out.push('}');
}

/** Object keys as written, by key: a program has few distinct ones, each tested against the identifier pattern once. */
const literalKeys = new Map<string, string>();

function literalKey(key: string): string {
  let text = literalKeys.get(key);
  if (text === undefined) literalKeys.set(key, (text = objectLiteralKey(key)));
  return text;
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

/** `checkX(value, problems, path, depth)`: `depth`, the level the value stands at, which typed rules around it pass (one depth limit). */
export function generalCheckFunction(rule: IrRule): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: checkFunctionName(rule),
    parameters: [
      { name: 'value', type: 'unknown' },
      { name: 'problems', type: 'Problem[] | null' },
      { name: 'path', type: 'string' },
      { name: 'depth', type: 'number' },
    ],
    returnType: 'boolean',
    statements: [`return checkGeneral(${PROGRAM_CONSTANT}, ${JSON.stringify(rule.name)}, value, problems, path, depth);`],
  };
}
