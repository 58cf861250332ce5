/**
 * Whether bytes are one data item in deterministic encoding (RFC 8949 §4.2.1): shortest heads,
 * definite lengths, map keys in bytewise order of their encodings, floats in their shortest
 * exact width (preferred serialisation, §4.1). Not a test file itself.
 */
export function isDeterministic(bytes: Uint8Array): boolean {
  let pos = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (): never => {
    throw new NotDeterministic();
  };
  const argument = (info: number): bigint => {
    if (info < 24) return BigInt(info);
    const n = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : fail();
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(bytes[pos++] ?? fail());
    const shortest = v < 24n ? 0 : v < 0x100n ? 1 : v < 0x10000n ? 2 : v < 0x100000000n ? 4 : 8;
    if (shortest !== n) fail();
    return v;
  };
  const item = (): void => {
    const initial = bytes[pos++] ?? fail();
    const major = initial >> 5;
    const info = initial & 31;
    if (info === 31) fail();
    if (major === 7) {
      if (info === 25 || info === 26 || info === 27) {
        const value = info === 25 ? half(view.getUint16(pos)) : info === 26 ? view.getFloat32(pos) : view.getFloat64(pos);
        pos += info === 25 ? 2 : info === 26 ? 4 : 8;
        if (info !== 25 && fitsHalf(value)) fail();
        if (info === 27 && Math.fround(value) === value) fail();
      } else argument(info);
      return;
    }
    const n = argument(info);
    if (major === 2 || major === 3) pos += Number(n);
    else if (major === 4) for (let i = 0n; i < n; i++) item();
    else if (major === 5) {
      let previous: Uint8Array | null = null;
      for (let i = 0n; i < n; i++) {
        const start = pos;
        item();
        const key = bytes.subarray(start, pos);
        if (previous !== null && compare(previous, key) >= 0) fail();
        previous = key;
        item();
      }
    } else if (major === 6) item();
  };
  try {
    item();
    return pos === bytes.length;
  } catch (error) {
    if (error instanceof NotDeterministic || error instanceof RangeError) return false;
    throw error;
  }
}

class NotDeterministic extends Error {}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

function half(h: number): number {
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  const sign = h & 0x8000 ? -1 : 1;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function fitsHalf(value: number): boolean {
  if (Number.isNaN(value) || !Number.isFinite(value) || value === 0) return true;
  const a = Math.abs(value);
  if (a > 65504) return false;
  // Normal halves have 11 significant bits from 2^-14 up; below that, multiples of 2^-24.
  const exponent = Math.max(Math.floor(Math.log2(a)), -14);
  return Number.isInteger(a / 2 ** (exponent - 10));
}
