/**
 * Gives every inline array or map that is an option of a type choice a rule of
 * its own (`one-or-more<T> = T / [2* T]`: the `[2* T]`), so that decoders,
 * encoders and guards can refer to its functions by name when they choose
 * between the options; and likewise the inline type a byte string embeds
 * (`bstr .cbor [* int]`), whose functions check the embedded bytes. The new
 * rule records where it came from; naming.ts names it after its parent
 * (`OneOrMoreOfTOption2`, `AEmbedded1`).
 */
import type { IrEntry, IrGroup, IrRule, IrType } from './types.js';

export function hoistChoiceOptions(rules: readonly IrRule[]): IrRule[] {
  const taken = new Set(rules.map((r) => r.name));
  const out: IrRule[] = [];
  for (const rule of rules) {
    const hoisted: IrRule[] = [];
    let counter = 0;
    let embedded = 0;
    const hoist = (type: IrType, from: NonNullable<IrRule['hoistedFrom']>, base: string): IrType => {
      let name = base;
      while (taken.has(name)) name = `${name}_`;
      taken.add(name);
      hoisted.push({ name, tsName: '', kind: 'type', socket: false, type, doc: null, span: rule.span, hoistedFrom: from });
      return { kind: 'ref', rule: name };
    };
    const visitType = (type: IrType): IrType => {
      switch (type.kind) {
        case 'choice':
          return {
            ...type,
            options: type.options.map((option) => {
              const inner = visitType(option);
              if (inner.kind !== 'array' && inner.kind !== 'map') return inner;
              counter++;
              return hoist(inner, { rule: rule.name, option: counter }, `${rule.name}.option${counter}`);
            }),
          };
        case 'array':
        case 'map':
          return { ...type, group: visitGroup(type.group) };
        case 'tag':
          return { ...type, type: visitType(type.type) };
        case 'control': {
          const controller = visitType(type.controller);
          // `.json` (RFC 9741) too: its controller's decoder reads the JSON value, converted to CBOR.
          const embeds = (type.op === 'cbor' || type.op === 'cborseq' || type.op === 'json') && controller.kind !== 'ref';
          if (embeds) embedded++;
          return { ...type, target: visitType(type.target), controller: embeds ? hoist(controller, { rule: rule.name, embedded }, `${rule.name}.embedded${embedded}`) : controller };
        }
        case 'enum':
          return { ...type, values: type.values.map((v) => ({ ...v, type: visitType(v.type) })) };
        default:
          return type;
      }
    };
    const visitEntry = (entry: IrEntry): IrEntry => {
      if (entry.kind === 'group') return entry.group === null ? entry : { ...entry, group: visitGroup(entry.group) };
      const key = entry.key?.kind === 'type' ? { ...entry.key, type: visitType(entry.key.type) } : entry.key;
      return { ...entry, key, type: visitType(entry.type) };
    };
    const visitGroup = (group: IrGroup): IrGroup => ({ choices: group.choices.map((c) => ({ entries: c.entries.map(visitEntry) })) });
    const converted: IrRule = { ...rule };
    if (rule.type !== undefined) converted.type = visitType(rule.type);
    if (rule.group !== undefined) converted.group = visitGroup(rule.group);
    out.push(converted, ...hoisted);
  }
  return out;
}

/** The type as the schema wrote it, with hoisted options put back in place (for messages: `int / [int]`, not `int / a.option1`). */
export function unhoisted(type: IrType, rules: ReadonlyMap<string, IrRule>): IrType {
  const back = (t: IrType): IrType => unhoisted(t, rules);
  switch (type.kind) {
    case 'ref': {
      const rule = rules.get(type.rule);
      return rule?.hoistedFrom !== undefined && rule.type !== undefined ? back(rule.type) : type;
    }
    case 'choice':
      return { ...type, options: type.options.map(back) };
    case 'tag':
      return { ...type, type: back(type.type) };
    case 'control':
      return { ...type, target: back(type.target), controller: back(type.controller) };
    default:
      return type;
  }
}
