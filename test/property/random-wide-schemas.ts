/**
 * Small random schemas over more of CDDL than random-schemas.ts draws, for random-schemas.property.test.ts: besides
 * its prelude types, literals, arrays, maps, tags, choices and controls, ranges of every kind (empty ones too), heads
 * the schema fixes (`#0.24`, `#7.<32..255>`), tag numbers given by a type (`#6.<uint>`, `#6.<r0>`), generic rules and
 * generic groups, type and group sockets, named group rules spliced into arrays and maps with occurrences and group
 * choices, unwrapping (`~`), `.bits`, `.default`, `.feature`, map cuts, RFC 9741's text controls, `.det`, `.cat`,
 * `.plus`, `.cborseq` and `.abnf`. Deterministic for a seed; not a test file itself.
 *
 * A campaign of 5,000 of these (December 2026) found seven faults the narrower schemas had not reached: an empty
 * range typed `number`, a required member with no value tested as `&& false`, a recursive optional member that
 * overflowed the stack, float map keys inside a tag whose number is a value, `#0.24` refused by the general matcher,
 * a tag number that is the rule itself, and a map whose answer depended on the order of its entries.
 */

import { RandomSchemaText } from './random-schemas.js';

const PRIMS = ['int', 'uint', 'nint', 'tstr', 'bstr', 'float', 'float16', 'float32', 'float64', 'bool', 'any', 'nil', 'undefined', 'true', 'number', 'time', 'tdate', 'bigint', 'biguint', 'uri', 'bytes', 'integer'];
const SIMPLE = ['int', 'uint', 'tstr', 'bstr', 'bool', 'float', 'nil', '1', '"a"', 'any'];
const LITERALS = ['0', '1', '-1', '24', '1.5', '2.0', '-0.0', '"a"', '"b"', "h'00'", "'x'", 'true', '"a" / "b"'];
const RANGES = ['0..10', '-5..5', '1.0..2.0', '1.5..2.5', '0.0...1.0', '0...10', '-10...-1', '0x10..0x20', '-0.0..0.0', '1.0...1.0', '5..3', '1...1', '0..0', '0..18446744073709551615', '-18446744073709551616..-1', '0.0..1e999'];
const TAG_NUMBERS = ['1', '24', '55799', '1234567', '65536', '4294967296', '18446744073709551615', '<uint>', '<1..3>', '<0 / 1>'];
const HEADS = ['#0', '#1', '#2', '#3', '#4', '#5', '#7', '#0.5', '#0.24', '#1.24', '(#0.24 / #0.25)', '#2.31', '#3.1', '#7.20', '#7.22', '#7.25', '#7.27', '#7.40', '#7.<32..255>', '(#1.24 / #1.25)'];
const TEXT_CONTROLS = [
  'tstr .b64u bstr', 'tstr .b64u (bstr .size 2)', 'tstr .hex bstr', 'tstr .hexlc bstr', 'tstr .b32 bstr', 'tstr .b45 bstr', 'tstr .b64c-sloppy bstr',
  'tstr .decimal int', 'tstr .decimal (0..255)', 'tstr .json int', 'tstr .json [* int]', 'tstr .json { a: int }', 'tstr .json (1 / "x")',
  'tstr .printf ["%d-%s", uint, tstr]', 'tstr .printf ["0x%04x", 1..20]', 'tstr .printf ["%.2f", float]', 'tstr .printf ["%5d|%-3s", int, "ab" / "c"]',
  'tstr .join ["a", tstr]', 'tstr .join [tstr, "-", tstr]', 'tstr .join ["x", tstr .decimal uint]', "bstr .join [h'01', bstr .size 1, 'x']",
];
const STRING_OPERATORS = ['tstr .det "x"', '"  a" .det "  b"', '(tstr .size 3) .det "x"', '(tstr .regexp " *[a-z]+") .det "x"', 'tstr .cat "!"', '("a" / "b") .cat ("c" / "d")', "'a' .cat h'62'", '3 .plus 5', '(1..3) .plus 10', '(1 / 2.5) .plus 1', 'uint .plus 1'];
const GRAMMARS = ['\\nx = 1*%x61-62', '\\nx = 1*DIGIT [%x2E 1*DIGIT]\\nDIGIT = %x30-39', '\\nx = %x28 [x] %x29', '\\nx = \\"a\\" / \\"bc\\"', '\\nx = y *(\\",\\" y)\\ny = 1*%x61-7A', '\\nx = *%x20 \\"z\\"'];
const DEFAULTS: readonly (readonly [string, readonly string[]])[] = [['int', ['0', '-3']], ['uint', ['3']], ['tstr', ['"a"']], ['bool', ['false']], ['float', ['1.5']], ['bstr', ["h'00'"]]];
const OCCURRENCES = ['', '', '', '? ', '* ', '+ ', '1*2 '];

