/** Asserting on the errors decoders throw. */
import { isDecodeError, type DecodeError } from '../../templates/runtime.js';

/** Runs `f`, asserts it throws a DecodeError (and nothing else), and returns it. Judged by shape, so errors from any generated copy of the runtime count. */
export function decodeErrorOf(f: () => unknown): DecodeError {
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error('expected a DecodeError, nothing was thrown');
  if (!isDecodeError(thrown)) throw new Error(`expected a DecodeError, got ${String(thrown)}`);
  return thrown;
}

/** Whether `decode` takes `bytes`: true, or false on a DecodeError; any other error is thrown on (only DecodeError may come out of a decoder). */
export function decodes(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): boolean {
  try {
    decode(bytes);
    return true;
  } catch (e) {
    if (isDecodeError(e)) return false;
    throw e;
  }
}
