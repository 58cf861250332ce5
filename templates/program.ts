/**
 * A schema as plain data that run-time code can interpret: the general
 * matcher (exact validation of any CDDL construct over {@link CborValue}s)
 * and the test-data generators (`arbitraryX`) both read it. It is the IR
 * (docs/ir.md) lowered for run time, documented in docs/program.md:
 *
 * - only what matching needs: no docs, spans or TypeScript names;
 * - enumerations are choices of their values; `.cat`, `.plus` and `.det`
 *   are computed: literals, ranges, patterns, or (`.plus` of an integer and
 *   a float type) `steps` of integers;
 * - `.regexp` (XSD, RFC 8610 §3.8.3), `.abnf` and `.abnfb` (RFC 9165 §3) are
 *   `pattern` nodes holding JavaScript source for the `u` flag, matched whole
 *   (`^(?:source)$`); for `bytes` the pattern runs over the bytes read as
 *   latin1 (one code point per byte); a grammar no regular expression says
 *   (a recursive rule) is a `pattern` node holding the grammar as data, which
 *   abnf-recogniser.ts matches;
 * - every other control keeps its operator, target and controller.
 *
 * Integers are decimal strings (they may exceed 2^53); everything else is
 * JSON. Emitted next to a generated module only when it needs the program.
 */
import type { AbnfGrammar } from './abnf-recogniser.js';

/** A literal value; `int` is a decimal string. */
export type ProgramLiteral =
  | { type: 'int'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'bytes'; hex: string }
  | { type: 'bool'; value: boolean };

/** The prelude types that are not defined in terms of others (RFC 8610 Appendix D). */
export type ProgramPrimitive =
  | 'uint'
  | 'nint'
  | 'int'
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

export type ProgramType =
  /**
   * Another type rule of {@link Program.rules}, by its CDDL name; `shown`, for a rule that was an inline type of
   * the schema (`a.embedded1`, a name the schema never wrote), is that type as CDDL writes it, for messages.
   */
  | { kind: 'ref'; rule: string; shown?: string }
  | { kind: 'prim'; prim: ProgramPrimitive }
  | { kind: 'literal'; value: ProgramLiteral }
  /** `min..max` (`inclusive`) or `min...max`; both bounds of one kind (int or float). */
  | { kind: 'range'; min: ProgramLiteral; max: ProgramLiteral; inclusive: boolean }
  /** A type choice; no options matches nothing (an empty socket, or a rule without values: `nothing` says why). */
  | { kind: 'choice'; options: ProgramType[]; nothing?: string }
  | { kind: 'array'; group: ProgramGroup }
  | { kind: 'map'; group: ProgramGroup }
  /** `#6.n(T)` (`tag` decimal), `#6.<T>(T)` (`tag` a type of tag numbers), `#6(T)` (`tag` null: any tag). */
  | { kind: 'tag'; tag: string | ProgramType | null; type: ProgramType }
  /** `#n` / `#n.ai`: a major type, with additional information (decimal) or null. */
  | { kind: 'major'; major: number; info: string | null }
  /** `.regexp`, `.abnf`, `.abnfb`: `target` values whose text (or latin1 bytes) `source` matches whole. */
  | { kind: 'pattern'; target: ProgramType; source: string; alphabet: 'text' | 'bytes' }
  /** `.abnf`, `.abnfb` whose grammar no regular expression says: `target` values whose text (or bytes) the grammar matches whole (abnf-recogniser.ts). */
  | { kind: 'pattern'; target: ProgramType; grammar: AbnfGrammar; alphabet: 'text' | 'bytes' }
  /**
   * Integers in evenly spaced runs: n matches one `{ lo, hi, step, width }` (decimal strings) when lo ≤ n ≤ hi
   * and (n − lo) mod step < width. What `.plus` of an integer type and a float type gives where the floats
   * are further apart than the integer type is wide (RFC 9165 §2.1: each n + floor(x); `(1..3) .plus float`).
   */
  | { kind: 'steps'; runs: { lo: string; hi: string; step: string; width: string }[]; bignum?: true }
  /** Any other control (`.size`, `.bits`, `.lt` … `.ne`, `.default`, `.cbor`, `.cborseq`, `.and`, `.within`, `.feature`, RFC 9741's). */
  /**
   * `patterns`: for `.det`, each side's pattern as the typed layouts read it (null: none), where a side has one (`.regexp`, `.and` of patterns, `.ne`): its dedented words are what it stands for (dedented-patterns.ts);
   * `sizes`: each such side's size in bytes, `[min, max]` (max null: unbounded), where it has one too: its dedented words of that size;
   * `undented`: each side that is a control whose values dedenting maps to values (`.json`, `.b64u`, `.decimal`): its values that dedenting leaves alone (for `.json` with a size in `sizes`: those one of whose re-indentations the side holds, text-controls.ts reindentedWithin; with a pattern in `patterns`: JSON its `.json` accepts that is the dedenting of a word);
   * `leading`: each side whose values are one line with at most that many spaces before it (`.b45`): the dedenting of one of them (text-controls.ts isDedentedLine).
   */
  | { kind: 'control'; op: string; target: ProgramType; controller: ProgramType; patterns?: (string | null)[]; sizes?: ([number, number | null] | null)[]; undented?: boolean[]; leading?: (number | null)[] };

/** A fixed key (`name:`, `1:`, `"x":`, `h'01':`) or a computed key `type =>` (`cut` after `^`). */
export type ProgramKey = { kind: 'value'; value: ProgramLiteral } | { kind: 'type'; type: ProgramType; cut: boolean };

export type ProgramEntry =
  /** `name` is the member's name for error paths (null when none); `key` null for a keyless entry (arrays). */
  | { kind: 'member'; name: string | null; key: ProgramKey | null; type: ProgramType; min: number; max: number | null }
  /** A group spliced in: a group rule of {@link Program.rules} by name, or an inline group. */
  | { kind: 'group'; ref: string | null; group: ProgramGroup | null; min: number; max: number | null };

/** Group choices (`//`), each a sequence of entries. */
export interface ProgramGroup {
  choices: ProgramEntry[][];
}

/** A type rule or a group rule. */
export type ProgramRule = { kind: 'type'; type: ProgramType } | { kind: 'group'; group: ProgramGroup };

/** The rules a module's general matcher or test-data generators need, by CDDL name. */
export interface Program {
  rules: Record<string, ProgramRule>;
  /**
   * `'number'` in a module generated with `integers: 'number'`: where the schema types an integer whose set
   * reaches beyond ±(2^53 − 1), the matcher refuses a value beyond that range as the typed decoders do
   * (docs/program.md). Absent otherwise.
   */
  integers?: 'number';
}
