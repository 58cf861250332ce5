/** Shared test helpers for the runtime tests (not a test file itself). */
import { CborReader, DecodeError, isDecodeError, readSimple } from '../../templates/runtime.js';

import { hex, toHex } from '../support/hex.js';

export { hex, toHex };

/** A reader over hex input. */
export function rd(s: string, maxDepth?: number): CborReader {
  return new CborReader(hex(s), maxDepth === undefined ? undefined : { maxDepth });
}

/** Runs `f`, asserts it throws a DecodeError, and returns it. */
export function decodeErrorOf(f: () => unknown): DecodeError {
  try {
    f();
  } catch (e) {
    if (!isDecodeError(e)) throw new Error(`expected a DecodeError, got ${String(e)}`);
    return e;
  }
  throw new Error('expected a DecodeError, nothing was thrown');
}

/** A decoded generic value, in the shape cbor2 produces (maps as Map, bytes as Uint8Array). */
export type Value =
  | number
  | bigint
  | string
  | boolean
  | null
  | undefined
  | Uint8Array
  | Value[]
  | Map<Value, Value>
  | { tag: number | bigint; value: Value };

/** Generic decoder built on the reader API only: dispatches on the major type. */
export function readAny(r: CborReader, path = ''): Value {
  const major = r.peekMajor(path);
  switch (major) {
    case 0:
    case 1:
      return r.readInt(path);
    case 2:
      return r.readBytes(path);
    case 3:
      return r.readText(path);
    case 4: {
      const n = r.readArrayHeader(path);
      const out: Value[] = [];
      for (let i = 0; r.hasMoreItems(n, i, path); i++) out.push(readAny(r, `${path}[${i}]`));
      r.endContainer(n, path);
      return out;
    }
    case 5: {
      const n = r.readMapHeader(path);
      const out = new Map<Value, Value>();
      for (let i = 0; r.hasMoreItems(n, i, path); i++) {
        const k = readAny(r, `${path}{key ${i}}`);
        out.set(k, readAny(r, `${path}{${i}}`));
      }
      r.endContainer(n, path);
      return out;
    }
    case 6: {
      const tag = r.readTag(path);
      return { tag, value: readAny(r, path) };
    }
    default: {
      const b = r.bytes[r.pos];
      if (b === 0xf9 || b === 0xfa || b === 0xfb) return r.readFloat(path);
      if (b === 0xf4 || b === 0xf5) return r.readBool(path);
      if (b === 0xf6) return r.readNull(path);
      if (b === 0xf7) return r.readUndefined(path);
      return { tag: -1, value: readSimple(r, path) };
    }
  }
}

/** Decodes one complete item with {@link readAny} and checks nothing trails. */
export function decodeAll(bytes: Uint8Array): Value {
  const r = new CborReader(bytes);
  const v = readAny(r);
  r.finish('');
  return v;
}

export { DecodeError };
