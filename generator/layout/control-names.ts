/**
 * The names of the control operators this generator knows, in one place that every stage can
 * import without importing the stages that act on them (layout/program.ts lowers them,
 * layout/shapes.ts and emit/more-controls.ts give them layouts and code).
 */

/** RFC 9741 §2.1: text representations of byte strings. */
export const BASE_ENCODINGS = ['b64u', 'b64u-sloppy', 'b64c', 'b64c-sloppy', 'b32', 'h32', 'hex', 'hexlc', 'hexuc', 'b45'] as const;

/** The RFC 9741 operators on text (`.decimal` is RFC 9741's name for what its drafts called `.base10`). */
export const TEXT_CONTROL_OPS: ReadonlySet<string> = new Set<string>([...BASE_ENCODINGS, 'base10', 'decimal', 'printf', 'json', 'join']);

/** The control operators of RFC 8610, RFC 9165 and RFC 9741: any other is refused. */
export const KNOWN_CONTROLS: ReadonlySet<string> = new Set(['size', 'bits', 'lt', 'le', 'gt', 'ge', 'eq', 'ne', 'default', 'feature', 'cbor', 'cborseq', 'and', 'within', 'regexp', 'abnf', 'abnfb', 'cat', 'det', 'plus', ...TEXT_CONTROL_OPS]);
