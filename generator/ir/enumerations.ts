/**
 * Consistency of named values: a value named twice across the options of one
 * type choice (`baseStatus / $extStatus / unknownStatus`), which is where a
 * vendor's `$extStatus /= &( clash: 2 )` would collide with the draft's
 * `read: 2`, gets a warning. It is valid CDDL (each value one name is a
 * registry policy, not an RFC 8610 rule) and generates as one enumeration
 * naming a value twice does (`&(x: 1, y: 1)`): one data item, two constants
 * with one value, and the registry's nameOfX gives the first name.
 * Ranges (`unknown: 7..255`) name no single value, so values inside them are
 * allowed: that is how an extension claims a number the draft left open.
 */
import { printLiteral } from './print.js';
import type { IrEnumValue, IrLiteral, IrRule, IrType, IrWarning } from './types.js';

interface NamedValue {
  value: IrEnumValue;
  literal: IrLiteral;
  /** The enumeration that names it: one enumeration may give one value several names (`&(x: 1, y: 1)` is one data item, 1, by either name). */
  enumeration: IrType;
}

/** The warnings for values that two enumerations meeting in one type choice both name, in rule order. */
export function checkEnumerations(rules: readonly IrRule[]): IrWarning[] {
  const warnings: IrWarning[] = [];
  const byName = new Map(rules.map((r) => [r.name, r]));

  const literalOf = (type: IrType, seen: Set<string>): IrLiteral | null => {
    if (type.kind === 'literal') return type.value;
    if (type.kind !== 'ref' || seen.has(type.rule)) return null;
    seen.add(type.rule);
    const target = byName.get(type.rule)?.type;
    return target === undefined ? null : literalOf(target, seen);
  };

  /** The single named values a type offers, looking through references and choices. */
  const namedValues = (type: IrType, seen: Set<string>): NamedValue[] => {
    if (type.kind === 'enum') {
      return type.values.flatMap((value) => {
        const literal = literalOf(value.type, new Set());
        return literal === null ? [] : [{ value, literal, enumeration: type }];
      });
    }
    if (type.kind === 'choice') return type.options.flatMap((o) => namedValues(o, seen));
    if (type.kind === 'ref' && !seen.has(type.rule)) {
      seen.add(type.rule);
      const target = byName.get(type.rule)?.type;
      return target === undefined ? [] : namedValues(target, seen);
    }
    return [];
  };

  const checkDistinct = (values: NamedValue[]): void => {
    const first = new Map<string, NamedValue>();
    for (const v of values) {
      const key = `${v.literal.type}:${printLiteral(v.literal)}`;
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, v);
        continue;
      }
      if (sameSpan(earlier.value, v.value) || earlier.enumeration === v.enumeration) continue;
      warnings.push(valueNamedTwice(earlier.value, v.value, v.literal));
    }
  };

  const visit = (type: IrType): void => {
    switch (type.kind) {
      case 'enum':
        checkDistinct(namedValues(type, new Set()));
        type.values.forEach((v) => visit(v.type));
        return;
      case 'choice':
        checkDistinct(namedValues(type, new Set()));
        type.options.forEach(visit);
        return;
      case 'array':
      case 'map':
        for (const entry of type.group.choices.flatMap((c) => c.entries)) {
          if (entry.kind === 'member') {
            visit(entry.type);
            if (entry.key?.kind === 'type') visit(entry.key.type);
          }
        }
        return;
      case 'tag':
        visit(type.type);
        return;
      case 'control':
        visit(type.target);
        return;
      default:
        return;
    }
  };

  for (const rule of rules) if (rule.type !== undefined) visit(rule.type);
  return warnings;
}

function sameSpan(a: IrEnumValue, b: IrEnumValue): boolean {
  return a.span.file === b.span.file && a.span.line === b.span.line && a.span.col === b.span.col;
}

/**
 * The enumerations a socket's `/=` lines add are merged into one, so the check across the options of a
 * type choice ({@link checkEnumerations}) is made before, per enumeration as written (`constantOf`: the
 * literal a value's type is, or null): `&(x: 1, y: 1)` names one value twice and is allowed; `$s /= &(x: 1)`
 * and `$s /= &(y: 1)` claim it twice, which generates with a warning.
 */
export function valuesNamedTwice(enumerations: readonly IrEnumValue[][], constantOf: (type: IrType) => IrLiteral | null): IrWarning[] {
  const warnings: IrWarning[] = [];
  const named = new Map<string, IrEnumValue>();
  for (const values of enumerations) {
    const mine = new Map<string, IrEnumValue>();
    for (const value of values) {
      const literal = constantOf(value.type);
      if (literal === null) continue;
      const key = `${literal.type}:${printLiteral(literal)}`;
      const earlier = named.get(key);
      if (earlier !== undefined) warnings.push(valueNamedTwice(earlier, value, literal));
      if (!mine.has(key)) mine.set(key, value);
    }
    for (const [key, value] of mine) named.set(key, value);
  }
  return warnings;
}

/** The warning for a value that two enumerations meeting in one type choice both name (a registry policy: each value one name). */
export function valueNamedTwice(earlier: IrEnumValue, later: IrEnumValue, literal: IrLiteral): IrWarning {
  const shown = printLiteral(literal);
  const where = `${earlier.span.file}:${earlier.span.line}:${earlier.span.col}`;
  return {
    kind: 'value-named-twice',
    span: later.span,
    message: `${describe(later)} has the value ${shown}, which ${describe(earlier)} already names (${where}): both names are generated for the one value, and a registry's nameOf gives ${describe(earlier)} (one name per value is a registry policy, not an RFC 8610 rule)`,
  };
}

function describe(value: IrEnumValue): string {
  return value.name === null ? 'a value' : `'${value.name}'`;
}
