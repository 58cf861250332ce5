/**
 * The property the test asks of one generated module and its test-data generators: for each type
 * rule (or a deterministic sample), for seeds 0 … n − 1 (or from `firstSeed` on), the drawn bytes (`drawEncoded`) are the same on a second
 * draw, decode with `decodeX` (also with `{ deterministic: true }`), `isX` accepts the value and
 * `validateX` finds no problem, `encodeX(value)` gives back the same bytes, and byte edits of them
 * give a `DecodeError` or a value `isX` accepts that `encodeX` writes (the same bytes when the
 * edited ones are deterministic: issue 10's round trip), and the general matcher (RFC 8610, exact) agrees with
 * the decoder on each edited item that is one well-formed data item: it takes what the decoder takes, and the
 * decoder takes what it takes, but for what a typed value cannot hold by design. Failures are collected with
 * a repro (seed, bytes), not thrown, so one run reports them all.
 */
import { seededRandom } from '../../templates/arbitrary.js';
import { readCborValue, type CborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import type { Program } from '../../templates/program.js';
import { CborReader, isDeterministic } from '../../templates/runtime.js';
import { applyEdits, widenHeads, type ByteEdit } from '../support/byte-edits.js';
import { toHex } from '../support/hex.js';

export interface PropertyLimits {
  /** Seeds per rule. */
  seeds: number;
  /** The first seed (0 in CI; PROPERTY_SEED_BASE moves a campaign to seeds no run has tried). */
  firstSeed?: number;
  /** Edited copies per drawn item. */
  edits: number;
  /**
   * Drawn items per rule (the first ones) also decoded as every other rule checked, each answer held against the
   * general matcher's (unset: none). Edits stay near their rule's items; another rule's items are data of other
   * shapes, which found a map the matcher read otherwise than the typed decoder (`{ ~u, ? tstr ^ => [int] }`).
   */
  crossItems?: number;
  /** Rules checked per schema at most (an evenly spread sample beyond). */
  maxRules: number;
  /** The `integers` option the module was generated with (unset: the default). Under `'number'` a drawn item holding an integer beyond ±(2^53 − 1) must be refused with the DecodeError that names the option. */
  integers?: 'number' | 'bigint';
}

/**
 * What kind of failure: the part of the property that broke. `edit-…` are about an edited copy of a drawn item
 * decoded as its rule, `cross-…` about a drawn item decoded as another rule of the module, `widened-…` about a drawn
 * item written with every head one size longer (byte-edits.ts `widenHeads`), decoded as its rule.
 */
export type FailureKind = 'nondeterministic' | 'decode' | 'strict-decode' | 'guard' | 'validate' | 'encode' | 're-encode' | `${'edit' | 'cross' | 'widened'}-${ForeignFailure}`;

/** What can go wrong with bytes a rule did not draw: the decoder throws another error, the guard or the encoder fails the value, or the typed decoder and the general matcher disagree. */
type ForeignFailure = 'throws' | 'guard' | 'encode' | 're-encode' | 'matcher' | 'refused';

export interface Failure {
  rule: string;
  kind: FailureKind;
  message: string;
  /** The seed and the bytes that show it. */
  seed: number;
  hex: string;
}

export interface ModuleReport {
  /** Type rules the module has. */
  rules: number;
  /** Rules checked (all, or the sample). */
  checked: number;
  /** Rules with at least one item drawn. */
  covered: number;
  /** Rules no item could be drawn for, with the reason CannotGenerate gave. */
  cannot: Map<string, string>;
  /** Items drawn and checked; edited copies decoded. */
  items: number;
  edited: number;
  /** Drawn items decoded as another rule ({@link PropertyLimits.crossItems}). */
  crossed: number;
  /** Drawn items refused because they hold an integer a `integers: 'number'` module cannot (0 in other modes). */
  unsafeIntegers: number;
  failures: Failure[];
}

/** The DecodeError of a module generated with `integers: "number"` for an integer it cannot hold (templates/cbor-decode-errors.ts `safeInteger`). */
const UNSAFE_INTEGER = /^DecodeError: .*integer -?\d+ is beyond ±\(2\^53 − 1\), which code generated with integers: "number" cannot hold/;

/** The DecodeError of a typed float for a NaN whose bits a number cannot keep (docs/cddl-support.md, "NaN in a typed float"): the general matcher's CborFloat keeps them. */
const HELD_BY_NO_TYPED_VALUE = /^DecodeError: .*a NaN with a sign or payload bit, which a number cannot keep/;

type Fn = (...args: unknown[]) => unknown;

function fn(mod: Record<string, unknown>, name: string): Fn {
  const f = mod[name];
  if (typeof f !== 'function') throw new Error(`the generated module has no ${name}`);
  return f as Fn;
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0] ?? '';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A type rule: its CDDL name (what the program knows it by) and its TypeScript name (`decodeX`, `arbitraryX`). */
export interface RuleName {
  name: string;
  tsName: string;
}

/** An evenly spread sample of at most `max` names, the same every run. */
export function sample<T>(all: readonly T[], max: number): T[] {
  if (all.length <= max) return [...all];
  return Array.from({ length: max }, (_, i) => all[Math.floor((i * all.length) / max)]!);
}

/**
 * Checks the rules of one module: `mod` is the generated module, `arbitrary` its `.arbitrary.ts`,
 * `names` its type rules (IR order).
 */
export function checkModule(mod: Record<string, unknown>, arbitrary: Record<string, unknown>, names: readonly RuleName[], limits: PropertyLimits): ModuleReport {
  const checked = sample(names, limits.maxRules);
  const report: ModuleReport = { rules: names.length, checked: checked.length, covered: 0, cannot: new Map(), items: 0, edited: 0, crossed: 0, unsafeIntegers: 0, failures: [] };
  const isDecodeError = fn(mod, 'isDecodeError');

  const isCannotGenerate = fn(arbitrary, 'isCannotGenerate');
  const drawEncoded = fn(arbitrary, 'drawEncoded');
  const program = arbitrary.program as { rules: Record<string, unknown> };
  const functions = (rule: string) => ({ decode: fn(mod, `decode${rule}`), encode: fn(mod, `encode${rule}`), is: fn(mod, `is${rule}`) });
  /**
   * Bytes `rule` did not draw, decoded as it: a DecodeError, or a value its guard accepts and its encoder writes back
   * (byte for byte where the bytes are deterministic); and the typed decoder takes exactly what the general matcher
   * (exact, RFC 8610) takes, but where a typed value cannot hold what it took.
   */
  const checkForeign = (kind: 'edit' | 'cross' | 'widened', { name, tsName: rule }: RuleName, bytes: Uint8Array, seed: number, from = ''): void => {
    const fail = (what: ForeignFailure, message: string): void => {
      report.failures.push({ rule, kind: `${kind}-${what}`, message: `${from}${message}`, seed, hex: toHex(bytes) });
    };
    const { decode, encode, is } = functions(rule);
    let value: unknown;
    try {
      value = decode(bytes);
    } catch (error) {
      if (isDecodeError(error) !== true) fail('throws', messageOf(error));
      else if (name in program.rules && !HELD_BY_NO_TYPED_VALUE.test(messageOf(error)) && !(limits.integers === 'number' && UNSAFE_INTEGER.test(messageOf(error))) && matcherTakes(program, name, bytes))
        fail('refused', `the general matcher takes the bytes, the decoder refuses them: ${messageOf(error)}`);
      return;
    }
    const why = name in program.rules ? matcherFailure(program, name, bytes) : null;
    if (why !== null) fail('matcher', `the decoder takes the bytes, the general matcher does not: ${why}`);
    const ok = guard(is, value);
    if (ok !== true) return fail('guard', ok === false ? 'isX rejects the decoded value' : ok);
    try {
      const again = encode(value) as Uint8Array;
      if (isDeterministic(bytes) && !sameBytes(again, bytes)) fail('re-encode', `deterministic bytes encode back to ${toHex(again)}`);
    } catch (error) {
      fail('encode', messageOf(error));
    }
  };
  /** The first drawn items of each rule, for {@link PropertyLimits.crossItems}. */
  const drawnItems = new Map<RuleName, { seed: number; bytes: Uint8Array }[]>();
  for (const ruleName of checked) {
    const { name, tsName: rule } = ruleName;
    // A rule the program could not hold: its generator throws CannotGenerate, saying why.
    const draw = name in program.rules ? (seed: number) => drawEncoded(program, name, seed) : fn(arbitrary, `arbitrary${rule}`);
    const { decode, encode, is } = functions(rule);
    const validate = fn(mod, `validate${rule}`);
    const fail = (kind: FailureKind, message: string, seed: number, bytes: Uint8Array) => report.failures.push({ rule, kind, message, seed, hex: toHex(bytes) });
    const kept: { seed: number; bytes: Uint8Array }[] = [];
    drawnItems.set(ruleName, kept);
    let drawn = 0;
    const firstSeed = limits.firstSeed ?? 0;
    for (let seed = firstSeed; seed < firstSeed + limits.seeds; seed++) {
      let bytes: Uint8Array;
      try {
        bytes = draw(seed) as Uint8Array;
      } catch (error) {
        if (!isCannotGenerate(error)) throw error;
        if (drawn === 0) report.cannot.set(rule, (error as { reason: string; path: string }).path + ': ' + (error as { reason: string }).reason);
        break;
      }
      drawn++;
      report.items++;
      if (kept.length < (limits.crossItems ?? 0)) kept.push({ seed, bytes });
      if (!sameBytes(draw(seed) as Uint8Array, bytes)) fail('nondeterministic', 'a second draw with the same seed differs', seed, bytes);
      let value: unknown;
      try {
        value = decode(bytes);
      } catch (error) {
        // Under integers: 'number' an integer beyond ±(2^53 − 1) is refused by design, with a DecodeError naming the option.
        if (limits.integers === 'number' && isDecodeError(error) === true && UNSAFE_INTEGER.test(messageOf(error))) {
          report.unsafeIntegers++;
          continue;
        }
        fail('decode', messageOf(error), seed, bytes);
        continue;
      }
      try {
        decode(bytes, { deterministic: true });
      } catch (error) {
        fail('strict-decode', `with { deterministic: true }: ${messageOf(error)}`, seed, bytes);
      }
      const accepted = guard(is, value);
      if (accepted !== true) {
        fail('guard', accepted === false ? 'isX rejects the decoded value' : accepted, seed, bytes);
        continue;
      }
      try {
        const problems = validate(value) as unknown[];
        if (problems.length > 0) fail('validate', `isX accepts, validateX finds ${JSON.stringify(problems[0])}`, seed, bytes);
      } catch (error) {
        fail('validate', `validateX threw ${messageOf(error)}`, seed, bytes);
      }
      try {
        const again = encode(value) as Uint8Array;
        if (!sameBytes(again, bytes)) fail('re-encode', `encodes back to ${toHex(again)}`, seed, bytes);
      } catch (error) {
        fail('encode', messageOf(error), seed, bytes);
      }
      // The same item with longer heads: the typed decoder and the matcher read heads alike (a key 38 0a is -11).
      checkForeign('widened', ruleName, widenHeads(bytes), seed);
      const random = seededRandom(seed + 1_000_003 * (report.items + 1));
      for (let e = 0; e < limits.edits; e++) {
        const edits: ByteEdit[] = Array.from({ length: 1 + random(2) }, () => ({ kind: (['set', 'insert', 'delete'] as const)[random(3)]!, at: random(bytes.length + 1), byte: random(256) }));
        const edited = applyEdits(bytes, edits);
        report.edited++;
        checkForeign('edit', ruleName, edited, seed);
      }
    }
    if (drawn > 0) report.covered++;
  }
  for (const [from, items] of drawnItems) {
    for (const to of checked) {
      if (to === from) continue;
      for (const { seed, bytes } of items) {
        report.crossed++;
        checkForeign('cross', to, bytes, seed, `an item of ${from.tsName}: `);
      }
    }
  }
  return report;
}

/** Whether the bytes are one well-formed data item, nothing after it, that the general matcher takes as `rule`. */
function matcherTakes(program: { rules: Record<string, unknown> }, rule: string, bytes: Uint8Array): boolean {
  const reader = new CborReader(bytes);
  let value: CborValue;
  try {
    value = readCborValue(reader, '', true);
  } catch {
    return false;
  }
  return reader.pos === bytes.length && explain(program as unknown as Program, rule, value) === null;
}

/** Why the general matcher refuses the bytes as `rule`, or null when it takes them. */
function matcherFailure(program: { rules: Record<string, unknown> }, rule: string, bytes: Uint8Array): string | null {
  const reader = new CborReader(bytes);
  // Heads kept as read, as the general decoders read them: `#1.24` looks at the head (RFC 8610 §2.2.3).
  const failure = explain(program as unknown as Program, rule, readCborValue(reader, '', true));
  return failure === null ? null : `${failure.path}: ${failure.message}`;
}

/** `isX(value)`: true, false, or the exception it threw (guards must not throw). */
function guard(is: Fn, value: unknown): boolean | string {
  try {
    return is(value) === true;
  } catch (error) {
    return `isX threw ${messageOf(error)}`;
  }
}
