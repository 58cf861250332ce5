/**
 * The COSE working group's examples (../shared/conformance/cose-examples/, see its README): every
 * `accept` and `accept-invalid-nonschema` vector decodes with the rule it names and re-encodes to
 * the same data item, byte for byte where the input is in deterministic encoding; every `reject`
 * and `reject-by-schema` vector is refused with a DecodeError (but the four that RFC 8610 §3.5.4 makes
 * valid: VALID_BY_RFC8610). Vectors that cannot pass for a
 * reason outside the codecs are listed in KNOWN_GAPS with the reason, and checked to still fail.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { SchemaText } from '../../generator/index.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { CborReader } from '../../templates/runtime.js';
import { dataItem } from '../corpus/data-item.js';
import { hex, toHex } from '../support/hex.js';
import { SHARED } from '../support/schemas.js';
import { isDeterministic } from './deterministic.js';
import { generateModule, type GeneratedModule } from './generate.js';

const DIR = `${SHARED}conformance/cose-examples/`;

interface Vector {
  id: string;
  rule: string;
  expect: 'accept' | 'accept-invalid-nonschema' | 'reject' | 'reject-by-schema';
  hex: string;
  note: string;
}

const schema = (name: string): SchemaText => ({ path: name, text: readFileSync(`${DIR}schema/${name}`, 'utf8') });

/** Vector files and the schemas they are decoded with (RFC 9052 and 9053 together, as the README says). */
const SUITES: { file: string; schemas: SchemaText[] }[] = [
  { file: 'vectors.json', schemas: [schema('cose-rfc9052.cddl'), schema('cose-algs-rfc9053.cddl')] },
  // RFC 9338 alone: its `;# import rfc9052` takes what it uses from the shipped library, and its own `start` stays its own.
  { file: 'vectors-countersign.json', schemas: [schema('cose-countersign-rfc9338.cddl')] },
];

/** Vectors that fail today for a reason outside this test's codecs: file, id, and why. Each is checked to still fail, so that a fix shows here. */
const KNOWN_GAPS: readonly { file: string; id: string; why: string }[] = [];

/**
 * `reject-by-schema` vectors that RFC 8610 makes valid: a text `kid` (label 4). RFC 9052 writes
 * `? 4 => bstr` beside `* label => values` in `header_map`, and `=>` is no cut (RFC 8610 §3.5.4:
 * `{ ? "optional-key" => int, * tstr => any }` takes `{"optional-key": "nonsense"}`), so the entry
 * the kid member cannot take is taken by `* label => values`. The requirement is RFC 9052 §3.1's
 * prose, which a schema check cannot see; the COSE list discussed exactly this in December 2025.
 * These decode, and re-encode to the same bytes, like `accept` vectors.
 */
const VALID_BY_RFC8610: ReadonlySet<string> = new Set([
  'x509-examples/signed-01.json#output',
  'x509-examples/signed-01.json#output(typed)',
  'x509-examples/signed-02.json#output',
  'x509-examples/signed-02.json#output(typed)',
]);

function vectorsOf(file: string): Vector[] {
  return JSON.parse(readFileSync(`${DIR}${file}`, 'utf8')) as Vector[];
}

const counts = { accepted: 0, identical: 0, sameItem: 0, rejected: 0, gaps: 0 };
afterAll(() => {
  console.log(`cose-examples: ${counts.accepted} accepted (${counts.identical} byte-identical, ${counts.sameItem} the same data item from non-deterministic input), ${counts.rejected} rejected, ${counts.gaps} known gaps`);
});

/** What goes wrong with one vector, or null when it behaves as its `expect` says. */
function check(mod: GeneratedModule, v: Vector): string | null {
  const decode = mod[`decode${v.rule}`] as ((b: Uint8Array) => unknown) | undefined;
  const encode = mod[`encode${v.rule}`] as ((value: unknown) => Uint8Array) | undefined;
  if (decode === undefined || encode === undefined) return `no decode${v.rule}/encode${v.rule}`;
  const bytes = hex(v.hex);
  let value: unknown;
  try {
    value = decode(bytes);
  } catch (error) {
    if (!mod.isDecodeError(error)) return `decode threw ${String(error)}`;
    return v.expect.startsWith('reject') ? null : `decode refused it: ${(error as Error).message}`;
  }
  if (v.expect.startsWith('reject')) return 'decode accepted it';
  let again: Uint8Array;
  try {
    again = encode(value);
  } catch (error) {
    return `encode threw ${String(error)}`;
  }
  if (dataItem(again) !== dataItem(bytes)) return `re-encoded as another data item: ${toHex(again)}`;
  if (isDeterministic(bytes)) {
    if (toHex(again) !== v.hex) return `deterministic input re-encoded differently: ${toHex(again)}`;
    counts.identical++;
  } else counts.sameItem++;
  counts.accepted++;
  return null;
}

describe.each(SUITES)('$file', ({ file, schemas }) => {
  const vectors = vectorsOf(file);
  let mod: Promise<GeneratedModule> | undefined;
  const load = () => (mod ??= generateModule(`cose-${file.replace('.json', '')}`, schemas));

  it.each(vectors.map((v) => [`${v.expect} ${v.rule} ${v.id}`, v] as const))('%s', async (_name, v) => {
    const m = await load();
    const problem = check(m, VALID_BY_RFC8610.has(v.id) ? { ...v, expect: 'accept' } : v);
    const listed = KNOWN_GAPS.find((g) => g.file === file && g.id === v.id);
    if (listed !== undefined) {
      expect(problem, `${v.id} is a known gap (${listed.why}) but passes now: remove it from KNOWN_GAPS`).not.toBeNull();
      counts.gaps++;
      return;
    }
    expect(problem, v.note).toBeNull();
    if (v.expect.startsWith('reject')) counts.rejected++;
  });
});

/**
 * RFC 8610 Appendix A to the letter (`arrayMatching: 'greedy'`): RFC 9052's `Sig_structure` has
 * `? sign_protected` (an empty or serialized map) before `external_aad`, both byte strings, so the greedy
 * match gives a Signature1's empty `external_aad` to `sign_protected` and then finds no payload. Those 20
 * four-element vectors are rejected; the 35 of five elements, and the one Signature1 whose `external_aad`
 * is no empty or serialized map (sign-pass-02: `h'11aa22…'`, which `sign_protected` cannot take), still
 * decode and re-encode. This is why `by-length` is the default (docs/cddl-support.md, "Optional array
 * members before required ones").
 */
describe("Sig_structure with arrayMatching: 'greedy'", () => {
  const vectors = vectorsOf('vectors.json').filter((v) => v.rule === 'Sig_structure');
  let mod: Promise<GeneratedModule> | undefined;
  const load = () => (mod ??= generateModule('cose-vectors-greedy', SUITES[0]?.schemas ?? [], { arrayMatching: 'greedy' }));

  it('rejects the four-element Signature1 structures with an empty external_aad and takes the others', async () => {
    const m = await load();
    const emptyAad = (v: Vector) => {
      const items = readCborValue(new CborReader(hex(v.hex)));
      return Array.isArray(items) && items.length === 4 && items[2] instanceof Uint8Array && items[2].length === 0;
    };
    const refused = vectors.filter(emptyAad);
    expect([refused.length, vectors.length - refused.length]).toEqual([20, 36]);
    for (const v of vectors) {
      const problem = check(m, v);
      if (refused.includes(v)) expect(problem ?? 'decoded', v.id).toMatch(/^decode refused it: /);
      else expect(problem, v.id).toBeNull();
    }
  });
});
