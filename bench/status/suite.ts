/**
 * The status report at N = 1, 10 and 1000 entries: the generated codec
 * against the hand-written ceiling (bench/status/hand.ts), cbor-x and cborg.
 * Every side is checked to do the same work before anything is timed.
 */
import { Decoder, Encoder } from 'cbor-x';
import * as cborg from 'cborg';
import {
  type MessageStatusReport,
  type PerMessageStatus,
  decodeMessageStatusReport,
  encodeMessageStatusReport,
  isMessageStatusReport,
  validateMessageStatusReport,
} from '../../generated/mimi-message-status.js';
import { measureAlloc, type Alloc } from '../lib/alloc.js';
import { printRows, round, type Row } from '../lib/format.js';
import { timeGroup, type Case, type Timing, type TimingOptions } from '../lib/timing.js';
import { SEED, bytesEqual, makeReport, sameReport, toPositional, type Positional } from './data.js';
import { handDecodeReport, handEncodeReport, handIsReport } from './hand.js';

export const STATUS_SIZES = [1, 10, 1000] as const;

/** cbor-x in its best case for this data: plain CBOR, byte strings without tag 64, no record extension. */
const cborxEncoder = new Encoder({ tagUint8Array: false, useRecords: false });
const cborxDecoder = new Decoder({ useRecords: false });

/**
 * What a user of a generic decoder writes to get the generated decoder's
 * guarantees on the decoded value: check the shape entry by entry and map it
 * to `{ messageId, status }`. (It cannot see the encoding: a float status or
 * a tagged ID that the generic decoder turned into 1 or bytes passes.)
 */
export function validatePositional(raw: unknown): MessageStatusReport {
  if (!Array.isArray(raw)) throw new TypeError('report: expected an array');
  const out: PerMessageStatus[] = [];
  for (let i = 0; i < raw.length; i++) {
    const entry: unknown = raw[i];
    if (!Array.isArray(entry) || entry.length !== 2) throw new TypeError(`[${i}]: expected an array of 2 items`);
    const messageId: unknown = entry[0];
    const status: unknown = entry[1];
    if (!(messageId instanceof Uint8Array) || messageId.length !== 32) throw new TypeError(`[${i}].messageId: expected a byte string of 32 bytes`);
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 255) throw new TypeError(`[${i}].status: expected an integer in 0..255`);
    out.push({ messageId, status: status as PerMessageStatus['status'] });
  }
  return out;
}

export class EquivalenceError extends Error {
  override name = 'EquivalenceError';
}

function throws(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
}

/** Aborts (before any timing) unless every side produces the same bytes and values and rejects the same bad values. */
function checkEquivalence(report: MessageStatusReport, label: string): Uint8Array {
  const fail = (what: string): never => {
    throw new EquivalenceError(`${label}: ${what} — refusing to time different work`);
  };
  const positional = toPositional(report);
  const ours = encodeMessageStatusReport(report);
  if (!bytesEqual(handEncodeReport(report), ours)) fail('the hand-written encoder gives other bytes');
  if (!bytesEqual(Uint8Array.from(cborxEncoder.encode(positional)), ours)) fail('cbor-x gives other bytes');
  if (!bytesEqual(cborg.encode(positional), ours)) fail('cborg gives other bytes');
  const decoded: [string, MessageStatusReport][] = [
    ['generated decoder', decodeMessageStatusReport(ours)],
    ['hand-written decoder', handDecodeReport(ours)],
    ['cbor-x + validation', validatePositional(cborxDecoder.decode(ours))],
    ['cborg + validation', validatePositional(cborg.decode(ours))],
  ];
  for (const [who, value] of decoded) if (!sameReport(value, report)) fail(`${who} does not round-trip`);
  if (!isMessageStatusReport(report) || !handIsReport(report) || validateMessageStatusReport(report).length !== 0) fail('a guard rejects the valid report');
  const first = positional[0];
  if (first !== undefined) {
    const bad: [string, unknown][] = [
      ['status 256', [[first[0], 256], ...positional.slice(1)]],
      ['31-byte messageId', [[first[0].subarray(1), first[1]], ...positional.slice(1)]],
      ['3-item entry', [[first[0], first[1], 0], ...positional.slice(1)]],
      ['negative status', [[first[0], -1], ...positional.slice(1)]],
      ['top-level map', { a: 1 }],
    ];
    for (const [what, value] of bad) {
      const bytes = Uint8Array.from(cborxEncoder.encode(value));
      for (const [who, decode] of [
        ['generated', decodeMessageStatusReport],
        ['hand-written', handDecodeReport],
        ['cbor-x + validation', (b: Uint8Array) => validatePositional(cborxDecoder.decode(b))],
        ['cborg + validation', (b: Uint8Array) => validatePositional(cborg.decode(b))],
      ] as const) {
        if (!throws(() => decode(bytes))) fail(`${who} decoder accepts ${what}`);
      }
    }
  }
  return ours;
}

