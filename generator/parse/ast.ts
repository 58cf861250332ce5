/**
 * The CDDL abstract syntax tree (RFC 8610 Appendix B, with RFC 9165 control
 * operators and RFC 9682's `#6.<type>(…)` / `#7.<type>` forms).
 *
 * The tree is what the text says, nothing resolved: a bare name may turn out
 * to be a type or a group, and only the IR decides. Every node carries the
 * {@link Span} it was read from. Numbers are kept as decimal strings so that
 * the tree is JSON-serialisable and no precision is lost.
 */
import type { Span } from '../diagnostics.js';

export interface NodeBase {
  span: Span;
}

/** One parsed `.cddl` file. */
export interface CddlFile extends NodeBase {
  kind: 'file';
  file: string;
  rules: Rule[];
  /** The module directives (`;# import …`, `;# include …`), in file order; see generator/modules/. */
  directives: Directive[];
}

/**
 * `;# import rfc9052`, `;# include a, b from m as ns` (draft-ietf-cbor-cddl-modules):
 * to basic CDDL a comment, to the module stage a request for another file's rules.
 */
export interface Directive {
  kind: 'import' | 'include';
  /** The names before `from`, as written (`cose.label` or `label`); null for the whole module (no `from`, or `*`). */
  names: { name: string; span: Span }[] | null;
  /** The module name as written (`rfc9052`); its file is the name lower-cased plus `.cddl`. */
  module: string;
  moduleSpan: Span;
  /** The `as` prefix, or null. */
  prefix: { name: string; span: Span } | null;
  /** The whole directive line. */
  span: Span;
}

/**
 * One rule. `name = …` is a type rule or a group rule depending on its right
 * side; `/=` always extends a type (socket `$name` or plain), `//=` always a
 * group.
 *
 * The parser makes a rule a `group` rule when its right side cannot be a type:
 * it has a member key, an occurrence indicator, several entries, or a `//`.
 * A right side that is a single bare name or a parenthesised type stays a
 * `type` rule; the IR turns it into a group alias if the name is a group.
 */
export interface Rule extends NodeBase {
  kind: 'rule';
  name: string;
  nameSpan: Span;
  /** Generic parameter names (`name<a, b> = …`), empty when none. */
  genericParams: string[];
  assign: '=' | '/=' | '//=';
  body: { kind: 'type'; type: Type } | { kind: 'group'; entry: GroupEntry };
  /** Comment text attached to the rule: the comment lines directly above it and a comment on its last line, `;` and one following space removed, joined with '\n'. Null when none. */
  doc: string | null;
}

/** Any type expression. */
export type Type =
  | ChoiceType
  | RangeType
  | ControlType
  | LiteralType
  | NameType
  | MapType
  | ArrayType
  | UnwrapType
  | EnumType
  | TagType
  | MajorType
  | AnyType
  | LabeledType;

/** `a / b / c`: always two or more options; a single type is never wrapped. */
export interface ChoiceType extends NodeBase {
  kind: 'choice';
  options: Type[];
}

/** `min..max` (inclusive) or `min...max` (max excluded). Bounds are literals or names. */
export interface RangeType extends NodeBase {
  kind: 'range';
  min: Type;
  max: Type;
  inclusive: boolean;
}

/** `target .op controller`, for any operator name (`.size`, `.bits`, `.cbor`, `.plus`, a future one …). */
export interface ControlType extends NodeBase {
  kind: 'control';
  /** Operator name without the dot: `size`, `regexp`, `default`, … */
  op: string;
  opSpan: Span;
  target: Type;
  controller: Type;
}

export type Literal =
  /** Integer of any size in decimal, with '-' for negatives; `raw` is the source form (`0x1F`, `-0b101`). */
  | { type: 'int'; value: string; raw: string }
  /** Floating-point literal (`1.5`, `1e3`, `0x1.8p1`); `raw` is the source form. */
  | { type: 'float'; value: number; raw: string }
  /** Text string with escapes already applied. */
  | { type: 'text'; value: string; raw: string }
  /** Byte string (`h'…'`, `b64'…'`, `'…'`) as lowercase hex of the decoded bytes. */
  | { type: 'bytes'; hex: string; raw: string };

export interface LiteralType extends NodeBase {
  kind: 'literal';
  value: Literal;
}

