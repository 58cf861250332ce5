/**
 * A map with named text keys and computed-key entries of `any` (`{ "b" => nil, * any => nil }`): a text key whose
 * bytes are not UTF-8 is no named key, and `any` keeps such a text as it is (unless DecodeOptions.strictAny refuses
 * it), so the typed decoder takes the entry as the general matcher does. It refused the map ("invalid UTF-8 in text
 * string", found by the structural campaign, seed 10055), having read every text key as one of the named keys first.
 * A map whose other keys must be text (`* tstr => nil`) still refuses it, as the general matcher does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratedModule, type GeneratedModule } from '../support/generated-module.js';
import { isDecodeError } from '../../templates/runtime.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `anyKeys = { ? e: int, "b" => nil, * any => nil }
textKeys = { "b" => nil, * tstr => nil }
`;

let generated: GeneratedModule;
beforeAll(async () => {
  generated = await loadGeneratedModule(SCHEMA, 'map-keys-not-utf8');
}, 120_000);
afterAll(() => generated?.remove());

/** The re-encoded bytes, or the decode error's message. */
function outcome(rule: string, input: string, options?: object): string {
  try {
    const value = (generated.mod[`decode${rule}`] as (b: Uint8Array, o?: object) => unknown)(hex(input), options);
    expect((generated.mod[`is${rule}`] as (v: unknown) => boolean)(value)).toBe(true);
    return toHex((generated.mod[`encode${rule}`] as (v: unknown) => Uint8Array)(value));
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    return error.message;
  }
}

describe('a text key that is not UTF-8, beside named keys', () => {
  // {"b": null, "S\x89n": null}: the second key's bytes 53 89 6e are not UTF-8.
  const notUtf8 = 'a26162f66353896ef6';

  it('is taken by computed-key entries of any, kept as it is and written back the same', () => {
    expect(outcome('AnyKeys', notUtf8)).toBe(notUtf8);
    // The same key in chunks (an indefinite text, whose chunk is not UTF-8 either): written back definite, deterministically.
    expect(outcome('AnyKeys', 'a26162f67f6353896efff6')).toBe(notUtf8);
    // Without the named key, the map is refused for that, not for the key's bytes.
    expect(outcome('AnyKeys', 'a16353896ef6')).toBe('(root) at byte 5: missing key "b"');
  });

  it('is refused by strictAny, and where the other keys must be text, as the general matcher refuses it', () => {
    expect(outcome('AnyKeys', notUtf8, { strictAny: true })).toMatch(/at byte 4: .*UTF-8/);
    expect(outcome('TextKeys', notUtf8)).toBe('(root) at byte 4: invalid UTF-8 in text string');
  });

  it('leaves every other key as it was', () => {
    expect(outcome('AnyKeys', 'a26162f66178f6')).toBe('a26162f66178f6');
    expect(outcome('AnyKeys', 'a26162f50000')).toBe('.b at byte 3: expected null, got true');
  });
});
