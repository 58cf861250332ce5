/**
 * Prints IR types back in CDDL-like notation: for generic instance names,
 * error messages and documentation. One canonical form, so that equal types
 * print equally.
 */
import type { IrEntry, IrGroup, IrLiteral, IrOccurrence, IrType } from './types.js';

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

function printOccurrence(o: IrOccurrence): string {
  if (o.min === 1 && o.max === 1) return '';
  if (o.min === 0 && o.max === 1) return '? ';
  if (o.min === 0 && o.max === null) return '* ';
  if (o.min === 1 && o.max === null) return '+ ';
  return `${o.min}*${o.max ?? ''} `;
}

function printEntry(entry: IrEntry): string {
  const occurrence = printOccurrence(entry.occurrence);
  if (entry.kind === 'group') return occurrence + (entry.ref ?? `(${printGroup(entry.group ?? { choices: [] })})`);
  let key = '';
  if (entry.key?.kind === 'value') key = entry.key.bareword ? `${entry.name}: ` : `${printLiteral(entry.key.value)}: `;
  else if (entry.key?.kind === 'type') key = `${printType(entry.key.type)}${entry.key.cut ? ' ^' : ''} => `;
  return occurrence + key + printType(entry.type);
}

export function printGroup(group: IrGroup): string {
  return group.choices.map((c) => c.entries.map(printEntry).join(', ')).join(' // ');
}

export function printType(type: IrType): string {
  switch (type.kind) {
    case 'ref':
      return type.rule;
    case 'prim':
      return type.prim;
    case 'literal':
      return printLiteral(type.value);
    case 'range':
      return `${printLiteral(type.min)}${type.inclusive ? '..' : '...'}${printLiteral(type.max)}`;
    case 'choice':
      return type.options.length === 0 ? '(nothing)' : type.options.map(printType).join(' / ');
    case 'array':
      return `[${printGroup(type.group)}]`;
    case 'map':
      return `{${printGroup(type.group)}}`;
    case 'enum':
      return `&(${type.values.map((v) => (v.name === null ? '' : `${v.name}: `) + printType(v.type)).join(', ')})`;
    case 'tag': {
      const tag = type.tag === null ? '' : typeof type.tag === 'string' ? `.${type.tag}` : `.<${printType(type.tag)}>`;
      return `#6${tag}(${printType(type.type)})`;
    }
    case 'major':
      return `#${type.major}${type.info === null ? '' : `.${type.info}`}`;
    case 'control':
      return `${printType(type.target)} .${type.op} ${printType(type.controller)}`;
  }
}
