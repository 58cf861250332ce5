/**
 * What a decode may be asked: the options of the generated `decodeX`
 * functions and of a CborReader, and the nesting limit the decoders, guards
 * and encoders share.
 * Part of the runtime (see runtime.ts), copied verbatim beside the generated
 * modules.
 */

/**
 * The deepest nesting the generated decoders accept, and so the deepest the
 * guards and encoders accept: an array, map or tag counts one level, inside
 * embedded CBOR (`bstr .cbor T`) too, as if the embedded item stood in the
 * byte string's place, and inside a text a control reads data items from
 * (`tstr .json T`, `tstr .b64u (bstr .cbor T)`), as if they stood in its place.
 */
export const MAX_DEPTH = 256;

/**
 * Options of the generated `decodeX(bytes, options)` functions. Both are off
 * by default, and then cost nothing.
 */
export interface DecodeOptions {
  /**
   * Accept only deterministically encoded input (RFC 8949 §4.2.1): shortest
   * heads, no indefinite lengths, map keys in bytewise order of their
   * encodings (so no duplicates), floats in the shortest width that keeps
   * their value, bignums (tags 2, 3) only beyond 64 bits and without leading
   * zero bytes where the schema reads them as integers (`biguint`; a tag the
   * schema reads as a tag, `#6.2(bstr)` or `#6`, is written back whole, and so
   * is deterministic as it is). Such input re-encodes byte for byte. The
   * check reads the input once more, after it has been decoded.
   */
  deterministic?: boolean;
  /**
   * Reject what RFC 8949 §5.3.1 calls invalid inside values the schema
   * leaves open (CDDL any): a map with two equal keys, a text string that is
   * not UTF-8. (Everywhere else the decoders always reject both.)
   */
  strictAny?: boolean;
}

/** Options for a CborReader (cbor-reader.ts). */
export interface CborReaderOptions extends DecodeOptions {
  /** Deepest nesting of arrays, maps and tags accepted; default {@link MAX_DEPTH}. */
  maxDepth?: number;
  /** The level the input starts at: for embedded CBOR, the level of the byte string holding it (default 0). */
  depth?: number;
}
