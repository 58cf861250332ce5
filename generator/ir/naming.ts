/**
 * Assigns every rule its TypeScript name, once, for the whole schema. The
 * emitters only ever read `tsName`; they derive `encodeX`, `decodeX`, `isX`,
 * `validateX` from it and nothing else.
 */
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
  'Decoder',
  'EncodeError',
  'Encoder',
  'Guard',
  'MAX_DEPTH',
  'Problem',
  'Validator',
  'backtrackingDecoder',
  'bytesEqual',
  'checkTextList',
  'checkTextListAtDepth',
  'closeChecks',
  'dataKey',
  'decoder',
  'decodesAs',
  'deterministicKey',
  'duplicateKey',
  'duplicateKeyMessage',
  'encodeIfUsual',
  'encoder',
  'endSortedMap',
  'failAtNext',
  'failFirstItem',
  'firstKeyPath',
  'fitsFloat16',
  'fitsFloat32',
  'floatKey',
  'furthestError',
  'furthestWithDropped',
  'guard',
  'hasOnlyKeys',
  'headInto',
  'headSize',
  'integerText',
  'isBytes',
  'isCborInt',
  'isCborUint',
  'isDecodeError',
  'isIntIn',
  'isInteger',
  'isObject',
  'isTooDeep',
  'isTaggedValue',
  'keepBignumTag',
  'keyOfNoKind',
  'memberOf',
  'markForRetry',
  'missingKey',
  'missingKeys',
  'nameLookup',
  'nestingGuard',
  'numberKeepsNaN',
  'onlyBitsSet',
  'openChecks',
  'peekFirstOfArray',
  'peekKey',
  'peekMapKeys',
  'peekMapValue',
  'peekTag',
  'problemsOf',
  'readBigInt',
  'readNumberFloat',
  'readTextKey',
  'readTextList',
  'readTextSized',
  'readUintIn',
  'recallCheck',
  'rememberCheck',
  'remembered',
  'rememberingEncoder',
  'rememberingGuard',
  'rememberingUsualEncoder',
  'report',
  'reportClosest',
  'reportRequired',
  'runDecoder',
  'runEncoder',
  'runEncoderRemembering',
  'safeInteger',
  'sameData',
  'tagTooDeep',
  'tooDeep',
  'unexpectedKey',
  'unrecoverable',
  'usualEncoder',
  'utf8Length',
  'utf8LengthWithin',
  'validator',
  'valueLookup',
  'verifyEmbedded',
  'wellFormedText',
  'withPath',
  'writeTextList',
] as const;
export const CBOR_ANY_IMPORTS = ['CborAny', 'CborFloat', 'CborInvalidText', 'CborMap', 'CborSimple', 'CborTagged', 'anyFits', 'isCborAny', 'isCborAnyOf', 'writeCborAny'] as const;
/** From templates/text-controls.ts (RFC 9741 controls), beside the module only when it uses them. */
export const TEXT_CONTROL_IMPORTS = ['encodesBytes', 'isBase10', 'holdsJson', 'matchesPrintf', 'matchesJoin', 'isDedentingWithin', 'isDedentedLine'] as const;
/** From templates/matcher.ts and program.ts, beside the module only when it has rules the general matcher checks. */
export const GENERAL_IMPORTS = ['readGeneral', 'writeGeneral', 'checkGeneral', 'CddlProgram', 'schemaProgram'] as const;
/** From templates/dedented-patterns.ts (`.det` of a string type with a pattern), beside the module with regexp-prefixes.ts only when it uses it. */
export const DEDENTED_PATTERN_IMPORTS = ['isDedentedWord'] as const;
/** From templates/pattern-automata.ts (one of the files beside isDedentedWord's): patterns a backtracking engine may take more than linear time on. */
export const PATTERN_AUTOMATA_IMPORTS = ['matchesWhole'] as const;
/** From templates/abnf-recogniser.ts, beside the module only when it has an ABNF grammar no regular expression says. */
export const ABNF_IMPORTS = ['matchesAbnf', 'CddlAbnfGrammar'] as const;
/** Re-exported by every module, so users import everything from it. */
export const MODULE_REEXPORTS = ['DecodeError', 'DecodeOptions', 'EncodeError', 'EncodeOptions', 'isDecodeError', 'isEncodeError', 'Problem'] as const;
/** Re-exported by a module that uses `any`: the value model of cbor-any.ts, so users can read and build values. */
export const CBOR_ANY_REEXPORTS = ['CborAny', 'CborFloat', 'CborInvalidText', 'CborMap', 'CborSimple', 'CborTagged', 'CborValue'] as const;
/** Names imported or re-exported only as types. */
export const TYPE_ONLY_NAMES: ReadonlySet<string> = new Set(['CborValue', 'DecodeOptions', 'Decoder', 'EncodeOptions', 'Encoder', 'Guard', 'Problem', 'Validator']);

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
  ...ABNF_IMPORTS,
  ...DEDENTED_PATTERN_IMPORTS,
  ...PATTERN_AUTOMATA_IMPORTS,
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

/**
 * `pair<int, tstr>` → `PairOfIntTstr`: the generic's name and the words of its arguments. An
 * argument written as an inline map or array is one word for its kind (`non-empty<{ … }>` →
 * `NonEmptyOfMap`): the words of its members made a name of 176 characters in RFC 9290.
 */
