/**
 * Timing for the benchmark suite: warm-up, calibration, then batches of
 * the cases of one group run in turn (A, B, C, A, B, C, …) so that drift on
 * a shared machine hits every case alike. The median batch is reported.
 * Each case runs in a worker of its own (case-worker.ts), so that no case
 * runs on code another one trained (see timeGroup).
 */
import { Worker } from 'node:worker_threads';

/** Timed batches per case; the median is reported. */
export const BATCHES = 15;
/** Target duration of one batch. */
export const BATCH_MS = 40;
/** Warm-up per case before calibration (lets the JIT optimise). */
export const WARMUP_MS = 120;

/** Results flow here so the JIT cannot drop the work. */
let sink = 0;

export function consume(r: unknown): void {
  if (typeof r === 'boolean') sink += r ? 1 : 0;
  else if (typeof r === 'number') sink += r;
  else if (r !== null && typeof r === 'object' && 'length' in r) sink += (r as { length: number }).length;
  else sink += r === undefined ? 0 : 1;
}

/** A number derived from every result, printed so the work is observable. */
export function sinkValue(): number {
  return sink;
}

/** Adds what an isolated case's results came to (case-worker.ts reports its sink). */
export function absorbSink(n: number): void {
  sink += n;
}

export interface Case {
  id: string;
  label: string;
  fn: () => unknown;
}

export interface Timing {
  nsPerOp: number;
  /**
   * Median CPU time (user + system) of this process per op, over the same
   * batches. On an overloaded machine wall time counts the time the process
   * waited for a core; CPU time does not (it does count other threads of the
   * process, such as the GC's helpers, and the background threads of the
   * other cases' workers, idle while this one runs).
   */
  cpuNsPerOp: number;
  opsPerSec: number;
  /** Half the interquartile range of the batch times, relative to the median, in %. */
  spreadPct: number;
  iterationsPerBatch: number;
}

/** Wall and CPU nanoseconds of `iterations` calls. */
export function runBatch(fn: () => unknown, iterations: number): [wall: number, cpu: number] {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) consume(fn());
  const wall = Number(process.hrtime.bigint() - t0);
  const c1 = process.cpuUsage(c0);
  return [wall, (c1.user + c1.system) * 1000];
}

/**
 * Five functions of their own, each run through {@link runBatch} once before
 * a case is: its call of `fn` has then seen more targets than V8 inlines at
 * one place, so the case's function is always called, compiled by itself, as
 * a program calls a library function, and what it returns is made. (Alone in
 * a worker, the case's function was otherwise inlined into the loop, and the
 * empty array validateX returns for a valid value, whose length is all
 * `consume` reads, was optimised away.)
 */
const OTHER_TARGETS: readonly (() => unknown)[] = [() => 0, () => false, () => 'x', () => null, () => [0]];

/** Warms `fn` up for `warmupMs`, then returns how many calls take about `batchMs`. */
export function calibrate(fn: () => unknown, warmupMs: number, batchMs: number): number {
  for (const other of OTHER_TARGETS) runBatch(other, 1);
  const end = performance.now() + warmupMs;
  while (performance.now() < end) consume(fn());
  let n = 1;
  let ns = runBatch(fn, n)[0];
  while (ns < 5e6) {
    n *= 2;
    ns = runBatch(fn, n)[0];
  }
  return Math.max(1, Math.round((n * batchMs * 1e6) / ns));
}

export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function median(values: readonly number[]): number {
  return quantile([...values].sort((x, y) => x - y), 0.5);
}

export interface TimingOptions {
  batches?: number;
  batchMs?: number;
  warmupMs?: number;
  /**
   * Time every case in this process's own isolate, one after another, as the
   * suite once did (`--one-isolate`). By default each case runs in a worker of
   * its own (case-worker.ts): see timeGroup.
   */
  oneIsolate?: boolean;
}

/**
 * Where a worker finds a group's cases: the URL of a module under bench/,
 * the name of the function it exports that builds the groups (`Case[][]`,
 * the same on every call), its arguments, and the group's index.
 */
export interface CaseSource {
  module: string;
  build: string;
  args: readonly (number | string | boolean)[];
  group: number;
}

