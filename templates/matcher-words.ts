/**
 * The general matcher's words (matcher.ts): values, literals, types and
 * paths as its messages write them.
 */
import { CborAny, CborFloat, CborInvalidText, CborMap, CborSimple, CborTagged, contentOf, type CborValue } from './cbor-any.js';
import { integerText, isBytes } from './runtime.js';
import type { ProgramLiteral, ProgramType } from './program.js';
import { hexOf, plainInt } from './matcher-values.js';
import type { PathStep } from './matcher-failures.js';

/** The value in CDDL-like words, for messages. */
export function describe(v: CborValue): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  // A bigint beyond 64 bits is the bignum it is written as (tag 2 or 3), a number that is no safe integer a float; -0 is the float -0.0.
  if (typeof v === 'bigint') return plainInt(v) === null ? `the integer ${integerText(v)} (a bignum)` : String(v);
  if (typeof v === 'number') return plainInt(v) === null ? `the float ${Object.is(v, -0) ? '-0.0' : v}` : String(v);
  if (typeof v === 'boolean' || v === null || v === undefined) return String(v);
  if (isBytes(v)) return v.length > 16 ? `a byte string of ${v.length} bytes` : `h'${hexOf(v)}'`;
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (v instanceof CborMap) return v.size === 0 ? 'an empty map' : `a map of ${v.size} entr${v.size === 1 ? 'y' : 'ies'}`;
  if (v instanceof CborTagged) return `tag ${v.tag}`;
  if (v instanceof CborFloat) return `the float${v.width} ${Object.is(v.value, -0) ? '-0.0' : v.value}`;
  if (v instanceof CborSimple) return `simple(${v.value})`;
  if (v instanceof CborInvalidText) return 'a text string that is not UTF-8';
  if (v instanceof CborAny) {
    // Kept with its head (`#0.24`): the head says what it is to `#M.AI`.
    const ai = v.encoded[0]! & 31;
    const head = v.encoded.subarray(0, ai >= 24 && ai <= 27 ? 1 + (1 << (ai - 24)) : 1);
    return `${describe(contentOf(v))} with the head h'${hexOf(head)}'`;
  }
  return 'something that is not a CBOR value';
}

/** A literal as CDDL writes it. */
export function literalText(l: ProgramLiteral): string {
  switch (l.type) {
    case 'int':
      return l.value;
    case 'float':
      return Object.is(l.value, -0) ? '-0.0' : Number.isInteger(l.value) ? l.value.toFixed(1) : String(l.value);
    case 'text':
      return JSON.stringify(l.value);
    case 'bytes':
      return `h'${l.hex}'`;
    case 'bool':
      return String(l.value);
  }
}

/** The longest CDDL text a message shows for an inline type; longer text is cut, with `…`. */
const SHOWN_CDDL_MAX = 60;

/** An inline type's CDDL text as messages show it, of typed rules and general ones alike: cut at {@link SHOWN_CDDL_MAX} characters. */
export function shownCddl(cddl: string): string {
  return cddl.length <= SHOWN_CDDL_MAX ? cddl : `${cddl.slice(0, SHOWN_CDDL_MAX - 1)}…`;
}

/** A type in CDDL-like words, for messages. */
export function typeText(t: ProgramType, depth = 0): string {
  if (depth > 3) return '…';
  switch (t.kind) {
    case 'ref':
      return t.shown === undefined ? t.rule : shownCddl(t.shown);
    case 'prim':
      return t.prim;
    case 'literal':
      return literalText(t.value);
    case 'range':
      return `${literalText(t.min)}${t.inclusive ? '..' : '...'}${literalText(t.max)}`;
    case 'choice':
      return t.options.length === 0 ? 'nothing (an empty socket)' : t.options.map((o) => typeText(o, depth + 1)).join(' / ');
    case 'array':
      return 'an array';
    case 'map':
      return 'a map';
    case 'tag':
      return `#6${t.tag === null ? '' : typeof t.tag === 'string' ? `.${t.tag}` : `.<${typeText(t.tag, depth + 1)}>`}(${typeText(t.type, depth + 1)})`;
    case 'major':
      return `#${t.major}${t.info === null ? '' : `.${t.info}`}`;
    case 'pattern':
      return 'grammar' in t ? `${typeText(t.target, depth + 1)} matching its ABNF grammar` : `${typeText(t.target, depth + 1)} matching /${t.source}/`;
    case 'steps': {
      const run = t.runs[0];
      return run === undefined ? 'nothing' : `integers ${run.lo}..${run.hi}, ${run.width} in every ${run.step}${t.runs.length > 1 ? ` (or ${t.runs.length - 1} more such runs)` : ''}`;
    }
    case 'control':
      return `${typeText(t.target, depth + 1)} .${t.op} ${typeText(t.controller, depth + 1)}`;
  }
}

/** How a map key shows in a path: `.name` for a plain text key, `["a b"]` for other text, `{1}` otherwise. */
export function keyLabel(key: CborValue): string {
  if (typeof key === 'string') return /^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  return `{${describe(key)}}`;
}

/** A failure's place as a path: `[3].status`, `.map{1}<key>` for a key, `<embedded>` inside `.cbor`. */
export function pathText(steps: readonly PathStep[]): string {
  let path = '';
  for (const step of steps) {
    if (step.kind === 'index') path += `[${step.index}]`;
    else if (step.kind === 'entry') path += step.label;
    else if (step.kind === 'key') path += `${step.label}<key>`;
    else if (step.kind === 'embedded') path += '<embedded>';
  }
  return path;
}
