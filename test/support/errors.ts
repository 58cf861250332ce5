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