/** One case, where its calls run: warm-up and calibration, then batches. */
interface Runner {
  calibrate(warmupMs: number, batchMs: number): Promise<number>;
  batch(iterations: number): Promise<[wall: number, cpu: number]>;
  close(): Promise<void>;
}

function inProcess(c: Case): Runner {
  return {
    calibrate: async (warmupMs, batchMs) => calibrate(c.fn, warmupMs, batchMs),
    batch: async (iterations) => runBatch(c.fn, iterations),
    close: async () => {},
  };
}

/** Replies of case-worker.ts, in the order asked. */
type Reply = { ready: true } | { iterations: number } | { wall: number; cpu: number; sink: number };

function inWorker(source: CaseSource, id: string): Runner {
  const worker = new Worker(new URL('./case-worker.mjs', import.meta.url), { workerData: { source, id } });
  const waiting: { resolve: (r: Reply) => void; reject: (e: unknown) => void }[] = [];
  let failed: unknown;
  worker.on('message', (r: Reply) => waiting.shift()?.resolve(r));
  worker.on('error', (e) => {
    failed = e;
    for (const w of waiting.splice(0)) w.reject(e);
  });
  const next = (): Promise<Reply> =>
    failed !== undefined ? Promise.reject(failed) : new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  const ready = next();
  ready.catch(() => {}); // surfaces from ask(), where it is awaited
  const ask = async (message: unknown): Promise<Reply> => {
    await ready;
    const reply = next();
    worker.postMessage(message);
    return reply;
  };
  return {
    calibrate: async (warmupMs, batchMs) => ((await ask({ warmupMs, batchMs })) as { iterations: number }).iterations,
    batch: async (iterations) => {
      const r = (await ask({ iterations })) as { wall: number; cpu: number; sink: number };
      absorbSink(r.sink);
      return [r.wall, r.cpu];
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

/**
 * Warms up and calibrates each case, then times interleaved batches: A, B,
 * C, A, B, C, …, so that drift on a shared machine hits every case alike.
 *
 * Each case runs in a worker of its own (`source` says how the worker builds
 * it), so no case runs on code another case has optimised. In one isolate the
 * order decided: V8 shares optimised code and type feedback among the callers
 * of a function, and the same `isMessageStatusReport` timed 14–18 ns first in
 * a group and 55–77 ns after a case that also called it (validateX), while
 * either alone timed 18–19 ns (bench/README.md "Method"). The workers take
 * their turns one at a time, as the cases did in one isolate.
 */
export async function timeGroup(cases: readonly Case[], options: TimingOptions = {}, source?: CaseSource): Promise<Map<string, Timing>> {
  const batches = options.batches ?? BATCHES;
  const batchMs = options.batchMs ?? BATCH_MS;
  const warmupMs = options.warmupMs ?? WARMUP_MS;
  const runners = cases.map((c) => (options.oneIsolate || source === undefined ? inProcess(c) : inWorker(source, c.id)));
  try {
    const iters: number[] = [];
    for (const r of runners) iters.push(await r.calibrate(warmupMs, batchMs));
    const samples: number[][] = cases.map(() => []);
    const cpuSamples: number[][] = cases.map(() => []);
    for (let b = 0; b < batches; b++) {
      for (let i = 0; i < cases.length; i++) {
        const [wall, cpu] = await runners[i]!.batch(iters[i]!);
        samples[i]!.push(wall / iters[i]!);
        cpuSamples[i]!.push(cpu / iters[i]!);
      }
    }
    const out = new Map<string, Timing>();
    cases.forEach((c, i) => {
      const s = samples[i]!.sort((x, y) => x - y);
      const med = quantile(s, 0.5);
      out.set(c.id, {
        nsPerOp: med,
        cpuNsPerOp: median(cpuSamples[i]!),
        opsPerSec: 1e9 / med,
        spreadPct: ((quantile(s, 0.75) - quantile(s, 0.25)) / 2 / med) * 100,
        iterationsPerBatch: iters[i]!,
      });
    });
    return out;
  } finally {
    await Promise.all(runners.map((r) => r.close()));
  }
}
