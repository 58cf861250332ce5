/**
 * The rules whose typed decoders may read data otherwise than the general matcher, as the generator warns
 * (docs/cddl-support.md, "Optional array members before required ones" and "Group choices in maps"): with
 * `arrayMatching: 'by-length'` (the default) the typed code takes an array by its length where RFC 8610
 * Appendix A's greedy reading rejects it, and a map by the alternative whose members take all its entries
 * where the matcher commits to an earlier one. There the property's "decoder and matcher agree" does not
 * hold, by a choice that is said; everything else of the property does.
 *
 * A warning names a place, not a rule: the place may be in a rule the array or map splices in (`[? ~u, int]`
 * warns at `u`'s member, which the IR writes out in the array, with its span). So a rule departs when a span
 * of its IR is on the warning's line, or it reaches such a rule through references: wider than exact, never
 * narrower.
 */
import type { IrSchema, SchemaWarning } from '../../generator/index.js';
import type { IrRule } from '../../generator/ir/types.js';
import type { Failure } from './check-module.js';

/** The two warnings of a typed reading that departs from the matcher's, by the words they end with. */
const DEPARTURE = /arrayMatching: 'greedy' reads it so|which of the two RFC 8610 means is not settled/;

/** The TypeScript names (`R0Nested2`) of the rules that may depart from the general matcher. */
export function departingRules(ir: IrSchema, warnings: readonly SchemaWarning[]): Set<string> {
  const places = warnings.filter((w) => DEPARTURE.test(w.message)).map((w) => `${w.span.file}:${w.span.line}`);
  if (places.length === 0) return new Set();
  const walked = new Map(ir.rules.map((r) => [r.name, walk(r)]));
  // The rules with a place, then those that refer to one of them, until no more join (cycles among rules included).
  const departing = new Set(ir.rules.filter((r) => (walked.get(r.name)?.lines ?? []).some((line) => places.includes(line))).map((r) => r.name));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, { names }] of walked) {
      if (departing.has(name) || !names.some((ref) => departing.has(ref))) continue;
      departing.add(name);
      grew = true;
    }
  }
  return new Set(ir.rules.filter((r) => departing.has(r.name)).map((r) => r.tsName));
}

/** The failures but the typed decoder and the matcher disagreeing on a rule that departs (the rest of the property holds there too). */
export function withoutDepartures(failures: readonly Failure[], departing: ReadonlySet<string>): Failure[] {
  return failures.filter((f) => !(departing.has(f.rule) && /^(edit|cross|widened)-(matcher|refused)$/.test(f.kind)));
}

/** The names a rule refers to (`{ kind: 'ref', rule }` types, `{ kind: 'group', ref }` entries) and the lines of its spans (`file:line`), anywhere in it. */
function walk(rule: IrRule): { names: string[]; lines: string[] } {
  const names: string[] = [];
  const lines: string[] = [];
  const pending: unknown[] = [rule];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    if (record.kind === 'ref' && typeof record.rule === 'string') names.push(record.rule);
    if (record.kind === 'group' && typeof record.ref === 'string') names.push(record.ref);
    if (typeof record.file === 'string' && typeof record.line === 'number') lines.push(`${record.file}:${record.line}`);
    pending.push(...Object.values(record));
  }
  return { names, lines };
}
