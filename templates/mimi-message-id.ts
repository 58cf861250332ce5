/**
 * The MIMI message ID of a content message (draft-ietf-mimi-content-08/-09),
 * written by mimi-codegen beside the content module it generates:
 *
 *     messageId = hashAlg || SHA-256( len16(senderUri) || senderUri
 *                                     || len16(roomUri)   || roomUri
 *                                     || message || salt )[0..30]
 *
 * - `hashAlg` is the one-byte hash-algorithm identifier from the IANA
 *   "Named Information Hash Algorithm Registry": 1 for sha-256, the only
 *   algorithm the draft uses.
 * - `len16(x)` is the length of `x` in UTF-8 octets as a big-endian uint16.
 * - `message` is the content message exactly as sent (its CBOR bytes, not a
 *   re-encoding: the encoders write deterministic CBOR, so re-encoding a
 *   decoded deterministic message gives the same bytes, but other senders'
 *   encodings need not be deterministic).
 * - `salt` is the message's own 16-byte salt (its first array element); the
 *   construction appends it again after the message.
 * - The digest is truncated to its first 31 bytes, so the ID is 32 bytes,
 *   the size of the schema's `MessageId = bstr .size 32`.
 *
 * `senderUri` is the URI of the sending user and `roomUri` that of the room,
 * as the MIMI protocol establishes them for the MLS group and sender (the
 * message's own extensions 1 and 2 may carry the same values, but may be
 * omitted). Verified against every example of the draft
 * (`content-message-ids.json`, `messageId_v08_lengthPrefixed`).
 *
 * Only the language and WebCrypto are used (`globalThis.crypto.subtle`,
 * `TextEncoder`), so this runs unchanged in browsers, Deno, Bun and
 * Node.js ≥ 20.
 */

// Declared here rather than taken from the DOM or Node typings, so that the
// module type-checks with the ES library alone; both exist at run time in
// every supported environment.
declare const TextEncoder: { new (): { encode(input: string): Uint8Array } };

interface SubtleDigest {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

/** The hash-algorithm identifier of sha-256 (IANA Named Information Hash Algorithm Registry), the first byte of every ID. */
export const SHA256_HASH_ALG = 1;

/** Length in bytes of a MIMI message ID. */
export const MESSAGE_ID_LENGTH = 32;

/** Length in bytes of the salt of a content message (`salt: bstr .size 16`). */
export const SALT_LENGTH = 16;

export interface MimiMessageIdInput {
  /** URI of the sending user, e.g. `mimi://example.com/u/alice-smith`. */
  senderUri: string;
  /** URI of the room the message is sent in, e.g. `mimi://example.com/r/engineering_team`. */
  roomUri: string;
  /** The encoded content message, exactly the bytes sent. */
  message: Uint8Array;
  /** The message's 16-byte salt (the first element of the content message). */
  salt: Uint8Array;
}

function subtle(): SubtleDigest {
  const crypto = (globalThis as unknown as { crypto?: { subtle?: SubtleDigest } }).crypto;
  if (crypto?.subtle === undefined) throw new Error('mimiMessageId: WebCrypto (globalThis.crypto.subtle) is not available');
  return crypto.subtle;
}

const utf8 = new TextEncoder();

/** `len16(text) || text` with the text in UTF-8. */
function lengthPrefixed(text: string, what: string): Uint8Array {
  const bytes = utf8.encode(text);
  if (bytes.length > 0xffff) throw new RangeError(`mimiMessageId: ${what} is ${bytes.length} bytes in UTF-8; at most 65535 fit the 16-bit length prefix`);
  const out = new Uint8Array(2 + bytes.length);
  out[0] = bytes.length >>> 8;
  out[1] = bytes.length & 0xff;
  out.set(bytes, 2);
  return out;
}

/**
 * Computes the 32-byte MIMI message ID of a content message (see the module
 * comment for the construction). The result's first byte is
 * {@link SHA256_HASH_ALG}.
 *
 * @throws RangeError when the salt is not 16 bytes or a URI exceeds 65535 UTF-8 bytes.
 */
export async function mimiMessageId(input: MimiMessageIdInput): Promise<Uint8Array> {
  const { senderUri, roomUri, message, salt } = input;
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_LENGTH) {
    throw new RangeError(`mimiMessageId: the salt must be ${SALT_LENGTH} bytes, got ${salt instanceof Uint8Array ? `${salt.length}` : typeof salt}`);
  }
  if (!(message instanceof Uint8Array)) throw new TypeError('mimiMessageId: the message must be a Uint8Array of its encoded bytes');
  const sender = lengthPrefixed(senderUri, 'the sender URI');
  const room = lengthPrefixed(roomUri, 'the room URI');
  const data = new Uint8Array(sender.length + room.length + message.length + salt.length);
  let at = 0;
  for (const part of [sender, room, message, salt]) {
    data.set(part, at);
    at += part.length;
  }
  const digest = new Uint8Array(await subtle().digest('SHA-256', data));
  const id = new Uint8Array(MESSAGE_ID_LENGTH);
  id[0] = SHA256_HASH_ALG;
  id.set(digest.subarray(0, MESSAGE_ID_LENGTH - 1), 1);
  return id;
}

/** Bytes (a message ID, say) as lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Hex (case-insensitive, whitespace ignored) as bytes; throws SyntaxError on anything else. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new SyntaxError(`fromHex: not an even number of hex digits: ${JSON.stringify(hex.slice(0, 40))}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}
