/**
 * Issue 10 §6: members named like what every object inherits from Object.prototype
 * (`constructor`, `__proto__`, `toString`, …) work like any other member. Decoded values are
 * plain objects with those members as own data properties (`__proto__` too, defined rather than
 * assigned, so the prototype is untouched); guards and encoders look at own properties only.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hex, toHex } from '../support/hex.js';
import { load, thrown, typeErrors, type Generated, type Loaded } from './module.js';

const SCHEMA = `
m = { ? "constructor" => tstr, ? "__proto__" => int }
p = { ? "toString" => int, ? "hasOwnProperty" => tstr, ? "valueOf" => bool, "constructor" => int }
r = [ a: int, ? constructor: tstr, ? __proto__: tstr ]
d = { * tstr => int }
x = { ? "__proto__" => int, * tstr => tstr }
v = { "constructor" => 1, a: int } / { "constructor" => 2, b: tstr }
w = { "__proto__" => 1, a: int // "__proto__" => 2, b: tstr }
e = &( __proto__: 1, constructor: 2, toString: 3 )
`;

type Rules = 'M' | 'P' | 'R' | 'D' | 'X' | 'V' | 'W';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;

beforeAll(async () => {
  loaded = await load<Rules>('member-names', SCHEMA);
  g = loaded.module;
});

/** A text string's CBOR encoding (ASCII, shorter than 24 bytes). */
const text = (s: string) => toHex(new Uint8Array([0x60 + s.length, ...new TextEncoder().encode(s)]));