/** A reference by name: a rule, a prelude type, a generic parameter, or a socket (`$name`, `$$name`). */
export interface NameType extends NodeBase {
  kind: 'name';
  name: string;
  /** Generic arguments (`name<a, b>`), empty when none. */
  genericArgs: Type[];
}

/** `{ group }` */
export interface MapType extends NodeBase {
  kind: 'map';
  group: Group;
}

/** `[ group ]` */
export interface ArrayType extends NodeBase {
  kind: 'array';
  group: Group;
}

/** `~name<args>`: the group inside the map or array that `name` is. */
export interface UnwrapType extends NodeBase {
  kind: 'unwrap';
  name: string;
  genericArgs: Type[];
}

/** `&( group )` or `&name<args>`: the choice of the values of the group's entries. */
export interface EnumType extends NodeBase {
  kind: 'enum';
  source: { kind: 'group'; group: Group } | { kind: 'name'; name: string; genericArgs: Type[]; span: Span };
}

/**
 * `#6.n(type)`, `#6.<type>(type)` (RFC 9682) or `#6(type)` (any tag number).
 * `tag` is the decimal tag number, a type that constrains it, or null for any.
 */
export interface TagType extends NodeBase {
  kind: 'tag';
  tag: { kind: 'number'; value: string } | { kind: 'type'; type: Type } | null;
  type: Type;
}

/** `#n` or `#n.ai` / `#n.<type>`: a major type with optional additional information. */
export interface MajorType extends NodeBase {
  kind: 'major';
  major: number;
  info: { kind: 'number'; value: string } | { kind: 'type'; type: Type } | null;
}

/**
 * Not RFC 8610: zcbor's dialect labels the options of a type choice
 * (`uint_single: 10 /`) and may give one an occurrence (`repeated: *uint`).
 * The parser reads it only where standard CDDL would be a syntax error, so
 * that such files parse; the IR refuses it with its location.
 */
export interface LabeledType extends NodeBase {
  kind: 'labeled';
  label: string;
  occurrence: Occurrence | null;
  type: Type;
}

/** `#`: any data item. */
export interface AnyType extends NodeBase {
  kind: 'any';
}

/** Occurrence: `?` (0..1), `*` (0..∞), `+` (1..∞), `n*m`, `n*`, `*m`. `max` null means unbounded. Numbers are decimal strings. */
export interface Occurrence extends NodeBase {
  min: string;
  max: string | null;
  raw: string;
}

/** A group: group choices separated by `//` (at least one). */
export interface Group extends NodeBase {
  kind: 'group';
  choices: GroupChoice[];
}

/** One alternative of a group: its entries in order (possibly none). */
export interface GroupChoice extends NodeBase {
  kind: 'groupChoice';
  entries: GroupEntry[];
  /**
   * Not RFC 8610: the `/` before this alternative, where zcbor's dialect separates group alternatives
   * (`(1 => "one") / (2 => "two")`) and standard CDDL would be a syntax error. Parsed so that such files
   * parse; the IR refuses it with its location, as it does labelled type-choice options.
   */
  zcborSlash?: Span;
}

export type MemberKey =
  /** `name:` — in a map the text key "name", in an array a member name. */
  | { kind: 'bareword'; name: string; span: Span }
  /** `"text":`, `1:`, `h'00':` */
  | { kind: 'value'; value: Literal; span: Span }
  /** `type =>` or `type ^ =>` (cut). */
  | { kind: 'type'; type: Type; cut: boolean; span: Span };

/**
 * One group entry.
 * - `member`: `[occurrence] [key] type`. Without a key, `type` may be a bare
 *   name that the IR finds to be a group (then it is spliced in).
 * - `group`: `[occurrence] ( group )` — an inline group. A parenthesised
 *   single keyless entry with no occurrence (`( int / tstr )`) is read as a
 *   `member` of that type instead, which means the same.
 */
export type GroupEntry = MemberEntry | InlineGroupEntry;

export interface MemberEntry extends NodeBase {
  kind: 'member';
  occurrence: Occurrence | null;
  key: MemberKey | null;
  type: Type;
  /** Comment attached to the entry: comment lines directly above it and a comment after it on the same line (after its comma if any). Null when none. */
  doc: string | null;
}

export interface InlineGroupEntry extends NodeBase {
  kind: 'group';
  occurrence: Occurrence | null;
  group: Group;
  doc: string | null;
}
