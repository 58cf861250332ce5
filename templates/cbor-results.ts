/**
 * Where an encode puts its result: the options of the generated `encodeX`
 * functions, and the shared buffers that pooled results are cut from.
 * Part of the runtime (see runtime.ts), copied verbatim beside the generated
 * modules.
 */
import { allocated, encodingTooLong } from './cbor-writer.js';

/** Options of the generated `encodeX(value, options)` functions. Off by default. */
export interface EncodeOptions {
  /**
   * Cut the result from a buffer shared with other pooled results (64 KiB,
   * a new one when it is full), as cbor-x and Node's `Buffer` pool do,
   * instead of giving it an ArrayBuffer of its own. Allocating an ArrayBuffer
   * for each result over 64 bytes costs a call into the allocator that can
   * cost more than the encoding; pooled results cost a view.
   *
   * The price: `result.buffer` is the shared buffer, so read the result
   * through the Uint8Array itself (its `byteOffset` and `length` say where it
   * is), never transfer `result.buffer` (to a worker, say: that detaches every
   * result that shares it), and know that one result kept keeps its whole
   * shared buffer alive. Each result starts 8-byte aligned; no two overlap,
   * and none is written again. Results over 8 KiB get their own buffer
   * anyway.
   */
  pooled?: boolean;
}

/** Size of each shared buffer. */
const POOL_SIZE = 64 * 1024;
/** Results larger than this get their own buffer: they would waste too much of a shared one, and gain little. */
const POOLED_AT_MOST = POOL_SIZE / 8;

/** The shared buffer results are cut from now, made on the first pooled result. */
let pool: ArrayBuffer | null = null;
/** Where in {@link pool} the next pooled result starts. */
let poolUsed = 0;

/**
 * A zero-filled Uint8Array of `n` bytes to hold a pooled result: a view of a shared buffer, in bytes no other result
 * holds (see {@link EncodeOptions.pooled}), or, over 8 KiB, an array with a buffer of its own.
 */
export function pooledArray(n: number): Uint8Array {
  if (n > POOLED_AT_MOST) return allocated(n) ?? encodingTooLong(n);
  if (pool === null || poolUsed + n > POOL_SIZE) {
    pool = new ArrayBuffer(POOL_SIZE);
    poolUsed = 0;
  }
  const start = poolUsed;
  // The next result starts 8-byte aligned, as in Node's Buffer pool, so that a Float64Array or BigUint64Array can be
  // made at a result's byteOffset.
  poolUsed = (start + n + 7) & ~7;
  return new Uint8Array(pool, start, n);
}
