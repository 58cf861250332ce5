/**
 * Small random schemas built from CDDL's constructs, for random-schemas.property.test.ts: up to four rules, each a
 * type of depth up to three made of prelude types, literals and ranges, arrays and maps (named, keyed and computed
 * members, occurrences, group choices), tags, type choices, controls (`.size`, `.regexp`, comparisons, `.and`,
 * `.within`, `.cbor`), enumerations and references to the rules (so rules recur, through every construct).
 * Deterministic for a seed; not a test file itself.
 */

/** A xorshift32 source: `below(n)` is an integer in 0 … n − 1. */
export function source(seed: number): (n: number) => number {
  let state = seed >>> 0 || 1;
  return (n) => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % n;
  };
}

const PRIMS = ['int', 'uint', 'nint', 'tstr', 'bstr', 'float', 'float16', 'float32', 'float64', 'bool', 'any', 'nil', 'undefined', 'true', 'false', 'number', 'time', 'tdate', 'bigint', 'biguint', 'uri', 'text', 'bytes', 'null', 'integer'];
const LITERALS = ['0', '1', '-1', '24', '1.5', '2.0', '-0.0', '"a"', '"b"', "h'00'", "'x'", 'true', '0..10', '-5..5', '1.0..2.0', '"a" / "b"'];

/** The text of one random schema (rules `r0` … `r3`, each ending in a line feed). */
export function randomSchema(seed: number): string {
  const below = source(seed);
  const pick = <T>(xs: readonly T[]): T => xs[below(xs.length)] as T;
  const rules = 1 + below(4);

  const type = (depth: number): string => {
    switch (below(depth <= 0 ? 3 : 16)) {
      case 0:
        return pick(PRIMS);
      case 1:
        return pick(LITERALS);
      case 2:
        return `r${below(rules)}`;
      case 3:
        return `[${group(depth - 1, false)}]`;
      case 4:
        return `{${group(depth - 1, true)}}`;
      case 5:
        return `#6.${pick(['1', '2', '7', '24', '42'])}(${type(depth - 1)})`;
      case 6:
        return `${type(depth - 1)} / ${type(depth - 1)}`;
      case 7:
        return `(${pick(['tstr', 'bstr', 'uint', 'int'])} .size ${pick(['1', '2', '(1..4)', '8'])})`;
      case 8:
        return `(tstr .regexp "${pick(['a+', '[a-c]*', 'x|y', '\\\\d{2}'])}")`;
      case 9:
        return `&(${['a', 'b', 'c'].slice(0, 1 + below(3)).map((n, i) => `${n}: ${pick(['0', '1', '2', '1.5', '"s"', `${i}`])}`).join(', ')})`;
      case 10:
        return `(bstr .cbor ${type(depth - 1)})`;
      case 11:
        return `(${pick(['int', 'uint', 'float'])} .${pick(['lt', 'le', 'gt', 'ge', 'ne', 'eq'])} ${pick(['0', '10', '1.5', '-3'])})`;
      case 12:
        return `(${type(depth - 1)} .${pick(['and', 'within'])} ${type(depth - 1)})`;
      case 13:
        return `[* ${type(depth - 1)}]`;
      case 14:
        return `{ * ${pick(['tstr', 'int', 'uint', 'bstr', 'float', 'any', `r${below(rules)}`])} => ${type(depth - 1)} }`;
      default:
        return `(${type(depth - 1)} / ${pick(PRIMS)})`;
    }
  };

  const group = (depth: number, map: boolean): string => {
    const members: string[] = [];
    const keys = new Set<string>();
    for (let i = below(4); i > 0; i--) {
      const occurrence = pick(['', '', '', '? ', '* ', '+ ', '1*2 ']);
      if (!map) {
        const name = below(3) === 0 ? `${pick(['a', 'b', 'c'])}${i}: ` : '';
        members.push(`${occurrence}${name}${type(depth)}`);
        continue;
      }
      const key = pick(['a', 'b', 'c', '1', '2', '"k"', 'tstr', 'int']);
      if (keys.has(key)) continue;
      keys.add(key);
      // A member of one key occurs at most once; computed keys repeat.
      const computed = key === 'tstr' || key === 'int';
      const occurs = computed ? (occurrence.trim() === '' ? '* ' : occurrence) : occurrence === '? ' ? '? ' : '';
      members.push(`${occurs}${key}${computed || /^\d|"/.test(key) ? ' =>' : ':'} ${type(depth)}`);
    }
    if (!map && members.length > 0 && below(6) === 0) return `${members.join(', ')} // ${type(depth)}`;
    return members.join(', ');
  };

  return Array.from({ length: rules }, (_, i) => `r${i} = ${type(3)}\n`).join('');
}

/**
 * What the wider grammars (random-wide-schemas.ts, random-structural-schemas.ts) share: rules `r0` … `rN` (one to
 * three, drawn first), the helper rules their types define once by name, and the draws they make from the seed.
 */
export abstract class RandomSchemaText {
  protected readonly below: (n: number) => number;
  protected readonly rules: number;
  /** The rules besides `rN` that the types drawn use, by name (a definition being drawn is '' meanwhile). */
  protected readonly extras = new Map<string, string>();

  constructor(seed: number) {
    this.below = source(seed);
    this.rules = 1 + this.below(3);
  }

  /** The rules' lines, then the helper rules they use. */
  protected schemaText(lines: readonly string[]): string {
    return `${[...lines, ...[...this.extras.values()].filter((line) => line !== '')].join('\n')}\n`;
  }

  protected pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)] as T;
  }

  /** `name`, defined once by `make` (which may itself use `name`: it is '' while drawn). */
  protected define(name: string, make: () => string): string {
    if (!this.extras.has(name)) {
      this.extras.set(name, '');
      this.extras.set(name, make());
    }
    return name;
  }

  protected ref(): string {
    return `r${this.below(this.rules)}`;
  }
}