export interface StatusSizeResult {
  entries: number;
  encodedBytes: number;
  timings: Record<string, Timing & { label: string }>;
  /** their time ÷ ours (above 1: ours faster), except `validate_over_is` (validateX time ÷ isX time). */
  ratios: Record<string, number>;
  /** The same ratios from CPU time per op (see Timing.cpuNsPerOp). */
  cpuRatios: Record<string, number>;
  alloc: Record<string, Alloc | null>;
}

/** Ratio definitions: name → [their case, our case]. */
export const STATUS_RATIOS: Record<string, [string, string]> = {
  encode_vs_hand: ['encode.hand', 'encode.ours'],
  encode_vs_cborx: ['encode.cborx', 'encode.ours'],
  encode_vs_cborg: ['encode.cborg', 'encode.ours'],
  decode_vs_hand: ['decode.hand', 'decode.ours'],
  decode_vs_cborxRaw: ['decode.cborxRaw', 'decode.ours'],
  decode_vs_cborxValidated: ['decode.cborxValidated', 'decode.ours'],
  decode_vs_cborgRaw: ['decode.cborgRaw', 'decode.ours'],
  decode_vs_cborgValidated: ['decode.cborgValidated', 'decode.ours'],
  is_vs_hand: ['guard.hand', 'guard.is'],
  validate_over_is: ['guard.validate', 'guard.is'],
};

/**
 * The timed cases of a report of `entries` entries, in groups (encode,
 * decode, guard). Each case's worker builds them again (timing.ts), so this
 * depends on nothing but `entries`.
 */
export function statusCases(entries: number): Case[][] {
  const report = makeReport(entries, SEED + entries);
  const positional: Positional = toPositional(report);
  const bytes = encodeMessageStatusReport(report);
  return [
    [
      { id: 'encode.ours', label: 'generated encodeMessageStatusReport (checks)', fn: () => encodeMessageStatusReport(report) },
      { id: 'encode.hand', label: 'hand-written encoder (checks; the ceiling)', fn: () => handEncodeReport(report) },
      { id: 'encode.cborx', label: 'cbor-x encode [[id, status], …] (no checks)', fn: () => cborxEncoder.encode(positional) },
      { id: 'encode.cborg', label: 'cborg encode [[id, status], …] (no checks)', fn: () => cborg.encode(positional) },
    ],
    [
      { id: 'decode.ours', label: 'generated decodeMessageStatusReport (validates)', fn: () => decodeMessageStatusReport(bytes) },
      { id: 'decode.hand', label: 'hand-written decoder (validates; the ceiling)', fn: () => handDecodeReport(bytes) },
      { id: 'decode.cborxRaw', label: 'cbor-x decode alone (no checks, arrays)', fn: () => cborxDecoder.decode(bytes) as unknown },
      { id: 'decode.cborxValidated', label: 'cbor-x decode + hand-written validation', fn: () => validatePositional(cborxDecoder.decode(bytes)) },
      { id: 'decode.cborgRaw', label: 'cborg decode alone (no checks, arrays)', fn: () => cborg.decode(bytes) as unknown },
      { id: 'decode.cborgValidated', label: 'cborg decode + hand-written validation', fn: () => validatePositional(cborg.decode(bytes)) },
    ],
    [
      { id: 'guard.is', label: 'generated isMessageStatusReport', fn: () => isMessageStatusReport(report) },
      { id: 'guard.hand', label: 'hand-written guard (the ceiling)', fn: () => handIsReport(report) },
      { id: 'guard.validate', label: 'generated validateMessageStatusReport (valid input)', fn: () => validateMessageStatusReport(report) },
    ],
  ];
}

