/** `MultiPart.parts` recursion: nested multiparts round-trip; fewer than 2 parts are rejected with the path. */
import { describe, expect, it } from 'vitest';
import * as m from '../../generated/mimi-content.js';
import { cde, genericMessage, genericPart, message, multi, single } from './build.js';
import { decodeErrorOf, toHex } from './helpers.js';

describe('nested multiparts', () => {
  const tree = multi([multi([single('hello'), single('bonjour', 'fr')], 0), multi([multi([single('a'), single('b')], 1), { disposition: 4, language: '', cardinality: 0 }], 2)], 2);

  it('round-trip at depth 3, byte-identical to cbor2’s deterministic encoding', () => {
    const bytes = m.encodeMimiContent(message(tree));
    expect(toHex(bytes)).toBe(toHex(cde(genericMessage(genericPart(tree)))));
    const back = m.decodeMimiContent(bytes);
    expect(back.nestedPart).toEqual(tree);
    expect(toHex(m.encodeMimiContent(back))).toBe(toHex(bytes));
  });

  it('encodeNestedPart / decodeNestedPart work on a part alone', () => {
    const bytes = m.encodeNestedPart(tree);
    expect(m.decodeNestedPart(bytes)).toEqual(tree);
  });

  it('an indefinite-length parts array decodes (and re-encodes definite)', () => {
    const definite = m.encodeNestedPart(multi([single('a'), single('b')]));
    // [1, "", 3, 0, [_ p1, p2]]: the parts array head 0x82 becomes 0x9f … 0xff.
    const at = definite.indexOf(0x82, 4);
    const indefinite = Uint8Array.from([...definite.subarray(0, at), 0x9f, ...definite.subarray(at + 1), 0xff]);
    const back = m.decodeNestedPart(indefinite);
    expect(toHex(m.encodeNestedPart(back))).toBe(toHex(definite));
  });
});

describe('parts with fewer than 2 items', () => {
  for (const count of [0, 1]) {
    it(`${count} part(s) at the top: DecodeError at .nestedPart.parts`, () => {
      const parts = [single('a'), single('b')].slice(0, count).map(genericPart);
      const bytes = cde(genericMessage([1, '', 3, 0, parts]));
      const e = decodeErrorOf(() => m.decodeMimiContent(bytes));
      expect(e.path).toBe('.nestedPart.parts');
      expect(e.reason).toMatch(/at least 2/);
    });
  }

  it('one part, nested: DecodeError at .nestedPart.parts[1].parts', () => {
    const bytes = cde(genericMessage([1, '', 3, 0, [genericPart(single('a')), [1, '', 3, 2, [genericPart(single('b'))]]]]));
    expect(decodeErrorOf(() => m.decodeMimiContent(bytes)).path).toBe('.nestedPart.parts[1].parts');
  });

  it('one part in an indefinite-length array: DecodeError at .nestedPart.parts', () => {
    const one = cde(genericPart(single('a')));
    const head = cde(genericMessage([1, '', 3, 0, []]));
    // Replace the trailing empty array (0x80) by [_ one ].
    expect(head[head.length - 1]).toBe(0x80);
    const bytes = Uint8Array.from([...head.subarray(0, head.length - 1), 0x9f, ...one, 0xff]);
    expect(decodeErrorOf(() => m.decodeMimiContent(bytes)).path).toBe('.nestedPart.parts');
  });

  it('the guards and the encoder say the same, with the path', () => {
    const bad = message(multi([single('a'), multi([single('b')])]));
    expect(m.validateMimiContent(bad).map((p) => p.path)).toEqual(['.nestedPart.parts[1].parts']);
    expect(m.isMimiContent(bad)).toBe(false);
    let thrown: unknown;
    try {
      m.encodeMimiContent(bad);
    } catch (e) {
      thrown = e;
    }
    expect(m.isEncodeError(thrown)).toBe(true);
  });
});

describe('other shape errors in parts', () => {
  it('an unknown cardinality: DecodeError at .nestedPart.cardinality', () => {
    expect(decodeErrorOf(() => m.decodeMimiContent(cde(genericMessage([1, '', 4])))).path).toBe('.nestedPart.cardinality');
  });

  it('a single part with a missing or an extra item is rejected', () => {
    expect(decodeErrorOf(() => m.decodeMimiContent(cde(genericMessage([1, '', 1, 'text/plain'])))).path).toMatch(/^\.nestedPart/);
    expect(decodeErrorOf(() => m.decodeMimiContent(cde(genericMessage([1, '', 1, 'text/plain', new Uint8Array(1), 0])))).path).toMatch(/^\.nestedPart/);
  });

  it('a disposition above 255 or a partSemantics above 2 is rejected', () => {
    expect(decodeErrorOf(() => m.decodeMimiContent(cde(genericMessage([256, '', 0])))).path).toBe('.nestedPart.disposition');
    const two = [genericPart(single('a')), genericPart(single('b'))];
    expect(decodeErrorOf(() => m.decodeMimiContent(cde(genericMessage([1, '', 3, 3, two])))).path).toBe('.nestedPart.partSemantics');
  });

  it('unknown dispositions 9..255 are kept', () => {
    const part = { disposition: 200, language: '', cardinality: 0 } as m.NestedPart;
    const bytes = m.encodeMimiContent(message(part));
    expect(m.decodeMimiContent(bytes).nestedPart.disposition).toBe(200);
  });
});