describe('m = { ? "constructor" => tstr, ? "__proto__" => int }', () => {
  it('decodes a0 to {}, which the guard accepts and the encoder encodes back to a0', () => {
    const value = g.decodeM(hex('a0')) as object;
    expect(Object.getOwnPropertyNames(value)).toEqual([]);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(g.isM(value)).toBe(true);
    expect(g.validateM(value)).toEqual([]);
    expect(toHex(g.encodeM(value) as Uint8Array)).toBe('a0');
  });

  it('decodes {"__proto__": 1} to an own property __proto__, leaving the prototype alone, and re-encodes it', () => {
    const bytes = hex(`a1 ${text('__proto__')} 01`);
    const value = g.decodeM(bytes) as Record<string, unknown>;
    expect(Object.getOwnPropertyNames(value)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')).toEqual({ value: 1, writable: true, enumerable: true, configurable: true });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(g.isM(value)).toBe(true);
    expect(g.encodeM(value)).toEqual(bytes);
  });

  it('decodes {"constructor": "x"} to an own property and re-encodes it', () => {
    const bytes = hex(`a1 ${text('constructor')} ${text('x')}`);
    const value = g.decodeM(bytes) as Record<string, unknown>;
    expect(Object.hasOwn(value, 'constructor') && value.constructor).toBe('x');
    expect(g.encodeM(value)).toEqual(bytes);
  });

  it('both members, encoded in deterministic key order', () => {
    const value = JSON.parse('{"__proto__": -1, "constructor": "c"}') as unknown; // JSON.parse makes own properties
    expect(g.isM(value)).toBe(true);
    // "__proto__" (9 bytes) sorts before "constructor" (11 bytes): shorter encoded keys first.
    expect(toHex(g.encodeM(value) as Uint8Array)).toBe(`a2${text('__proto__')}20${text('constructor')}${text('c')}`);
  });

  it('the guard checks own members only, never inherited ones', () => {
    expect(g.isM(Object.create({ constructor: 5 }))).toBe(true); // inherited: absent
    expect(toHex(g.encodeM(Object.create({ constructor: 5 })) as Uint8Array)).toBe('a0');
    expect(g.isM({ constructor: 5 })).toBe(false);
    expect(g.validateM({ constructor: 5 })).toEqual([{ path: '.constructor', message: 'expected a text string, got the number 5' }]);
    expect(g.validateM(JSON.parse('{"__proto__": "x"}'))).toEqual([{ path: '.__proto__', message: 'expected an integer, got a string' }]);
    const error = thrown(() => g.encodeM({ constructor: 5 })) as Error;
    expect(error.name).toBe('EncodeError');
  });
});

describe('other Object.prototype names: toString, hasOwnProperty, valueOf, a required constructor', () => {
  it('a required constructor member is missing from {} (not inherited from Object.prototype)', () => {
    expect(g.isP({})).toBe(false);
    expect(g.validateP({})).toEqual([{ path: '.constructor', message: 'expected an integer (constructor is required), got undefined' }]);
    expect((thrown(() => g.decodeP(hex('a0'))) as Error).message).toBe('(root) at byte 0: missing key "constructor"');
  });

  it('round-trips every member', () => {
    // In deterministic order: shorter keys first.
    const bytes = hex(`a4 ${text('valueOf')} f5 ${text('toString')} 01 ${text('constructor')} 02 ${text('hasOwnProperty')} ${text('h')}`);
    const value = g.decodeP(bytes) as Record<string, unknown>;
    expect(Object.keys(value).sort()).toEqual(['constructor', 'hasOwnProperty', 'toString', 'valueOf']);
    expect(value).toEqual({ constructor: 2, toString: 1, hasOwnProperty: 'h', valueOf: true });
    expect(g.isP(value)).toBe(true);
    expect(g.encodeP(value)).toEqual(bytes);
  });

  it('only { constructor } present: the inherited toString, hasOwnProperty and valueOf are absent', () => {
    expect(toHex(g.encodeP({ constructor: 7 }) as Uint8Array)).toBe(`a1${text('constructor')}07`);
  });
});

describe('r = [ a: int, ? constructor: tstr, ? __proto__: tstr ] (an array record)', () => {
  it('round-trips with none, one and both optional members', () => {
    for (const h of ['8101', `8201${text('c')}`, `8301${text('c')}${text('p')}`]) {
      const value = g.decodeR(hex(h));
      expect(g.isR(value)).toBe(true);
      expect(toHex(g.encodeR(value) as Uint8Array)).toBe(h);
    }
    expect(Object.getOwnPropertyNames(g.decodeR(hex(`8301${text('c')}${text('p')}`)))).toEqual(['a', 'constructor', '__proto__']);
  });

  it('{ a } alone encodes as one item', () => {
    expect(toHex(g.encodeR({ a: 1 }) as Uint8Array)).toBe('8101');
  });
});

describe('computed keys: __proto__ is just a key', () => {
  it('d = { * tstr => int }: a Map holds "__proto__" like any key', () => {
    const bytes = hex(`a2 ${text('a')} 01 ${text('__proto__')} 02`);
    const value = g.decodeD(bytes) as Map<string, number>;
    expect([...value]).toEqual([['a', 1], ['__proto__', 2]]);
    expect(g.isD(value)).toBe(true);
    expect(g.encodeD(value)).toEqual(bytes);
    // A plain object whose prototype is another object is not a Map, whatever its keys.
    expect(g.isD(JSON.parse('{"__proto__": 1}'))).toBe(false);
  });

  it('x = { ? "__proto__" => int, * tstr => tstr }: the named member and the other keys', () => {
    const bytes = hex(`a2 ${text('a')} ${text('b')} ${text('__proto__')} 01`);
    const value = g.decodeX(bytes) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe(1);
    expect([...(value.rest as Map<string, string>)]).toEqual([['a', 'b']]);
    expect(g.isX(value)).toBe(true);
    expect(g.encodeX(value)).toEqual(bytes);
    expect(toHex(g.encodeX({}) as Uint8Array)).toBe('a0');
  });
});

describe('alternatives told apart by a member named constructor or __proto__', () => {
  it('v: { constructor: 1, a } / { constructor: 2, b }', () => {
    for (const value of [{ constructor: 1, a: 5 }, { constructor: 2, b: 'x' }]) {
      expect(g.isV(value)).toBe(true);
      expect(g.decodeV(g.encodeV(value) as Uint8Array)).toEqual(value);
    }
    expect(g.isV({ a: 5 })).toBe(false);
  });

  it('w: { "__proto__" => 1, a } // { "__proto__" => 2, b }', () => {
    const bytes = hex(`a2 61 61 05 ${text('__proto__')} 01`);
    const value = g.decodeW(bytes) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe(1);
    expect(g.isW(value)).toBe(true);
    expect(g.encodeW(value)).toEqual(bytes);
    expect(g.isW({ a: 5 })).toBe(false);
    expect(g.validateW({ a: 5 })).toEqual([{ path: '.__proto__', message: 'expected one of 1, 2, got undefined' }]);
  });
});

it('an enumeration with such names: own constants (the __proto__ key is written computed)', () => {
  const e = g.E as unknown as Record<string, number>;
  expect(Object.getOwnPropertyNames(e)).toEqual(['__proto__', 'constructor', 'toString']);
  expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
  const valueOfE = g.valueOfE as (name: string) => unknown;
  expect(valueOfE('__proto__')).toBe(1);
  expect(valueOfE('hasOwnProperty')).toBeUndefined();
  expect((g.nameOfE as (value: number) => unknown)(2)).toBe('constructor');
});

it('the generated module type-checks under a strict build', () => {
  expect(typeErrors(loaded)).toEqual([]);
});

describe('rules named like Object.prototype members, checked by the general matcher', () => {
  // Repeated groups whose optional members may be left out before a later one are general rules: their program is an object keyed by rule name.
  const RULES = 'top = [__proto__, constructor]\n__proto__ = [* (x: int, ? y: tstr, ? z: bool / "")]\nconstructor = [* (x: uint, ? y: bstr, ? z: bool / h\'\')]\n';
  let rules: Generated<'Top' | '__proto__' | 'Constructor'>;
  beforeAll(async () => {
    rules = (await load<'Top' | '__proto__' | 'Constructor'>('rule-names', RULES)).module;
  });

  it('finds the rule __proto__ in the program (an own property, not the program\'s prototype)', () => {
    // [[1, "a"], [2]]
    const value = rules.decodeTop(hex('82 82 01 6161 81 02'));
    expect(toHex(rules.encodeTop(value) as Uint8Array)).toBe('828201616181' + '02');
    expect(toHex(rules.encode__proto__(rules.decode__proto__(hex('82 01 6161'))) as Uint8Array)).toBe('82016161');
    expect(thrown(() => rules.decode__proto__(hex('81 6161')))).toMatchObject({ name: 'DecodeError' });
    expect(rules.isConstructor(rules.decodeConstructor(hex('81 02')))).toBe(true);
  });
});

describe('properties the schema does not name are not part of the value', () => {
  it('the guard accepts an object with them (structural typing does too), and the encoder writes only the members', () => {
    expect(g.isR({ a: 1, note: 'mine' })).toBe(true);
    expect(g.validateR({ a: 1, note: 'mine' })).toEqual([]);
    expect(toHex(g.encodeR({ a: 1, note: 'mine' }) as Uint8Array)).toBe(toHex(g.encodeR({ a: 1 }) as Uint8Array));
  });

  it('in a map with a member for other keys, those keys are entries of its Map, and other properties are still not', () => {
    const value = { rest: new Map([['a', 'b']]), note: 'mine' };
    expect(g.isX(value)).toBe(true);
    expect(toHex(g.encodeX(value) as Uint8Array)).toBe(`a1${text('a')}${text('b')}`);
    expect(Object.keys(g.decodeX(g.encodeX(value) as Uint8Array) as object)).toEqual(['rest']);
  });
});
