/**
 * The extensions map: known keys typed, unknown ones kept (order, exact
 * bytes), prototype-safe, duplicates rejected, deterministic key order on
 * encoding; and `$$otherKnownExtensions` filled by an extension file.
 */
import { Tag } from 'cbor2';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import * as m from '../../generated/mimi-content.js';
import { CborAny, CborFloat, CborMap } from '../../generated/mimi-content.js';
import { cde, genericMessage, genericPart, message, single, unsorted, ROOM, SENDER } from './build.js';
import { contentSchema, decodeErrorOf, generateAndImport, removeTmp, toHex, upstreamSchema } from './helpers.js';

afterAll(removeTmp);

const PART = genericPart(single('hi'));

/** Encodes a message whose extensions map is `ext`, in `ext`'s order (not sorted). */
function withExtensions(ext: Map<unknown, unknown>): Uint8Array {
  return unsorted(genericMessage(PART, ext));
}

/** The unknown extension values we try: nested maps and arrays, floats, tags, simple values, big numbers. */
const ODD_VALUES: [unknown, unknown][] = [
  [3, 1.5],
  [-1, [1, new Map<unknown, unknown>([['a', new Uint8Array([0])], [7, [null, true, undefined]]])]],
  ['x', new Tag(1, 1234)],
  [1000, new Map<unknown, unknown>([[2, [-2.5e300, Number.NaN, -0]]])],
  ['__proto__', new Map<unknown, unknown>([['polluted', true]])],
  ['constructor', new Map<unknown, unknown>([['prototype', new Map([['polluted', true]])]])],
  [-1000000, 2n ** 64n - 1n],
  ['toString', new Tag(32, 'https://example.com/')],
];

/** Whether the string has no lone surrogate (String.prototype.isWellFormed, which ES2022's lib does not declare). */
const wellFormed = (s: string): boolean => /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/.test(s);

describe('known keys', () => {
  it('are typed fields', () => {
    const ext: m.Extensions = m.decodeMimiContent(m.encodeMimiContent(message(single('a')))).mimiExtensions;
    const sender: string | undefined = ext.senderUri;
    const room: string | undefined = ext.roomUri;
    expect([sender, room]).toEqual([SENDER, ROOM]);
    expect(ext.unknownExtension).toBeUndefined();
    expect(Object.keys(ext)).toEqual(['senderUri', 'roomUri']);
  });

  it('a known key with the wrong type is rejected with its path', () => {
    const e = decodeErrorOf(() => m.decodeMimiContent(withExtensions(new Map<unknown, unknown>([[1, 42]]))));
    expect(e.path).toBe('.mimiExtensions.senderUri');
  });

  it('an empty map and a map with only the sender decode and re-encode', () => {
    for (const ext of [new Map(), new Map([[1, SENDER]])]) {
      const bytes = withExtensions(ext);
      const decoded = m.decodeMimiContent(bytes);
      expect(toHex(m.encodeMimiContent(decoded))).toBe(toHex(bytes));
    }
  });

  it('a map with only the room URI (no sender) round-trips', () => {
    const bytes = withExtensions(new Map([[2, ROOM]]));
    const decoded = m.decodeMimiContent(bytes);
    expect(decoded.mimiExtensions).toEqual({ roomUri: ROOM });
    expect(m.validateMimiContent(decoded)).toEqual([]);
    expect(toHex(m.encodeMimiContent(decoded))).toBe(toHex(bytes));
  });

  it('sender and room URIs of any text encode as cbor2 encodes them (both long and ASCII: one TextEncoder call; fast-check)', () => {
    const uri = fc.oneof(
      fc.string({ unit: 'binary-ascii', minLength: 20, maxLength: 140 }),
      fc.string({ unit: 'binary', maxLength: 140 }),
      fc.constantFrom(SENDER, ROOM, 'a'.repeat(127), 'b'.repeat(128), SENDER + 'é', ROOM + '😀', ''),
    );
    fc.assert(
      fc.property(uri, uri, (sender, room) => {
        const value = message(single('hi'), { senderUri: sender, roomUri: room });
        // cbor2 writes a lone surrogate as U+FFFD; the guard refuses such text instead.
        if (!wellFormed(sender) || !wellFormed(room)) {
          expect(() => m.encodeMimiContent(value)).toThrow(/lone surrogate/);
          return;
        }
        expect(toHex(m.encodeMimiContent(value))).toBe(toHex(cde(genericMessage(PART, new Map<unknown, unknown>([[1, sender], [2, room]])))));
      }),
      { numRuns: 1500 },
    );
  });
});