export async function benchStatusSize(entries: number, timing: TimingOptions, withAlloc: boolean): Promise<StatusSizeResult> {
  const bytes = checkEquivalence(makeReport(entries, SEED + entries), `${entries} entries`);
  const groups = statusCases(entries);
  const timings: StatusSizeResult['timings'] = {};
  for (const [group, cases] of groups.entries()) {
    const t = await timeGroup(cases, timing, { module: import.meta.url, build: 'statusCases', args: [entries], group });
    for (const c of cases) timings[c.id] = { label: c.label, ...t.get(c.id)! };
  }
  const ratios: Record<string, number> = {};
  for (const [name, [theirs, ours]] of Object.entries(STATUS_RATIOS)) ratios[name] = timings[theirs]!.nsPerOp / timings[ours]!.nsPerOp;
  const cpuRatios: Record<string, number> = {};
  for (const [name, [theirs, ours]] of Object.entries(STATUS_RATIOS)) cpuRatios[name] = timings[theirs]!.cpuNsPerOp / timings[ours]!.cpuNsPerOp;
  const alloc: StatusSizeResult['alloc'] = {};
  if (withAlloc) {
    // Not cbor-x encode: it writes into a buffer it reuses until full, so it allocates in rare large bursts.
    for (const id of ['encode.ours', 'encode.hand', 'decode.ours', 'decode.hand', 'decode.cborxRaw']) {
      const c = groups.flat().find((x) => x.id === id)!;
      alloc[id] = await measureAlloc(c.fn);
    }
  }
  return { entries, encodedBytes: bytes.length, timings, ratios, cpuRatios, alloc };
}

export function printStatusSize(r: StatusSizeResult): void {
  console.log(`\n== status report, ${r.entries} ${r.entries === 1 ? 'entry' : 'entries'} (${r.encodedBytes} bytes of CBOR) ==`);
  const row = (id: string, ratio?: string, note?: string): Row => ({
    id,
    label: r.timings[id]!.label,
    timing: r.timings[id]!,
    ...(ratio === undefined ? {} : { ratio: { value: r.ratios[ratio]!, ...(note === undefined ? {} : { note }) } }),
  });
  printRows('encode', [row('encode.ours'), row('encode.hand', 'encode_vs_hand'), row('encode.cborx', 'encode_vs_cborx'), row('encode.cborg', 'encode_vs_cborg')]);
  printRows('decode', [
    row('decode.ours'),
    row('decode.hand', 'decode_vs_hand'),
    row('decode.cborxRaw', 'decode_vs_cborxRaw', 'no checks'),
    row('decode.cborxValidated', 'decode_vs_cborxValidated'),
    row('decode.cborgRaw', 'decode_vs_cborgRaw', 'no checks'),
    row('decode.cborgValidated', 'decode_vs_cborgValidated'),
  ]);
  printRows('guard', [row('guard.is'), row('guard.hand', 'is_vs_hand'), row('guard.validate')]);
  console.log(`    validateX on valid input takes ${r.ratios.validate_over_is!.toFixed(2)}× the time of isX`);
  const allocRows = Object.entries(r.alloc).filter((e): e is [string, Alloc] => e[1] !== null);
  if (allocRows.length > 0) {
    console.log('  allocation per op (JS heap + ArrayBuffer backing stores; approximate):');
    for (const [id, a] of allocRows) {
      console.log(`    ${id.padEnd(22)}${String(a.bytesPerOp).padStart(9)} B  (heap ${a.heapBytesPerOp} B, ArrayBuffers ${a.arrayBufferBytesPerOp} B)${a.reliable ? '' : '  [UNRELIABLE]'}`);
    }
  }
}

export function statusJson(r: StatusSizeResult): unknown {
  return {
    entries: r.entries,
    encodedBytes: r.encodedBytes,
    nsPerOp: Object.fromEntries(Object.entries(r.timings).map(([id, t]) => [id, round(t.nsPerOp, 1)])),
    spreadPct: Object.fromEntries(Object.entries(r.timings).map(([id, t]) => [id, round(t.spreadPct, 2)])),
    ratios: Object.fromEntries(Object.entries(r.ratios).map(([k, v]) => [k, round(v)])),
    cpuRatios: Object.fromEntries(Object.entries(r.cpuRatios).map(([k, v]) => [k, round(v)])),
    allocBytesPerOp: Object.fromEntries(Object.entries(r.alloc).map(([id, a]) => [id, a === null ? null : { total: a.bytesPerOp, reliable: a.reliable }])),
  };
}
