/**
 * JSDoc from CDDL comments. Every declaration of a rule also says which CDDL
 * rule it comes from and where, so a reader can find the source.
 */
import { StructureKind, type JSDocStructure } from './printer.js';
import type { IrRule } from '../ir/types.js';

/** Text made safe inside a `/** … *\/` comment. */
export function jsDocText(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

/** A JSDoc comment as text: one line when the text is one line, else a block. */
export function jsDocComment(text: string): string {
  const lines = jsDocText(text).split('\n');
  if (lines.length === 1) return `/** ${lines[0]} */`;
  return ['/**', ...lines.map((l) => (l === '' ? ' *' : ` * ${l}`)), ' */'].join('\n');
}

/**
 * The JSDoc of a declaration: the CDDL comment, an optional extra paragraph,
 * and, for a rule, a line naming the rule and its location.
 */
export function docs(doc: string | null, rule: IrRule | null, extra: string | null = null): JSDocStructure[] {
  const paragraphs: string[] = [];
  if (doc !== null && doc.trim() !== '') paragraphs.push(jsDocText(doc.trim()));
  if (extra !== null) paragraphs.push(jsDocText(extra));
  if (rule !== null) paragraphs.push(`${origin(rule)} (${rule.span.file}:${rule.span.line}).`);
  return paragraphs.length === 0 ? [] : [{ kind: StructureKind.JSDoc, description: paragraphs.join('\n\n') }];
}

/**
 * Where a rule's declarations come from: the CDDL rule, or for a type that had no name in the schema
 * (hoisted into a rule of its own, ir/hoist.ts) what it was and in which rule; its span is the member
 * it was written in.
 */
function origin(rule: IrRule): string {
  const from = rule.hoistedFrom;
  if (from === undefined) return `CDDL rule \`${jsDocText(rule.name)}\``;
  // By what was written: a nested type written as another was is that rule, by reference (ir/hoist.ts).
  const what = from.cddl.startsWith('#6') ? 'tag' : rule.type?.kind === 'array' || from.cddl.startsWith('[') ? 'array' : rule.type?.kind === 'map' || from.cddl.startsWith('{') ? 'map' : 'type';
  const parent = `CDDL rule \`${jsDocText(from.rule)}\``;
  // Shown as written (what `option` counts is the order met, inside tags and nested choices too, not a place to find).
  if ('option' in from) return `The inline ${what} \`${jsDocText(from.cddl.length > 60 ? `${from.cddl.slice(0, 59)}…` : from.cddl)}\` of a type choice in ${parent}`;
  if ('embedded' in from) return `An inline ${what} embedded by \`.cbor\`, \`.cborseq\` or \`.json\` in ${parent}`;
  if ('shared' in from) return `An inline ${what} in ${parent}, the type of a member that several alternatives or places share`;
  return `An inline ${what} in ${parent}, a group that reaches itself through it`;
}
