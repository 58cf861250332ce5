/**
 * The vectors cddlc keeps inline in its test schemas: `;;+ <EDN>` must be accepted and `;;- <EDN>`
 * rejected by the decoder of the file's first rule. EDN is turned into bytes by cbor-edn.
 * Accepted values must also survive a re-encoding: our encoder's bytes decode to the same value,
 * and a generic CBOR reader (cbor2) sees the same data item in both encodings.
 */
import { parseEDN } from 'cbor-edn';
import fc from 'fast-check';
import { applyEdits, byteEdit } from '../support/byte-edits.js';
import { afterAll, describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { KNOWN_GAPS, TMP_DIR, compileCorpus, corpusFiles, isCddlcTest, readCorpus, schemasFor, tmpName } from './corpus-files.js';
import { importScratch } from '../support/scratch.js';
import { compareAnyAsDataItems } from '../support/any-equality.js';
import { dataItem } from './data-item.js';

// Values of `any` re-encode deterministically: the same data item, not always the same bytes.
compareAnyAsDataItems();

interface Vector {
  file: string;
  line: number;
  accept: boolean;
  edn: string;
}

/**
 * Vector lines that cbor-edn cannot turn into one data item, each with the reason. Any other
 * EDN that does not parse fails its test.
 */
const EDN_UNPARSEABLE: readonly { file: string; edn: string; why: string }[] = [
  {
    file: 'cddlc-tests/1.cddl',
    edn: '/foo/',
    why: 'only an EDN comment, no data item at all (cbor-edn: "end of input found"); cddlc keeps it to test its own harness',
  },
];

/**
 * Vectors where cddlc's expectation depends on its own validator policy, not on
 * the schema: each is checked to behave as mimi-codegen documents instead.
 */
const POLICY_DIFFERENCES: readonly { file: string; edn: string; ours: 'accept' | 'reject'; why: string }[] = [
  {
    file: 'cddlc-tests/16a-feature.cddl',
    edn: '4.0',
    ours: 'accept',
    why: "cddlc's runner treats the feature \"notok\" as disabled; RFC 9165 §4 leaves features to the validator's configuration, and generated decoders accept every feature (docs/cddl-support.md)",
  },
];

/** Lines starting `;;` that are not vectors: `;;:` (seen in 1.cddl) is cddlc output annotation, not a value to check. */
const NON_VECTOR_MARKERS = [';;:'];

function vectorsOf(file: string, text: string): { vectors: Vector[]; unknown: string[] } {
  const vectors: Vector[] = [];
  const unknown: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    const m = /^;;([+-]) ?(.*)$/.exec(line);
    if (m !== null) vectors.push({ file, line: index + 1, accept: m[1] === '+', edn: (m[2] ?? '').trim() });
    else if (line.startsWith(';;') && !NON_VECTOR_MARKERS.some((p) => line.startsWith(p))) unknown.push(`${file}:${index + 1}: ${line}`);
  });
  return { vectors, unknown };
}


interface GeneratedModule {
  [name: string]: unknown;
}

const files = corpusFiles().filter(isCddlcTest);
const generating = files.filter((f) => compileCorpus(f).ok);
const refused = files.filter((f) => !generating.includes(f));

const stats = { passed: 0, failed: [] as string[], accepted: 0, rejected: 0, unparseable: 0 };

afterAll(() => {
  const total = stats.passed + stats.failed.length + stats.unparseable;
  console.log(
    [
      `cddlc vectors: ${stats.passed}/${total} pass (${stats.accepted} accepted as ;;+, ${stats.rejected} rejected as ;;-) over ${generating.length} generating files`,
      `failing: ${stats.failed.length === 0 ? 'none' : `\n  ${stats.failed.join('\n  ')}`}`,
      `not generated (KNOWN_GAPS): ${refused.map((f) => `${f} (${KNOWN_GAPS[f]?.error ?? 'not in KNOWN_GAPS'})`).join(', ') || 'none'}`,
      `EDN not parseable (listed in EDN_UNPARSEABLE, not run): ${stats.unparseable}`,
    ].join('\n'),
  );
});

it('every cddlc test file either generates or is a known gap, and EDN_UNPARSEABLE names real lines', () => {
  expect(files.length).toBeGreaterThan(0);
  for (const f of refused) expect(KNOWN_GAPS[f], `${f} does not generate and is not in KNOWN_GAPS`).toBeDefined();
  for (const u of EDN_UNPARSEABLE) {
    expect(vectorsOf(u.file, readCorpus(u.file)).vectors.map((v) => v.edn)).toContain(u.edn);
  }
});

