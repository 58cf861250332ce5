/**
 * Small random schemas that stress how CDDL's constructs combine, for random-schemas.property.test.ts: `.and` and
 * `.within` between maps, arrays, tags and choices of them; unwrapping (`~`) of map and array rules beside other
 * members; group choices (`//`) nested inside arrays and maps with occurrences and overlapping alternatives; map keys
 * of every kind (bytes, floats, booleans, negative integers, arrays, maps, tags, `.cbor`, choices, cuts); recursion
 * through arrays, maps, tags and choices; arrays of overlapping optional and repeated members (`n*m` too); type
 * choices whose options share values; enumerations of group rules; sockets plugged several times; generics taking
 * structures and groups; `.cbor`/`.cborseq` of structures and controls on members; nesting five levels deep.
 * Deterministic for a seed; not a test file itself.
 *
 * A campaign of about 4,700 of these (December 2026) found twelve faults the other grammars had not reached: two
 * options in one tag that refused each other's decoded values, a rule's options kept as { tag, value } leaves that lost
 * what told them apart, a map member of a general rule that may be undefined, a bounded repeated group counted as one
 * item, a group spliced into itself that the test-data generator drew without end and the general matcher matched in
 * exponential time, a search for coinciding floats that recursed without end, and five modules that did not compile.
 */

import { RandomSchemaText } from './random-schemas.js';

const SCALARS = ['int', 'uint', 'nint', 'tstr', 'bstr', 'bool', 'nil', 'float', 'any', 'true', 'false', 'float16', 'undefined'];
const OVERLAPPING = ['0', '1', '-1', '0..5', '1..3', '"a"', '"b"', "h'01'", '1.5', '0.0', 'true', 'false', 'nil', '(tstr .size 1)', '(uint .lt 4)', '(int .ne 0)', '(bstr .size (0..2))'];
const KEYS = [
  "h'01'", "h''", "'k'", '1.5', '-0.0', '2.5', 'true', 'false', 'nil', '-1', '-24', '0', '1', '"a"', '"b"', '[int]', '[1, "x"]', '{ a: int }', '{}', '#6.1(int)', '#6.1(1)', '#6.24(bstr)',
  '(bstr .cbor int)', '(bstr .cbor [int])', '(1 / "a")', '(int / tstr)', '(0..3)', '(-3..-1)', 'float', 'bool', 'bstr', 'nint', 'int', 'uint', 'tstr', 'any', '(tstr .size 1)', "(h'01' / h'02')", '(true / 1)',
];
/** Marks a map member of computed keys while its group is drawn. */
const COMPUTED = '\u0001';
const OCCURRENCES = ['', '', '', '? ', '* ', '+ ', '1*2 ', '0*1 ', '2* ', '*3 ', '2*3 '];

/** The text of one random schema: rules `r0` … `rN`, then the helper rules, sockets and generics they use. */
export function randomStructuralSchema(seed: number): string {
  return new StructuralSchema(seed).text();
}

class StructuralSchema extends RandomSchemaText {
  /** Types left to draw before every further one is a leaf: bounds a schema's size whatever its depth. */
  private budget: number;
  /** Inside the definition of a rule unwrapped (`~`): no unwrapping there, which could reach the rule itself. */
  private unwrapping = 0;

  constructor(seed: number) {
    super(seed);
    this.budget = 20 + this.below(40);
  }

  text(): string {
    return this.schemaText(Array.from({ length: this.rules }, (_, i) => `r${i} = ${this.type(this.below(2) === 0 ? 5 : 3)}`));
  }

  private chance(n: number): boolean {
    return this.below(n) === 0;
  }

  private leaf(): string {
    switch (this.below(6)) {
      case 0: case 1: return this.pick(SCALARS);
      case 2: case 3: return paren(this.pick(OVERLAPPING));
      case 4: return this.ref();
      default: return this.named(0);
    }
  }

