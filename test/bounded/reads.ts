/**
 * Work counted, not timed, for the tests of this folder: every property or item the generated code
 * reads from a value wrapped by {@link counted} goes through a Proxy that counts it.
 */
let reads = 0;

/** `value` behind a Proxy that counts the reads of its properties (items of arrays included); other values as they are. */
export function counted<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** Reads of counted values made by `f`. */
export function readsOf(f: () => unknown): number {
  reads = 0;
  f();
  return reads;
}
