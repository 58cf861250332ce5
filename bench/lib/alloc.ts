/**
 * Allocation per op, approximate: heapUsed + arrayBuffers deltas over small
 * windows in which no GC ran. Needs `gc`, exposed at run time.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { PerformanceObserver } from 'node:perf_hooks';
import { consume, quantile } from './timing.js';

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

export const gc = exposeGc();

export interface Alloc {
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
export async function measureAlloc(fn: () => unknown, windows = 10): Promise<Alloc | null> {
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
