/** Number formatting and the result tables of the benchmark suite. */
import type { Timing } from './timing.js';

export function fmtTime(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtBytes(n: number): string {
  if (Number.isNaN(n)) return 'n/a';
  if (Math.abs(n) >= 10 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(0)} MiB`;
  if (Math.abs(n) >= 10240) return `${(n / 1024).toFixed(1)} KiB`;
  return `${fmtInt(n)} B`;
}

/** A ratio (their time ÷ ours) in words: "ours 2.31× faster" or "ours 1.40× slower". */
export function fmtRatio(ratio: number): string {
  return ratio >= 1 ? `ours ${ratio.toFixed(2)}× faster` : `ours ${(1 / ratio).toFixed(2)}× slower`;
}

export function pad(s: string, w: number, right = false): string {
  return right ? s.padStart(w) : s.padEnd(w);
}

export interface Row {
  id: string;
  label: string;
  timing: Timing;
  /** `ratio` against the row whose id this is (their time ÷ ours), printed when set. */
  ratio?: { value: number; note?: string };
}

/** Prints one group's rows: label, time per op, ops/s, spread, ratio. */
export function printRows(title: string, rows: readonly Row[]): void {
  const W = 64;
  console.log(`  ${title}`);
  for (const r of rows) {
    const ratio = r.ratio === undefined ? '' : `${fmtRatio(r.ratio.value)}${r.ratio.note ? `  (${r.ratio.note})` : ''}`;
    console.log(
      `    ${pad(r.label, W)}${pad(fmtTime(r.timing.nsPerOp), 11, true)}${pad(`cpu ${fmtTime(r.timing.cpuNsPerOp)}`, 15, true)}${pad(fmtInt(r.timing.opsPerSec), 12, true)}${pad(`${r.timing.spreadPct.toFixed(1)}%`, 9, true)}   ${ratio}`,
    );
  }
}

/** Rounds for the JSON line: enough digits to be useful, not noise. */
export function round(n: number, digits = 3): number {
  return Number(n.toFixed(digits));
}