describe.each(generating)('%s', (file) => {
  const { vectors, unknown } = vectorsOf(file, readCorpus(file));

  it('has vectors, and no vector marker this test does not understand', () => {
    expect(unknown).toEqual([]);
    expect(vectors.length).toBeGreaterThan(0);
  });

  let modulePromise: Promise<GeneratedModule> | undefined;
  const load = (): Promise<GeneratedModule> => {
    modulePromise ??= (async () => {
      const outcome = compileCorpus(file);
      if (!outcome.ok) throw new Error(outcome.error);
      if (outcome.files[0] === undefined) throw new Error('no files generated');
      return (await importScratch<GeneratedModule>(TMP_DIR, `vectors-${tmpName(file)}`, outcome.files)).module;
    })();
    return modulePromise;
  };

  const ir = compileIr(schemasFor(file));
  const root = ir.rules.find((r) => r.name === ir.root);
  const tsName = root?.tsName ?? '?';

  it.each(vectors.map((v) => [`line ${v.line}: ${v.accept ? ';;+' : ';;-'} ${v.edn.length > 60 ? `${v.edn.slice(0, 60)}…` : v.edn}`, v] as const))('%s', async (_title, v) => {
    const label = `${file}:${v.line} ${v.accept ? ';;+' : ';;-'} ${v.edn.length > 60 ? `${v.edn.slice(0, 60)}…` : v.edn}`;
    let settled = false;
    try {
      const listed = EDN_UNPARSEABLE.find((u) => u.file === file && u.edn === v.edn);
      let bytes: Uint8Array;
      try {
        bytes = parseEDN(v.edn, {});
      } catch (error) {
        if (listed !== undefined) {
          stats.unparseable++;
          settled = true;
          return;
        }
        expect.fail(`cbor-edn cannot parse the EDN of ${label}: ${String(error).split('\n')[0]} (add it to EDN_UNPARSEABLE with the reason if that is right)`);
      }
      if (listed !== undefined) expect.fail(`${label} is in EDN_UNPARSEABLE but cbor-edn parses it now: remove it from the list`);

      const mod = await load();
      const decode = mod[`decode${tsName}`] as (b: Uint8Array) => unknown;
      const encode = mod[`encode${tsName}`] as (value: unknown) => Uint8Array;
      const isDecodeError = mod.isDecodeError as (e: unknown) => boolean;
      expect(typeof decode).toBe('function');

      let value: unknown;
      let thrown: unknown;
      let threw = false;
      try {
        value = decode(bytes);
      } catch (error) {
        threw = true;
        thrown = error;
      }
      if (threw && !isDecodeError(thrown)) expect.fail(`decode${tsName} threw something other than a DecodeError: ${String(thrown)}`);

      const policy = POLICY_DIFFERENCES.find((d) => d.file === file && d.edn === v.edn);
      if (policy !== undefined) {
        expect(threw, `${label}: by policy mimi-codegen should ${policy.ours} it (${policy.why})`).toBe(policy.ours === 'reject');
        stats.passed++;
        settled = true;
        return;
      }
      if (v.accept) {
        expect(threw, `decode${tsName} must accept ${v.edn}: ${String(thrown)}`).toBe(false);
        const again = encode(value);
        expect(decode(again), 're-encoded bytes decode to the same value').toEqual(value);
        expect(dataItem(again), 're-encoded bytes are the same data item').toBe(dataItem(bytes));
        stats.accepted++;
      } else {
        expect(threw, `decode${tsName} must reject ${v.edn}, but gave ${String(value)}`).toBe(true);
        stats.rejected++;
      }
      stats.passed++;
      settled = true;
    } finally {
      if (!settled) stats.failed.push(label);
    }
  });

  const acceptedBytes = vectors.filter((v) => v.accept).flatMap((v) => {
    try {
      return [parseEDN(v.edn, {})];
    } catch {
      return [];
    }
  });
  it.skipIf(acceptedBytes.length === 0)('bytes near its accepted vectors give a DecodeError inside the input, or a value that validates and re-encodes', async () => {
    const mod = await load();
    const decode = mod[`decode${tsName}`] as (b: Uint8Array) => unknown;
    const encode = mod[`encode${tsName}`] as (value: unknown) => Uint8Array;
    const validate = mod[`validate${tsName}`] as (value: unknown) => unknown[];
    const isDecodeError = mod.isDecodeError as (e: unknown) => boolean;
    fc.assert(
      fc.property(fc.constantFrom(...acceptedBytes), fc.array(byteEdit, { minLength: 1, maxLength: 3 }), (seed, edits) => {
        const bytes = applyEdits(seed, edits);
        let value: unknown;
        try {
          value = decode(bytes);
        } catch (error) {
          expect(isDecodeError(error), String(error)).toBe(true);
          const offset = (error as { offset: number }).offset;
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(bytes.length);
          return;
        }
        expect(validate(value)).toEqual([]);
        expect(decode(encode(value))).toEqual(value);
      }),
      { numRuns: 150 },
    );
  });
});
