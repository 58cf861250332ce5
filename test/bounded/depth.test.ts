/**
 * Issue 10 §4: one depth limit everywhere. Decoders accept at most MAX_DEPTH (256) levels of
 * arrays, maps and tags, embedded CBOR counted as if it stood in its byte string's place; guards,
 * validateX and encoders accept exactly what the decoders accept, so an encoder never writes
 * what the module's decoder refuses; a cyclic or very deep value gives false, a problem, or an
 * EncodeError, never a RangeError.
 */
import fc from 'fast-check';
import { encode as cbor2Encode } from 'cbor2';
import { beforeAll, describe, expect, it } from 'vitest';
import { CborAny, decodeMimiContent, encodeMimiContent, isMimiContent, validateMimiContent, type CborValue, type MimiContent, type NestedPart } from '../../generated/mimi-content.js';
import { MAX_DEPTH } from '../../templates/runtime.js';
import { cde, genericMessage, genericPart, message, multi, ROOM, SENDER, single } from '../content/build.js';
import { concat, hex, toHex } from '../support/hex.js';
import { load, thrown, typeErrors, type Generated, type Loaded } from './module.js';

const SCHEMA = `
t = [ ? bstr .cbor t ]
l = [ * l ]
s = [ * bstr .cborseq u ]
u = [ * s ]
bn = [ * bn ] / biguint
`;

type Rules = 'T' | 'L' | 'S' | 'A' | 'Bn';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;

beforeAll(async () => {
  loaded = await load<Rules>('depth', SCHEMA);
  // Its own module, whose type-check is tested below with other choices of tags around themselves.
  const tags = await load<'A'>('depth-tags', 'a = #6.1(a) / int\n');
  g = { ...loaded.module, decodeA: tags.module.decodeA, encodeA: tags.module.encodeA, isA: tags.module.isA, validateA: tags.module.validateA };
});