describe('unknown extensions', () => {
  const ext = new Map<unknown, unknown>([[1, SENDER], [2, ROOM], ...ODD_VALUES]);
  const canonical = cde(genericMessage(PART, ext));

  it('int and text keys with arbitrary values are kept, in the order read, with their exact bytes', () => {
    const decoded = m.decodeMimiContent(canonical);
    const unknown = decoded.mimiExtensions.unknownExtension!;
    expect(unknown).toBeInstanceOf(Map);
    // The order read is the deterministic order of the input.
    const canonicalKeys = [...(m.decodeExtensions(cde(new Map(ODD_VALUES))).unknownExtension ?? new Map()).keys()];
    expect([...unknown.keys()]).toEqual(canonicalKeys);
    expect(new Set(unknown.keys())).toEqual(new Set(ODD_VALUES.map(([k]) => (k === -1000000 ? -1000000 : k))));
    for (const [k, v] of ODD_VALUES) expect(toHex(unknown.get(k as m.Name)!.encoded), String(k)).toBe(toHex(cde(v)));
    expect(unknown.get(3)!.value).toEqual(new CborFloat(1.5, 16));
    expect(toHex(m.encodeMimiContent(decoded))).toBe(toHex(canonical));
  });

  it('a non-deterministic input keeps its order when read, and is written with its keys in deterministic order', () => {
    const reversed = new Map([...ext].reverse());
    const bytes = withExtensions(reversed);
    const decoded = m.decodeMimiContent(bytes);
    const unknown = decoded.mimiExtensions.unknownExtension!;
    expect([...unknown.keys()]).toEqual(ODD_VALUES.map(([k]) => k).reverse());
    // The values are `any`: their exact bytes are kept as read, so a map inside
    // one keeps the sender's (here unsorted) key order in `encoded`...
    for (const [k, v] of ODD_VALUES) expect(toHex(unknown.get(k as m.Name)!.encoded), String(k)).toBe(toHex(unsorted(v)));
    // ...and the encoder writes them deterministically too, all the way down.
    const expected = cde(genericMessage(PART, ext));
    const out = m.encodeMimiContent(decoded);
    expect(toHex(out)).toBe(toHex(expected));
    // Where every value is itself deterministic, the output is cbor2's deterministic encoding.
    const flat = new Map<unknown, unknown>([[1, SENDER], [-7, 1.5], ['b', 'x'], [300, [1, 2]], ['a', new Uint8Array([9])]]);
    expect(toHex(m.encodeMimiContent(m.decodeMimiContent(withExtensions(flat))))).toBe(toHex(cde(genericMessage(PART, flat))));
  });

  it('`__proto__` and `constructor` keys go into the Map and touch no prototype', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const decoded = m.decodeMimiContent(canonical);
    const x = decoded.mimiExtensions;
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(x)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(x)).toEqual(['senderUri', 'roomUri', 'unknownExtension']);
    expect(Object.hasOwn(x, '__proto__')).toBe(false);
    expect(Object.hasOwn(x, 'constructor')).toBe(false);
    expect(x.constructor).toBe(Object);
    const proto = x.unknownExtension!.get('__proto__')!;
    expect(proto.value).toEqual(new CborMap([['polluted', true]]));
    expect(x.unknownExtension!.get('constructor')).toBeInstanceOf(CborAny);
    // The decoded value of `any` is a CborMap, not an object with a prototype key.
    expect(Object.getPrototypeOf(proto.value)).toBe(CborMap.prototype);
  });

  it('duplicate keys are rejected: unknown int, unknown text, known, and the same int in a longer head', () => {
    const cases: [string, Uint8Array][] = [
      ['int', hexBytes('a3 03 01 1903e8 02 03 03')],
      ['text', hexBytes('a2 6178 01 6178 02')],
      ['known', hexBytes('a2 01 6161 01 6162')],
      ['long head', hexBytes('a2 03 01 1803 02')],
      ['__proto__', hexBytes('a2 695f5f70726f746f5f5f 01 695f5f70726f746f5f5f 02')],
    ];
    for (const [what, ext] of cases) {
      const e = decodeErrorOf(() => m.decodeExtensions(ext));
      expect(e.reason, what).toMatch(/duplicate/);
    }
    // Within a whole message too, with the offset of the second key.
    const empty = cde(genericMessage(PART, new Map()));
    const at = empty.length - cde(PART).length - 1;
    expect(empty[at]).toBe(0xa0);
    const dup = Uint8Array.from([...empty.subarray(0, at), ...hexBytes('a2 03 01 03 02'), ...empty.subarray(at + 1)]);
    const e = decodeErrorOf(() => m.decodeMimiContent(dup));
    expect(e.path).toBe('.mimiExtensions');
    expect(e.offset).toBe(at + 3);
  });

  it('keys that are not names are rejected: empty text, 256-byte text, byte string', () => {
    expect(m.decodeExtensions(cde(new Map([['k'.repeat(255), 1]]))).unknownExtension?.size).toBe(1);
    for (const key of ['', 'k'.repeat(256), new Uint8Array([1])]) {
      decodeErrorOf(() => m.decodeExtensions(cde(new Map([[key, 1]]))));
    }
    expect(m.validateExtensions({ unknownExtension: new Map([['', CborAny.of(1)]]) }).map((p) => p.path)).toEqual(['.unknownExtension[""]']);
    expect(m.isExtensions({ unknownExtension: new Map([[3, 1]]) })).toBe(false); // a value that is not a CborAny
  });
});

