/** Deterministic status reports for the benchmark and its tests. */
import type { MessageStatusReport, PerMessageStatus } from '../../generated/mimi-message-status.js';

export const SEED = 0x5eed_2024;

/** mulberry32: small, fast, good enough, and identical on every run. */
export function mulberry32(seed: number): () => number {
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
export function makeReport(n: number, seed: number): MessageStatusReport {
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

export type Positional = [Uint8Array, number][];

/** The report as cbor-x and cborg are given it: `[[id, status], …]`, which encodes to the same bytes. */
export function toPositional(report: MessageStatusReport): Positional {
  return report.map((e) => [e.messageId, e.status]);
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function sameReport(a: MessageStatusReport, b: MessageStatusReport): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.status !== y.status || !bytesEqual(x.messageId, y.messageId)) return false;
  }
  return true;
}
