/**
 * Test data for the RFC 9741 text controls: a text string built from what its
 * controller draws (`tstr .b64u bstr` is the base64url of drawn bytes,
 * `tstr .decimal int` the decimal of a drawn integer, …). Part of the
 * test-data generators (arbitrary.ts); needs only the files beside it.
 */
import { CborFloat, CborMap, type CborValue } from './cbor-any.js';

/** The controls drawn here. */
export const TEXT_CONTROLS: ReadonlySet<string> = new Set(['b64u', 'b64u-sloppy', 'b64c', 'b64c-sloppy', 'b32', 'h32', 'hex', 'hexlc', 'hexuc', 'b45', 'decimal', 'json', 'join']);

const B64C = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const H32 = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/**
 * The text a control gives for a value its controller draws (`controller()`);
 * `missed(reason)` is thrown when the drawn value cannot be written that way.
 */
export function drawTextControl(op: string, controller: () => CborValue, at: string, missed: (reason: string) => unknown): string {
  const value = controller();
  const bytes = (): Uint8Array => {
    if (value instanceof Uint8Array) return value;
    throw missed(`the controller of .${op} drew ${typeof value}, not a byte string`);
  };
  switch (op) {
    case 'b64u':
    case 'b64u-sloppy':
      return bitsText(bytes(), B64U, 6);
    case 'b64c':
    case 'b64c-sloppy': {
      const text = bitsText(bytes(), B64C, 6);
      return text + '='.repeat((4 - (text.length % 4)) % 4);
    }
    case 'b32':
      return bitsText(bytes(), B32, 5);
    case 'h32':
      return bitsText(bytes(), H32, 5);
    case 'hex':
    case 'hexlc':
      return Array.from(bytes(), (b) => b.toString(16).padStart(2, '0')).join('');
    case 'hexuc':
      return Array.from(bytes(), (b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
    case 'b45':
      return base45(bytes());
    case 'decimal':
      if (typeof value === 'number' || typeof value === 'bigint') return String(value);
      throw missed(`the controller of .decimal drew ${typeof value}, not an integer`);
    case 'json': {
      const json = toJson(value);
      if (json === undefined) throw missed('the controller of .json drew a value JSON cannot hold');
      return JSON.stringify(json);
    }
    case 'join': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw missed('the controller of .join drew something other than an array of text strings');
      return value.join('');
    }
    default:
      throw missed(`${at}: control .${op} is not drawn`);
  }
}

/** Base64 or base32 without padding: `bits` bits a character, most significant first, the last character's spare bits zero. */
function bitsText(bytes: Uint8Array, alphabet: string, bits: number): string {
  let out = '';
  let acc = 0;
  let held = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    held += 8;
    while (held >= bits) {
      held -= bits;
      out += alphabet[(acc >> held) & ((1 << bits) - 1)];
    }
    acc &= (1 << held) - 1;
  }
  if (held > 0) out += alphabet[(acc << (bits - held)) & ((1 << bits) - 1)];
  return out;
}

/** RFC 9285: two bytes to three characters, least significant first; a last odd byte to two. */
function base45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    let n = i + 1 < bytes.length ? bytes[i]! * 256 + bytes[i + 1]! : bytes[i]!;
    const digits = i + 1 < bytes.length ? 3 : 2;
    for (let d = 0; d < digits; d++) {
      out += B45[n % 45];
      n = Math.floor(n / 45);
    }
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The JSON value of a drawn value (RFC 8949 §6.1's mapping), or undefined when it has none. */
function toJson(value: CborValue): Json | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (value instanceof CborFloat) return Number.isFinite(value.value) && !Number.isInteger(value.value) ? value.value : undefined;
  if (Array.isArray(value)) {
    const items = value.map(toJson);
    return items.includes(undefined) ? undefined : (items as Json[]);
  }
  if (value instanceof CborMap) {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of value.entries) {
      const json = toJson(v);
      if (typeof k !== 'string' || json === undefined || k === '__proto__') return undefined;
      out[k] = json;
    }
    return out;
  }
  return undefined;
}
