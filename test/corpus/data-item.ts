/**
 * The CBOR data item that some bytes encode, independent of how it is encoded (RFC 8949 §2):
 * argument widths, float widths, indefinite lengths and the order of map entries do not matter;
 * integer vs float, tag numbers, bytes vs text do. Used to check that a re-encoding is the same
 * data item as a (possibly non-canonical) vector. Not a test file itself.
 */
export function dataItem(bytes: Uint8Array): string {
  let pos = 0;
  const byte = (): number => {
    const b = bytes[pos++];
    if (b === undefined) throw new Error('truncated CBOR');
    return b;
  };
  const arg = (info: number): bigint => {
    if (info < 24) return BigInt(info);
    const n = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : -1;
    if (n < 0) throw new Error(`bad additional information ${info}`);
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(byte());
    return v;
  };
  const chunks = (major: number, info: number): Uint8Array => {
    const parts: number[] = [];
    if (info === 31) {
      for (;;) {
        const ib = byte();
        if (ib === 0xff) break;
        if (ib >> 5 !== major) throw new Error('bad chunk');
        parts.push(...chunks(major, ib & 31));
      }
    } else {
      const len = Number(arg(info));
      for (let i = 0; i < len; i++) parts.push(byte());
    }
    return Uint8Array.from(parts);
  };
  const item = (): string => {
    const ib = byte();
    const major = ib >> 5;
    const info = ib & 31;
    switch (major) {
      case 0:
        return `int(${arg(info)})`;
      case 1:
        return `int(${-1n - arg(info)})`;
      case 2:
        return `bytes(${[...chunks(2, info)].map((b) => b.toString(16).padStart(2, '0')).join('')})`;
      case 3:
        return `text(${JSON.stringify(new TextDecoder('utf-8', { fatal: true }).decode(chunks(3, info)))})`;
      case 4:
      case 5: {
        const out: string[] = [];
        const indefinite = info === 31;
        const count = indefinite ? Infinity : Number(arg(info));
        for (let i = 0; i < count; i++) {
          if (indefinite && bytes[pos] === 0xff) break;
          out.push(major === 4 ? item() : `${item()}: ${item()}`);
        }
        if (indefinite) byte();
        return major === 4 ? `[${out.join(', ')}]` : `{${out.sort().join(', ')}}`;
      }
      case 6: {
        const tag = arg(info);
        const inner = item();
        // A bignum is the integer it stands for (RFC 8949 §3.4.3): 2(h'0100') and 256 are one data item.
        const magnitude = /^bytes\(([0-9a-f]*)\)$/.exec(inner);
        if ((tag === 2n || tag === 3n) && magnitude !== null) {
          const value = BigInt(`0x0${magnitude[1]}`);
          return `int(${tag === 2n ? value : -1n - value})`;
        }
        return `tag(${tag}, ${inner})`;
      }
      default: {
        if (info === 25 || info === 26 || info === 27) {
          const n = info === 25 ? 2 : info === 26 ? 4 : 8;
          const view = new DataView(bytes.buffer, bytes.byteOffset + pos, n);
          pos += n;
          const value = n === 2 ? halfToNumber(view.getUint16(0)) : n === 4 ? view.getFloat32(0) : view.getFloat64(0);
          return `float(${Object.is(value, -0) ? '-0' : String(value)})`;
        }
        return `simple(${arg(info)})`;
      }
    }
  };
  const result = item();
  if (pos !== bytes.length) throw new Error('trailing bytes');
  return result;
}

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
