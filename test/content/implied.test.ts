/**
 * The implied schema (`draft-ietf-mimi-content-09-implied.cddl`, rule
 * `MessageDerivedValues`): generated in memory and checked against
 * `content-implied-original`, the values a receiver derives for the
 * Original example.
 */
import { decode as cbor2Decode } from 'cbor2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as content from '../../generated/mimi-content.js';
import { mimiMessageId } from '../../generated/mimi-message-id.js';
import { decodeErrorOf, ednToBytes, generateAndImport, idEntries, plain, readVector, removeTmp, toHex, upstreamSchema, vectorBytes } from './helpers.js';

const IMPLIED = 'draft-ietf-mimi-content-09-implied.cddl';
const SIZED_VALUE = 'value = any .size (0..4095)';

/** `value = any .size (0..4095)`: `uint .size (0..4095) / bstr .size (0..4095) / tstr .size (0..4095)`. */
type SizedValue = number | bigint | Uint8Array | string;

interface Derived {
  messageId: Uint8Array;
  hubAcceptedTimestamp: number | bigint | Map<number | bigint | string, SizedValue>;
  mlsGroupId: Uint8Array;
  senderLeafIndex: number;
  senderClientUrl: string;
  senderUserUrl: string;
  roomUrl: string;
}

const NAMES = ['messageId', 'hubAcceptedTimestamp', 'mlsGroupId', 'senderLeafIndex', 'senderClientUrl', 'senderUserUrl', 'roomUrl'] as const;

interface ImpliedModule {
  decodeMessageDerivedValues(bytes: Uint8Array): Derived;
  encodeMessageDerivedValues(value: Derived): Uint8Array;
  validateMessageDerivedValues(value: unknown): { path: string; message: string }[];
  isMessageDerivedValues(value: unknown): boolean;
  validateExtendedTime(value: unknown): { path: string; message: string }[];
  isValue(value: unknown): boolean;
  validateValue(value: unknown): { path: string; message: string }[];
}

afterAll(removeTmp);

/**
 * Everything the README says about `content-implied-original`, against a generated module.
 *
 * The `.diag` is taken as authoritative: its messageId is the Original's ID
 * under the -08/-09 construction. The `.hex` holds the Original's ID under
 * the older -07 construction (no length prefixes) and is otherwise the same
 * bytes: a stale vector (reported). Both are checked; the `.hex` is allowed
 * exactly that one difference.
 */
async function checkImplied(m: ImpliedModule): Promise<void> {
  const diag = readVector('content-implied-original.diag');
  const bytes = ednToBytes(diag);

  const d = m.decodeMessageDerivedValues(bytes);
  expect(m.validateMessageDerivedValues(d)).toEqual([]);
  expect(m.isMessageDerivedValues(d)).toBe(true);
  expect(toHex(m.encodeMessageDerivedValues(d))).toBe(toHex(bytes));

  // Structure, position by position, from the EDN.
  const g = plain(cbor2Decode(bytes, { preferMap: true })) as unknown[];
  expect(g).toHaveLength(NAMES.length);
  NAMES.forEach((n, i) => {
    const ours = d[n];
    expect(ours instanceof Uint8Array ? Uint8Array.from(ours) : ours, n).toEqual(g[i]);
  });

  // The derived values: the Original's message ID, sender and room …
  const original = vectorBytes('content-original');
  const o = content.decodeMimiContent(original);
  const id = await mimiMessageId({ senderUri: o.mimiExtensions.senderUri!, roomUri: o.mimiExtensions.roomUri!, message: original, salt: o.salt });
  const entry = idEntries().original!;
  expect(toHex(d.messageId)).toBe(toHex(id));
  expect(toHex(d.messageId)).toBe(entry.messageId_v08_lengthPrefixed);
  expect(d.senderUserUrl).toBe(o.mimiExtensions.senderUri);
  expect(d.roomUrl).toBe(o.mimiExtensions.roomUri);
  // … and the hub's timestamp, which the EDN comment gives as a date.
  const iso = /hubAcceptedTimestamp = (\S+Z)/.exec(diag)?.[1];
  expect(iso).toBeDefined();
  // The comment's clock time is 8 hours off its "Z": 1644387225019 is
  // 2022-02-09T06:13:45.019Z, i.e. 22:13:45.019 at UTC-8 (reported). Accept
  // either reading so that a corrected comment keeps passing.
  expect([Date.parse(iso!), Date.parse(iso!.replace(/Z$/, '-08:00'))]).toContain(d.hubAcceptedTimestamp);
  expect(new Date(Number(d.hubAcceptedTimestamp)).toISOString().slice(11)).toBe(iso!.slice(11).replace('22:', '06:'));
  // The sender's client URL is on the sender's domain.
  expect(new URL(d.senderClientUrl).host).toBe(new URL(d.senderUserUrl).host);

  // The .hex: decodes and re-encodes identically too, and equals the .diag but for the ID.
  const hexBytes = vectorBytes('content-implied-original');
  const h = m.decodeMessageDerivedValues(hexBytes);
  expect(toHex(m.encodeMessageDerivedValues(h))).toBe(toHex(hexBytes));
  expect({ ...h, messageId: null, mlsGroupId: toHex(h.mlsGroupId) }).toEqual({ ...d, messageId: null, mlsGroupId: toHex(d.mlsGroupId) });
  if (toHex(h.messageId) !== entry.messageId_v08_lengthPrefixed) {
    // Stale vector: the Original's ID under the -07 construction.
    expect(toHex(h.messageId)).toBe(entry.messageId_v07_noLengthPrefix);
  }
}

