/** Shared helpers for the message-status tests (not a test file itself). */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Decoder as CborXDecoder } from 'cbor-x';
import { parseEDN } from 'cbor-edn';
import { expect } from 'vitest';
import type { DecodeError, PerMessageStatus } from '../../generated/mimi-message-status.js';

/** The folder of example bytes shared with the other projects. */
export const VECTORS_DIR = new URL('../../../shared/vectors/mimi-message-status/', import.meta.url);

import { hex, toHex } from '../support/hex.js';

export { hex, toHex };

/** Names of the files in the vectors folder. */
export function vectorFiles(): string[] {
  return readdirSync(fileURLToPath(VECTORS_DIR)).sort();
}

/** Text of one vector file. */
export function readVector(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, VECTORS_DIR)), 'utf8');
}

/** Bytes of one `.hex` vector file. */
export function vectorBytes(name: string): Uint8Array {
  return hex(readVector(name));
}

/** EDN text → CBOR bytes with cbor-edn. */
export function ednToBytes(edn: string): Uint8Array {
  return parseEDN(edn, {});
}

/**
 * Stems (file names without extension) that the vectors README marks as
 * invalid: table rows containing `**no**`.
 */
export function invalidStemsFromReadme(): Set<string> {
  const out = new Set<string>();
  for (const line of readVector('README.md').split('\n')) {
    if (!line.startsWith('|') || !line.includes('**no**')) continue;
    const first = line.split('|')[1] ?? '';
    for (const m of first.matchAll(/[A-Za-z0-9][\w-]*(?=\.(?:diag|hex))/g)) out.add(m[0]);
  }
  return out;
}

const cborX = new CborXDecoder({ useRecords: false, mapsAsObjects: false });

/** A plain Uint8Array copy (cbor-x hands out Buffers). */
export function plainBytes(b: Uint8Array): Uint8Array {
  return Uint8Array.from(b);
}

/**
 * Decodes a report with cbor-x, independently of our decoder, into our object
 * shape. Fails the test if the bytes do not have the generic shape
 * `[[bytes, uint], ...]`.
 */
export function cborXReport(bytes: Uint8Array): { messageId: Uint8Array; status: number }[] {
  const v: unknown = cborX.decode(bytes);
  expect(Array.isArray(v)).toBe(true);
  return (v as unknown[]).map((entry) => {
    expect(Array.isArray(entry)).toBe(true);
    const e = entry as unknown[];
    expect(e).toHaveLength(2);
    expect(e[0]).toBeInstanceOf(Uint8Array);
    expect(typeof e[1]).toBe('number');
    return { messageId: plainBytes(e[0] as Uint8Array), status: e[1] as number };
  });
}

/** Our decoded report with plain-array copies of the IDs, for structural comparison. */
export function normalise(report: readonly PerMessageStatus[]): { messageId: Uint8Array; status: number }[] {
  return report.map((e) => ({ messageId: plainBytes(e.messageId), status: e.status }));
}

export { decodeErrorOf } from '../support/errors.js';

/** Checks the documented message layout `<path> at byte <offset>: <reason>`. */
export function expectMessageLayout(e: DecodeError): void {
  const shown = e.path === '' ? '(root)' : e.path;
  expect(e.message).toBe(`${shown} at byte ${e.offset}: ${e.reason}`);
  expect(e.reason.length).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------
// Hand-built CBOR, canonical or deliberately not.
// ---------------------------------------------------------------------------

/** Width of a head argument: 0 = in the initial byte, else 1, 2, 4 or 8 following bytes. */
export type HeadWidth = 0 | 1 | 2 | 4 | 8;

/** A head of major type `major` with argument `n` in the given width (must fit). */
export function head(major: number, n: number, width: HeadWidth): number[] {
  const mt = major << 5;
  switch (width) {
    case 0:
      if (n >= 24) throw new Error('does not fit');
      return [mt | n];
    case 1:
      if (n > 0xff) throw new Error('does not fit');
      return [mt | 24, n];
    case 2:
      if (n > 0xffff) throw new Error('does not fit');
      return [mt | 25, n >>> 8, n & 0xff];
    case 4:
      return [mt | 26, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
    case 8:
      return [mt | 27, 0, 0, 0, 0, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  }
}

/** The shortest head width for `n`. */
export function shortestWidth(n: number): HeadWidth {
  return n < 24 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : 4;
}

import { concat } from '../support/hex.js';

export { concat };

/** Canonical encoding of one entry, built by hand. */
export function entryBytes(id: Uint8Array, status: number): Uint8Array {
  return concat([0x82], head(2, id.length, shortestWidth(id.length)), id, head(0, status, shortestWidth(status)));
}

/** Canonical encoding of a report, built by hand. */
export function reportBytes(entries: readonly (readonly [Uint8Array, number])[]): Uint8Array {
  return concat(head(4, entries.length, shortestWidth(entries.length)), ...entries.map(([id, s]) => entryBytes(id, s)));
}

/** A distinct, recognisable 32-byte ID. */
export function id32(fill: number): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => (fill + i) & 0xff);
}
