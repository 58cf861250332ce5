/**
 * AST → IR, as one pure function of the parsed files: resolution
 * (build.ts), naming (naming.ts), rules that refer to themselves before any
 * data item (cycles.ts: their least solution, or an error), and the
 * enumerations' check (enumerations.ts), in that order.
 */
import { createHash } from 'node:crypto';
import type { CddlFile } from '../parse/ast.js';
import { buildRules } from './build.js';
import { resolveCycles } from './cycles.js';
import { solveControllerCycles } from './controller-cycles.js';
import { catCycleGrammars } from './cat-grammars.js';
import { productiveRules, withoutUnproductive } from './unproductive.js';
import { checkEnumerations } from './enumerations.js';
import { hoistChoiceOptions } from './hoist.js';
import { assignNames } from './naming.js';
import { IR_VERSION, type IrSchema } from './types.js';

export interface ParsedSchemaFile {
  /** The path as the user named it (shown in errors and in the generated header). */
  path: string;
  text: string;
  ast: CddlFile;
  /** The module name this file was imported or included by (`rfc9052`); absent or null for a schema file given by the user. */
  module?: string | null;
  /** Names its `import` directives offer that the schema did not take: an undefined name's likely meaning may be one (modules/resolve.ts). */
  importable?: readonly string[];
}

export function buildIr(files: readonly ParsedSchemaFile[]): IrSchema {
  const sources = new Map(files.map((f) => [f.path, f.text]));
  const { rules, root, warnings: built } = buildRules(
    files.map((f) => f.ast),
    sources,
    files.flatMap((f) => f.importable ?? []),
  );
  const modules = new Map(files.flatMap((f) => (f.module ? [[f.path, f.module] as const] : [])));
  const assigned = assignNames(hoistChoiceOptions(rules)).map((rule) => {
    const module = modules.get(rule.span.file);
    return module === undefined ? rule : { ...rule, module };
  });
  // Which rules have values at all: the passes below keep them (solving a cycle or writing a grammar changes no rule's values).
  const productive = productiveRules(assigned);
  const named = solveControllerCycles(assigned, productive, sources);
  const solved = resolveCycles(catCycleGrammars(named, productive), sources);
  const valued = withoutUnproductive(solved.rules, productive);
  const warnings = [...built, ...solved.warnings, ...valued.warnings, ...checkEnumerations(valued.rules)];
  return {
    irVersion: IR_VERSION,
    files: files.map((f) => ({ path: f.path, sha256: sha256(f.text), ...(f.module ? { module: f.module } : {}) })),
    rules: valued.rules,
    root,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export type * from './types.js';
