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
