/**
 * The 14 MIMI content example messages (/work/shared/vectors/mimi-content,
 * the ones named in content-message-ids.json, as the tests pick them): one op
 * decodes, encodes or checks all 14. The generated codec against cbor-x and
 * cborg, which are checked to give back the same bytes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Decoder, Encoder } from 'cbor-x';
import * as cborg from 'cborg';
import { type EncodeOptions, type MimiContent, decodeMimiContent, encodeMimiContent, isMimiContent, validateMimiContent } from '../../generated/mimi-content.js';
import { bytesEqual } from '../status/data.js';
import { EquivalenceError } from '../status/suite.js';
import { printRows, round, type Row } from '../lib/format.js';
import { timeGroup, type Case, type Timing, type TimingOptions } from '../lib/timing.js';

/** Where the tests read the examples from (test/content/helpers.ts). */
export const VECTORS_DIR = fileURLToPath(new URL('../../../shared/vectors/mimi-content/', import.meta.url));
const IDS_JSON = 'content-message-ids.json';
const IDS_SECTION = 'draft-08/09 (main HEAD)';

function hexBytes(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

/** The example messages, by stem (`content-original`, …), in name order. */
export function contentExamples(dir = VECTORS_DIR): { stem: string; bytes: Uint8Array }[] {
  const files = new Set(readdirSync(dir));
  const ids = (JSON.parse(readFileSync(`${dir}/${IDS_JSON}`, 'utf8')) as Record<string, Record<string, unknown>>)[IDS_SECTION] ?? {};
  return [...files]
    .filter((f) => f.endsWith('.hex') && files.has(f.replace(/\.hex$/, '.diag')))
    .map((f) => f.replace(/\.hex$/, ''))
    .filter((stem) => stem.replace(/^content-/, '') in ids)
    .sort()
    .map((stem) => ({ stem, bytes: hexBytes(readFileSync(`${dir}/${stem}.hex`, 'utf8')) }));
}

/** Maps as Maps (integer keys stay integers), so that re-encoding gives the input bytes back. */
const cborxDecoder = new Decoder({ useRecords: false, mapsAsObjects: false });
const cborxEncoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false });
const CBORG_DECODE = { useMaps: true } as const;
const POOLED: EncodeOptions = { pooled: true };
/** Keep map entries in the order decoded: the examples are already in deterministic order. */
const CBORG_ENCODE = { mapSorter: () => 0 };

export interface ContentResult {
  examples: number;
  totalBytes: number;
  timings: Record<string, Timing & { label: string }>;
  ratios: Record<string, number>;
  /** The same ratios from CPU time per op (see Timing.cpuNsPerOp). */
  cpuRatios: Record<string, number>;
}

export const CONTENT_RATIOS: Record<string, [string, string]> = {
  decode_vs_cborxRaw: ['decode.cborxRaw', 'decode.ours'],
  decode_vs_cborgRaw: ['decode.cborgRaw', 'decode.ours'],
  encode_vs_cborx: ['encode.cborx', 'encode.ours'],
  encodePooled_vs_cborx: ['encode.cborx', 'encode.oursPooled'],
  encode_vs_cborg: ['encode.cborg', 'encode.ours'],
  validate_over_is: ['guard.validate', 'guard.is'],
};

/**
 * The timed cases, in groups (decode, encode, guard), each op all 14
 * examples. Each case's worker builds them again (timing.ts).
 */
export function contentCases(): Case[][] {
  const inputs = contentExamples().map((e) => e.bytes);
  const ours: MimiContent[] = inputs.map((b) => decodeMimiContent(b));
  const viaCborx: unknown[] = inputs.map((b) => cborxDecoder.decode(b));
  const viaCborg: unknown[] = inputs.map((b) => cborg.decode(b, CBORG_DECODE));
  const each = <T>(items: readonly T[], f: (x: T) => unknown) => (): number => {
    let n = 0;
    for (let i = 0; i < items.length; i++) if (f(items[i]!) !== undefined) n++;
    return n;
  };
  return [
    [
      { id: 'decode.ours', label: 'generated decodeMimiContent (validates)', fn: each(inputs, decodeMimiContent) },
      { id: 'decode.cborxRaw', label: 'cbor-x decode alone (no checks)', fn: each(inputs, (b) => cborxDecoder.decode(b) as unknown) },
      { id: 'decode.cborgRaw', label: 'cborg decode alone (no checks)', fn: each(inputs, (b) => cborg.decode(b, CBORG_DECODE) as unknown) },
    ],
    [
      { id: 'encode.ours', label: 'generated encodeMimiContent (checks)', fn: each(ours, encodeMimiContent) },
      // Results cut from a shared buffer, as cbor-x's are (EncodeOptions.pooled), rather than each in a buffer of its own.
      { id: 'encode.oursPooled', label: 'generated encodeMimiContent (checks; pooled results)', fn: each(ours, (v) => encodeMimiContent(v, POOLED)) },
      { id: 'encode.cborx', label: 'cbor-x encode (no checks)', fn: each(viaCborx, (v) => cborxEncoder.encode(v)) },
      { id: 'encode.cborg', label: 'cborg encode (no checks)', fn: each(viaCborg, (v) => cborg.encode(v, CBORG_ENCODE)) },
    ],
    [
      { id: 'guard.is', label: 'generated isMimiContent', fn: each(ours, (v) => isMimiContent(v) || undefined) },
      { id: 'guard.validate', label: 'generated validateMimiContent (valid input)', fn: each(ours, validateMimiContent) },
    ],
  ];
}

