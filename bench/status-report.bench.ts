/**
 * Benchmark: the generated MIMI message-status codec against cbor-x.
 *
 * Run with `npm run bench`. Prints a table and, last, one `BENCH_JSON {...}`
 * line from which the README figures can be regenerated. Nothing here is an
 * assertion about speed: the only failures are equivalence failures, raised
 * before any timing so that the two sides can never be doing different work.
 *
 * See bench/README.md for what is measured and how to read it.
 */

import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { PerformanceObserver } from 'node:perf_hooks';
import { Decoder, Encoder } from 'cbor-x';
import {
  type PerMessageStatus,
  type MessageStatusReport,
  decodeMessageStatusReport,
  encodeMessageStatusReport,
  isMessageStatusReport,
} from '../generated/mimi-message-status.js';

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

const SEED = 0x5eed_2024;
const SIZES = [1000, 10] as const;
/** Timed batches per case; the median is reported. */
const BATCHES = 15;
/** Target duration of one batch. */
const BATCH_MS = 40;
/** Warm-up per case before calibration (lets the JIT optimise). */
const WARMUP_MS = 120;

// ---------------------------------------------------------------------------
// Data: deterministic pseudo-random reports
// ---------------------------------------------------------------------------

/** mulberry32: small, fast, good enough, and identical on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` entries: random 32-byte IDs; statuses mostly base (0..6), ~10% unknown (7..255, some ≥ 24 so they need a 2-byte head). */
function makeReport(n: number, seed: number): MessageStatusReport {
  const rand = mulberry32(seed);
  const report: PerMessageStatus[] = [];
  for (let i = 0; i < n; i++) {
    const messageId = new Uint8Array(32);
    for (let j = 0; j < 32; j++) messageId[j] = Math.floor(rand() * 256);
    const status = rand() < 0.9 ? Math.floor(rand() * 7) : 7 + Math.floor(rand() * 249);
    report.push({ messageId, status: status as PerMessageStatus['status'] });
  }
  return report;
}

type Positional = [Uint8Array, number][];

function toPositional(report: MessageStatusReport): Positional {
  return report.map((e) => [e.messageId, e.status]);
}

// ---------------------------------------------------------------------------
// The cbor-x side
// ---------------------------------------------------------------------------

/** cbor-x configured for its best case: plain CBOR, bstr without tag 64, no record extension. */
const cborxEncoder = new Encoder({ tagUint8Array: false, useRecords: false });
const cborxDecoder = new Decoder({ useRecords: false });

/**
 * What a cbor-x user writes to get the generated decoder's guarantees:
 * decode, check the shape entry by entry, and map to `{ messageId, status }`.
 * (cbor-x returns Buffer views in Node; a Buffer is a Uint8Array.)
 */
function cborxDecodeValidated(bytes: Uint8Array): MessageStatusReport {
  const raw: unknown = cborxDecoder.decode(bytes);
  if (!Array.isArray(raw)) throw new TypeError('report: expected an array');
  const out: PerMessageStatus[] = [];
  for (let i = 0; i < raw.length; i++) {
    const entry: unknown = raw[i];
    if (!Array.isArray(entry) || entry.length !== 2) throw new TypeError(`[${i}]: expected an array of 2 items`);
    const messageId: unknown = entry[0];
    const status: unknown = entry[1];
    if (!(messageId instanceof Uint8Array) || messageId.length !== 32) {
      throw new TypeError(`[${i}].messageId: expected a byte string of 32 bytes`);
    }
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 255) {
      throw new TypeError(`[${i}].status: expected an integer in 0..255`);
    }
    out.push({ messageId, status: status as PerMessageStatus['status'] });
  }
  return out;
}

/** A hand-written guard equivalent to isMessageStatusReport, as a reference point. */
function handIsReport(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const e: unknown = value[i];
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return false;
    const { messageId, status } = e as { messageId?: unknown; status?: unknown };
    if (!(messageId instanceof Uint8Array) || messageId.length !== 32) return false;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < 0 || status > 255) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Equivalence checks (abort before timing if the two sides differ)
// ---------------------------------------------------------------------------

class EquivalenceError extends Error {
  override name = 'EquivalenceError';
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameReport(a: MessageStatusReport, b: MessageStatusReport): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.status !== y.status || !bytesEqual(x.messageId, y.messageId)) return false;
  }
  return true;
}

