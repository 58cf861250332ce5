/**
 * A group repeated in an array between members that occur once (`[int, * (tstr, int)]`, `[version:
 * uint, + (key: tstr, value: any)]`, `[1*2 (int, tstr), bool]`), or with optional members at its end
 * (`[* (int, ? tstr)]`): typed as the `groups` layout, with `fields` and `after`, the members before and
 * after it, and one alternative per number of optional members present, the longest first
 * (layout/repeated-groups.ts repeatedGroupLayout). The members before it are the JavaScript array's first
 * elements, each as itself, and each repetition an element after them, a tuple or an object of its
 * members (`[1, ["a", 2], ["b", 3]]`), as `[* (tstr, int)]` is an array of such elements. These rules
 * were left to the general matcher, which is the oracle here: RFC 8610 Appendix A reads each member
 * from the next item, then the repetitions, which must take every item left.
 */
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError, typeErrors } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';
import { arrayHead, type Drawn } from '../support/drawn-items.js';
import { expectDrawnItemsRoundTrip, fixedRules, pairsSchema } from '../support/pairs-differential.js';

const SCHEMA = `
pairs = [int, * (tstr, int)]
settings = [version: uint, + (key: tstr, value: any)]
bounded = [tstr, bool, 1*2 (int, tstr)]
commands = [uint, * (1, tstr // 2, int, int)]
; Recursive: a repetition holds the rule again.
tree = [tstr, * (int, tree)]
; Optional members at the end of a repetition.
labels = [* (int, ? tstr)]
options = [uint, + (tstr, ? int, ? uint)]
shadowed = [* (int, ? int)]
; Members after the repetitions, whose first starts with a major type no repetition does.
trailer = [1*2 (int, tstr), bool]
framed = [tstr, * (int, tstr // 2, bool), bstr, nil]
; A repeated member before the optional one: no run of fixed length (DIFFERENTIAL_SEED=7002 found it taken as one 1).
inner-repeat = [1*2 (+ 1, tstr, ? tstr)]
`;

type Rules = 'Pairs' | 'Settings' | 'Bounded' | 'Commands' | 'Tree' | 'Labels' | 'Options' | 'Shadowed' | 'Trailer' | 'Framed' | 'InnerRepeat';
const RULES = ['pairs', 'settings', 'bounded', 'commands', 'tree', 'labels', 'options', 'shadowed', 'trailer', 'framed', 'inner-repeat'];
const fixture = fixedRules<Rules>('prefixed-groups', SCHEMA, RULES);
const { warnings, program, oracle, roundTrips } = fixture;

