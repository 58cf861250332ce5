/**
 * What the differential tests of typed code against the general matcher share (test/language/types-differential,
 * groups-differential, constructs-differential): the items a rule is tried on, and what is wrong with a rule's guard
 * and encoder on a value its decoder took. Each test draws its own random and changed items.
 */
import { drawValue, isCannotGenerate, type Random } from '../../templates/arbitrary.js';
import { CborAny, CborFloat, readCborValue, type CborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import type { Program } from '../../templates/program.js';
import { CborReader } from '../../templates/runtime.js';
import { isDeterministic } from '../choices/deterministic.js';
import { toHex } from './hex.js';

/**
 * `count` items for rule `name`: drawn from its program and each also changed by `mutate`, up to a third of them
 * (fewer where the rule has fewer values to draw), then random ones (`randomItem`), all from the random source `own`.
 */
export function differentialItems(program: Program, name: string, count: number, own: Random, mutate: (value: CborValue, random: Random) => CborValue, randomItem: (random: Random, depth: number) => CborValue): Uint8Array[] {
  const items: Uint8Array[] = [];
  for (let seed = 0; seed < count / 3; seed++) {
    let drawn: CborValue;
    try {
      drawn = drawValue(program, name, seed);
    } catch (error) {
      if (!isCannotGenerate(error)) throw error;
      break;
    }
    items.push(CborAny.of(drawn).encoded, CborAny.of(mutate(drawn, own)).encoded);
  }
  while (items.length < count) items.push(CborAny.of(randomItem(own, 2)).encoded);
  return items;
}

/** A rule's generated functions (`validate`, where given, must agree with `is`). */
export interface RuleFunctions {
  decode: (bytes: Uint8Array) => unknown;
  is: (value: unknown) => boolean;
  encode: (value: unknown) => Uint8Array;
  validate?: (value: unknown) => unknown[];
}

/** Rule `R<n>`'s functions in a generated module, for the schema's rule `r<n>`. */
export function ruleFunctions(module: Record<string, unknown>, name: string, withValidate = false): RuleFunctions {
  const rule = `R${name.slice(1)}`;
  const functions: RuleFunctions = { decode: module[`decode${rule}`] as RuleFunctions['decode'], is: module[`is${rule}`] as RuleFunctions['is'], encode: module[`encode${rule}`] as RuleFunctions['encode'] };
  if (withValidate) functions.validate = module[`validate${rule}`] as RuleFunctions['validate'];
  return functions;
}

/**
 * What is wrong with the guard and the encoder on a value the typed decoder took from `bytes`: the guard must
 * accept it (and the validator find no problem), the encoder must write it, the matcher must take what it writes,
 * and that must be the input itself when the input is deterministic (the lossless round trip), else bytes that
 * decode and encode back to themselves.
 */
export function roundTripProblems(bytes: Uint8Array, value: unknown, rule: RuleFunctions, program: Program, name: string): string[] {
  const at = toHex(bytes);
  if (!rule.is(value)) return [`${at}: the guard rejects the decoded value`];
  const problems = rule.validate?.(value) ?? [];
  if (problems.length > 0) return [`${at}: validate finds problems in the decoded value: ${JSON.stringify(problems)}`];
  let again: Uint8Array;
  try {
    again = rule.encode(value);
  } catch (error) {
    return [`${at}: the encoder refuses the decoded value (${(error as Error).message})`];
  }
  if (explain(program, name, readCborValue(new CborReader(again))) !== null) return [`${at}: encodes to ${toHex(again)}, which the matcher refuses`];
  if (isDeterministic(bytes)) return toHex(again) === at ? [] : [`${at}: deterministic, but encodes back to ${toHex(again)}`];
  const twice = toHex(rule.encode(rule.decode(again)));
  return twice === toHex(again) ? [] : [`${at}: encodes to ${toHex(again)}, which encodes back to ${twice}`];
}

/** One of `values` as a float of a random width at least as wide as it needs (so some are not deterministic). */
export function floatOfSomeWidth(random: Random, values: readonly number[]): CborValue {
  const value = values[random(values.length)] as number;
  const widths = [16, 32, 64] as const;
  for (let w = random(3); w < 3; w++) {
    try {
      return new CborFloat(value, widths[w]);
    } catch {
      // Not representable at that width: try a wider one.
    }
  }
  return new CborFloat(value, 64);
}