function throws(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
}

function checkEquivalence(report: MessageStatusReport, label: string): Uint8Array {
  const fail = (what: string): never => {
    throw new EquivalenceError(`${label}: ${what} — refusing to time different work`);
  };
  const positional = toPositional(report);
  const ours = encodeMessageStatusReport(report);
  const theirs = Uint8Array.from(cborxEncoder.encode(positional)); // copy: cbor-x returns a view into a reused buffer
  if (!bytesEqual(ours, theirs)) fail(`encodings differ (ours ${ours.length} bytes, cbor-x ${theirs.length} bytes)`);

  if (!sameReport(decodeMessageStatusReport(ours), report)) fail('generated decoder does not round-trip');
  if (!sameReport(cborxDecodeValidated(ours), report)) fail('cbor-x + validation does not round-trip');
  const raw = cborxDecoder.decode(ours) as Positional;
  if (!sameReport(raw.map(([messageId, status]) => ({ messageId, status: status as PerMessageStatus['status'] })), report)) {
    fail('cbor-x raw decode does not round-trip');
  }
  const objectForm = cborxDecoder.decode(Uint8Array.from(cborxEncoder.encode(report))) as MessageStatusReport;
  if (!sameReport(objectForm, report)) fail('cbor-x object form does not round-trip');
  if (!isMessageStatusReport(report) || !handIsReport(report)) fail('guards reject the valid report');

  // Same guarantees: both decoders must reject the same invalid inputs.
  const first = positional[0];
  if (first !== undefined) {
    const bad: [string, unknown][] = [
      ['status 256', [[first[0], 256], ...positional.slice(1)]],
      ['31-byte messageId', [[first[0].subarray(1), first[1]], ...positional.slice(1)]],
      ['3-item entry', [[first[0], first[1], 0], ...positional.slice(1)]],
      ['text messageId', [['x'.repeat(32), first[1]], ...positional.slice(1)]],
      ['negative status', [[first[0], -1], ...positional.slice(1)]],
      ['top-level map', { a: 1 }],
    ];
    for (const [what, value] of bad) {
      const bytes = Uint8Array.from(cborxEncoder.encode(value));
      if (!throws(() => decodeMessageStatusReport(bytes))) fail(`generated decoder accepts ${what}`);
      if (!throws(() => cborxDecodeValidated(bytes))) fail(`cbor-x + validation accepts ${what}`);
    }
    const trailing = new Uint8Array(ours.length + 1);
    trailing.set(ours);
    if (!throws(() => decodeMessageStatusReport(trailing))) fail('generated decoder accepts trailing bytes');
    if (!throws(() => cborxDecodeValidated(trailing))) fail('cbor-x + validation accepts trailing bytes');
  }
  return ours;
}

// ---------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------

/** Results flow here so the JIT cannot drop the work. */
let sink = 0;

function consume(r: unknown): void {
  if (typeof r === 'boolean') sink += r ? 1 : 0;
  else sink += (r as { length: number }).length;
}

interface Case {
  id: string;
  label: string;
  fn: () => unknown;
}

interface Timing {
  nsPerOp: number;
  opsPerSec: number;
  /** Half the interquartile range of the batch times, relative to the median, in %. */
  spreadPct: number;
  iterationsPerBatch: number;
}

function runBatch(fn: () => unknown, iterations: number): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) consume(fn());
  return Number(process.hrtime.bigint() - t0);
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