describe('deterministic key order on encoding', () => {
  const key = fc.oneof(fc.integer({ min: 3, max: 2 ** 40 }), fc.integer({ min: -(2 ** 40), max: -1 }), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => new TextEncoder().encode(s).length <= 255));
  const value = fc.oneof(fc.integer(), fc.string(), fc.uint8Array({ maxLength: 8 }), fc.array(fc.integer(), { maxLength: 3 }), fc.constant(null), fc.boolean());

  it('is the bytewise order of the encoded keys, whatever the Map’s insertion order (checked against cbor2)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, maxLength: 12 }), fc.boolean(), fc.boolean(), (entries, withSender, withRoom) => {
        const shuffled = new Map(entries.map(([k, v]) => [k, CborAny.fromEncoded(cde(v))]));
        const ext: m.Extensions = {
          ...(withSender ? { senderUri: SENDER } : {}),
          ...(withRoom && withSender ? { roomUri: ROOM } : {}),
          ...(entries.length > 0 ? { unknownExtension: shuffled } : {}),
        };
        const generic = new Map<unknown, unknown>(entries);
        if (withSender) generic.set(1, SENDER);
        if (withRoom && withSender) generic.set(2, ROOM);
        expect(toHex(m.encodeExtensions(ext))).toBe(toHex(cde(generic)));
        // And the same bytes from the reverse insertion order.
        const reversed: m.Extensions = { ...ext, ...(entries.length > 0 ? { unknownExtension: new Map([...shuffled].reverse()) } : {}) };
        expect(toHex(m.encodeExtensions(reversed))).toBe(toHex(cde(generic)));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// $$otherKnownExtensions, filled by draft-mahy-mimi-content-more-extensions-00.
// ---------------------------------------------------------------------------

const MORE = 'draft-mahy-mimi-content-more-extensions-00.cddl';

interface MoreModule {
  decodeMimiContent(bytes: Uint8Array): { mimiExtensions: Record<string, unknown> };
  encodeMimiContent(value: unknown): Uint8Array;
  validateMimiContent(value: unknown): unknown[];
}

/** A message using every extension of the draft: 3 senderTimestamp, 4 externalMessageId, 5 subject, 256 lastSeen. */
function moreBytes(): Uint8Array {
  const ext = new Map<unknown, unknown>([
    [1, SENDER],
    [2, ROOM],
    [3, new Map<number, number>([[1, 1644387225], [-3, 19]])],
    [4, [new Uint8Array([1, 2, 3]), 32473]],
    [5, 'Release 2.0'],
    [256, [new Uint8Array(32).fill(7)]],
  ]);
  return cde(genericMessage(PART, ext));
}

/** What the extension should give: named fields instead of unknownExtension entries, re-encoding unchanged. */
function checkMore(mod: MoreModule): void {
  const bytes = moreBytes();
  const decoded = mod.decodeMimiContent(bytes);
  const x = decoded.mimiExtensions;
  expect(x.subject).toBe('Release 2.0');
  expect(x.externalMessageId).toBeDefined();
  expect(x.senderTimestamp).toBeDefined();
  expect(x.lastSeen).toBeDefined();
  expect(x.unknownExtension).toBeUndefined();
  expect(mod.validateMimiContent(decoded)).toEqual([]);
  expect(toHex(mod.encodeMimiContent(decoded))).toBe(toHex(bytes));
  // A subject of the wrong type is rejected now that it is known, at its path.
  const error = decodeErrorOf(() => mod.decodeMimiContent(cde(genericMessage(PART, new Map<unknown, unknown>([[5, 5]])))));
  expect(error.path).toBe('.mimiExtensions.subject');
}

describe('the more-extensions draft as an extension file', () => {
  it('without it, its entries are unknown extensions that round-trip', () => {
    const decoded = m.decodeMimiContent(moreBytes());
    expect([...decoded.mimiExtensions.unknownExtension!.keys()]).toEqual([3, 4, 5, 256]);
    expect(toHex(m.encodeMimiContent(decoded))).toBe(toHex(moreBytes()));
  });

  it('the verbatim draft file gives named, typed fields', async () => {
    const mod = await generateAndImport<MoreModule>('more-verbatim', [contentSchema(), upstreamSchema(MORE)]);
    checkMore(mod);
  });

  it('a one-member extension `$$otherKnownExtensions //= ( &(subject: 5) ^ => tstr )` gives `subject?: string`', async () => {
    const mod = await generateAndImport<MoreModule>('subject', [contentSchema(), { path: 'subject.cddl', text: '$$otherKnownExtensions //= ( &(subject: 5) ^ => tstr )\n' }]);
    const bytes = cde(genericMessage(PART, new Map<unknown, unknown>([[1, SENDER], [5, 'Hi']])));
    const decoded = mod.decodeMimiContent(bytes);
    expect(decoded.mimiExtensions.subject).toBe('Hi');
    expect(toHex(mod.encodeMimiContent(decoded))).toBe(toHex(bytes));
  });
});

function hexBytes(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (h) => parseInt(h, 16));
}

// ---------------------------------------------------------------------------
// $extDispos, filled by an extension file (docs/mimi-content.md, "Extending the schema").
// ---------------------------------------------------------------------------

interface PinnedModule {
  ExtDispos: Record<string, number>;
  nameOfExtDispos(value: number): string | undefined;
  ExtDisposRegistry: readonly { name: string; value: number; origin: string }[];
  decodeMimiContent(bytes: Uint8Array): { nestedPart: { disposition: number } };
  encodeMimiContent(value: unknown): Uint8Array;
}

describe('a disposition added by an extension file', () => {
  it('`$extDispos /= &( pinned: 10 )` names the value 10, which decodes and re-encodes as before', async () => {
    const mod = await generateAndImport<PinnedModule>('pinned', [contentSchema(), { path: 'pinned.cddl', text: '$extDispos /= &( pinned: 10 )\n' }]);
    expect(mod.ExtDispos).toEqual({ pinned: 10 });
    expect(mod.nameOfExtDispos(10)).toBe('pinned');
    expect(mod.nameOfExtDispos(11)).toBeUndefined();
    expect(mod.ExtDisposRegistry.map((e) => [e.name, e.value, e.origin])).toEqual([['pinned', 10, 'pinned.cddl']]);
    const part = genericPart(single('hi'));
    part[0] = 10; // the disposition, which the draft's own types (branded 9..255) do not let a literal be
    const bytes = cde(genericMessage(part));
    const decoded = mod.decodeMimiContent(bytes);
    expect(decoded.nestedPart.disposition).toBe(mod.ExtDispos.pinned);
    expect(toHex(mod.encodeMimiContent(decoded))).toBe(toHex(bytes));
    // Without the file, 10 is an unknown disposition, kept as it is.
    expect(toHex(m.encodeMimiContent(m.decodeMimiContent(bytes)))).toBe(toHex(bytes));
  });
});
