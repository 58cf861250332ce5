/**
 * `mimi-codegen registry`: every enumeration of a schema and its values, as
 * an aligned table or as JSON. Rows follow rule order, then value order, so
 * the numbers of one enumeration read in sequence whichever file claims them.
 */
import { printLiteral, printType } from '../ir/print.js';
import type { IrLiteral, IrSchema } from '../ir/types.js';
import { byValue, enumRegistries, type RegistryEntry, type RegistryValue } from './model.js';

const NONE = '-';

/** The table: rule, name, value, origin (file:line), comment; a header row, columns two spaces apart. */
export function formatRegistryTable(schema: IrSchema): string {
  const registries = enumRegistries(schema);
  // A header over nothing told nothing: say so, naming the schema (of several modules of a config, which one).
  if (registries.length === 0) return `${schema.files[0]?.path ?? 'the schema'}: no enumerations (no choice of named values, &( name: value ), and no socket of one)\n`;
  const rows: string[][] = [['rule', 'name', 'value', 'origin', 'comment']];
  for (const { rule, entries } of registries) {
    if (entries.length === 0) {
      rows.push([rule.name, NONE, NONE, `${rule.span.file}:${rule.span.line}`, rule.socket ? `no values yet: add them with ${rule.name} /= &( name: value )` : 'no values']);
      continue;
    }
    for (const entry of byValue(entries)) {
      rows.push([rule.name, entry.name ?? NONE, valueText(entry.value), `${entry.span.file}:${entry.span.line}`, oneLine(entry.doc)]);
    }
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

export interface RegistryJson {
  enumerations: {
    rule: string;
    origin: { file: string; line: number; col: number };
    values: {
      name: string | null;
      /** A number, a decimal string beyond 2^53, text, a boolean, `{ min, max }` for a range; else the value's CDDL. */
      value: unknown;
      /** The value in CDDL notation: `7..255`, `"x"`, `h'00'`. */
      cddl: string;
      origin: { file: string; line: number; col: number };
      doc: string | null;
    }[];
  }[];
}

/** The same rows as data: one object per enumeration (rule order), its values in value order. */
export function registryJson(schema: IrSchema): RegistryJson {
  return {
    enumerations: enumRegistries(schema).map(({ rule, entries }) => ({
      rule: rule.name,
      origin: { file: rule.span.file, line: rule.span.line, col: rule.span.col },
      values: byValue(entries).map((entry: RegistryEntry) => ({
        name: entry.name,
        value: jsonValue(entry.value),
        cddl: valueText(entry.value),
        origin: { file: entry.span.file, line: entry.span.line, col: entry.span.col },
        doc: entry.doc,
      })),
    })),
  };
}

export function formatRegistryJson(schema: IrSchema): string {
  return `${JSON.stringify(registryJson(schema), null, 2)}\n`;
}

function valueText(value: RegistryValue): string {
  switch (value.kind) {
    case 'literal':
      return printLiteral(value.literal);
    case 'range':
      return `${printLiteral(value.min)}${value.inclusive ? '..' : '...'}${printLiteral(value.max)}`;
    case 'other':
      return printType(value.type);
  }
}

function jsonValue(value: RegistryValue): unknown {
  switch (value.kind) {
    case 'literal':
      return jsonLiteral(value.literal);
    case 'range':
      return { min: jsonLiteral(value.min), max: jsonLiteral(value.max), ...(value.inclusive ? {} : { exclusive: true }) };
    case 'other':
      return printType(value.type);
  }
}

function jsonLiteral(literal: IrLiteral): unknown {
  switch (literal.type) {
    case 'int': {
      const n = Number(literal.value);
      return Number.isSafeInteger(n) ? n : literal.value;
    }
    case 'float':
      return Number.isFinite(literal.value) ? literal.value : String(literal.value);
    case 'text':
      return literal.value;
    case 'bool':
      return literal.value;
    case 'bytes':
      return printLiteral(literal);
  }
}

function oneLine(doc: string | null): string {
  return doc === null ? '' : doc.trim().split(/\s*\n\s*/).join(' ');
}
