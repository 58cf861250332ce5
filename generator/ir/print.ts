/**
 * Prints IR types back in CDDL-like notation: for generic instance names,
 * error messages and documentation. One canonical form, so that equal types
 * print equally.
 */
import type { IrEntry, IrGroup, IrLiteral, IrOccurrence, IrRule, IrType } from './types.js';

export function printLiteral(literal: IrLiteral): string {
  switch (literal.type) {
    case 'int':
      return literal.value;
    case 'float':
      if (literal.value === null) return literal.text;
      // toFixed drops the sign of -0.0, a value of its own.
      if (Object.is(literal.value, -0)) return '-0.0';
      return Number.isInteger(literal.value) ? literal.value.toFixed(1) : String(literal.value);
    case 'text':
      return JSON.stringify(literal.value);
    case 'bytes':
      return `h'${literal.hex}'`;
    case 'bool':
      return String(literal.value);
  }
}

/**
 * How a reference prints: by default the rule's name. Messages pass {@link asWritten} so that a rule the schema
 * never named (an inline type that got a rule of its own, ir/hoist.ts) prints as the schema wrote it.
 */
export type RefText = (rule: string) => string;

const BY_NAME: RefText = (rule) => rule;

/** References as the schema wrote them: an inline type hoisted into a rule of its own (`a.nested1`) as its CDDL text. */
export function asWritten(rules: ReadonlyMap<string, IrRule>): RefText {
  return (rule) => rules.get(rule)?.hoistedFrom?.cddl ?? rule;
}

function printOccurrence(o: IrOccurrence): string {
  if (o.min === 1 && o.max === 1) return '';
  if (o.min === 0 && o.max === 1) return '? ';
  if (o.min === 0 && o.max === null) return '* ';
  if (o.min === 1 && o.max === null) return '+ ';
  return `${o.min}*${o.max ?? ''} `;
}

function printEntry(entry: IrEntry, ref: RefText): string {
  const occurrence = printOccurrence(entry.occurrence);
  if (entry.kind === 'group') return occurrence + (entry.ref ?? `(${printGroup(entry.group ?? { choices: [] }, ref)})`);
  let key = '';
  if (entry.key?.kind === 'value') key = entry.key.bareword ? `${entry.name}: ` : `${printLiteral(entry.key.value)}: `;
  else if (entry.key?.kind === 'type') key = `${printType(entry.key.type, ref)}${entry.key.cut ? ' ^' : ''} => `;
  return occurrence + key + printType(entry.type, ref);
}

export function printGroup(group: IrGroup, ref: RefText = BY_NAME): string {
  return group.choices.map((c) => c.entries.map((e) => printEntry(e, ref)).join(', ')).join(' // ');
}

export function printType(type: IrType, ref: RefText = BY_NAME): string {
  switch (type.kind) {
    case 'ref':
      return ref(type.rule);
    case 'prim':
      return type.prim;
    case 'literal':
      return printLiteral(type.value);
    case 'range':
      return `${printLiteral(type.min)}${type.inclusive ? '..' : '...'}${printLiteral(type.max)}`;
    case 'choice':
      return type.options.length === 0 ? '(nothing)' : type.options.map((o) => printType(o, ref)).join(' / ');
    case 'array':
      return `[${printGroup(type.group, ref)}]`;
    case 'map':
      return `{${printGroup(type.group, ref)}}`;
    case 'enum':
      return `&(${type.values.map((v) => (v.name === null ? '' : `${v.name}: `) + printType(v.type, ref)).join(', ')})`;
    case 'tag': {
      const tag = type.tag === null ? '' : typeof type.tag === 'string' ? `.${type.tag}` : `.<${printType(type.tag, ref)}>`;
      return `#6${tag}(${printType(type.type, ref)})`;
    }
    case 'major':
      return `#${type.major}${type.info === null ? '' : `.${type.info}`}`;
    case 'control':
      return `${operand(type.target, ref)} .${type.op} ${operand(type.controller, ref)}`;
  }
}

/**
 * A control's side, in parentheses where it is a choice of several options, a control or a range: a control binds
 * tighter than `/`, and a control or range operator takes no operand that has one (RFC 8610 Appendix B: type1).
 */
function operand(type: IrType, ref: RefText): string {
  const text = printType(type, ref);
  return (type.kind === 'choice' && type.options.length > 1) || type.kind === 'control' || type.kind === 'range' ? `(${text})` : text;
}
