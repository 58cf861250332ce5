/** Helpers of the general matcher's tests: CDDL → program, EDN → CborValue, and matching. */
import { parseEDN } from 'cbor-edn';
import { compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue, type CborValue } from '../../templates/cbor-any.js';
import { explain, type MatchFailure } from '../../templates/matcher.js';
import type { Program } from '../../templates/program.js';
import { CborReader } from '../../templates/runtime.js';

/** The program of a schema's first rule (its root) and every rule it reaches. */
export function programOf(cddl: string): { program: Program; root: string } {
  const ir = compileIr([{ path: 'test.cddl', text: cddl }]);
  const root = ir.root as string;
  return { program: lowerProgram(ir, [root]), root };
}

/** The EDN value as read; `keepHeads`: with the heads deterministic encoding would not write kept, as a general rule's decoder reads it. */
export function valueOf(edn: string, keepHeads = false): CborValue {
  const bytes = parseEDN(edn, {});
  const reader = new CborReader(bytes);
  const value = readCborValue(reader, '', keepHeads);
  reader.finish();
  return value;
}

/** Why the EDN value does not match the schema's root, or null when it does. */
export function failureOf(cddl: string, edn: string): MatchFailure | null {
  const { program, root } = programOf(cddl);
  return explain(program, root, valueOf(edn));
}

export function accepts(cddl: string, edn: string): boolean {
  return failureOf(cddl, edn) === null;
}
