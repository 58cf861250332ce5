/**
 * Where the repetitions of a group repeated in an array end when the members after them may start
 * like one (`[* (int, tstr), int]`, `[+ (int, tstr), int, ? bool]`): RFC 8610 Appendix A tries the
 * group once more at each point, and where it fails, part-way or at once, gives its items back and
 * reads the members after (repeated-groups.ts has the `groups` layout; where the first member after
 * the repetitions starts with a major type no repetition starts with, that item ends them instead).
 */
import { printType } from '../ir/print.js';
import type { Field, GroupVariant, ShapeContext } from './shapes.js';
import { unsupported } from './layout-diagnostics.js';
import { agree, dataApart } from './rest-ends.js';
import { implies } from './implication.js';
import { isScalar } from './arrays.js';

/**
 * The alternatives of the repeated group that could read the members after the repetitions as one more
 * repetition (the decoder would, so a value whose elements there one reads is not what its bytes read
 * back as, and guards refuse it). An alternative longer than the members after them meets the end of the
 * array; one whose member at some place reads no data item the member after the repetitions there may be
 * (`(int, tstr)` before `int, bool`) never reads them. For the others, the guard runs each of the
 * alternative's member tests on the element at its place, which must say what a decoder reading that
 * element's bytes as the member would (`agree`: `int` on an `int` or a `1`, a rule on itself); where no test says it
 * (`int` on `any`, whose `CborAny` no integer test passes; `0` on an `int`, which may be `0n`), the rule stays general.
 */
export function couldReadAfter(variants: GroupVariant[], after: Field[], ctx: ShapeContext): number[] {
  const reading: number[] = [];
  variants.forEach((variant, k) => {
    const fields = variant.fields;
    if (fields.length > after.length) return;
    if (fields.some((field, j) => dataApart(field.shape, (after[j] as Field).shape, ctx))) return;
    const unsure = fields.findIndex((field, j) => !agree(field.shape, (after[j] as Field).shape, ctx, 0, true));
    if (unsure >= 0) {
      const member = after[unsure] as Field;
      const repetition = fields.map((f) => (variant.kind === 'record' ? `${f.name}: ${printType(f.type)}` : printType(f.type))).join(', ');
      unsupported(
        ctx,
        member.span,
        `a member after a group repeated in an array that one more repetition could read, where no test of its values says whether it would (${printType(member.type)} read as ${printType((fields[unsure] as Field).type)} of (${repetition})): RFC 8610 Appendix A tries the group once more before the members after it, and a value it would read must be refused`,
      );
    }
    reading.push(k);
  });
  return reading;
}

/**
 * Why no array matches, where an unbounded repetition would always read the members after it as one more (`[* (int,
 * tstr), int, tstr]`: every int and text string after the repetitions is read in twos): an alternative among those that
 * could read them (`reading`) as wide as the required members after them at most, each of whose members takes every
 * item of the member at its place. Scalars only, as for a repeated member (arrays.ts positionalLayout); null otherwise.
 */
export function alwaysReadsAfter(variants: GroupVariant[], reading: number[], after: Field[], max: number | null, ctx: ShapeContext): string | null {
  if (max !== null) return null;
  const required = after.filter((f) => !f.optional).length;
  for (const k of reading) {
    const fields = (variants[k] as GroupVariant).fields;
    if (fields.length > required) continue;
    const taken = fields.every((field, j) => {
      const member = after[j] as Field;
      return isScalar(member.shape) && isScalar(field.shape) && implies(member.shape, field.shape, ctx);
    });
    if (!taken) continue;
    const members = after.slice(0, fields.length).map((f) => printType(f.type)).join(', ');
    const repetition = fields.map((f) => printType(f.type)).join(', ');
    return `array members after an unbounded repeated group that one more repetition always reads (${members} after * (${repetition}): RFC 8610 Appendix A repeats the group while it matches)`;
  }
  return null;
}
