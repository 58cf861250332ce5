/**
 * The intermediate representation: the contract between the IR builder and
 * the emitters, documented in docs/ir.md.
 *
 * Plain data, JSON-serialisable (numbers beyond 2^53 are decimal strings),
 * with every name resolved, every socket merged, every generic instantiated
 * and every TypeScript name assigned. Nothing here is TypeScript syntax.
 */
import type { Span } from '../diagnostics.js';

export const IR_VERSION = 1;

export interface IrSchema {
  irVersion: typeof IR_VERSION;
  /** Input files in the order given: the first is the schema the module is named after. */
  files: IrFile[];
  /** Every rule, in definition order (file order, then source order); generic definitions are left out, their instances included. */
  rules: IrRule[];
  /** Name of the first rule of the first file (RFC 8610 §3.1: the root), or null for an empty schema. */
  root: string | null;
  /** What resolution found that generates, but maybe not as the author meant (a value two enumerations name); absent when none. */
  warnings?: IrWarning[];
}

/** A warning of the IR stage, at the place it is about; the generator reports it with the later stages' warnings. */
export interface IrWarning {
  /**
   * `value-named-twice`: two enumerations that meet in one type choice name one value (`mimi-codegen registry` fails on it).
   * `least-solution`: a rule that refers to itself before any array, map or tag (`x = uint / x`), whose type is its least solution (ir/cycles.ts).
   * `matches-nothing`: a rule each of whose values would hold another value of it without end (`tree = [tree, tree]`), whose type is the empty choice (ir/unproductive.ts).
   */
  kind: 'value-named-twice' | 'least-solution' | 'matches-nothing';
  span: IrSpan;
  message: string;
}

export interface IrFile {
  path: string;
  /** For a file reached through `;# import` or `;# include`: the module name (`rfc9052`). Absent for the schema files given. */
  module?: string;
  /** Hex SHA-256 of the file's text. */
  sha256: string;
}

/** Where something was defined: file, line, column. */
export type IrSpan = Pick<Span, 'file' | 'line' | 'col'>;

export interface IrRule {
  /** The CDDL name (`$extStatus`, `baseStatus`); a generic instance is named with its arguments (`pair<int, tstr>`). */
  name: string;
  /** The TypeScript name, assigned once for the whole schema (PascalCase, unique). */
  tsName: string;
  /** A type rule, or a group rule (used only spliced into maps and arrays, or as an enumeration source). */
  kind: 'type' | 'group';
  /** `$name` type socket or `$$name` group socket: open to `/=` and `//=` from other files. */
  socket: boolean;
  /** For type rules. */
  type?: IrType;
  /** For group rules. */
  group?: IrGroup;
  /** Comment text from the CDDL, for JSDoc. */
  doc: string | null;
  /** The definition (for a socket: its first `=`/`/=`/`//=`, or its first use when no file defines it). */
  span: IrSpan;
  /** The module the rule was imported or included from (`rfc9052`; its file is `span.file`); absent for a rule of the schema files given. */
  module?: string;
  /**
   * Set for a type that was inline in `rule` and got a rule of its own: an
   * array or map that was an option of a type choice (`<rule>.option<n>`), or
   * the type a byte string embeds (`bstr .cbor [* int]`: `<rule>.embedded<n>`), or an array or map
   * inside a group rule that splices itself in through it (`g = ( ? e: { g } )`: `<rule>.nested<n>`), or the
   * type of a member that the emitters would write more than once (`shared`: beside a group choice, or in a group
   * rule spliced into several places; ir/shared-members.ts).
   * `cddl` is the inline type as CDDL writes it (`[* int]`, printed by ir/print.ts), which messages and
   * JSDoc show in place of the made-up name.
   */
  hoistedFrom?: HoistedPlace & { cddl: string };
}

/** Where a hoisted rule's type was written (`IrRule.hoistedFrom`). */
export type HoistedPlace = { rule: string; option: number } | { rule: string; embedded: number } | { rule: string; nested: number; shared?: true };