describe('a group repeated after members that occur once', () => {
  it('is typed, the members before it as the first elements, and the code compiles', () => {
    // `* (int, ? int)`: the optional int would read the next repetition's int, so `[[1], [2]]` would read back as `[[1, 2]]`.
    expect(warnings.map((w) => w.message)).toEqual([
      "'shadowed' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover alternatives of a group repeated in an array where an earlier one (int, int) can read the first items of a later one (int): a decoder takes the earlier one there (RFC 8610 Appendix A), so a value of the later one may be written as items that read back otherwise",
      "'inner-repeat' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a member that is optional or repeats (1*) inside a group repeated in an array",
    ]);
    expect(typeErrors(fixture.loaded)).toEqual([]);
    expect(fixture.text).toContain('export type Pairs = [number | bigint, ...[string, number | bigint][]];');
    expect(fixture.text).toContain('export type Settings = [number | bigint, ...{ key: string; value: CborAny }[]];');
    expect(fixture.text).toContain('export type Commands = [number | bigint, ...([1, string] | [2, number | bigint, number | bigint])[]];');
    expect(fixture.text).toContain('export type Trailer = [...[number | bigint, string][], boolean];');
    expect(fixture.text).toContain('export type Framed = [string, ...([number | bigint, string] | [2, boolean])[], Uint8Array, null];');
    expect(fixture.text).toContain('export type Labels = ([number | bigint, string] | [number | bigint])[];');
    expect(fixture.text).toContain('export type Options = [number | bigint, ...([string, number | bigint, number | bigint] | [string, number | bigint] | [string])[]];');
  });

  it('decodes what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const cases: [Rules, string, string][] = [
      ['Pairs', 'pairs', '81 05'],
      ['Pairs', 'pairs', '83 05 6161 01'],
      ['Pairs', 'pairs', '85 05 6161 01 6162 02'],
      ['Pairs', 'pairs', '80'],
      ['Pairs', 'pairs', '82 05 6161'],
      ['Pairs', 'pairs', '83 6161 6161 01'],
      ['Pairs', 'pairs', '84 05 6161 01 6162'],
      ['Pairs', 'pairs', '83 05 01 6161'],
      ['Settings', 'settings', '83 01 6161 f6'],
      ['Settings', 'settings', '85 01 6161 f6 6162 82 01 02'],
      ['Settings', 'settings', '81 01'],
      ['Settings', 'settings', '83 20 6161 f6'],
      ['Bounded', 'bounded', '84 6161 f5 01 6161'],
      ['Bounded', 'bounded', '86 6161 f5 01 6161 02 6162'],
      ['Bounded', 'bounded', '88 6161 f5 01 6161 02 6162 03 6163'],
      ['Bounded', 'bounded', '82 6161 f5'],
      ['Bounded', 'bounded', '83 6161 f5 01'],
      ['Commands', 'commands', '81 00'],
      ['Commands', 'commands', '86 00 01 6161 02 03 04'],
      ['Commands', 'commands', '84 00 02 03 04'],
      ['Commands', 'commands', '83 00 02 03'],
      ['Commands', 'commands', '83 00 03 6161'],
      ['Tree', 'tree', '81 6161'],
      ['Tree', 'tree', '83 6161 01 81 6162'],
      ['Tree', 'tree', '85 6161 01 83 6162 02 81 6163 03 81 6164'],
      ['Tree', 'tree', '83 6161 01 6162'],
      ['Labels', 'labels', '80'],
      ['Labels', 'labels', '83 01 6161 02'],
      ['Labels', 'labels', '83 01 02 6161'],
      ['Labels', 'labels', '83 01 6161 6162'],
      ['Labels', 'labels', '81 6161'],
      ['Options', 'options', '82 00 6161'],
      ['Options', 'options', '85 00 6161 20 01 6162'],
      ['Options', 'options', '86 00 6161 01 02 6162 03'],
      ['Options', 'options', '85 00 6161 01 02 03'],
      ['Options', 'options', '84 00 6161 20 20'],
      ['Shadowed', 'shadowed', '82 01 02'],
      ['Trailer', 'trailer', '83 01 6161 f5'],
      ['Trailer', 'trailer', '85 01 6161 02 6162 f4'],
      ['Trailer', 'trailer', '87 01 6161 02 6162 03 6163 f4'],
      ['Trailer', 'trailer', '81 f5'],
      ['Trailer', 'trailer', '82 01 6161'],
      ['Trailer', 'trailer', '84 01 6161 f5 f5'],
      ['Trailer', 'trailer', '84 01 6161 02 f5'],
      ['Framed', 'framed', '83 6161 40 f6'],
      ['Framed', 'framed', '87 6161 01 6162 02 f5 40 f6'],
      ['Framed', 'framed', '85 6161 02 f5 40 f6'],
      ['Framed', 'framed', '84 6161 02 40 f6'],
      ['Framed', 'framed', '84 6161 40 f6 f6'],
      ['Framed', 'framed', '82 6161 40'],
      ['InnerRepeat', 'inner-repeat', '86 01 01 01 01 60 64 6a635455'],
      ['InnerRepeat', 'inner-repeat', '82 01 6161'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
    expect(fixture.g.decodePairs(hex('85 05 6161 01 6162 02'))).toEqual([5, ['a', 1], ['b', 2]]);
    expect(fixture.g.decodeLabels(hex('83 01 6161 02'))).toEqual([[1, 'a'], [2]]);
    expect(fixture.g.decodeTrailer(hex('85 01 6161 02 6162 f4'))).toEqual([[1, 'a'], [2, 'b'], false]);
    expect(fixture.g.validateTrailer([[1, 'a'], 'x'])).toEqual([{ path: '[1]', message: 'expected a boolean, got a string' }]);
    expect(fixture.g.validateTrailer([true])).toEqual([{ path: '', message: 'expected an array of 1 member and 1 to 2 repetitions, got an array' }]);
    expect(decodeError(() => fixture.g.decodeTrailer(hex('84 01 6161 f5 f5')))).toBe('(root) at byte 5: expected the end of the array, after its last member (bool)');
    expect(decodeError(() => fixture.g.decodeTrailer(hex('87 01 6161 02 6162 03 6163 f4')))).toContain('[2] at byte 7: expected a boolean');
    expect(fixture.g.isLabels([[1], [2, 'b']])).toBe(true);
    expect(fixture.g.validateLabels([[1, 2]])).toEqual([{ path: '[0][1]', message: 'expected a text string, got the number 2' }]);
    expect(toHex((fixture.g.decodeSettings(hex('83 01 6161 f6')) as [number, { value: { encoded: Uint8Array } }])[1].value.encoded)).toBe('f6');
    // Indefinite length: read, and written back with a definite one (deterministic encoding).
    expect(toHex(fixture.g.encodePairs(fixture.g.decodePairs(hex('9f 05 6161 01 ff'))) as Uint8Array)).toBe('83056161' + '01');
    expectDrawnItemsRoundTrip(program, fixture.g, RULES, 40);
  });

  it('says where a value or an encoding goes wrong', () => {
    expect(fixture.g.isPairs([5, ['a', 1], ['b', 2]])).toBe(true);
    expect(fixture.g.isPairs([5])).toBe(true);
    expect(fixture.g.validatePairs([])).toEqual([
      { path: '', message: 'expected an array of at least 1 item, got an array' },
      { path: '[0]', message: 'expected an integer, got undefined' },
    ]);
    expect(fixture.g.validatePairs([5, ['a', 'b']])).toEqual([{ path: '[1][1]', message: 'expected an integer, got a string' }]);
    expect(fixture.g.validatePairs(['x', ['a', 1]])).toEqual([{ path: '[0]', message: 'expected an integer, got a string' }]);
    expect(fixture.g.validateBounded(['a', true])).toEqual([{ path: '', message: 'expected an array of 2 members and 1 to 2 repetitions, got an array' }]);
    expect(encodeError(() => fixture.g.encodePairs([5, 'a', 1]))).toContain('[1]: expected an array');
    expect(decodeError(() => fixture.g.decodePairs(hex('83 05 6161 6162')))).toBe('[1][1] at byte 4: expected an integer, got a text string');
    expect(decodeError(() => fixture.g.decodePairs(hex('82 6161 05')))).toBe('[0] at byte 1: expected an integer, got a text string');
    expect(decodeError(() => fixture.g.decodePairs(hex('82 05 6161')))).toContain('[1][1]');
    expect(decodeError(() => fixture.g.decodeBounded(hex('82 6161 f5')))).toContain('expected an array of 1 to 2 repetitions');
  });
});