/** A CBOR head of major type `major` with argument `n`. */
function head(major: number, n: number): Uint8Array {
  const m = major << 5;
  if (n < 24) return Uint8Array.of(m | n);
  if (n < 0x100) return Uint8Array.of(m | 24, n);
  if (n < 0x10000) return Uint8Array.of(m | 25, n >> 8, n & 0xff);
  return Uint8Array.of(m | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** `t` nested `levels` deep through embedded CBOR: [h'…[h'…[]…']…'], each level one array. */
function embeddedChain(levels: number): Uint8Array {
  let bytes: Uint8Array = Uint8Array.of(0x80);
  for (let i = 1; i < levels; i++) bytes = concat([0x81], head(2, bytes.length), bytes);
  return bytes;
}

/** The JavaScript value of `l` nested `levels` deep: [[[…]]]. */
function nestedList(levels: number): unknown[] {
  let value: unknown[] = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

/** Its encoding: `levels` times 0x81, the innermost array empty. */
function nestedListBytes(levels: number): Uint8Array {
  return concat(new Uint8Array(levels - 1).fill(0x81), [0x80]);
}

/** Decodes, returning what was thrown or 'ok'. */
function outcome(f: () => unknown): string {
  const error = thrown(f) as { name?: string } | undefined;
  return error === undefined ? 'ok' : String(error.name);
}

describe('embedded CBOR: t = [ ? bstr .cbor t ] shares one depth budget', () => {
  it('10,000 levels: a DecodeError at the limit, with the path through each embedding and the offset in the input', () => {
    const bytes = embeddedChain(10_000);
    const error = thrown(() => g.decodeT(bytes)) as { name: string; reason: string; path: string; offset: number };
    expect(error.name).toBe('DecodeError');
    expect(error.reason).toBe('nesting deeper than the limit of 256');
    expect(error.path).toBe('[0]<t>'.repeat(MAX_DEPTH));
    // The array at level 257: the 257th 0x81 of the chain, found by walking the heads.
    let offset = 0;
    for (let level = 1; level <= MAX_DEPTH; level++) {
      offset += 1; // 0x81
      const first = bytes[offset] as number;
      offset += (first & 31) < 24 ? 1 : 1 + 2 ** ((first & 31) - 24);
    }
    expect(error.offset).toBe(offset);
    expect(bytes[offset]).toBe(0x81);
  });

  it('256 levels decode, re-encode to the same bytes and satisfy the guard; 257 do not decode, and the guard and encoder refuse them', () => {
    const deepest = embeddedChain(MAX_DEPTH);
    const value = g.decodeT(deepest);
    expect(g.isT(value)).toBe(true);
    expect(g.encodeT(value)).toEqual(deepest);
    expect(outcome(() => g.decodeT(embeddedChain(MAX_DEPTH + 1)))).toBe('DecodeError');
    const tooDeep = [deepest]; // one more level around the 256
    expect(g.isT(tooDeep)).toBe(false);
    expect(g.validateT(tooDeep)).toEqual([{ path: '[0]', message: 'expected a byte string holding an encoded t, got a Uint8Array of ' + deepest.length + ' bytes' }]);
    expect(outcome(() => g.encodeT(tooDeep))).toBe('EncodeError');
  });

  it('.cborseq: the items of the embedded sequence are at the byte string\'s level', () => {
    // s = [ * bstr .cborseq u ], u = [ * s ]: each s holds a byte string whose items are the s of the next level.
    const bytes = embeddedChain(MAX_DEPTH);
    expect(g.encodeS(g.decodeS(bytes))).toEqual(bytes);
    const deeper = concat([0x81], head(2, bytes.length), bytes);
    expect((thrown(() => g.decodeS(deeper)) as { reason: string }).reason).toBe('nesting deeper than the limit of 256');
    expect(g.isS([bytes])).toBe(false);
  });
});

describe('l = [ * l ]: deep and cyclic values', () => {
  it('10,000 levels: isL is false, validateL names the limit, encodeL throws EncodeError', () => {
    const value = nestedList(10_000);
    expect(g.isL(value)).toBe(false);
    const problems = g.validateL(value) as { path: string; message: string }[];
    expect(problems).toEqual([{ path: '[0]'.repeat(MAX_DEPTH), message: 'nesting deeper than the limit of 256 levels (the decoders\' limit), or a value that contains itself' }]);
    const error = thrown(() => g.encodeL(value)) as { name: string; problems: unknown };
    expect(error.name).toBe('EncodeError');
    expect(error.problems).toEqual(problems);
    expect(outcome(() => g.decodeL(nestedListBytes(10_000)))).toBe('DecodeError');
  });

  it('a value that contains itself, even twice at each level (no exponential search): false, one problem, EncodeError', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic, cyclic);
    expect(g.isL(cyclic)).toBe(false);
    expect(g.validateL(cyclic)).toHaveLength(1);
    expect(outcome(() => g.encodeL(cyclic))).toBe('EncodeError');
  });

  it('exactly at the limit, the guard and the decoder agree level by level', () => {
    for (let levels = MAX_DEPTH - 2; levels <= MAX_DEPTH + 2; levels++) {
      const accepted = outcome(() => g.decodeL(nestedListBytes(levels))) === 'ok';
      expect(accepted).toBe(levels <= MAX_DEPTH);
      expect(g.isL(nestedList(levels))).toBe(accepted);
      if (accepted) expect(g.encodeL(nestedList(levels))).toEqual(nestedListBytes(levels));
      else expect(outcome(() => g.encodeL(nestedList(levels)))).toBe('EncodeError');
    }
  });
});

describe('a = #6.1(a) / int: a chain of tags is bounded like nested arrays', () => {
  const chain = (tags: number) => concat(new Uint8Array(tags).fill(0xc1), [0x05]);

  it('10,000 tags: a DecodeError, not a RangeError', () => {
    const error = thrown(() => g.decodeA(chain(10_000))) as { name: string; reason: string; offset: number };
    expect(error.name).toBe('DecodeError');
  });

  it('256 tags decode; 257 do not', () => {
    // Each tag is kept as { tag: 1, value } (an integer could be the same value without it: docs/cddl-support.md).
    let value = g.decodeA(chain(MAX_DEPTH)) as unknown;
    for (let i = 0; i < MAX_DEPTH; i++) value = (value as { tag: number; value: unknown }).value;
    expect(value).toBe(5);
    expect(outcome(() => g.decodeA(chain(MAX_DEPTH + 1)))).toBe('DecodeError');
  });
});

describe('choices of tags around the rule itself', () => {
  it.each([
    ['a = #6.1(a) / int', 'c1c105', 'A'],
    ['a = #6.1(a) / #6.2(int)', 'c1c205', 'A'],
    ['b = #6.1(b) / #6.2(b) / int', 'c1c2c105', 'B'],
    ['e = #6.1(e) / #6.2(e)', null, 'E'],
    ['f = #6.1(f)', null, 'F'],
  ])('%s type-checks (no circular alias), and what decodes re-encodes to the same bytes', async (schema, bytes, rule) => {
    const name = `tag-cycle-${rule}-${schema.length}`;
    const cycle = await load(name, `${schema}\n`);
    expect(typeErrors(cycle)).toEqual([]);
    const m = cycle.module;
    if (bytes === null) {
      // No finite value: the type is never, and every input fails.
      expect(outcome(() => m[`decode${rule}`]?.(Uint8Array.from([0xc1, 0xc1, 0x05])))).toBe('DecodeError');
      return;
    }
    const input = Uint8Array.from(bytes.match(/../g) ?? [], (h) => parseInt(h, 16));
    expect(m[`encode${rule}`]?.(m[`decode${rule}`]?.(input))).toEqual(input);
  });
});

describe('bignums: tag 2 or 3 is a level of the one budget', () => {
  /** `levels` arrays around `inner`. */
  const inArrays = (levels: number, inner: readonly number[]) => concat(new Uint8Array(levels).fill(0x81), inner);
  const valueIn = (levels: number, inner: unknown): unknown => (levels === 0 ? inner : [valueIn(levels - 1, inner)]);
  const BIG = [0xc2, 0x49, 1, 0, 0, 0, 0, 0, 0, 0, 0]; // 2^64, a bignum in preferred serialisation

  it('a bignum inside 255 arrays decodes and re-encodes; inside 256 it is one level too deep for the decoder, the guard and the encoder', () => {
    const fits = inArrays(MAX_DEPTH - 1, BIG);
    expect(g.encodeBn(g.decodeBn(fits))).toEqual(fits);
    expect(g.isBn(valueIn(MAX_DEPTH - 1, 2n ** 64n))).toBe(true);
    const tooDeep = inArrays(MAX_DEPTH, BIG);
    expect((thrown(() => g.decodeBn(tooDeep)) as { reason: string }).reason).toBe('nesting deeper than the limit of 256');
    expect(g.isBn(valueIn(MAX_DEPTH, 2n ** 64n))).toBe(false);
    expect(outcome(() => g.encodeBn(valueIn(MAX_DEPTH, 2n ** 64n)))).toBe('EncodeError');
    // An integer of 64 bits is written without a tag, so it fits at that level; a bignum tag around it in the input still counts.
    expect(g.encodeBn(valueIn(MAX_DEPTH, 2n ** 64n - 1n))).toEqual(inArrays(MAX_DEPTH, [0x1b, 255, 255, 255, 255, 255, 255, 255, 255]));
    expect(outcome(() => g.decodeBn(inArrays(MAX_DEPTH, [0xc2, 0x41, 0x05])))).toBe('DecodeError');
  });
});

describe('MIMI content: encodeMimiContent never writes what decodeMimiContent refuses', () => {
  /** A part with `depth` multiparts nested in each other (each one array for the part, one for its parts). */
  const nested = (depth: number): NestedPart => {
    let part = single('innermost');
    for (let i = 0; i < depth; i++) part = multi([part, single(String(i))]);
    return part;
  };

  it('1,000 nested parts: isMimiContent is false and encodeMimiContent throws an EncodeError (it used to write them)', () => {
    const value = message(nested(1000));
    expect(isMimiContent(value)).toBe(false);
    expect(validateMimiContent(value)[0]?.message).toMatch(/^nesting deeper than the limit of 256 levels/);
    expect(outcome(() => encodeMimiContent(value))).toBe('EncodeError');
  });

  it('around the limit, the encoder accepts a nesting exactly when the decoder accepts its bytes, and writes those bytes', () => {
    // The message is one array, the part another, and each multipart two more (itself and its list of parts).
    let boundary = -1;
    for (let depth = 124; depth <= 130; depth++) {
      const value = message(nested(depth));
      const bytes = cde(genericMessage(genericPart(value.nestedPart)));
      const decodes = outcome(() => decodeMimiContent(bytes)) === 'ok';
      expect(isMimiContent(value), `depth ${depth}`).toBe(decodes);
      if (decodes) {
        expect(toHex(encodeMimiContent(value))).toBe(toHex(bytes));
        boundary = depth;
      } else expect(outcome(() => encodeMimiContent(value))).toBe('EncodeError');
    }
    expect(boundary).toBe((MAX_DEPTH - 2) / 2);
  });

  it('an extension value (any) counts where it stands: nested 254 levels it is taken, 255 are one too many for all three (the guard took them)', () => {
    // The message, its extensions and their map of unknown extensions are two levels around the value.
    const withExtension = (levels: number): MimiContent => message(single('hi'), { senderUri: SENDER, roomUri: ROOM, unknownExtension: new Map([['x', CborAny.of(nestedList(levels) as CborValue)]]) });
    const fits = withExtension(MAX_DEPTH - 2);
    expect(isMimiContent(fits)).toBe(true);
    expect(decodeMimiContent(encodeMimiContent(fits))).toEqual(fits);
    const deeper = withExtension(MAX_DEPTH - 1);
    expect(isMimiContent(deeper)).toBe(false);
    expect(validateMimiContent(deeper)).toEqual([{ path: '.mimiExtensions.unknownExtension["x"]', message: 'nesting deeper than the limit of 256 levels (the decoders\' limit), or a value that contains itself' }]);
    expect(outcome(() => encodeMimiContent(deeper))).toBe('EncodeError');
    // Its bytes, written as the encoder wrote the other: the decoder refuses them.
    const bytes = encodeMimiContent(fits);
    const inner = toHex(CborAny.of(nestedList(MAX_DEPTH - 2) as CborValue).encoded);
    const deeperBytes = toHex(bytes).replace(inner, '81' + inner);
    expect(outcome(() => decodeMimiContent(hex(deeperBytes)))).toBe('DecodeError');
  });
});

describe('properties', () => {
  /** A list nested up to 600 deep and up to 3 wide, maybe with a back edge to an ancestor (a cycle). */
  const deepValue = fc.record({ depth: fc.integer({ min: 1, max: 600 }), width: fc.integer({ min: 1, max: 3 }), cycleAt: fc.option(fc.nat(), { nil: undefined }), junk: fc.boolean() }).map(({ depth, width, cycleAt, junk }) => {
    const root: unknown[] = [];
    const spine: unknown[][] = [root];
    let node = root;
    for (let i = 1; i < depth; i++) {
      const child: unknown[] = [];
      for (let k = 1; k < width; k++) node.push([]);
      node.push(child);
      node = child;
      spine.push(child);
    }
    if (cycleAt !== undefined) node.push(spine[cycleAt % spine.length]);
    if (junk) node.push('not a list');
    return { value: root, depth, cyclic: cycleAt !== undefined, junk };
  });

  it('isL never throws, and answers as the decoder would; encodeL throws nothing but EncodeError', () => {
    fc.assert(
      fc.property(deepValue, ({ value, depth, cyclic, junk }) => {
        const valid = !cyclic && !junk && depth <= MAX_DEPTH;
        expect(g.isL(value)).toBe(valid);
        const error = thrown(() => g.encodeL(value));
        if (valid) expect(error).toBeUndefined();
        else expect((error as Error).name).toBe('EncodeError');
        expect(Array.isArray(g.validateL(value))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('MIMI content: isMimiContent never throws on deep or cyclic parts; encodeMimiContent throws nothing but EncodeError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.boolean(), (depth, cyclic) => {
        let part = single('x');
        const outer: NestedPart[] = [];
        for (let i = 0; i < depth; i++) {
          const parts = [part, single(String(i))];
          outer.push(multi(parts));
          part = outer[outer.length - 1] as NestedPart;
        }
        if (cyclic && outer.length > 0) (outer[0] as { parts: NestedPart[] }).parts.push(part);
        const value = message(part);
        const valid = !(cyclic && outer.length > 0) && 2 + 2 * depth <= MAX_DEPTH;
        expect(isMimiContent(value)).toBe(valid);
        const error = thrown(() => encodeMimiContent(value));
        if (valid) expect(error).toBeUndefined();
        else expect((error as Error).name).toBe('EncodeError');
      }),
      { numRuns: 100 },
    );
  });
});

describe('arrays whose members are tried in turn: an optional member before a repetition, alternatives that part at one member', () => {
  // o: `? o` takes the item when it reads as an o, else `* o` does; f: the item after the 1 is a g (the first
  // alternative) or a 0, and a g holds an f.
  // c: a choice of two arrays, each option tested on the value before one checks it.
  const RECURSIVE = 'o = [1, ? o, * o]\nf = [1, (+ g // 0)]\ng = [1, f]\nc = [1, c] / [2, c] / 0\n';
  let r: Generated<'O' | 'F' | 'C'>;
  let recursive: Loaded<'O' | 'F' | 'C'>;
  beforeAll(async () => {
    recursive = await load<'O' | 'F' | 'C'>('depth-tried', RECURSIVE);
    r = recursive.module;
  });
  /** [1, [1, … [1, innermost]]], `levels` arrays deep. */
  const nested = (levels: number, innermost: unknown[]): unknown[] => {
    let value: unknown[] = [1, ...innermost];
    for (let i = 1; i < levels; i++) value = [1, value];
    return value;
  };
  const nestedBytes = (levels: number, innermost: number[]): Uint8Array => concat(...Array.from({ length: levels - 1 }, () => [0x82, 0x01]), [0x81 + innermost.length, 0x01, ...innermost]);

  it('10,001 levels: false, one problem, EncodeError, DecodeError; a value that contains itself likewise', () => {
    for (const rule of ['O', 'F'] as const) {
      const deep = nested(10_001, rule === 'F' ? [0] : []);
      expect(r[`is${rule}`](deep), rule).toBe(false);
      expect(r[`validate${rule}`](deep), rule).toHaveLength(1);
      expect(outcome(() => r[`encode${rule}`](deep)), rule).toBe('EncodeError');
      expect(outcome(() => r[`decode${rule}`](nestedBytes(10_001, rule === 'F' ? [0] : []))), rule).toBe('DecodeError');
      const cyclic: unknown[] = [1];
      cyclic.push(cyclic, cyclic);
      expect(r[`is${rule}`](cyclic), rule).toBe(false);
      expect(outcome(() => r[`encode${rule}`](cyclic)), rule).toBe('EncodeError');
    }
  });

  it('a test of an alternative that meets the limit makes the whole value too deep: validateX says so (it said nothing), EncodeError lists it', () => {
    const deep = nested(10_001, [0]).map((item, i) => (i === 0 ? 2 : item));
    expect(r.isC(deep)).toBe(false);
    expect(r.validateC(deep)).toEqual([{ path: '', message: "nesting deeper than the limit of 256 levels (the decoders' limit), or a value that contains itself" }]);
    expect((thrown(() => r.encodeC(deep)) as { problems: unknown[] }).problems).toHaveLength(1);
  });

  it('at the limit, the guard and the decoder agree level by level, and what decodes re-encodes to its bytes', () => {
    for (const rule of ['O', 'F'] as const) {
      const innermost = rule === 'F' ? [0] : [];
      // An f's levels alternate with g's, and the innermost is an f: an odd number of them.
      for (let levels = MAX_DEPTH - 3; levels <= MAX_DEPTH + 3; levels += rule === 'F' ? 2 : 1) {
        const bytes = nestedBytes(levels, innermost);
        const accepted = outcome(() => r[`decode${rule}`](bytes)) === 'ok';
        expect(accepted, `${rule} ${levels}`).toBe(levels <= MAX_DEPTH);
        expect(r[`is${rule}`](nested(levels, innermost)), `${rule} ${levels}`).toBe(accepted);
        if (accepted) expect(toHex(r[`encode${rule}`](r[`decode${rule}`](bytes)) as Uint8Array)).toBe(toHex(bytes));
      }
    }
  });

  it('a failure deep inside is found once per level, not once per way to reach it (200 levels end in a text)', () => {
    // Each level tries its item as the optional member, then as a repeated item (or as each alternative): without
    // what the decoder and the check remember, 2^200 tries.
    expect(outcome(() => r.decodeO(nestedBytes(200, [0x61, 0x78])))).toBe('DecodeError');
    expect(r.isO(nested(200, ['x']))).toBe(false);
    expect(outcome(() => r.decodeF(nestedBytes(201, [0x61, 0x78])))).toBe('DecodeError');
    expect(r.isF(nested(201, ['x']))).toBe(false);
    expect(typeErrors(recursive)).toEqual([]);
  });
});

describe('data items inside a text control or a CborAny count where they stand (one budget)', () => {
  // Nesting only through JSON text or base64url of embedded CBOR, and a map key whose check reads a JSON text.
  const inside = `
j = [ * (j / int / tstr .json j) ]
w = [ * (w / tstr .b64u (bstr .cbor w)) ]
k = [ * (k / { * (tstr .json d) => int }) ]
d = [ * d ]
y = [ * (y / #6.7(any) / { * tstr => any }) ]
`;
  let m: Loaded<'J' | 'W' | 'K' | 'Y'>;
  beforeAll(async () => {
    m = await load<'J' | 'W' | 'K' | 'Y'>('depth-inside', inside);
  });

  /** `outer` arrays around `item`: [[…[item]…]]. */
  const around = (outer: number, item: unknown): unknown => {
    let value: unknown = [item];
    for (let i = 1; i < outer; i++) value = [value];
    return value;
  };
  const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const json = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

  /** Whether the decoder, the guard and the encoder take the value, and the encoder gives back what was decoded. */
  const taken = (rule: 'J' | 'W' | 'K' | 'Y', value: unknown): string => {
    const bytes = cbor2Encode(value);
    const decoded = outcome(() => m.module[`decode${rule}`](bytes));
    const guarded = m.module[`is${rule}`](value) === true;
    const encoded = outcome(() => m.module[`encode${rule}`](value));
    if (encoded === 'ok') expect(m.module[`encode${rule}`](value)).toEqual(bytes);
    return `decode ${decoded}, is ${guarded}, encode ${encoded}`;
  };

  it.each([
    ['JSON text', 'J' as const, (levels: number): unknown => json(levels)],
    ['base64url of embedded CBOR', 'W' as const, (levels: number): unknown => base64url(nestedListBytes(levels))],
  ])('%s: 100 arrays around content of 156 levels are taken by all three; of 157, by none', (_, rule, content) => {
    expect(taken(rule, around(100, content(MAX_DEPTH - 100)))).toBe('decode ok, is true, encode ok');
    // The decoder used to read the content from level 0 and took this value, which the guard and encoder refuse.
    expect(taken(rule, around(100, content(MAX_DEPTH - 99)))).toBe('decode DecodeError, is false, encode EncodeError');
  });

  it('a map key whose check reads JSON text: its content counts from the map\'s level', () => {
    const map = (levels: number): unknown => around(100, new Map([[json(levels), 1]]));
    expect(taken('K', map(MAX_DEPTH - 101))).toBe('decode ok, is true, encode ok');
    expect(taken('K', map(MAX_DEPTH - 100))).toBe('decode DecodeError, is false, encode EncodeError');
  });

  it('a CborAny in a tag or a map: 100 arrays, the tag or map, and 155 levels are taken by all three; 156, by none (the guard took them)', () => {
    const any = (levels: number): CborAny => CborAny.of(nestedList(levels) as CborValue);
    // The tag is the option's, so its value is the CborAny alone (typed CborAny); the decoder reads the CborAny
    // itself, so the value it gives is compared by its bytes.
    const inTag = (levels: number): unknown => around(100, any(levels));
    const inMap = (levels: number): unknown => around(100, new Map([['x', any(levels)]]));
    for (const build of [inTag, inMap]) {
      const fits = build(MAX_DEPTH - 101);
      expect(m.module.isY(fits)).toBe(true);
      const bytes = m.module.encodeY(fits) as Uint8Array;
      expect(m.module.encodeY(m.module.decodeY(bytes))).toEqual(bytes);
      const deeper = build(MAX_DEPTH - 100);
      expect(m.module.isY(deeper)).toBe(false);
      expect(outcome(() => m.module.encodeY(deeper))).toBe('EncodeError');
      expect(outcome(() => m.module.decodeY(hex(toHex(bytes).replace(toHex(any(MAX_DEPTH - 101).encoded), toHex(any(MAX_DEPTH - 100).encoded)))))).toBe('DecodeError');
    }
  });

  it('the module type-checks', () => {
    expect(typeErrors(m)).toEqual([]);
  });
});

describe('a general rule inside a typed one checks from the level it stands at (one budget)', () => {
  // With arrayMatching: 'greedy', g is general (its first option reads [1, 2] otherwise than by length); a, typed, holds it in a tag.
  let m: Loaded<'A' | 'G'>;
  beforeAll(async () => {
    m = await load<'A' | 'G'>('depth-general', 'a = [* (a / #6.7(g))]\ng = [int, ? int, int] / [* g] / bstr .cbor g\n', { arrayMatching: 'greedy' });
  });
  const tagged = (levels: number): unknown => {
    let value: unknown = { tag: 7, value: nestedList(levels) };
    for (let i = 0; i < 100; i++) value = [value];
    return value;
  };
  /** The bytes of {@link tagged}: 100 arrays, tag 7, then `levels` nested arrays. */
  const taggedBytes = (levels: number): Uint8Array => concat(new Uint8Array(100).fill(0x81), [0xc7], nestedListBytes(levels));

  it('100 arrays, a tag and 155 levels of g are taken by the decoder, the guard and the encoder; 156, by none', () => {
    const deepest = taggedBytes(MAX_DEPTH - 101);
    expect(m.module.encodeA(m.module.decodeA(deepest))).toEqual(deepest);
    expect(m.module.isA(tagged(MAX_DEPTH - 101))).toBe(true);
    expect(outcome(() => m.module.decodeA(taggedBytes(MAX_DEPTH - 100)))).toBe('DecodeError');
    // The guard used to check g from level 0, and the encoder wrote what the decoder refuses.
    expect(m.module.isA(tagged(MAX_DEPTH - 100))).toBe(false);
    expect(outcome(() => m.module.encodeA(tagged(MAX_DEPTH - 100)))).toBe('EncodeError');
  });

  it('CBOR that g embeds stands where its byte string does, as in typed code: a level of its own neither for the decoder nor for the guard', () => {
    // [7(h'…')], the byte string holding nested arrays: at most 254 of them (levels 3 to 256). The general matcher
    // counted the embedding as a level, refused 254, and named "the limit of 253".
    const embedding = (levels: number): Uint8Array => {
      const inner = nestedListBytes(levels);
      return concat([0x81, 0xc7], head(2, inner.length), inner);
    };
    const deepest = embedding(MAX_DEPTH - 2);
    const value = m.module.decodeA(deepest);
    expect(m.module.isA(value)).toBe(true);
    expect(m.module.encodeA(value)).toEqual(deepest);
    expect((thrown(() => m.module.decodeA(embedding(MAX_DEPTH - 1))) as { reason: string }).reason).toMatch(/: nesting deeper than the limit of 256$/);
  });

  it('the module type-checks', () => {
    expect(typeErrors(m)).toEqual([]);
  });
});

it('the generated module type-checks under a strict build', () => {
  expect(typeErrors(loaded)).toEqual([]);
});
