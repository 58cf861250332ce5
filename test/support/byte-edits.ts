/** Test helper: small edits of encoded bytes (set, insert or delete one byte), for fuzzing decoders near valid input. */
import fc from 'fast-check';

export interface ByteEdit {
  kind: 'set' | 'insert' | 'delete';
  at: number;
  byte: number;
}

/** One edit; `at` is taken modulo the length, so any natural number lands in the input. */
export const byteEdit: fc.Arbitrary<ByteEdit> = fc.record({ kind: fc.constantFrom('set', 'insert', 'delete'), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) });

/** `seed` with the edits applied in order. */
export function applyEdits(seed: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  const input = [...seed];
  for (const { kind, at, byte } of edits) {
    const i = at % (input.length + 1);
    if (kind === 'insert') input.splice(i, 0, byte);
    else if (kind === 'delete') input.splice(i, 1);
    else if (i < input.length) input[i] = byte;
  }
  return Uint8Array.from(input);
}

/**
 * One well-formed data item with every head one size longer than it is (`01` as `18 01`, `18 18` as `19 00 18`;
 * a head of eight bytes stays): the same data item, which RFC 8949 lets a decoder take unless it asks for
 * deterministic encoding. Lengths, tags, integers and the chunks of indefinite-length strings alike; floats and
 * simple values as they are (their head says their width). Where a value's head is fixed by the schema (`#0.24`)
 * the item is no longer the schema's; the typed decoders and the general matcher must agree on it either way.
 */
export function widenHeads(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let pos = 0;
  const item = (): void => {
    const initial = bytes[pos++] as number;
    const [major, info] = [initial >> 5, initial & 31];
    if (major === 7) {
      const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
      out.push(initial, ...bytes.subarray(pos, pos + size));
      pos += size;
      return;
    }
    if (info === 31) {
      out.push(initial);
      while (bytes[pos] !== 0xff) item();
      out.push(0xff);
      pos++;
      return;
    }
    let argument = BigInt(info);
    if (info >= 24) {
      argument = 0n;
      for (let i = 0; i < 1 << (info - 24); i++) argument = (argument << 8n) | BigInt(bytes[pos++] as number);
    }
    const wider = info < 24 ? 24 : Math.min(info + 1, 27);
    out.push((major << 5) | wider);
    for (let i = (1 << (wider - 24)) - 1; i >= 0; i--) out.push(Number((argument >> BigInt(8 * i)) & 0xffn));
    if (major === 2 || major === 3) {
      out.push(...bytes.subarray(pos, pos + Number(argument)));
      pos += Number(argument);
    } else if (major >= 4) {
      const items = major === 4 ? argument : major === 5 ? 2n * argument : 1n;
      for (let i = 0n; i < items; i++) item();
    }
  };
  item();
  return Uint8Array.from(out);
}
