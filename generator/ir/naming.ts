/**
 * Assigns every rule its TypeScript name, once, for the whole schema. The
 * emitters only ever read `tsName`; they derive `encodeX`, `decodeX`, `isX`,
 * `validateX` from it and nothing else.
 */
import { SchemaError, type SourceMap } from '../diagnostics.js';
import type { IrRule, IrSpan } from './types.js';

/**
 * Every name a generated module imports (from runtime.ts, and from cbor-any.ts
 * when the schema uses `any`). The emitter imports what it uses from these
 * lists, and naming keeps rules off them: the one registry of imported names.
 */
export const RUNTIME_IMPORTS = [
  'CborReader',
  'CborWriter',
  'DecodeOptions',
  'EncodeError',
  'MAX_DEPTH',
  'Problem',
  'bytesEqual',
  'decodesAs',
  'fitsFloat16',
  'fitsFloat32',
  'furthestError',
  'hasOnlyKeys',
  'isBytes',
  'isDecodeError',
  'isInteger',
  'isObject',
  'isTooDeep',
  'isTaggedValue',
  'onlyBitsSet',
  'report',
  'sameData',
  'sortMapEntries',
  'tagTooDeep',
  'tooDeep',
  'utf8Length',
  'withPath',
] as const;
export const CBOR_ANY_IMPORTS = ['CborAny', 'isCborAny', 'isCborAnyOf', 'writeCborAny'] as const;
/** From templates/text-controls.ts (RFC 9741 controls), beside the module only when it uses them. */
export const TEXT_CONTROL_IMPORTS = ['encodesBytes', 'isBase10', 'holdsJson', 'matchesPrintf', 'matchesJoin'] as const;
/** From templates/matcher.ts and program.ts, beside the module only when it has rules the general matcher checks. */
export const GENERAL_IMPORTS = ['readGeneral', 'writeGeneral', 'checkGeneral', 'Program', 'schemaProgram'] as const;
/** Re-exported by every module, so users import everything from it. */
export const MODULE_REEXPORTS = ['DecodeError', 'DecodeOptions', 'EncodeError', 'isDecodeError', 'isEncodeError', 'Problem'] as const;
/** Re-exported by a module that uses `any`: the value model of cbor-any.ts, so users can read and build values. */
export const CBOR_ANY_REEXPORTS = ['CborAny', 'CborFloat', 'CborInvalidText', 'CborMap', 'CborSimple', 'CborTagged', 'CborValue'] as const;
/** Names imported or re-exported only as types. */
export const TYPE_ONLY_NAMES: ReadonlySet<string> = new Set(['CborValue', 'DecodeOptions', 'Problem']);

/** The functions every type rule X gets; none may meet an imported name. */
export const DERIVED_PREFIXES = ['encode', 'decode', 'is', 'validate', 'read', 'write', 'check'] as const;

/**
 * Names a generated module cannot give a rule of its own: what it imports or
 * re-exports, and globals the generated code uses. A rule that would take one,
 * or whose derived functions would (`bytes` → `isBytes`), gets a `$` appended.
 */
const RESERVED = new Set<string>([
  ...RUNTIME_IMPORTS,
  ...CBOR_ANY_IMPORTS,
  ...TEXT_CONTROL_IMPORTS,
  ...GENERAL_IMPORTS,
  ...CBOR_ANY_REEXPORTS,
  ...MODULE_REEXPORTS,
  'ReaderMark',
  'Array',
  'BigInt',
  'Boolean',
  'DataView',
  'Error',
  'Infinity',
  'JSON',
  'Map',
  'Math',
  'NaN',
  'Number',
  'Object',
  'Partial',
  'Readonly',
  'Record',
  'RegExp',
  'Set',
  'String',
  'Symbol',
  'TextDecoder',
  'TextEncoder',
  'Uint8Array',
]);

/** `baseStatus` → `BaseStatus`, `ext-dispos` → `ExtDispos`, `$extStatus` → `ExtStatus`, `COSE_Key` → `COSE_Key`. */
export function pascalCase(cddlName: string): string {
  const words = cddlName.split(/[-.@$]+/).filter((w) => w !== '');
  const joined = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return joined === '' ? 'Rule' : joined;
}

/** `pair<int, tstr>` → `PairOfIntTstr`: the generic's name and the words of its arguments. */
function instanceName(name: string): string {
  const open = name.indexOf('<');
  if (open < 0) return pascalCase(name);
  const args = name.slice(open + 1, -1).match(/[A-Za-z_$@][\w$@.-]*|\d+/g) ?? [];
  return `${pascalCase(name.slice(0, open))}Of${args.map(pascalCase).join('')}`;
}

export function tsNameFor(cddlName: string): string {
  const name = instanceName(cddlName);
  const clashes = RESERVED.has(name) || DERIVED_PREFIXES.some((prefix) => RESERVED.has(`${prefix}${name}`));
  return clashes ? `${name}$` : name;
}

/**
 * Returns the rules with `tsName` set. Only type rules become TypeScript
 * declarations, so only they compete for names: two that meet in one name are
 * an error naming both — except a socket meeting a plain rule
 * (`$version-scheme` beside `version-scheme`, a common idiom), where the
 * socket yields and takes the suffix `Socket`. Group rules get a name too, but
 * emit nothing.
 */
export function assignNames(rules: readonly IrRule[], sources: SourceMap): IrRule[] {
  const plain = new Set(rules.filter((r) => r.kind === 'type' && !r.socket).map((r) => tsNameFor(r.name)));
  const taken = new Map<string, IrRule>();
  const names = new Map<string, string>();
  return rules.map((rule) => {
    const from = rule.hoistedFrom;
    const suffix = from === undefined ? '' : 'option' in from ? `Option${from.option}` : `Embedded${from.embedded}`;
    let tsName = from === undefined ? tsNameFor(rule.name) : `${names.get(from.rule) ?? tsNameFor(from.rule)}${suffix}`;
    if (rule.kind === 'type' && rule.socket && plain.has(tsName)) tsName = `${tsName}Socket`;
    const other = taken.get(tsName);
    if (other !== undefined && rule.kind === 'type') {
      throw new SchemaError('naming', toSpan(rule.span), `'${rule.name}' and '${other.name}' both become the TypeScript name '${tsName}'; rename one of them`, {
        sources,
        related: [{ span: toSpan(other.span), message: `'${other.name}' is defined here` }],
      });
    }
    names.set(rule.name, tsName);
    const named = { ...rule, tsName };
    if (rule.kind === 'type') taken.set(tsName, named);
    return named;
  });
}

export function toSpan(span: IrSpan): { file: string; line: number; col: number; offset: number; endOffset: number } {
  return { ...span, offset: 0, endOffset: 0 };
}