/** One named value of an enumeration. */
export interface IrEnumValue {
  /** The member name (`unread`), or null where the CDDL gave none (a value key or keyless entry). */
  name: string | null;
  /** A literal, or a range (`unknown: 7..255`), or another type for exotic enumerations. */
  type: IrType;
  doc: string | null;
  span: IrSpan;
}

export type IrLiteral =
  | { type: 'int'; value: string }
  | { type: 'float'; value: number }
  /** A float literal beyond every binary64 (`1e999`): IR is JSON, which has no Infinity, so the literal's text is kept. No data item equals it. */
  | { type: 'float'; value: null; text: string }
  | { type: 'text'; value: string }
  | { type: 'bytes'; hex: string }
  | { type: 'bool'; value: boolean };

/** The prelude types that are not expressed in terms of others (RFC 8610 Appendix D). */
export type IrPrimitive =
  | 'uint'
  | 'nint'
  | 'int'
  /** Integers of any size, as a plain integer or a bignum (tags 2 and 3, RFC 8949 §3.4.3). */
  | 'biguint'
  | 'bignint'
  | 'bigint'
  | 'bstr'
  | 'tstr'
  | 'bool'
  | 'null'
  | 'undefined'
  | 'any'
  | 'float16'
  | 'float32'
  | 'float64'
  | 'float16-32'
  | 'float32-64'
  | 'float';

export type IrType =
  /** A reference to another type rule by its `name`. */
  | { kind: 'ref'; rule: string }
  | { kind: 'prim'; prim: IrPrimitive }
  | { kind: 'literal'; value: IrLiteral }
  /** Bounds are literals (named bounds are resolved); `inclusive` false excludes `max`. */
  | { kind: 'range'; min: IrLiteral; max: IrLiteral; inclusive: boolean }
  /**
   * Two or more options; an empty choice has none and matches nothing: an empty socket, or a rule each of whose values
   * would hold another without end (ir/unproductive.ts), whose `nothing` says why.
   */
  | { kind: 'choice'; options: IrType[]; nothing?: string }
  | { kind: 'array'; group: IrGroup }
  | { kind: 'map'; group: IrGroup }
  /**
   * Named values: `&( … )`, `&group`, a socket whose every alternative is an
   * enumeration (merged, in file order), or an empty type socket (no values).
   */
  | { kind: 'enum'; values: IrEnumValue[] }
  /** `#6.n(T)`: `tag` is the decimal tag number; `#6.<T>(T)`: a type of tag numbers; `#6(T)`: null, any tag. */
  | { kind: 'tag'; tag: string | IrType | null; type: IrType }
  /** `#n`, `#n.ai`: a major type with optional additional information (decimal). */
  | { kind: 'major'; major: number; info: string | null }
  /** Any control operator; the emitter decides which ones it honours. */
  | { kind: 'control'; op: string; target: IrType; controller: IrType; span: IrSpan };

/** Occurrence of an entry: `min` and `max` (null: unbounded). */
export interface IrOccurrence {
  min: number;
  max: number | null;
}

export interface IrGroup {
  /** Group choices (`//`); one for an ordinary group. */
  choices: IrGroupChoice[];
}

export interface IrGroupChoice {
  entries: IrEntry[];
}

export type IrKey =
  /** A fixed key: `name:` (text key "name") or a literal `1:`, `"x":`. `bareword` tells which was written. */
  | { kind: 'value'; value: IrLiteral; bareword: boolean }
  /** A computed key `type =>`; `cut` after `^`. */
  | { kind: 'type'; type: IrType; cut: boolean };

export type IrEntry =
  | {
      kind: 'member';
      /** Member name: the bareword (in arrays and maps), or null when the CDDL gives none. */
      name: string | null;
      /** The key as written, or null for a keyless entry. In an array a key only names the position: emitters read `name` there. */
      key: IrKey | null;
      type: IrType;
      occurrence: IrOccurrence;
      doc: string | null;
      span: IrSpan;
    }
  /** A group spliced in: a named group rule, or an inline parenthesised group. */
  | {
      kind: 'group';
      ref: string | null;
      group: IrGroup | null;
      occurrence: IrOccurrence;
      doc: string | null;
      span: IrSpan;
    };