/** The text of one random schema: rules `r0` … `r2`, then the generic rules, sockets and groups they use. */
export function randomWideSchema(seed: number): string {
  return new WideSchema(seed).text();
}

class WideSchema extends RandomSchemaText {
  text(): string {
    return this.schemaText(Array.from({ length: this.rules }, (_, i) => `r${i} = ${this.type(3)}`));
  }

  private simple(depth: number): string {
    if (this.below(3) === 0 && depth > 0) return parenthesised(this.type(depth - 1));
    return this.below(4) === 0 ? this.ref() : this.pick(SIMPLE);
  }

  private defaulted(): string {
    const [type, values] = this.pick(DEFAULTS);
    return `${type} .default ${this.pick(values)}`;
  }

  type(depth: number): string {
    switch (this.below(depth <= 0 ? 5 : 36)) {
      case 0: return this.pick(PRIMS);
      case 1: return parenthesised(this.pick(LITERALS));
      case 2: return this.ref();
      case 3: return parenthesised(this.pick(RANGES));
      case 4: return this.pick(HEADS);
      case 5: case 6: return `[${this.arrayGroup(depth - 1)}]`;
      case 7: case 8: return `{${this.mapGroup(depth - 1)}}`;
      case 9: return `#6.${this.pick(TAG_NUMBERS)}(${this.type(depth - 1)})`;
      case 10: return `${this.type(depth - 1)} / ${this.type(depth - 1)}`;
      case 11: return `(${this.pick(['tstr', 'bstr', 'uint'])} .size ${this.pick(['1', '(1..4)', '8'])})`;
      case 12: return `&(${['a', 'b', 'c'].slice(0, 1 + this.below(3)).map((n, i) => `${n}: ${this.pick(['0', '1', '1.5', '"s"', `${i}`])}`).join(', ')})`;
      case 13: return `(bstr .cbor ${parenthesised(this.type(depth - 1))})`;
      case 14: return `(${this.pick(['int', 'uint', 'float'])} .${this.pick(['lt', 'le', 'gt', 'ge', 'ne', 'eq'])} ${this.pick(['0', '10', '1.5', '-3'])})`;
      case 15: return `(${parenthesised(this.type(depth - 1))} .${this.pick(['and', 'within'])} ${parenthesised(this.type(depth - 1))})`;
      case 16: return `{ * ${this.pick(['tstr', 'int', 'bstr', 'float', 'any', this.ref()])} => ${this.type(depth - 1)} }`;
      case 17: case 18: return this.generic(depth - 1);
      case 19: return this.typeSocket();
      case 20: return `{ ${this.mapGroupSocket()} }`;
      case 21: return `[${this.pick(['', '* ', '+ '])}${this.arrayGroupSocket()}]`;
      case 22: return this.unwrappedTag(depth);
      case 23: return `(${this.pick(['uint', 'bstr'])} .bits ${this.below(3) === 0 ? this.pick(['(0 / 2)', '(0..7)', '3']) : this.flags()})`;
      case 24: return `(${this.pick(TEXT_CONTROLS)})`;
      case 25: return `(${this.pick(STRING_OPERATORS)})`;
      case 26: return `(bstr .cborseq ${this.pick(['[* int]', '[int, tstr]', `[* ${this.type(depth - 1)}]`, '[? bool]'])})`;
      case 27: return `(${this.pick(['tstr', '(tstr .size (1..6))', '("ab" / "cd" / "abab")'])} .abnf ("x" .det "${this.pick(GRAMMARS)}"))`;
      case 28: return `(${this.pick(['uint', 'tstr', 'bstr'])} .feature "${this.pick(['f', 'json'])}")`;
      case 29: return `(${this.defaulted()})`;
      case 30: return `${parenthesised(this.pick(RANGES))} / ${this.type(depth - 1)}`;
      case 31: return `{ ${this.pick(['* ', '? ', '+ '])}${this.typeSocket()} => ${this.type(depth - 1)} }`;
      case 32: return `{ ${this.pick(['* (1..3)', '* uint', '? (1..3)', '* nint', '* (1 / "a")'])} => ${this.type(depth - 1)}, ${this.pick(['1', '0', '-1', '"a"'])} => ${this.type(depth - 1)} }`;
      case 33: return `{ * ${this.pick(['float', 'float16', 'number', '(0.5..1.5)', '#6.1(int)', 'bool', 'bstr', '(uint .bits (0 / 2))', '[int]', '{ a: int }'])} => ${this.type(depth - 1)} }`;
      case 34: return `#6.<${this.pick(['uint', '1..3', this.ref(), this.typeSocket()])}>(${this.type(depth - 1)})`;
      default: return `(${this.type(depth - 1)} / ${this.pick(PRIMS)})`;
    }
  }

