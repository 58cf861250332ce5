/**
 * Timing for the benchmark suite: warm-up, calibration, then batches of
 * the cases of one group run in turn (A, B, C, A, B, C, …) so that drift on
 * a shared machine hits every case alike. The median batch is reported.
 */

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
   * process, such as the GC's helpers).
   */
  cpuNsPerOp: number;
  opsPerSec: number;
  /** Half the interquartile range of the batch times, relative to the median, in %. */
  spreadPct: number;
  iterationsPerBatch: number;
}

/** Wall and CPU nanoseconds of `iterations` calls. */
function runBatch(fn: () => unknown, iterations: number): [wall: number, cpu: number] {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) consume(fn());
  const wall = Number(process.hrtime.bigint() - t0);
  const c1 = process.cpuUsage(c0);
  return [wall, (c1.user + c1.system) * 1000];
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
}

/** Warms up and calibrates each case, then times interleaved batches. */
export function timeGroup(cases: readonly Case[], options: TimingOptions = {}): Map<string, Timing> {
  const batches = options.batches ?? BATCHES;
  const batchMs = options.batchMs ?? BATCH_MS;
  const warmupMs = options.warmupMs ?? WARMUP_MS;
  const iters = new Map<string, number>();
  for (const c of cases) {
    const end = performance.now() + warmupMs;
    while (performance.now() < end) consume(c.fn());
    let n = 1;
    let ns = runBatch(c.fn, n)[0];
    while (ns < 5e6) {
      n *= 2;
      ns = runBatch(c.fn, n)[0];
    }
    iters.set(c.id, Math.max(1, Math.round((n * batchMs * 1e6) / ns)));
  }
  const samples = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  const cpuSamples = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  for (let b = 0; b < batches; b++) {
    for (const c of cases) {
      const n = iters.get(c.id)!;
      const [wall, cpu] = runBatch(c.fn, n);
      samples.get(c.id)!.push(wall / n);
      cpuSamples.get(c.id)!.push(cpu / n);
    }
  }
  const out = new Map<string, Timing>();
  for (const c of cases) {
    const s = samples.get(c.id)!.sort((x, y) => x - y);
    const med = quantile(s, 0.5);
    out.set(c.id, {
      nsPerOp: med,
      cpuNsPerOp: median(cpuSamples.get(c.id)!),
      opsPerSec: 1e9 / med,
      spreadPct: ((quantile(s, 0.75) - quantile(s, 0.25)) / 2 / med) * 100,
      iterationsPerBatch: iters.get(c.id)!,
    });
  }
  return out;
}
