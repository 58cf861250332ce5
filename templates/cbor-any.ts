/**
 * Values the schema leaves open (`any`, unknown extension content): kept as
 * their exact encoded bytes, so they re-encode unchanged, with the value
 * cbor-x decodes from them at hand. Emitted next to a generated module only
 * when its schema uses `any`.
 */
import { Decoder, Encoder } from 'cbor-x';
import { CborReader } from './runtime.js';

// Maps decode as Map (CBOR keys need not be strings); records and tag-64 typed
// arrays are cbor-x extensions that would change the bytes, so they are off.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });
const encoder = new Encoder({ tagUint8Array: false, useRecords: false, mapsAsObjects: false, variableMapSize: true });

/** One CBOR data item the schema does not describe: its encoding, and its value. */
export class CborAny {
  /** The encoded data item, exactly as read (or as cbor-x encoded it). */
  readonly encoded: Uint8Array;
  private decoded = false;
  private cached: unknown;

  private constructor(encoded: Uint8Array) {
    this.encoded = encoded;
  }

  /** Wraps the encoding of exactly one well-formed data item; throws DecodeError otherwise. */
  static fromEncoded(encoded: Uint8Array): CborAny {
    const reader = new CborReader(encoded);
    reader.skip('');
    reader.finish('');
    return new CborAny(encoded);
  }

  /** The next data item of `reader`, as a view of its bytes (no copy). */
  static fromReader(reader: CborReader, path: string): CborAny {
    return new CborAny(reader.readRaw(path));
  }

  /** Encodes a JavaScript value with cbor-x (byte strings as plain byte strings, maps with the shortest heads). */
  static of(value: unknown): CborAny {
    return new CborAny(encoder.encode(value));
  }

  /** The value cbor-x decodes from the bytes (decoded once, on first use). */
  get value(): unknown {
    if (!this.decoded) {
      this.cached = decoder.decode(this.encoded);
      this.decoded = true;
    }
    return this.cached;
  }
}

/**
 * True for a CborAny whose data item has major type `major` (and, when given,
 * additional information `ai`): what `#5` or `#0.24` allow.
 */
export function isCborAnyOf(value: unknown, major: number, ai?: number): value is CborAny {
  if (!isCborAny(value)) return false;
  const initial = value.encoded[0] as number;
  return initial >> 5 === major && (ai === undefined || (initial & 31) === ai);
}

/** True for a CborAny, judged by shape so that two copies of the generated code agree. */
export function isCborAny(value: unknown): value is CborAny {
  if (value instanceof CborAny) return true;
  if (typeof value !== 'object' || value === null) return false;
  const encoded = (value as { encoded?: unknown }).encoded;
  return encoded instanceof Uint8Array && encoded.length > 0;
}