  private generic(depth: number): string {
    switch (this.below(10)) {
      case 0: return `${this.define('g1', () => 'g1<T> = [T, int]')}<${this.simple(depth)}>`;
      case 1: return `${this.define('g2', () => 'g2<A, B> = { a: A, ? b: B }')}<${this.simple(depth)}, ${this.simple(depth)}>`;
      case 2: return `${this.define('g3', () => 'g3<T> = T / nil')}<${this.simple(depth)}>`;
      case 3: return `${this.define('g4', () => 'g4<T> = [* T]')}<${this.simple(depth)}>`;
      case 4: return `${this.define('g5', () => 'g5<K, V> = { * K => V }')}<${this.pick(['tstr', 'int', '("a" / "b")', '(1..5)'])}, ${this.simple(depth)}>`;
      case 5: return `${this.define('g6', () => 'g6<T> = #6.55(T)')}<${this.simple(depth)}>`;
      case 6: return `${this.define('g7', () => 'g7<T> = T .size (1..4)')}<${this.pick(['tstr', 'bstr', 'uint'])}>`;
      case 7: return `${this.define('g8', () => 'g8<T, D> = { ? x: T .default D }')}<${this.pick(['int, 3', 'tstr, "a"', 'bool, false'])}>`;
      case 8: return `${this.define('g9', () => 'g9<T> = bstr .cbor T')}<${this.simple(depth)}>`;
      default: return `[? ${this.ref()}, ? ${this.pick(SIMPLE)}]`;
    }
  }

  private genericGroup(depth: number, map: boolean): string {
    if (this.below(2) === 0) return `${this.define('gg', () => 'gg<T> = (a: T)')}<${this.simple(depth)}>`;
    if (map) return `${this.define('gh', () => 'gh<A, B> = (p: A, ? q: B)')}<${this.simple(depth)}, ${this.simple(depth)}>`;
    return `${this.define('gi', () => 'gi<A, B> = (A, B)')}<${this.simple(depth)}, ${this.simple(depth)}>`;
  }

  private typeSocket(): string {
    const name = `$s${this.below(2)}`;
    return this.define(name, () => {
      const plugs = Array.from({ length: this.below(3) }, () => `${name} /= ${this.pick(['int', '[tstr]', 'tstr', '1', '{ a: int }', 'float', '#6.9(int)', '&(k: 7)', 'nil', this.ref()])}`);
      return [...new Set(plugs)].join('\n');
    });
  }

  private mapGroupSocket(): string {
    const name = `$$m${this.below(2)}`;
    return this.define(name, () => {
      const plugs = Array.from({ length: this.below(3) }, () => `${name} //= (${this.pick(['x: int', 'y: tstr, ? z: bool', '? w: bstr', '"k" => uint', '5 => tstr', 'v: [* int]'])})`);
      return [...new Set(plugs)].join('\n');
    });
  }

  private arrayGroupSocket(): string {
    const name = `$$a${this.below(2)}`;
    return this.define(name, () => {
      const plugs = Array.from({ length: this.below(3) }, () => `${name} //= (${this.pick(['int', 'tstr, tstr', 'x: bool', '1, uint', '"s", * int', 'bstr'])})`);
      return [...new Set(plugs)].join('\n');
    });
  }

  private mapGroupRule(depth: number): string {
    const name = `mg${this.below(3)}`;
    return this.define(name, () => `${name} = (${this.mapMembers(Math.max(0, depth - 1), ['p', 'q', 's', '7', '"t"'], 1 + this.below(3))})`);
  }

  private arrayGroupRule(depth: number): string {
    const name = `ag${this.below(3)}`;
    return this.define(name, () => {
      const named = this.below(2) === 0;
      const members = Array.from({ length: 1 + this.below(3) }, (_, i) => `${i > 0 && this.below(4) === 0 ? '? ' : ''}${named ? `${this.pick(['m', 'n', 'o'])}${i}: ` : ''}${this.type(Math.max(0, depth - 1))}`);
      return `${name} = (${members.join(', ')}${this.below(6) === 0 ? ` // ${this.type(0)}` : ''})`;
    });
  }

  private unwrappedTag(depth: number): string {
    const name = `ut${this.below(2)}`;
    return `~${this.define(name, () => `${name} = #6.${this.pick(['7', '1234567', '32'])}(${this.type(Math.max(0, depth - 1))})`)}`;
  }