describe('the implied schema, verbatim (`value = any .size (0..4095)`)', () => {
  let m: ImpliedModule;

  beforeAll(async () => {
    const schema = upstreamSchema(IMPLIED);
    expect(schema.text).toContain(SIZED_VALUE);
    m = await generateAndImport<ImpliedModule>('implied', [schema]);
  });

  it('content-implied-original decodes, equals its EDN, re-encodes identically, and holds the derived values (the .hex: see checkImplied)', async () => {
    await checkImplied(m);
  });

  it('an ExtendedTime (tag 1001) timestamp round-trips, its map in deterministic key order', () => {
    const d = m.decodeMessageDerivedValues(ednToBytes(readVector('content-implied-original.diag')));
    // RFC 9581: 1 = seconds, -3 = milliseconds; given in reverse order.
    const ext = new Map<number, SizedValue>([
      [-3, 19],
      [1, 1644387225],
    ]);
    const bytes = m.encodeMessageDerivedValues({ ...d, hubAcceptedTimestamp: ext });
    const hexed = toHex(bytes);
    // #6.1001({1: 1644387225, -3: 19}): key 1 (0x01) sorts before -3 (0x22).
    expect(hexed).toContain('d903e9a2011a62035b992213');
    const back = m.decodeMessageDerivedValues(bytes);
    expect(back.hubAcceptedTimestamp).toBeInstanceOf(Map);
    const map = back.hubAcceptedTimestamp as Map<number, SizedValue>;
    expect([...map.keys()]).toEqual([1, -3]);
    expect(map.get(1)).toBe(1644387225);
    expect(toHex(m.encodeMessageDerivedValues(back))).toBe(hexed);
  });

  it('a millisecond timestamp beyond 2^53 is a bigint and round-trips; a negative one is rejected', () => {
    const d = m.decodeMessageDerivedValues(ednToBytes(readVector('content-implied-original.diag')));
    const big = 2n ** 63n + 5n;
    const bytes = m.encodeMessageDerivedValues({ ...d, hubAcceptedTimestamp: big });
    expect(m.decodeMessageDerivedValues(bytes).hubAcceptedTimestamp).toBe(big);
    expect(m.isMessageDerivedValues({ ...d, hubAcceptedTimestamp: -1 })).toBe(false);
  });

  it('rejects a 31-byte message ID and an untagged map timestamp', () => {
    const bytes = vectorBytes('content-implied-original');
    const short = Uint8Array.from([...bytes.subarray(0, 1), 0x58, 0x1f, ...bytes.subarray(4, 35), ...bytes.subarray(36)]);
    expect(decodeErrorOf(() => m.decodeMessageDerivedValues(short)).path).toBe('.messageId');
    // Replace the uint timestamp (1b + 8 bytes, at 35) with an untagged empty map.
    expect(bytes[35]).toBe(0x1b);
    const untagged = Uint8Array.from([...bytes.subarray(0, 35), 0xa0, ...bytes.subarray(44)]);
    expect(decodeErrorOf(() => m.decodeMessageDerivedValues(untagged)).path).toBe('.hubAcceptedTimestamp');
  });

  // RFC 8610 §3.8.1 defines .size for uint, bstr and tstr; the cddl gem checks it on any value by its
  // kind and fails every other kind, so `any .size (0..4095)` is the choice of those three.
  describe('an ExtendedTime value is an unsigned integer, a byte string or a text string of at most 4095 bytes', () => {
    const derived = () => m.decodeMessageDerivedValues(ednToBytes(readVector('content-implied-original.diag')));
    /** The Original's derived values with the timestamp `#6.1001({1: <value>})`, given as EDN. */
    const withValue = (edn: string) => ednToBytes(readVector('content-implied-original.diag').replace('1644387225019', `1001({1: ${edn}})`));
    const EXPECTED = 'an unsigned integer or a byte string of at most 4095 bytes or a text string of at most 4095 bytes';

    it.each([
      ['2^64 - 1', '18446744073709551615', 18446744073709551615n],
      ['a byte string of 4095 bytes', `h'${'ab'.repeat(4095)}'`, Uint8Array.from({ length: 4095 }, () => 0xab)],
      ['a text string of 4095 bytes', `"${'x'.repeat(4095)}"`, 'x'.repeat(4095)],
      ['an empty text string', '""', ''],
    ])('accepts %s: decoded, checked, re-encoded identically', (_what, edn, expected) => {
      const bytes = withValue(edn);
      const d = m.decodeMessageDerivedValues(bytes);
      const value = (d.hubAcceptedTimestamp as Map<number, SizedValue>).get(1);
      expect(value instanceof Uint8Array ? Uint8Array.from(value) : value).toEqual(expected);
      expect(m.validateMessageDerivedValues(d)).toEqual([]);
      expect(toHex(m.encodeMessageDerivedValues(d))).toBe(toHex(bytes));
    });

    it.each([
      ['a byte string of 4096 bytes', `h'${'ab'.repeat(4096)}'`, 'expected a byte string of at most 4095 bytes, got 4096 bytes'],
      ['a text string of 4096 bytes', `"${'x'.repeat(4096)}"`, 'expected a text string of at most 4095 bytes, got "xxx'],
      ['an array', '[1]', `expected ${EXPECTED}, got an array`],
      ['a map', '{}', `expected ${EXPECTED}, got a map`],
      ['a float', '1.5', `expected ${EXPECTED}, got a float`],
      ['a negative integer', '-1', `expected ${EXPECTED}, got a negative integer`],
      ['a boolean', 'true', `expected ${EXPECTED}, got`],
      ['a tagged value', "2(h'01')", `expected ${EXPECTED}, got tag 2`],
    ])('rejects %s when decoding, at the entry', (_what, edn, message) => {
      const error = decodeErrorOf(() => m.decodeMessageDerivedValues(withValue(edn)));
      expect(error.path).toBe('.hubAcceptedTimestamp[1]');
      expect(error.message).toContain(message);
    });

    it.each([
      ['an array', [1]],
      ['a float', 1.5],
      ['a negative integer', -1],
      ['a boolean', true],
      ['null', null],
      ['a byte string of 4096 bytes', new Uint8Array(4096)],
      ['a text string of 4096 bytes', 'x'.repeat(4096)],
    ])('rejects %s in the guards and the encoder', (_what, value) => {
      expect(m.isValue(value)).toBe(false);
      expect(m.validateValue(value)).toEqual([expect.objectContaining({ path: '', message: expect.stringContaining(EXPECTED) as unknown })]);
      const ext = new Map([[1, value as SizedValue]]);
      expect(m.validateExtendedTime(ext).map((p) => p.path)).toEqual(['[1]']);
      const d = { ...derived(), hubAcceptedTimestamp: ext };
      expect(m.isMessageDerivedValues(d)).toBe(false);
      expect(() => m.encodeMessageDerivedValues(d)).toThrow(/hubAcceptedTimestamp/);
    });
  });
});
