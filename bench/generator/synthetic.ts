/**
 * A deterministic synthetic CDDL schema of any number of rules, to measure
 * how the generator scales: maps of 3–8 members, arrays (lists and records),
 * enumerations, type choices and references, in proportions like those of
 * real protocol schemas. Rules refer only to rules defined before them, so
 * the schema has no cycles and every rule is reachable from a later one.
 * The same `rules` and `seed` always give the same text.
 */
import { mulberry32 } from '../status/data.js';

const MEMBER_NAMES = ['id', 'name', 'kind', 'created', 'owner', 'flags', 'size', 'value', 'note', 'tags', 'parent', 'version'];

const PRIMITIVES = ['uint', 'int', 'tstr', 'bstr', 'bool', 'float', 'bstr .size 32', 'uint .le 1000', 'tstr .size (1..64)', '[* tstr]', 'nil / uint'];

export const SYNTHETIC_SEED = 0x5c4e_3a11;

export function ruleName(i: number): string {
  return `Rule${i}`;
}

/** `rules` rule definitions, one or two lines each. */
export function syntheticSchema(rules: number, seed = SYNTHETIC_SEED): string {
  const rand = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  /** An earlier rule, favouring recent ones (locality, like real schemas), or null for the first. */
  const earlier = (i: number): string | null => (i === 0 ? null : ruleName(Math.max(0, i - 1 - Math.floor(rand() * rand() * Math.min(i, 200)))));
  const memberType = (i: number): string => {
    const ref = rand() < 0.3 ? earlier(i) : null;
    return ref ?? pick(PRIMITIVES);
  };
  const lines = [`; synthetic schema: ${rules} rules, seed 0x${seed.toString(16)} (bench/generator/synthetic.ts)`, ''];
  for (let i = 0; i < rules; i++) {
    const name = ruleName(i);
    const roll = rand();
    if (roll < 0.4 || i < 2) {
      const names = [...MEMBER_NAMES].sort(() => rand() - 0.5).slice(0, int(3, 8));
      const members = names.map((m, k) => `${k > 0 && rand() < 0.25 ? '? ' : ''}${m}: ${memberType(i)}`);
      lines.push(`${name} = {`, ...members.map((m, k) => `  ${m}${k < members.length - 1 ? ',' : ''}`), '}');
    } else if (roll < 0.55) {
      if (rand() < 0.5) lines.push(`${name} = [* ${earlier(i)}]`);
      else lines.push(`${name} = [${MEMBER_NAMES.slice(0, int(2, 4)).map((m) => `${m}: ${memberType(i)}`).join(', ')}]`);
    } else if (roll < 0.7) {
      // Values distinct across rules: a choice of two enumerations must not name one value twice.
      const values = Array.from({ length: int(3, 6) }, (_, k) => `r${i}v${k}: ${i * 8 + k}`);
      lines.push(`${name} = &( ${values.join(', ')} )`);
    } else if (roll < 0.85) {
      const a = earlier(i);
      const b = earlier(i);
      lines.push(`${name} = ${a === b ? a : `${a} / ${b}`} / ${pick(['tstr', 'bstr', 'nil'])}`);
    } else {
      lines.push(`${name} = ${earlier(i)}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
