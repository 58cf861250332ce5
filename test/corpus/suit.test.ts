/**
 * SUIT (the IETF firmware-update manifest, compiled with COSE RFC 9052) exercises what no other
 * corpus file does: command sequences that are a group choice repeated inside an array
 * (`[ + (SUIT_Condition // SUIT_Directive // SUIT_Command_Custom) ]`), a repeated member followed
 * by an optional one (`[ 2* bstr .cbor …, ? nil ]`), a map that needs at least one of its
 * parameters (`{ + $$SUIT_Parameters }`) and map keys that are arrays (`* SUIT_Component_Identifier
 * => { … }`). The values follow the shape of the manifest examples in draft-ietf-suit-manifest;
 * EDN → bytes by cbor-edn.
 */
import { parseEDN } from 'cbor-edn';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeErrorOf } from '../support/errors.js';
import { compileCorpus, TMP_DIR } from './corpus-files.js';
import { importScratch } from '../support/scratch.js';

type Module = Record<string, (value: never) => unknown>;
let suit: Module;

beforeAll(async () => {
  const outcome = compileCorpus('suit-manifest.cddl');
  if (!outcome.ok) throw new Error(outcome.error);
  suit = (await importScratch<Module>(TMP_DIR, 'suit', outcome.files)).module;
});

function codec(rule: string): { decode: (bytes: Uint8Array) => unknown; encode: (value: unknown) => Uint8Array; validate: (value: unknown) => { path: string; message: string }[] } {
  const decode = suit[`decode${rule}`];
  const encode = suit[`encode${rule}`];
  const validate = suit[`validate${rule}`];
  if (decode === undefined || encode === undefined || validate === undefined) throw new Error(`no codec for ${rule}`);
  return { decode: decode as never, encode: encode as never, validate: validate as never };
}

const DIGEST = "h'00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210'";

/** Deterministically encoded, so decode → encode must give the same bytes. */
const VALID: readonly { rule: string; edn: string }[] = [
  {
    rule: 'SUIT_Manifest',
    edn: `{1: 1, 2: 0, 3: << {2: [[h'00']], 4: << [20, {1: h'fa6b4a53d5ad5fdfbe9de663e4d41ffe', 2: h'1492af1425695e48bf429b2d51f2ab45', 3: << [-16, ${DIGEST}] >>, 14: 34768}, 1, 15, 2, 15] >>} >>, 7: << [3, 15] >>, 9: << [23, 2] >>}`,
  },
  { rule: 'SUIT_Shared_Sequence', edn: '[12, 0, 20, {21: "http://example.com/file.bin"}, 12, true, 12, [0, 1]]' },
  { rule: 'SUIT_Command_Sequence', edn: '[15, [<< [3, 15] >>, << [23, 2] >>, null], -1, h\'01\', -2, null, 21, 2]' },
  { rule: 'SUIT_Command_Sequence', edn: '[15, [<< [3, 15] >>, << [-5, "x"] >>]]' },
  { rule: 'SUIT_Command_Sequence', edn: '[20, {-3: true}]' },
  { rule: 'SUIT_Text_LMap', edn: '{1: "Example manifest", [h\'00\']: {1: "Example vendor", 6: "1.0"}, [h\'00\', h\'01\']: {}}' },
];

describe.each(VALID.map((v) => [v.rule, v.edn.length > 50 ? `${v.edn.slice(0, 50)}…` : v.edn, v] as const))('%s %s', (_rule, _shown, v) => {
  it('decodes and re-encodes byte-identical; the value is valid', () => {
    const { decode, encode, validate } = codec(v.rule);
    const bytes = parseEDN(v.edn, {});
    const value = decode(bytes);
    expect(validate(value)).toEqual([]);
    expect(Buffer.from(encode(value)).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
  });
});

it('a command sequence is one item per command, a tuple of the command and its argument', () => {
  const value = codec('SUIT_Command_Sequence').decode(parseEDN('[15, [<< [3, 15] >>, << [23, 2] >>, null], -1, h\'01\', 21, 2]', {}));
  expect(value).toEqual([[15, [parseEDN('[3, 15]', {}), parseEDN('[23, 2]', {}), null]], [-1, Uint8Array.of(1)], [21, 2]]);
});

it('text for components is a Map of component identifiers to texts, in the order read', () => {
  const value = codec('SUIT_Text_LMap').decode(parseEDN('{1: "m", [h\'00\']: {1: "v"}}', {}));
  expect(value).toEqual({ 'suit-text-manifest-description': 'm', rest: new Map([[[Uint8Array.of(0)], { 'suit-text-vendor-name': 'v' }]]) });
});

const INVALID: readonly { rule: string; edn: string; path: string; message: RegExp }[] = [
  { rule: 'SUIT_Command_Sequence', edn: '[1, "x"]', path: '[0][1]', message: /expected an unsigned integer/ },
  { rule: 'SUIT_Command_Sequence', edn: '[1, 15, 3]', path: '[1][1]', message: /got the end of the array/ },
  { rule: 'SUIT_Command_Sequence', edn: '[99, 15]', path: '[0][0]', message: /negative integer, got 99/ },
  { rule: 'SUIT_Command_Sequence', edn: '[15, [<< [3, 15] >>, null]]', path: '[0][1]', message: /expected at least 2 items before the last member, got 1/ },
  { rule: 'SUIT_Command_Sequence', edn: '[20, {}]', path: '[0][1]', message: /at least 1 of the members/ },
  // The key of the second entry, as the guards say it too.
  { rule: 'SUIT_Text_LMap', edn: '{[h\'00\']: {}, [h\'00\']: {}}', path: '.rest[1][0]', message: /duplicate key/ },
  { rule: 'SUIT_Shared_Sequence', edn: '[]', path: '', message: /at least 1 repetition/ },
];

describe.each(INVALID.map((v) => [v.rule, v.edn, v] as const))('%s %s', (_rule, _edn, v) => {
  it('is rejected at its path', () => {
    const error = decodeErrorOf(() => codec(v.rule).decode(parseEDN(v.edn, {})));
    expect(error.path).toBe(v.path);
    expect(error.message).toMatch(v.message);
  });
});

it('the guards find the same problems in values, with their paths', () => {
  const { validate, encode } = codec('SUIT_Command_Sequence');
  expect(validate([[1, 'x'], [20, {}], [-1, Uint8Array.of(1)]]).map((p) => p.path)).toEqual(['[0][1]', '[1][1]']);
  expect(() => encode([[99, 15]])).toThrow(/\[0\]/);
  const text = codec('SUIT_Text_LMap').validate({ rest: new Map([[[Uint8Array.of(0)], {}], [[Uint8Array.of(0)], {}]]) });
  expect(text).toEqual([{ path: '.rest[1][0]', message: expect.stringMatching(/no earlier entry/) as unknown as string }]);
});