/**
 * Every pair of member types: `[X, * (Y, int)]`, `[X, 1*2 (Y, tstr)]`, `[tstr, X, + (Y // "z", X)]`, `[* (X, ? Y)]`,
 * `[+ (X, tstr), Y]`, `[tstr, 1*2 (X, int), Y, bool]` and `[* (int, ? X), X, Y]`. Arrays of
 * items drawn for X and Y (sometimes swapped): the decoder takes the bytes exactly when the matcher does, round
 * trip to the same bytes, and the guard passes the value made of the same items exactly then.
 */
describe('[X, * (Y, int)] and its kin for pairs of member types, against the general matcher', () => {
  const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', '[int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float', 'bstr .size 4', 'bool'];
  const FORMS = [
    (x: string, y: string) => `[${x}, * (${y}, int)]`,
    (x: string, y: string) => `[${x}, 1*2 (${y}, tstr)]`,
    (x: string, y: string) => `[tstr, ${x}, + (${y} // "z", ${x})]`,
    (x: string, y: string) => `[* (${x}, ? ${y})]`,
    (x: string, y: string) => `[+ (${x}, tstr), ${y}]`,
    (x: string, y: string) => `[tstr, 1*2 (${x}, int), ${y}, bool]`,
    // The member after them of the optional member's type: a repetition without it must not be followed by one.
    (x: string, y: string) => `[* (int, ? ${x}), ${x}, ${y}]`,
  ];
  const pairs = pairsSchema('prefixed-group-pairs', 'g', TYPES, FORMS, { distinct: true, named: true });

  it('the decoder takes what the matcher takes, round trip to the same bytes, and the guard passes exactly those values', () => {
    let checked = 0;
    for (const rule of pairs.rules) {
      for (let seed = 0; seed < 12; seed++) {
        const swap = seed % 5 === 0;
        const of = pairs.itemOf(rule, seed, swap);
        const n = seed % 4;
        const x = of(rule.x, 0);
        let lead: Drawn[];
        let repetitions: Drawn[][];
        if (rule.form === 0) {
          lead = [x];
          repetitions = Array.from({ length: n }, (_, k) => [of(rule.y, k + 1), { hex: toHex(new Uint8Array([k])), value: k }]);
        } else if (rule.form === 1) {
          lead = [x];
          repetitions = Array.from({ length: n }, (_, k) => [of(rule.y, k + 1), { hex: '6178', value: 'x' }]);
        } else if (rule.form === 4 || rule.form === 5) {
          const last = rule.form === 4 ? 1 : 2;
          lead = rule.form === 4 ? [] : [{ hex: '6161', value: 'a' }];
          repetitions = Array.from({ length: (n % last) + 1 }, (_, k) => [of(rule.x, k), rule.form === 4 ? { hex: '6178', value: 'x' } : { hex: '07', value: 7 }]);
          const tail = [of(rule.y, n), ...(rule.form === 5 ? [{ hex: 'f5', value: true }] : [])];
          const items = [...lead, ...repetitions.flat(), ...tail];
          const value = [...lead.map((d) => d.value), ...repetitions.map((r) => r.map((d) => d.value)), ...tail.map((d) => d.value)];
          pairs.check(rule, arrayHead(items.length) + items.map((d) => d.hex).join(''), value, !swap);
          checked++;
          continue;
        } else if (rule.form === 6) {
          // Repetitions with the optional member and without it, then the member after them.
          const reps = Array.from({ length: n }, (_, k) => ((seed + k) % 2 === 0 ? [{ hex: toHex(new Uint8Array([k])), value: k }, of(rule.x, k)] : [{ hex: toHex(new Uint8Array([k])), value: k }]));
          const tail = [of(rule.x, n), of(rule.y, n)];
          const items = [...reps.flat(), ...tail];
          const value = [...reps.map((r) => r.map((d) => d.value)), ...tail.map((d) => d.value)];
          pairs.check(rule, arrayHead(items.length) + items.map((d) => d.hex).join(''), value, !swap);
          checked++;
          continue;
        } else if (rule.form === 3) {
          lead = [];
          // Repetitions with the optional member and without it, in turn (from the seed).
          repetitions = Array.from({ length: n }, (_, k) => ((seed + k) % 2 === 0 ? [of(rule.x, k + 1), of(rule.y, k + 2)] : [of(rule.x, k + 1)]));
        } else {
          lead = [{ hex: '6161', value: 'a' }, x];
          repetitions = Array.from({ length: n }, (_, k) => (k % 2 === 0 ? [of(rule.y, k + 1)] : [{ hex: '617a', value: 'z' }, of(rule.x, k + 1)]));
        }
        const items = [...lead, ...repetitions.flat()];
        const bytes = arrayHead(items.length) + items.map((d) => d.hex).join('');
        const value = [...lead.map((d) => d.value), ...repetitions.map((r) => r.map((d) => d.value))];
        pairs.check(rule, bytes, value, !swap);
        checked++;
      }
    }
    expect(checked).toBe(pairs.rules.length * 12);
    expect(pairs.summary()).toMatchSnapshot();
  });
});
