/**
 * Small random schemas of rules that name each other inside tags, for random-schemas.property.test.ts: two to five
 * rules, each a choice of tagged references to the rules (one or two tags deep, tag numbers 1 to 3, so that options
 * share tags and values), arrays and maps of references, tagged scalars and literals, and one untagged option. The
 * choice planner must tell every option's values apart or keep them as `{ tag, value }` (or make the rule general),
 * and it follows paths through such rules: their number grows factorially with the rules, which the planner bounds
 * (generator/layout/form-walks.ts, pair-memo.ts). Deterministic for a seed; not a test file itself.
 *
 * On seeds 1 to 400 (December 6 2026): the planner's bound changed no output (modules, warnings and errors byte for
 * byte against the generator before it; about 60 of them through walks it cut short). Before, 45 overflowed the stack and two
 * ran out of Set entries while boxing floats (generator/layout/coinciding-floats.ts copied the rules' choices level by
 * level without end), and several took about a minute; now none fails, and every rule of all 400 passes
 * check-module.ts's property and the modules type-check. Boxing gave up on 27 of them (BOXING_LIMITS: a rule is
 * general), and 5 others generate otherwise, as the copies now stop where a pair of choices comes back, sooner than
 * when copies were new pairs: fewer rules general in three (two identical options the old copies boxed one level
 * deeper in one than in the other), one more in one, and another pair of options named in a warning in one.
 */
import { source } from './random-schemas.js';

const TAGGED_LEAVES = ['int', 'float', 'tstr', '1', '2.5', '[int]'];
const UNTAGGED_LEAVES = ['int', 'float', 'tstr', 'uint', '0', '1.5', 'bool', '[int]', '{ a: int }'];

/** The text of one random schema: rules `r0` … `rN`. */
export function randomRecursiveTagsSchema(seed: number): string {
  const below = source(seed * 7919 + 17);
  const pick = <T>(xs: readonly T[]): T => xs[below(xs.length)] as T;
  const rules = 2 + below(4);
  const tag = (): number => 1 + below(3);
  const lines: string[] = [];
  for (let i = 0; i < rules; i++) {
    const options: string[] = [];
    for (let k = 2 + below(4); k > 0; k--) {
      const ref = `r${below(rules)}`;
      options.push(pick([`#6.${tag()}(${ref})`, `#6.${tag()}(${ref})`, `#6.${tag()}(#6.${tag()}(${ref}))`, `[${ref}]`, `{ a: ${ref} }`, `#6.${tag()}(${pick(TAGGED_LEAVES)})`]));
    }
    options.push(pick(UNTAGGED_LEAVES));
    lines.push(`r${i} = ${options.join(' / ')}`);
  }
  return `${lines.join('\n')}\n`;
}
