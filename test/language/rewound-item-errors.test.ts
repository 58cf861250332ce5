/**
 * Where an array's reading tries an item and gives it back (a repetition ends at the first item that does not read
 * as one more, RFC 8610 Appendix A; an optional member before a repetition takes an item only when it reads as
 * one), the item's error is kept: when the array then fails, the error that got further into the input is reported,
 * as between the alternatives of a choice (furthestError). Before, the member after the repetition reported what it
 * expected of the item's start, and the reason the repetition stopped, deeper inside the item, was lost.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeError, load, type Generated } from '../bounded/module.js';
import { hex } from '../support/hex.js';

const SCHEMA = `
pairs = [* [int, int], [tstr]]
pairs-record = [* pair: [int, int], last: [tstr]]
bounded = [int, ? tstr, 0*2 int]
in-map = { a: [* [int, int], [tstr]] }
nested = [* [* [int, int], [tstr]], int]
optional-pair = [int, ? pair, * texts, bools]
texts = [tstr]
bools = [bool]
pair = [int, int]
`;

type Rules = 'Pairs' | 'PairsRecord' | 'Bounded' | 'InMap' | 'Nested' | 'OptionalPair';
let g: Generated<Rules>;

beforeAll(async () => {
  g = (await load<Rules>('language-rewound-item-errors', SCHEMA)).module;
});

describe('the error of an item an array tried and gave back', () => {
  it('is reported where it got further than the error the array ends with', () => {
    // The repetition stops at [1, "x"], whose second item is no integer; [tstr] then refuses the pair's head.
    expect(decodeError(() => g.decodePairs(hex('81 82 01 6178')))).toBe('[0][1] at byte 3: expected an integer, got a text string');
    expect(decodeError(() => g.decodePairs(hex('82 82 01 02 82 03 6178')))).toBe('[1][1] at byte 6: expected an integer, got a text string');
    expect(decodeError(() => g.decodePairsRecord(hex('81 82 01 6178')))).toBe('.pair[0][1] at byte 3: expected an integer, got a text string');
    expect(decodeError(() => g.decodeInMap(hex('a1 6161 81 82 01 6178')))).toBe('.a[0][1] at byte 6: expected an integer, got a text string');
    // Indefinite lengths: the same items, the same place.
    expect(decodeError(() => g.decodePairs(hex('9f 9f 01 6178 ff ff')))).toBe('[0][1] at byte 3: expected an integer, got a text string');
    // The optional text does not take 2, and the count is then wrong: the text is what [1] was missing.
    expect(decodeError(() => g.decodeBounded(hex('84 01 02 03 04')))).toBe('[1] at byte 2: expected a text string, got an unsigned integer');
    // The optional pair fails inside [1, "x"], then the repetition of [tstr] at its head, then [bool]: the furthest
    // of the errors given back stands, not the last.
    expect(decodeError(() => g.decodeOptionalPair(hex('82 01 82 01 6178')))).toBe('[1][1] at byte 4: expected an integer, got a text string');
  });

  it('leaves the error the array ends with where that got as far or further', () => {
    // A tie (both at the item's head): the member after the repetition says what it expected.
    expect(decodeError(() => g.decodePairs(hex('81 05')))).toBe('[0] at byte 1: expected an array, got an unsigned integer');
    // The repetition stops at ["a"], which the member after it takes; the item after that is one too many.
    expect(decodeError(() => g.decodePairs(hex('83 82 01 02 81 6161 05')))).toBe('[2] at byte 7: expected the end of the array, after its last member');
    // The member after the repetition fails deeper inside the item than the repetition did.
    expect(decodeError(() => g.decodePairs(hex('81 81 01')))).toBe('[0][0] at byte 2: expected a text string, got an unsigned integer');
  });

  it('stays with the array it was dropped in', () => {
    // The inner array's repetition stops at [1, "x"] and the inner array fails; the outer repetition, given that
    // whole item back, ends; the integer after it then refuses the item, and the inner error, deeper, is reported
    // with the outer item's path in front.
    expect(decodeError(() => g.decodeNested(hex('81 81 82 01 6178')))).toBe('[0][0][1] at byte 4: expected an integer, got a text string');
    // Read whole (its repetition gave ["a"] back to [tstr]), the inner array leaves nothing behind: the outer array's
    // own error stands.
    expect(decodeError(() => g.decodeNested(hex('83 81 81 6161 05 06')))).toBe('[2] at byte 6: expected the end of the array, after its last member');
  });

  it('changes nothing in what is accepted', () => {
    expect(g.decodePairs(hex('83 82 01 02 82 03 04 81 6178'))).toEqual([[1, 2], [3, 4], ['x']]);
    expect(g.decodeBounded(hex('84 01 6178 02 03'))).toEqual([1, 'x', 2, 3]);
    expect(g.decodeNested(hex('82 82 82 01 02 81 6178 05'))).toEqual([[[1, 2], ['x']], 5]);
    expect(g.decodeOptionalPair(hex('84 01 82 01 02 81 6178 81 f5'))).toEqual([1, [1, 2], ['x'], [true]]);
  });
});