export async function benchContent(timing: TimingOptions): Promise<ContentResult> {
  const examples = contentExamples();
  if (examples.length !== 14) throw new EquivalenceError(`expected the 14 MIMI content examples in ${VECTORS_DIR}, found ${examples.length}`);
  const inputs = examples.map((e) => e.bytes);
  const ours: MimiContent[] = inputs.map((b) => decodeMimiContent(b));
  const viaCborx: unknown[] = inputs.map((b) => cborxDecoder.decode(b));
  const viaCborg: unknown[] = inputs.map((b) => cborg.decode(b, CBORG_DECODE));
  examples.forEach((e, i) => {
    const fail = (who: string): never => {
      throw new EquivalenceError(`${e.stem}: ${who} does not give the input bytes back — refusing to time different work`);
    };
    if (!bytesEqual(encodeMimiContent(ours[i]!), e.bytes) || !bytesEqual(encodeMimiContent(ours[i]!, POOLED), e.bytes)) fail('the generated codec');
    if (!bytesEqual(Uint8Array.from(cborxEncoder.encode(viaCborx[i])), e.bytes)) fail('cbor-x');
    if (!bytesEqual(cborg.encode(viaCborg[i], CBORG_ENCODE), e.bytes)) fail('cborg');
    if (!isMimiContent(ours[i]) || validateMimiContent(ours[i]).length !== 0) fail('the generated guard');
  });

  const groups = contentCases();
  const timings: ContentResult['timings'] = {};
  for (const [group, cases] of groups.entries()) {
    const t = await timeGroup(cases, timing, { module: import.meta.url, build: 'contentCases', args: [], group });
    for (const c of cases) timings[c.id] = { label: c.label, ...t.get(c.id)! };
  }
  const ratios: Record<string, number> = {};
  for (const [name, [theirs, mine]] of Object.entries(CONTENT_RATIOS)) ratios[name] = timings[theirs]!.nsPerOp / timings[mine]!.nsPerOp;
  const cpuRatios: Record<string, number> = {};
  for (const [name, [theirs, mine]] of Object.entries(CONTENT_RATIOS)) cpuRatios[name] = timings[theirs]!.cpuNsPerOp / timings[mine]!.cpuNsPerOp;
  return { examples: examples.length, totalBytes: inputs.reduce((s, b) => s + b.length, 0), timings, ratios, cpuRatios };
}

export function printContent(r: ContentResult): void {
  console.log(`\n== MIMI content: ${r.examples} example messages per op (${r.totalBytes} bytes of CBOR) ==`);
  const row = (id: string, ratio?: string, note?: string): Row => ({
    id,
    label: r.timings[id]!.label,
    timing: r.timings[id]!,
    ...(ratio === undefined ? {} : { ratio: { value: r.ratios[ratio]!, ...(note === undefined ? {} : { note }) } }),
  });
  printRows('decode', [row('decode.ours'), row('decode.cborxRaw', 'decode_vs_cborxRaw', 'no checks'), row('decode.cborgRaw', 'decode_vs_cborgRaw', 'no checks')]);
  printRows('encode', [row('encode.ours'), row('encode.oursPooled'), row('encode.cborx', 'encode_vs_cborx'), row('encode.cborg', 'encode_vs_cborg')]);
  console.log(`    with pooled results (EncodeOptions.pooled), as cbor-x's: cbor-x ÷ ours ${r.ratios.encodePooled_vs_cborx!.toFixed(2)}`);
  printRows('guard', [row('guard.is'), row('guard.validate')]);
  console.log(`    validateX on valid input takes ${r.ratios.validate_over_is!.toFixed(2)}× the time of isX`);
}

export function contentJson(r: ContentResult): unknown {
  return {
    examples: r.examples,
    totalBytes: r.totalBytes,
    nsPerOp: Object.fromEntries(Object.entries(r.timings).map(([id, t]) => [id, round(t.nsPerOp, 1)])),
    spreadPct: Object.fromEntries(Object.entries(r.timings).map(([id, t]) => [id, round(t.spreadPct, 2)])),
    ratios: Object.fromEntries(Object.entries(r.ratios).map(([k, v]) => [k, round(v)])),
    cpuRatios: Object.fromEntries(Object.entries(r.cpuRatios).map(([k, v]) => [k, round(v)])),
  };
}