/** Warms up and calibrates each case, then times batches round-robin so drift on a shared machine hits all cases alike. */
function timeGroup(cases: Case[]): Map<string, Timing> {
  const iters = new Map<string, number>();
  for (const c of cases) {
    const end = performance.now() + WARMUP_MS;
    while (performance.now() < end) consume(c.fn());
    let n = 1;
    let ns = runBatch(c.fn, n);
    while (ns < 5e6) {
      n *= 2;
      ns = runBatch(c.fn, n);
    }
    iters.set(c.id, Math.max(1, Math.round((n * BATCH_MS * 1e6) / ns)));
  }
  const samples = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  for (let b = 0; b < BATCHES; b++) {
    for (const c of cases) {
      const n = iters.get(c.id)!;
      samples.get(c.id)!.push(runBatch(c.fn, n) / n);
    }
  }
  const out = new Map<string, Timing>();
  for (const c of cases) {
    const s = samples.get(c.id)!.sort((x, y) => x - y);
    const med = quantile(s, 0.5);
    out.set(c.id, {
      nsPerOp: med,
      opsPerSec: 1e9 / med,
      spreadPct: ((quantile(s, 0.75) - quantile(s, 0.25)) / 2 / med) * 100,
      iterationsPerBatch: iters.get(c.id)!,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Allocation (optional: needs gc, exposed at run time below)
// ---------------------------------------------------------------------------

type Gc = (options?: { type: 'major' | 'minor' }) => void;

function exposeGc(): Gc | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as Gc) : null;
  } catch {
    return null;
  }
}

const gc = exposeGc();

interface Alloc {
  /** Median bytes per op: JS heap plus ArrayBuffer backing stores. */
  bytesPerOp: number;
  heapBytesPerOp: number;
  arrayBufferBytesPerOp: number;
  /** Windows kept (no GC inside) out of those run. */
  cleanWindows: number;
  /** False when too few windows were GC-free or the clean ones disagreed by more than 10%. */
  reliable: boolean;
}

function used(): { heap: number; ab: number } {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, ab: m.arrayBuffers };
}

/** Start and end (performance.now() timeline) of every GC, to discard windows a GC ran in. */
const gcSpans: [number, number][] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcSpans.push([e.startTime, e.startTime + e.duration]);
});
gcObserver.observe({ entryTypes: ['gc'] });

