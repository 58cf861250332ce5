/**
 * Embedded CBOR (`bstr .cbor T`, `bstr .cborseq T`): reading a byte string's
 * content with another reader, nested from the byte string's level on.
 * Functions, not CborReader methods, so that a bundle whose schema embeds no
 * CBOR drops them. Part of the runtime (see runtime.ts), copied verbatim
 * beside the generated modules.
 */
import { MAX_DEPTH } from './cbor-decode-options.js';
import { CborReader, EMPTY_BYTES } from './cbor-reader.js';
import { DecodeError, isDecodeError } from './cbor-errors.js';

/**
 * Checks that `bytes`, a byte string `reader` just read, hold one encoded value
 * that `read` accepts (`bstr .cbor T`; a sequence of the array's items for
 * `.cborseq`), nested from the reader's current level on, within the same limit.
 * Its errors come out of `reader`: the path gets `<name>` (the embedded
 * rule) between the byte string's and the inner path, and the offset is in
 * the reader's input when the bytes are a slice of it (a definite-length string),
 * else the byte string's own.
 */
export function verifyEmbedded(reader: CborReader, bytes: Uint8Array, read: (reader: CborReader) => unknown, sequence: boolean, name: string): void {
  const error = embeddedError(bytes, read, sequence, reader.level, reader.maxDepth);
  if (error === null) return;
  const input = reader.bytes;
  // An empty byte string is the shared EMPTY_BYTES, no view: its (empty) content starts where the reader stands, after its head.
  const inside = bytes === EMPTY_BYTES ? reader.pos : bytes.buffer === input.buffer ? bytes.byteOffset - input.byteOffset : -1;
  const offset = inside >= 0 && inside + bytes.length <= input.length ? inside + error.offset : reader.itemStart;
  throw new DecodeError(error.reason, `<${name}>${error.path}`, offset, error.code);
}

/**
 * True when `bytes` hold exactly one encoded value that `read` accepts: the
 * check behind `bstr .cbor T`. `depth` is the nesting level of the byte
 * string: its content counts against the same limit ({@link MAX_DEPTH}) as
 * if it stood in the byte string's place.
 */
export function decodesAs(bytes: Uint8Array, read: (reader: CborReader) => unknown, sequence: boolean, depth = 0): boolean {
  return embeddedError(bytes, read, sequence, depth, MAX_DEPTH) === null;
}

/**
 * Reads `bytes` as one encoded value of `read` (`.cbor`), or as a CBOR
 * sequence of an array's items (`.cborseq`, RFC 8742: exactly the array
 * without its head, so they are read as the items of an indefinite-length
 * array whose level is not counted); returns the DecodeError, or null.
 */
function embeddedError(bytes: Uint8Array, read: (reader: CborReader) => unknown, sequence: boolean, depth: number, maxDepth: number): DecodeError | null {
  let input = bytes;
  if (sequence) {
    input = new Uint8Array(bytes.length + 2);
    input[0] = 0x9f;
    input.set(bytes, 1);
    input[bytes.length + 1] = 0xff;
  }
  const reader = new CborReader(input, { maxDepth, depth: sequence ? depth - 1 : depth });
  try {
    read(reader);
    reader.finish('');
    return null;
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    if (!sequence) return error;
    const offset = Math.min(Math.max(error.offset - 1, 0), bytes.length);
    return new DecodeError(error.reason, error.path, offset, error.code);
  }
}
