/**
 * Items drawn for the differential tests of array members (test/language/greedy-arrays and
 * optional-before-rest): a few encoded items of each member type, each with the value its rule's
 * decoder reads, put together into arrays whose heads {@link arrayHead} writes.
 */
import { drawEncoded } from '../../templates/arbitrary.js';
import type { Program } from '../../templates/program.js';
import { toHex } from './hex.js';

/** One drawn item: its bytes in hex and the value the type's decoder reads from them. */
export interface Drawn {
  hex: string;
  value: unknown;
}

/** The items of rule `c<i>` (drawn from `program`, read by `decoders()['decodeC<i>']`), `size` of them, drawn once each. */
export function drawnPools(program: Program, decoders: () => Record<string, unknown>, size: number): (i: number) => Drawn[] {
  const pools = new Map<number, Drawn[]>();
  return (i) => {
    let drawn = pools.get(i);
    if (drawn === undefined) {
      const decode = decoders()[`decodeC${i}`] as (bytes: Uint8Array) => unknown;
      drawn = Array.from({ length: size }, (_, seed) => {
        const bytes = drawEncoded(program, `c${i}`, seed);
        return { hex: toHex(bytes), value: decode(bytes) };
      });
      pools.set(i, drawn);
    }
    return drawn;
  };
}

/** The head of a definite-length array of `n` items (n < 256), in hex. */
export function arrayHead(n: number): string {
  return n < 24 ? toHex(new Uint8Array([0x80 + n])) : `98${n.toString(16).padStart(2, '0')}`;
}

/** A rule's CDDL name as the generated functions spell it (`t0-x1-y2` → `T0X1Y2`). */
export function pascal(name: string): string {
  return name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());
}