  private unwrappedMap(): string {
    const name = `um${this.below(2)}`;
    return `~${this.define(name, () => `${name} = { ${this.mapMembers(0, ['u', 'v', '8'], 1 + this.below(2))} }`)}`;
  }

  private unwrappedArray(): string {
    const name = `ua${this.below(2)}`;
    return `~${this.define(name, () => `${name} = [${this.pick(['int, tstr', 'x: uint, ? y: bstr', '* int', '1, + tstr'])}]`)}`;
  }

  private flags(): string {
    const name = `flags${this.below(2)}`;
    return this.define(name, () => `${name} = &(${this.pick(['a: 0, b: 3', 'a: 0, b: 3, c: 9', 'x: 1', 'a: 0, b: 70'])})`);
  }

  private mapMembers(depth: number, keys: readonly string[], n: number): string {
    const members: string[] = [];
    const taken = new Set<string>();
    for (let i = 0; i < n; i++) {
      const occurrence = this.pick(OCCURRENCES);
      const key = this.pick(keys);
      if (taken.has(key)) continue;
      taken.add(key);
      const computed = key === 'tstr' || key === 'int';
      const literal = /^\d|"/.test(key);
      const cut = !computed && literal && this.below(3) === 0 ? '^ ' : '';
      // A member of one key occurs at most once; computed keys repeat.
      const occurs = computed ? (occurrence === '' ? '* ' : occurrence) : occurrence === '? ' ? '? ' : '';
      const value = !computed && occurs === '? ' && this.below(4) === 0 ? this.defaulted() : this.type(depth);
      members.push(`${occurs}${key}${computed || literal ? ` ${cut}=>` : ':'} ${value}`);
    }
    return members.join(', ');
  }

  private mapGroup(depth: number): string {
    const parts = [this.mapMembers(depth, ['a', 'b', 'c', '1', '2', '"k"', 'tstr', 'int'], this.below(4))];
    for (let i = this.below(3); i > 0; i--) {
      switch (this.below(8)) {
        case 0: parts.push(`${this.pick(['', '? ', '* '])}${this.mapGroupRule(depth)}`); break;
        case 1: parts.push(`${this.pick(['', '? '])}${this.genericGroup(depth, true)}`); break;
        case 2: parts.push(this.unwrappedMap()); break;
        case 3: parts.push(`${this.pick(['', '? ', '* ', '+ '])}(${this.mapMembers(depth, ['d', 'e', '3'], 1 + this.below(2))}${this.below(2) === 0 ? ` // ${this.mapMembers(depth, ['f', 'g', '4'], 1 + this.below(2))}` : ''})`); break;
        case 4: parts.push(`${this.pick(['? ', ''])}"k" ^ => ${this.type(Math.max(0, depth))}, * tstr => any`); break;
        case 5: parts.push(`* ${this.mapGroupSocket()}`); break;
        default: parts.push(this.mapMembers(depth, ['h', 'i', '"j"'], 1)); break;
      }
    }
    const group = parts.filter((p) => p !== '').join(', ');
    if (this.below(6) === 0 && group !== '') return `${group} // ${this.mapMembers(depth, ['z', 'y'], 1 + this.below(2))}`;
    return group;
  }

  private arrayGroup(depth: number): string {
    const members: string[] = [];
    for (let i = this.below(4); i > 0; i--) {
      const occurrence = this.pick(OCCURRENCES);
      switch (this.below(10)) {
        case 0: members.push(`${occurrence}${this.arrayGroupRule(depth)}`); break;
        case 1: members.push(`${occurrence}(${this.arrayGroup(Math.max(0, depth - 1)) || 'int'})`); break;
        case 2: members.push(`${occurrence}(${this.pick(['a', 'x'])}: int, ${this.pick(['b', 'y'])}: tstr)`); break;
        case 3: members.push(this.unwrappedArray()); break;
        case 4: members.push(`${occurrence}${this.genericGroup(depth, false)}`); break;
        case 5: members.push(`? ${this.defaulted()}`); break;
        default: members.push(`${occurrence}${this.below(3) === 0 ? `${this.pick(['a', 'b', 'c'])}${i}: ` : ''}${this.type(depth)}`);
      }
    }
    if (this.below(6) === 0 && members.length > 0) return `${members.join(', ')} // ${this.type(depth)}`;
    return members.join(', ');
  }
}

/** A type in parentheses where an operator inside it would bind otherwise (`a / b`, `1..2`). */
function parenthesised(type: string): string {
  return / |\.\./.test(type) ? `(${type})` : type;
}