  type(depth: number): string {
    if (depth <= 0 || --this.budget < 0) return this.leaf();
    const d = depth - 1;
    switch (this.below(32)) {
      case 0: case 1: case 2: return `[${this.arrayGroup(d)}]`;
      case 3: case 4: case 5: return `{${this.mapGroup(d)}}`;
      case 6: return `#6.${this.pick(['1', '24', '30', '55799'])}(${this.type(d)})`;
      case 7: case 8: return this.sharedChoice(d);
      case 9: case 10: return `(${this.structure(d)} .${this.pick(['and', 'within'])} ${this.structure(d)})`;
      case 11: return `(${this.pick(['[* int]', '[* any]', '{ * tstr => any }', '{ * any => any }', '[int, * any]', '#6.1(any)', '(int / [* any])'])} .${this.pick(['and', 'within'])} ${this.structure(d)})`;
      case 12: return this.recursive(d);
      case 13: return this.enumeration();
      case 14: return this.socket(d);
      case 15: case 16: return this.generic(d);
      case 17: return `(bstr .cbor ${this.structure(d)})`;
      case 18: return `(bstr .cborseq [${this.arrayGroup(d)}])`;
      case 19: return `(${this.structure(d)} .${this.pick(['eq', 'ne'])} ${this.pick(['[1]', '{ a: 1 }', '[]', '{}', '#6.1(1)', '[1, "a"]'])})`;
      case 20: return `((bstr .size ${this.pick(['1', '(0..3)', '(2..8)'])}) .cbor ${this.structure(d)})`;
      case 21: return this.named(d);
      case 22: return `[${this.pick(['', '* ', '+ ', '? '])}${this.unwrapArray(d)}${this.chance(2) ? `, ${this.arrayGroup(d)}` : ''}]`.replace(/, \]$/, ']');
      case 23: return `{${this.unwrapMap(d)}${this.chance(2) ? `, ${this.mapGroup(d)}` : ''}}`.replace(/, \}$/, '}');
      case 24: return `${this.type(d)} / ${this.type(d)}`;
      case 25: return `(${this.type(d)} / ${this.leaf()}) / ${this.type(d)}`;
      case 26: return `[${this.arrayChoices(d)}]`;
      case 27: return `{${this.mapChoices(d)}}`;
      case 28: return `{ ${this.pick(['* ', '+ ', '? ', '', '1*2 '])}${paren(this.pick(KEYS))} ${this.pick(['=>', '^ =>'])} ${this.type(d)}${this.chance(2) ? `, ${this.mapGroup(d)}` : ''} }`.replace(/, \}$/, ' }');
      case 29: return `#6.${this.pick(['1', '30'])}(${this.structure(d)}) / #6.${this.pick(['1', '30'])}(${this.structure(d)})`;
      case 30: { const name = `w${this.below(2)}`; return `~${this.define(name, () => `${name} = #6.${this.pick(['1', '7', '30'])}(${this.type(Math.max(0, d - 1))})`)}`; }
      default: return `(${this.type(d)})`;
    }
  }

  /** A map, an array, a tag or a choice of them (no scalar). */
  private structure(depth: number): string {
    switch (this.below(depth <= 0 ? 3 : 6)) {
      case 0: return `[${this.pick(['int', 'int, int', '* int', '? int, tstr', 'a: int, ? b: tstr', '* uint', '+ any', '1, * int', '2*3 int'])}]`;
      case 1: return `{ ${this.pick(['a: int', '? a: 1..5', 'a: int, * tstr => any', '* tstr => int', '? b: tstr, ? a: uint', '1 => int', '* int => any', '"a" => 0..3', 'a: 0'])} }`;
      case 2: return this.ref();
      case 3: return `[${this.arrayGroup(depth - 1)}]`;
      case 4: return `{${this.mapGroup(depth - 1)}}`;
      default: return `(${this.structure(depth - 1)} / ${this.structure(depth - 1)})`;
    }
  }

  /** A type choice whose options share values. */
  private sharedChoice(depth: number): string {
    switch (this.below(8)) {
      case 0: return `(${this.pick(['int / 0..5 / uint', 'uint / 1 / int', '0 / 0..2 / -1..0', 'tstr / "a" / (tstr .size 1)', 'bool / true / false', 'float / 1.5 / float16', 'bstr / h\'01\' / (bstr .size 1)', 'any / int'])})`;
      case 1: return `${this.pick(['[int] / [uint]', '[* int] / [int, int]', '[0] / [0..5] / [* uint]', '[? int] / []', '[int, ? tstr] / [int, tstr]'])}`;
      case 2: return `${this.pick(['{ a: int } / { a: 1 }', '{ ? a: int } / {}', '{ a: int } / { a: int, b: tstr }', '{ * tstr => int } / { a: uint }', '{ 1 => int } / { * int => any }'])}`;
      case 3: return `[${this.type(depth)}] / [${this.type(depth)}]`;
      case 4: return `{ a: ${this.type(depth)} } / { a: ${this.type(depth)}${this.chance(2) ? ', ? b: int' : ''} }`;
      case 5: return `#6.1(${this.type(depth)}) / #6.1(${this.type(depth)})`;
      case 6: return `${this.type(depth)} / ${this.pick(['any', '[* any]', '{ * any => any }', 'int', 'tstr'])}`;
      default: return `(${this.type(depth)} / ${this.type(depth)} / ${this.leaf()})`;
    }
  }

  /** Rules that recur through arrays, maps, tags and choices, mutually too. */
  private recursive(depth: number): string {
    switch (this.below(8)) {
      case 0: return this.define('rec1', () => 'rec1 = [* rec1] / int');
      case 1: return this.define('rec2', () => `rec2 = { ? ${this.pick(['next', '1', '"n"'])}: rec2, v: ${this.leaf()} }`.replace(/(\d|"n"): /, '$1 => '));
      case 2: this.define('rec3', () => 'rec3 = #6.1(rec4) / nil'); return this.define('rec4', () => `rec4 = [${this.pick(['rec3', '? rec3', '* rec3', 'rec3, int', '{ a: rec3 }', 'rec3 / tstr'])}]`);
      case 3: return this.define('rec5', () => `rec5 = ${this.pick(['[int, ? rec5]', '[* (int, rec5)]', '{ * tstr => rec5 }', '(int / [rec5, rec5])', '[rec5 // int]', '{ ? a: rec5 } .and { ? a: [] / rec5 }', '[ * rec5 ] .within [ * any ]'])}`);
      case 4:
        // Recursion through the rules it unwraps.
        this.define('rec6', () => `rec6 = ${this.pick(['[ ~rec7 ]', '{ ~rec8 }', '[ * ~rec7 ]'])}`);
        this.define('rec7', () => 'rec7 = [? rec6, int]');
        return this.define('rec8', () => 'rec8 = { ? x: rec6, y: int }') && 'rec6';
      case 5: return `[${this.pick(['? ', '* ', ''])}${this.ref()}${this.chance(2) ? `, ${this.leaf()}` : ''}] / ${this.leaf()}`;
      case 6: return `{ ${this.pick(['? ', '* '])}${this.pick(['a: ', 'int => ', 'tstr => ', '[int] => '])}${this.ref()} }`;
      default: return `#6.${this.pick(['1', '30'])}(${this.ref()}) / ${this.type(Math.max(0, depth - 1))}`;
    }
  }

  private enumeration(): string {
    switch (this.below(4)) {
      case 0: return `&(${this.pick(['a: 1, b: 2', 'a: 1, b: 1', 'a: 1 // b: 2', 'a: 0..2, b: 3', 'x: "a", y: "b" // z: 1', '(a: 1 // b: 2), c: 3'])})`;
      case 1: return `&${this.define('eg', () => {
        const group = this.pick(['a: 1, b: 2 // c: 3', 'a: 1, ? b: 2', 'x: "s", y: 1.5', 'a: 1, eh', 'a: 1 // eh']);
        if (group.includes('eh')) this.define('eh', () => 'eh = (e: 9, f: 10)');
        return `eg = (${group})`;
      })}`;
      case 2: return `&(${this.pick(['a: 1', 'a: int', 'a: 0..3'])}, ${this.pick(['b: 2', 'b: 1', 'b: "x"'])}) / ${this.pick(['int', '[int]', '3'])}`;
      default: return `(${this.pick(['uint', 'int'])} .and &(a: 1, b: 2, c: 3))`;
    }
  }

  private socket(depth: number): string {
    const kind = this.below(3);
    if (kind === 0) {
      const name = `$t${this.below(2)}`;
      return this.define(name, () => {
        const plugs = Array.from({ length: 1 + this.below(3) }, () => `${name} /= ${this.pick(['int', '[int]', '{ a: int }', '0..3', '[* tstr]', '#6.1(int)', '{ a: 1 }', '[uint]', 'rs', this.ref()])}`);
        if (plugs.some((p) => p.endsWith(' rs'))) this.define('rs', () => `rs = [${name}] / ${this.leaf()}`);
        return [...new Set(plugs)].join('\n');
      });
    }
    const name = `$$g${this.below(2)}`;
    const text = this.define(name, () => {
      const plugs = Array.from({ length: 1 + this.below(3) }, () => `${name} //= (${this.pick(['a: int', 'b: tstr, ? c: int', '? a: uint', '1 => tstr', 'd: [* int]', 'a: 1', '* int => any', 'e: rs', 'f: um'])})`);
      if (plugs.some((p) => p.includes('rs)'))) this.define('rs', () => `rs = { ? ${name} } / ${this.leaf()}`);
      if (plugs.some((p) => p.includes('f: um'))) this.define('um', () => `um = { ${this.mapGroup(0) || 'x: int'} }`);
      return [...new Set(plugs)].join('\n');
    });
    return kind === 1 ? `{ ${this.pick(['', '? ', '* '])}${text}${this.chance(2) ? `, ${this.mapGroup(depth)}` : ''} }`.replace(/, \}$/, ' }') : `[${this.pick(['', '? ', '* '])}${text}]`;
  }

  private generic(depth: number): string {
    switch (this.below(9)) {
      case 0: return `${this.define('ga', () => 'ga<T> = [* T]')}<${this.structure(depth)}>`;
      case 1: return `${this.define('gb', () => 'gb<K, V> = { * K => V }')}<${paren(this.pick(KEYS))}, ${this.structure(depth)}>`;
      case 2: return `${this.define('gc', () => 'gc<T> = T .and { * any => any }')}<${this.structure(depth)}>`;
      case 3: return `${this.define('gd', () => 'gd<T> = #6.1(T) / T')}<${this.structure(depth)}>`;
      case 4: this.define('ga', () => 'ga<T> = [* T]'); return `${this.define('ge', () => 'ge<T, U> = ga<(T / U)>')}<${this.structure(depth)}, ${this.leaf()}>`;
      case 5: return `[${this.define('gf', () => 'gf<T> = (x: T, ? y: T)')}<${this.structure(depth)}>]`;
      case 6: return `{${this.define('gf', () => 'gf<T> = (x: T, ? y: T)')}<${this.structure(depth)}>${this.chance(2) ? ', * tstr => any' : ''}}`;
      case 7: return `${this.define('gg', () => 'gg<T> = bstr .cbor T')}<${this.structure(depth)}>`;
      default: return `${this.define('gh', () => 'gh<A, B> = [A, B] / { a: A, b: B }')}<${paren(this.type(Math.max(0, depth - 1)))}, ${paren(this.type(Math.max(0, depth - 1)))}>`;
    }
  }

  /** A named map, array or group rule, used by name. */
  private named(depth: number): string {
    const kind = this.below(3);
    const name = `${['m', 'a', 't'][kind]}${this.below(2)}`;
    return this.define(name, () => {
      const inner = Math.max(0, depth - 1);
      if (kind === 0) return `${name} = {${this.mapGroup(inner)}}`;
      if (kind === 1) return `${name} = [${this.arrayGroup(inner)}]`;
      return `${name} = #6.${this.pick(['1', '24', '30'])}(${this.type(inner)})`;
    });
  }

  private unwrapArray(depth: number): string {
    const name = `ua${this.below(2)}`;
    if (this.unwrapping > 0) return this.leaf();
    return `~${this.define(name, () => this.unwrapped(() => `${name} = [${this.arrayGroup(Math.max(0, depth - 1)) || 'int'}]`))}`;
  }

  private unwrapMap(depth: number): string {
    const name = `um${this.below(2)}`;
    if (this.unwrapping > 0) return `${name.replace('um', 'n')}: ${this.leaf()}`;
    return `~${this.define(name, () => this.unwrapped(() => `${name} = {${this.mapGroup(Math.max(0, depth - 1)) || 'x: int'}}`))}`;
  }

  private unwrapped(make: () => string): string {
    this.unwrapping++;
    try {
      return make();
    } finally {
      this.unwrapping--;
    }
  }

  private groupRule(depth: number, map: boolean): string {
    const name = `${map ? 'mg' : 'ag'}${this.below(2)}`;
    return this.define(name, () => `${name} = (${(map ? this.mapGroup(Math.max(0, depth - 1)) : this.arrayGroup(Math.max(0, depth - 1))) || (map ? 'g: int' : 'int')})`);
  }

  private arrayMember(depth: number, i: number): string {
    const occurrence = this.pick(OCCURRENCES);
    switch (this.below(12)) {
      case 0: return depth > 0 ? `${occurrence}(${this.arrayChoices(depth - 1)})` : this.leaf();
      case 1: return depth > 0 ? `${occurrence}(${this.arrayGroup(depth - 1) || 'int'})` : this.leaf();
      case 2: return this.unwrapArray(depth);
      case 3: return `${occurrence}${this.groupRule(depth, false)}`;
      case 4: return `${occurrence}${this.pick(['a', 'b'])}${i}: ${this.type(depth)}`;
      case 5: return `? ${this.pick(['int', 'uint', 'tstr', 'bool'])} .default ${this.pick(['0', '1'])}`.replace(/(tstr|bool) \.default \d/, (_m, t: string) => `${t} .default ${t === 'tstr' ? '"a"' : 'false'}`);
      case 6: return `${occurrence}${paren(this.pick(OVERLAPPING))}`;
      default: return `${occurrence}${this.type(depth)}`;
    }
  }

  private arrayGroup(depth: number): string {
    return Array.from({ length: this.below(4) }, (_, i) => this.arrayMember(depth, i)).join(', ');
  }

  /** Array members with group choices, nested and overlapping. */
  private arrayChoices(depth: number): string {
    const alternatives = Array.from({ length: 2 + this.below(2) }, () => (this.chance(4) && depth > 0 ? `(${this.arrayChoices(depth - 1)})` : this.arrayGroup(depth) || this.leaf()));
    return `${alternatives.join(' // ')}${this.chance(2) ? `, ${this.arrayMember(depth, 9)}` : ''}`;
  }

  private mapMember(depth: number, taken: Set<string>): string {
    switch (this.below(10)) {
      case 0: case 1: case 2: {
        const name = this.pick(['a', 'b', 'c', 'd']);
        if (taken.has(name)) return '';
        taken.add(name);
        return `${this.pick(['', '', '? '])}${name}: ${this.type(depth)}`;
      }
      case 3: case 4: case 5: {
        const key = this.pick(KEYS);
        const literal = !/^[a-z(#[{]/.test(key) || /^\(?h'|^#6\.1\(1\)$/.test(key);
        if (taken.has(key)) return '';
        if (literal) taken.add(key);
        const occurrence = literal ? this.pick(['', '? ', '? ']) : this.pick(['* ', '+ ', '? ', '', '1*2 ']);
        // Marked: mapGroup mostly writes computed keys last, where the typed layouts take the members of one key first.
        return `${literal ? '' : COMPUTED}${occurrence}${paren(key)} ${this.chance(3) ? '^ ' : ''}=> ${this.type(depth)}`;
      }
      case 6: return depth > 0 ? `${this.pick(['', '? ', '* ', '+ '])}(${this.mapChoices(depth - 1)})` : '';
      case 7: return this.unwrapMap(depth);
      case 8: return `${this.pick(['', '? ', '* '])}${this.groupRule(depth, true)}`;
      default: return `? ${this.pick(['e', 'f'])}: ${this.pick(['int .default 1', 'tstr .default "x"', 'bool .default true', 'float .default 1.5'])}`;
    }
  }

  private mapGroup(depth: number): string {
    const taken = new Set<string>();
    const members = Array.from({ length: this.below(5) }, () => this.mapMember(depth, taken)).filter((m) => m !== '');
    // Members of computed keys before one of a single key leave the rule to the general matcher: in one schema in four only.
    const ordered = this.chance(4) ? members : [...members.filter((m) => !m.startsWith(COMPUTED)), ...members.filter((m) => m.startsWith(COMPUTED))];
    return ordered.map((m) => m.replace(COMPUTED, '')).join(', ');
  }

  /** Map members with group choices, nested, alternatives sharing keys. */
  private mapChoices(depth: number): string {
    const alternatives = Array.from({ length: 2 + this.below(2) }, () => (this.chance(4) && depth > 0 ? `(${this.mapChoices(depth - 1)})` : this.mapGroup(depth) || `${this.pick(['x', 'y', 'a'])}: ${this.leaf()}`));
    return `${alternatives.join(' // ')}${this.chance(2) ? `, ${this.pick(['* tstr => any', '* int => any', 'z: int', '? a: int'])}` : ''}`;
  }
}

function paren(text: string): string {
  return /^\(.*\)$/.test(text) || !/[ /]/.test(text) ? text : `(${text})`;
}
