/**
 * `<module>.arbitrary.ts`: test-data generators for every type rule of a
 * module (`arbitrary: true`). Each `arbitraryX(seed)` draws a valid data item
 * of rule X from the schema's run-time program (docs/program.md), as
 * deterministic CBOR, and decodes it with the module's own `decodeX`. The
 * drawing itself is templates/arbitrary.ts, copied beside the module with the
 * templates it needs.
 */
import { isSchemaError } from '../diagnostics.js';
import type { IrRule, IrSchema } from '../ir/types.js';
import { lowerProgram } from '../layout/program.js';
import type { Program } from '../../templates/program.js';
import type { IntegerMode } from '../config.js';
import { programText } from './general.js';

/** The templates the generators need beside the module (runtime.ts and cbor-any.ts besides): the general matcher checks every drawn item. */
export const ARBITRARY_TEMPLATES = ['arbitrary.ts', 'arbitrary-scalars.ts', 'arbitrary-groups.ts', 'arbitrary-checks.ts', 'arbitrary-text.ts', 'regexp-sampler.ts', 'program.ts', 'matcher.ts', 'matcher-failures.ts', 'matcher-groups.ts', 'matcher-controls.ts', 'matcher-integers.ts', 'matcher-values.ts', 'matcher-words.ts', 'regexp-prefixes.ts', 'dedented-patterns.ts', 'pattern-automata.ts', 'lookaround-automata.ts', 'text-controls.ts', 'printf.ts', 'abnf-recogniser.ts', 'abnf-sampler.ts'] as const;

/** `mimi-content.ts` → `mimi-content.arbitrary.ts`. */
export function arbitraryFileName(moduleFile: string): string {
  return moduleFile.replace(/\.ts$/, '.arbitrary.ts');
}

/**
 * The program of every type rule, and the rules it cannot hold (the lowering
 * refuses them: `.cat` between texts that are not constants, …) with why:
 * their generators throw CannotGenerate with that reason instead.
 */
export function arbitraryProgram(ir: IrSchema): { program: Program; refused: Map<string, string> } {
  const roots = ir.rules.filter((r) => r.kind === 'type').map((r) => r.name);
  const refused = new Map<string, string>();
  try {
    return { program: lowerProgram(ir, roots), refused };
  } catch (error) {
    if (!isSchemaError(error)) throw error;
  }
  // Some rule is refused: find which, one at a time (only on this path), and lower the rest together.
  const kept: string[] = [];
  for (const root of roots) {
    try {
      lowerProgram(ir, [root]);
      kept.push(root);
    } catch (error) {
      if (!isSchemaError(error)) throw error;
      refused.set(root, error.detail);
    }
  }
  return { program: lowerProgram(ir, kept), refused };
}

/**
 * The text of `<module>.arbitrary.ts` after its header: imports from the
 * module (its types and decoders) and the templates, the program, and one
 * function per type rule. Local names the file adds are lowercase (`program`,
 * the `arbitrary` namespace), so they never meet a rule's TypeScript name
 * (PascalCase); exported ones start with `arbitrary` and a rule's name, or
 * are re-exports whose names no rule function can take (`drawEncoded`, …).
 */
export function arbitraryModuleText(ir: IrSchema, moduleImport: string, importOf: (template: string) => string, integers?: IntegerMode): string {
  const { program: lowered, refused } = arbitraryProgram(ir);
  // Under integers: 'number' the draws keep integers where the schema types one within ±(2^53 − 1), which the decoders take.
  const program: Program = integers === 'number' ? { ...lowered, integers } : lowered;
  const rules = ir.rules.filter((r) => r.kind === 'type');
  const lines: string[] = [
    `import { ${rules.map((r) => (refused.has(r.name) ? `type ${r.tsName}` : `decode${r.tsName}, type ${r.tsName}`)).join(', ')} } from '${moduleImport}';`,
    `import * as arbitrary from '${importOf('arbitrary.ts')}';`,
    '',
    `export { CannotGenerate, drawEncoded, drawValue, isCannotGenerate, seededRandom, type ArbitraryOptions, type Random } from '${importOf('arbitrary.ts')}';`,
    '',
    '/** The schema as the test-data generators read it (docs/program.md): `drawEncoded(program, rule, seed)` draws the bytes of a rule by its CDDL name. */',
    `export const program: arbitrary.Program = ${programText(program)};`,
  ];
  for (const rule of rules) lines.push('', ...ruleFunction(rule, refused.get(rule.name)));
  return `${lines.join('\n')}\n`;
}

function ruleFunction(rule: IrRule, refusal: string | undefined): string[] {
  const name = rule.tsName;
  const cddl = JSON.stringify(rule.name);
  // A refused rule's parameters go unused: named with a leading underscore for noUnusedParameters.
  const [random, options] = refusal === undefined ? ['random', 'options'] : ['_random', '_options'];
  const body = refusal === undefined ? `return decode${name}(arbitrary.drawEncoded(program, ${cddl}, random, options));` : `throw new arbitrary.CannotGenerate(${cddl}, ${cddl}, ${JSON.stringify(refusal)});`;
  return [
    '/**',
    ` * A valid \`${name}\` (CDDL \`${rule.name.replaceAll('*/', '*\\/')}\`), drawn at random as a deterministic data item and decoded: the same seed gives the same value.`,
    ` * With fast-check: \`fc.integer().map((seed) => arbitrary${name}(seed))\`; the bytes themselves: \`drawEncoded(program, ${cddl}, seed)\`.`,
    ' *',
    ' * @param random a seed, or a source of random integers (`(below) => 0 … below − 1`)',
    ' * @throws CannotGenerate when no item could be drawn (a constraint never met in `options.attempts` tries)',
    ' */',
    `export function arbitrary${name}(${random}: number | arbitrary.Random, ${options}?: arbitrary.ArbitraryOptions): ${name} {`,
    `  ${body}`,
    '}',
  ];
}