/** Lets the GC observer deliver its entries. */
const flushObserver = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * Allocation per op from heapUsed/arrayBuffers deltas over small windows
 * (~256 KiB each), each starting after a young-generation GC (synchronous; a
 * full GC's concurrent sweeping would lower heapUsed inside the window) plus one
 * unmeasured op. Windows in which the GC observer saw a collection are discarded. Measured after timing, on
 * optimised code.
 */
async function measureAlloc(fn: () => unknown, windows = 10): Promise<Alloc | null> {
  if (gc === null) return null;
  gc();
  await flushObserver(); // lets concurrent sweeping finish: it lowers heapUsed
  consume(fn());
  const t0 = used();
  consume(fn());
  const t1 = used();
  const trial = Math.max(1, t1.heap - t0.heap + (t1.ab - t0.ab));
  const opsPerWindow = Math.max(1, Math.min(1000, Math.floor(262144 / trial)));
  const base: { heap: number; ab: number }[] = [];
  for (let w = 0; w < 5; w++) {
    gc({ type: 'minor' });
    const a = used();
    const b = used();
    base.push({ heap: b.heap - a.heap, ab: b.ab - a.ab });
  }
  base.sort((x, y) => x.heap - y.heap);
  const overhead = base[2]!;
  // Rounds of windows until enough are GC-free (a collection can be triggered
  // by ArrayBuffer pressure even in a short window), at most 4 rounds.
  type Window = { heap: number; ab: number; from: number; to: number };
  const clean: Window[] = [];
  for (let round = 0; round < 4 && clean.length < 7; round++) {
    const raw: Window[] = [];
    for (let w = 0; w < windows; w++) {
      gc({ type: 'minor' });
      consume(fn());
      const from = performance.now();
      const a = used();
      for (let i = 0; i < opsPerWindow; i++) consume(fn());
      const b = used();
      const to = performance.now();
      raw.push({ heap: (b.heap - a.heap - overhead.heap) / opsPerWindow, ab: (b.ab - a.ab - overhead.ab) / opsPerWindow, from, to });
    }
    await flushObserver();
    clean.push(...raw.filter((r) => !gcSpans.some(([s, e]) => s < r.to && e > r.from)));
    gcSpans.length = 0;
  }
  if (clean.length === 0) return { bytesPerOp: NaN, heapBytesPerOp: NaN, arrayBufferBytesPerOp: NaN, cleanWindows: 0, reliable: false };
  const heap = clean.map((r) => r.heap).sort((x, y) => x - y);
  const ab = clean.map((r) => r.ab).sort((x, y) => x - y);
  const total = clean.map((r) => r.heap + r.ab).sort((x, y) => x - y);
  const med = quantile(total, 0.5);
  const reliable =
    clean.length >= 5 && total[0]! >= 0 && quantile(total, 0.75) - quantile(total, 0.25) <= Math.max(0.1 * med, 64);
  return {
    bytesPerOp: Math.round(med),
    heapBytesPerOp: Math.round(quantile(heap, 0.5)),
    arrayBufferBytesPerOp: Math.round(quantile(ab, 0.5)),
    cleanWindows: clean.length,
    reliable,
  };
}

// ---------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------

function fmtTime(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function fmtBytes(n: number): string {
  if (Number.isNaN(n)) return 'n/a';
  if (Math.abs(n) >= 10240) return `${(n / 1024).toFixed(1)} KiB`;
  return `${fmtInt(n)} B`;
}

/** "2.31× faster" when theirs is slower than ours, "1.40× slower" otherwise. */
function fmtRatio(theirsNs: number, oursNs: number): string {
  const r = theirsNs / oursNs;
  return r >= 1 ? `ours ${r.toFixed(2)}× faster` : `ours ${(1 / r).toFixed(2)}× slower`;
}

function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

interface SizeResult {
  entries: number;
  encodedBytes: number;
  timings: Record<string, Timing & { label: string }>;
  ratios: Record<string, number>;
  alloc: Record<string, Alloc | null>;
}

async function benchSize(entries: number, seed: number): Promise<SizeResult> {
  const report = makeReport(entries, seed);
  const positional = toPositional(report);
  const bytes = checkEquivalence(report, `${entries} entries`);

  const groups: Record<string, Case[]> = {
    encode: [
      { id: 'encode.ours', label: 'mimi-codegen encodeMessageStatusReport (validates)', fn: () => encodeMessageStatusReport(report) },
      { id: 'encode.cborx', label: 'cbor-x encode, positional [[id, status], …] (no checks)', fn: () => cborxEncoder.encode(positional) },
      { id: 'encode.cborxObject', label: 'cbor-x encode, object form {messageId, status} (other bytes)', fn: () => cborxEncoder.encode(report) },
    ],
    decode: [
      { id: 'decode.ours', label: 'mimi-codegen decodeMessageStatusReport (validates)', fn: () => decodeMessageStatusReport(bytes) },
      { id: 'decode.cborxValidated', label: 'cbor-x decode + hand-written validation + map', fn: () => cborxDecodeValidated(bytes) },
      { id: 'decode.cborxRaw', label: 'cbor-x decode alone (no checks, arrays)', fn: () => cborxDecoder.decode(bytes) as unknown },
    ],
    validate: [
      { id: 'validate.ours', label: 'mimi-codegen isMessageStatusReport', fn: () => isMessageStatusReport(report) },
      { id: 'validate.hand', label: 'hand-written guard (reference)', fn: () => handIsReport(report) },
    ],
  };

  const timings: SizeResult['timings'] = {};
  for (const cases of Object.values(groups)) {
    const t = timeGroup(cases);
    for (const c of cases) timings[c.id] = { label: c.label, ...t.get(c.id)! };
  }
  const ns = (id: string): number => timings[id]!.nsPerOp;
  const ratios: Record<string, number> = {
    encode_vs_cborx: ns('encode.cborx') / ns('encode.ours'),
    encode_vs_cborxObject: ns('encode.cborxObject') / ns('encode.ours'),
    decode_vs_cborxValidated: ns('decode.cborxValidated') / ns('decode.ours'),
    decode_vs_cborxRaw: ns('decode.cborxRaw') / ns('decode.ours'),
    validate_vs_hand: ns('validate.hand') / ns('validate.ours'),
  };

  const alloc: SizeResult['alloc'] = {};
  // Not cbor-x encode: it writes into a buffer it reuses until full, so its
  // allocation comes in rare large bursts that short windows cannot average.
  for (const id of ['encode.ours', 'decode.ours', 'decode.cborxValidated', 'decode.cborxRaw']) {
    const c = Object.values(groups).flat().find((x) => x.id === id)!;
    alloc[id] = await measureAlloc(c.fn);
  }
  return { entries, encodedBytes: bytes.length, timings, ratios, alloc };
}

function printSize(r: SizeResult): void {
  console.log(`\n== ${fmtInt(r.entries)} entries (${fmtInt(r.encodedBytes)} bytes of CBOR) ==`);
  const W = 62;
  console.log(`${pad('', 9)}${pad('implementation', W)}${pad('per op', 11, true)}${pad('ops/s', 12, true)}${pad('±', 7, true)}   ratio (cbor-x / ours)`);
  const headline: Record<string, [string, string]> = {
    'encode.cborx': ['encode.ours', 'HEADLINE'],
    'encode.cborxObject': ['encode.ours', ''],
    'decode.cborxValidated': ['decode.ours', 'HEADLINE'],
    'decode.cborxRaw': ['decode.ours', 'no checks, for honesty'],
    'validate.hand': ['validate.ours', ''],
  };
  let lastOp = '';
  for (const [id, t] of Object.entries(r.timings)) {
    const op = id.split('.')[0]!;
    if (op !== lastOp && lastOp !== '') console.log('');
    const rel = headline[id];
    const ratio = rel ? `${fmtRatio(t.nsPerOp, r.timings[rel[0]]!.nsPerOp)}${rel[1] ? `  (${rel[1]})` : ''}` : '';
    console.log(
      `${pad(op === lastOp ? '' : op, 9)}${pad(t.label, W)}${pad(fmtTime(t.nsPerOp), 11, true)}${pad(fmtInt(t.opsPerSec), 12, true)}${pad(
        `${t.spreadPct.toFixed(1)}%`,
        7,
        true,
      )}   ${ratio}`,
    );
    lastOp = op;
  }
  const allocRows = Object.entries(r.alloc);
  if (allocRows.every(([, a]) => a === null)) {
    console.log('\nallocation: not measured (gc could not be exposed)');
    return;
  }
  console.log('\nallocation per op (JS heap + ArrayBuffer backing stores):');
  for (const [id, a] of allocRows) {
    if (a === null) continue;
    console.log(
      `  ${pad(id, 24)}${pad(fmtBytes(a.bytesPerOp), 11, true)}  (heap ${fmtBytes(a.heapBytesPerOp)}, ArrayBuffers ${fmtBytes(a.arrayBufferBytesPerOp)})${
        a.reliable ? '' : `  [UNRELIABLE: ${a.cleanWindows} GC-free windows, or they disagree]`
      }`,
    );
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os.loadavg().map((x) => x.toFixed(2));
  console.log('mimi-codegen benchmark: MIMI MessageStatusReport, generated codec vs cbor-x');
  console.log(`node ${process.version} · ${cpu} · ${os.cpus().length} CPUs · ${process.platform} ${process.arch} · load avg ${load.join(' ')}`);
  console.log(
    `seed 0x${SEED.toString(16)} · ${BATCHES} batches of ~${BATCH_MS} ms per case, interleaved · median time per op, ± = half IQR of batches`,
  );
  console.log('ratio = cbor-x time / our time; results were checked equal before timing.');

  const results: SizeResult[] = [];
  for (const n of SIZES) {
    const r = await benchSize(n, SEED + n);
    printSize(r);
    results.push(r);
  }

  const seconds = (performance.now() - started) / 1000;
  console.log(`\ndone in ${seconds.toFixed(1)} s (sink ${sink % 1000}). Noisy machine? Run it twice and compare.`);
  if (gc === null) console.log('allocation figures skipped: gc could not be exposed.');
  else {
    console.log(
      'allocation: heapUsed/arrayBuffers deltas over GC-free windows, approximate; cbor-x encode not measured (it reuses its output buffer, allocating in rare bursts).',
    );
  }

  const json = {
    node: process.version,
    cpu,
    cpus: os.cpus().length,
    loadavg: os.loadavg(),
    seed: SEED,
    batches: BATCHES,
    batchMs: BATCH_MS,
    seconds: Number(seconds.toFixed(1)),
    sizes: results.map((r) => ({
      entries: r.entries,
      encodedBytes: r.encodedBytes,
      nsPerOp: Object.fromEntries(Object.entries(r.timings).map(([id, t]) => [id, Number(t.nsPerOp.toFixed(1))])),
      spreadPct: Object.fromEntries(Object.entries(r.timings).map(([id, t]) => [id, Number(t.spreadPct.toFixed(2))])),
      ratios: Object.fromEntries(Object.entries(r.ratios).map(([k, v]) => [k, Number(v.toFixed(3))])),
      allocBytesPerOp: Object.fromEntries(
        Object.entries(r.alloc).map(([id, a]) => [id, a === null ? null : { total: a.bytesPerOp, heap: a.heapBytesPerOp, arrayBuffers: a.arrayBufferBytesPerOp, cleanWindows: a.cleanWindows, reliable: a.reliable }]),
      ),
    })),
  };
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}

await main();
