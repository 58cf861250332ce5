/** Test helper: values of `any` compared as CBOR data items rather than as the bytes they came in. */
import { expect } from 'vitest';

/** A CborAny's deterministic encoding (from whichever generated copy made it), or null for other values. */
function deterministicOf(v: unknown): Uint8Array | null {
  if (typeof v !== 'object' || v === null || !('deterministic' in v)) return null;
  const bytes = (v as { deterministic: unknown }).deterministic;
  return bytes instanceof Uint8Array ? bytes : null;
}

/**
 * Makes `toEqual` treat two values of `any` as equal when they are the same data item (`[_ 1]` and `[1]`),
 * which their deterministic encodings tell: encoders write `any` deterministically, so a value decoded from
 * non-deterministic bytes and the value decoded from its re-encoding differ in bytes, not in data.
 */
export function compareAnyAsDataItems(): void {
  expect.addEqualityTesters([
    function sameDataItem(a: unknown, b: unknown): boolean | undefined {
      const x = deterministicOf(a);
      const y = deterministicOf(b);
      if (x === null || y === null) return undefined;
      return x.length === y.length && x.every((byte, i) => byte === y[i]);
    },
  ]);
}