function instanceName(name: string): string {
  const open = name.indexOf('<');
  if (open < 0) return pascalCase(name);
  const words = topLevelArguments(name.slice(open + 1, -1)).flatMap((arg) => {
    const kind = INLINE_KINDS[arg.charAt(0)];
    return kind !== undefined ? [kind] : (arg.match(/[A-Za-z_$@][\w$@.-]*|\d+/g) ?? []).map(pascalCase);
  });
  return `${pascalCase(name.slice(0, open))}Of${words.join('')}`;
}

/** The word for a generic argument written inline, by its first character. */
const INLINE_KINDS: Readonly<Record<string, string>> = { '{': 'Map', '[': 'Array' };

/** The arguments of a generic instance's printed name (`int, [a, b], "x,y"`), split at the commas outside brackets and strings. */
function topLevelArguments(list: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charAt(i);
    if (c === '"' || c === "'") {
      for (i++; i < list.length && list.charAt(i) !== c; i++) if (list.charAt(i) === '\\') i++;
    } else if (c === '=' && list.charAt(i + 1) === '>') i++; // `=>` closes nothing
    else if (c === '<' || c === '[' || c === '{' || c === '(') depth++;
    else if (c === '>' || c === ']' || c === '}' || c === ')') depth--;
    else if (c === ',' && depth === 0) {
      args.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(list.slice(start).trim());
  return args.filter((a) => a !== '');
}

export function tsNameFor(cddlName: string): string {
  const name = instanceName(cddlName);
  const clashes = RESERVED.has(name) || DERIVED_PREFIXES.some((prefix) => RESERVED.has(`${prefix}${name}`));
  return clashes ? `${name}$` : name;
}

/**
 * Returns the rules with `tsName` set (docs/ir.md, "TypeScript names", states the scheme):
 * 1. the PascalCase of the CDDL name ({@link tsNameFor}); a hoisted inline type takes its
 *    rule's name with `Option<n>` or `Embedded<n>` appended;
 * 2. a type socket beside a plain rule of the same name (`$version-scheme` beside
 *    `version-scheme`, a common idiom) takes the suffix `Socket`;
 * 3. type rules that still meet in one name (CDDL names that differ only in case or
 *    punctuation: `iodef-Name` and `iodef-name`, `ns.x` and `ns-x`) are ordered by CDDL name
 *    (code points, so moving rules about in a file renames nothing): the first keeps the name,
 *    the next ones take `_2`, `_3`, … (skipping any name another rule has).
 * Only type rules become TypeScript declarations, so only they compete for names. Group rules
 * get a name too (step 1), but emit nothing.
 */
export function assignNames(rules: readonly IrRule[]): IrRule[] {
  const plain = new Set(rules.filter((r) => r.kind === 'type' && !r.socket).map((r) => tsNameFor(r.name)));
  const candidates = new Map<IrRule, string>();
  const finals = new Map<string, string>();

  // Hoisted types are named after their rule's final name, so rules are named in rounds: first
  // those hoisted from nothing, then those hoisted from a rule named in the round before, …
  let round = rules.filter((r) => r.hoistedFrom === undefined);
  while (round.length > 0) {
    for (const rule of round) candidates.set(rule, candidateName(rule, plain, finals));
    const sameName = new Map<string, IrRule[]>();
    for (const rule of round) {
      const name = candidates.get(rule) as string;
      if (rule.kind === 'type') sameName.set(name, [...(sameName.get(name) ?? []), rule]);
      else finals.set(rule.name, name);
    }
    const taken = new Set([...finals.values(), ...sameName.keys()]);
    for (const [name, meeting] of sameName) {
      const [first, ...later] = [...meeting].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      if (first !== undefined) finals.set(first.name, name);
      let n = 2;
      for (const rule of later) {
        while (taken.has(`${name}_${n}`)) n++;
        taken.add(`${name}_${n}`);
        finals.set(rule.name, `${name}_${n}`);
      }
    }
    const named = new Set(round.map((r) => r.name));
    round = rules.filter((r) => r.hoistedFrom !== undefined && !finals.has(r.name) && named.has(r.hoistedFrom.rule));
  }
  // A hoisted type whose rule is not in the list (none is expected) is named from the CDDL name alone.
  return rules.map((rule) => ({ ...rule, tsName: finals.get(rule.name) ?? candidateName(rule, plain, finals) }));
}

/** A rule's name before rules that meet in one are told apart (steps 1 and 2 of {@link assignNames}). */
function candidateName(rule: IrRule, plain: ReadonlySet<string>, finals: ReadonlyMap<string, string>): string {
  const from = rule.hoistedFrom;
  if (from !== undefined) {
    const suffix = 'option' in from ? `Option${from.option}` : 'embedded' in from ? `Embedded${from.embedded}` : `Nested${from.nested}`;
    return `${finals.get(from.rule) ?? tsNameFor(from.rule)}${suffix}`;
  }
  const name = tsNameFor(rule.name);
  return rule.kind === 'type' && rule.socket && plain.has(name) ? `${name}Socket` : name;
}

export function toSpan(span: IrSpan): { file: string; line: number; col: number; offset: number; endOffset: number } {
  return { ...span, offset: 0, endOffset: 0 };
}
