/** Test helper: values of `any` compared as CBOR data items rather than as the bytes they came in. */
import { expect } from 'vitest';

/** A CborAny's deterministic encoding (from whichever generated copy made it), or null for other values. */
function deterministicOf(v: unknown): Uint8Array | null {
  if (typeof v !== 'object' || v === null || !('deterministic' in v)) return null;
  const bytes = (v as { deterministic: unknown }).deterministic;
  return bytes instanceof Uint8Array ? bytes : null;
}

/**
 * Makes `toEqual`, in the calling test file only, treat two values of `any` as equal when they are the same data item (`[_ 1]` and `[1]`),
 * which their deterministic encodings tell: encoders write `any` deterministically, so a value decoded from
 * non-deterministic bytes and the value decoded from its re-encoding differ in bytes, not in data.
 */
export function compareAnyAsDataItems(): void {
  // The testers are global to the worker, and with isolate: false (vitest.config.ts) later test files
  // run in it too: the tester answers only in the test file that asked for it, and there is no way to
  // remove it.
  const owner = expect.getState().testPath;
  if (owner === undefined) throw new Error('compareAnyAsDataItems is called from a test file');
  expect.addEqualityTesters([
    function sameDataItem(a: unknown, b: unknown): boolean | undefined {
      if (expect.getState().testPath !== owner) return undefined;
      const x = deterministicOf(a);
      const y = deterministicOf(b);
      if (x === null || y === null) return undefined;
      return x.length === y.length && x.every((byte, i) => byte === y[i]);
    },
  ]);
}
