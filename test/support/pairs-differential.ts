/**
 * The differential tests of array members against the general matcher (test/language/greedy-arrays,
 * optional-before-rest, array-forks): a schema of member types `c0`, `c1`, … and one rule per form
 * and pair of them, items drawn for each type, and one check of an array built from them, the
 * matcher (exact, what these rules were before they were typed) deciding what is valid. The tests
 * that draw each array as their form reads it or at random (repetitions-tried, optionals-before-groups,
 * array-runs) share their loop: {@link checkPairCases}.
 */
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { drawEncoded, seededRandom, type Random } from '../../templates/arbitrary.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import type { Program } from '../../templates/program.js';
import { CborReader } from '../../templates/runtime.js';
import { load, type Generated, type Loaded } from '../bounded/module.js';
import { arrayHead, drawnPools, pascal, type Drawn } from './drawn-items.js';
import { hex, toHex } from './hex.js';

/** A test file's fixed schema, typed and as the general matcher's program: see {@link fixedRules}. */
export interface FixedRules<N extends string> {
  /** What compiling the schema warned about. */
  warnings: SchemaWarning[];
  /** The generated module's text (its first file). */
  text: string;
  /** The general matcher's program of the rules asked for (the oracle). */
  program: Program;
  /** The generated module, loaded once the file's tests start (beforeAll). */
  loaded: Loaded<N>;
  g: Generated<N>;
  /** Whether the general matcher takes `bytes` (hex) as `rule` (its CDDL name). */
  oracle: (rule: string, bytes: string) => boolean;
  /** Whether the typed decoder of `rule` (its TypeScript name) takes `bytes`, passing its guard and written back to them. */
  roundTrips: (rule: N, bytes: string) => boolean;
}

/**
 * The schema `language-<name>`: its warnings and generated module (compiled and loaded in a beforeAll), and the
 * general matcher's program of `rules` (those the test reads, and those it expects to stay general).
 */
export function fixedRules<N extends string>(name: string, schema: string, rules: readonly string[]): FixedRules<N> {
  const path = `${name}.cddl`;
  const program = lowerProgram(compileIr([{ path, text: schema }]), [...rules]);
  const fixture = {
    warnings: [],
    program,
    oracle: (rule, bytes) => matcherTakes(program, rule, bytes),
    roundTrips: (rule, bytes) => roundTrips(fixture.g, rule, bytes),
  } as Omit<FixedRules<N>, 'text' | 'loaded' | 'g'> as FixedRules<N>;
  beforeAll(async () => {
    fixture.text = compile([{ path, text: schema }], { onWarning: (w) => fixture.warnings.push(w) })[0]?.contents ?? '';
    fixture.loaded = await load<N>(`language-${name}`, schema);
    fixture.g = fixture.loaded.module;
  });
  return fixture;
}

/** Whether the general matcher of `program` takes `bytes` (hex) as `rule`. */
export function matcherTakes(program: Program, rule: string, bytes: string | Uint8Array): boolean {
  return explain(program, rule, readCborValue(new CborReader(typeof bytes === 'string' ? hex(bytes) : bytes))) === null;
}

/** Decodes `bytes` (hex) as `rule` (its name in the functions' spelling), then checks the guard passes and the encoder writes the same bytes; false when the decoder refuses. */
export function roundTrips(module: object, rule: string, bytes: string): boolean {
  const fn = (name: string) => (module as Record<string, (arg: unknown) => unknown>)[name] as (arg: unknown) => unknown;
  let value: unknown;
  try {
    value = fn(`decode${rule}`)(hex(bytes));
  } catch {
    return false;
  }
  expect(fn(`is${rule}`)(value), `is${rule} ${bytes}`).toBe(true);
  expect(toHex(fn(`encode${rule}`)(value) as Uint8Array), `encode${rule} ${bytes}`).toBe(bytes.replaceAll(' ', ''));
  return true;
}

/** The test-data generator's items of each rule (`seeds` of them, drawn from `program`): the matcher takes each, and each round-trips through `module`. */
export function expectDrawnItemsRoundTrip(program: Program, module: object, rules: readonly string[], seeds = 50): void {
  for (const rule of rules) {
    for (let seed = 0; seed < seeds; seed++) {
      const bytes = toHex(drawEncoded(program, rule, seed));
      expect(matcherTakes(program, rule, bytes), `${rule} seed ${seed}`).toBe(true);
      expect(roundTrips(module, pascal(rule), bytes), `${rule} seed ${seed}: ${bytes}`).toBe(true);
    }
  }
}

/** One rule of the schema: form `form` of member types `x` and `y`. */
export interface PairRule {
  name: string;
  form: number;
  x: number;
  y: number;
}

/** The schema, its program and its module (loaded in the calling describe's beforeAll), and the items drawn for each member type. */
export interface Pairs {
  rules: PairRule[];
  /** `c<i>` items: bytes and decoded values, `POOL_SIZE` of each. */
  pool: (i: number) => Drawn[];
  /**
   * The items one case of `rule` draws: `of(i, k)` is the `k`th item after the seed's of member type `i`, or with
   * `swap` of the rule's other member type (x's items where y's go, mostly not valid there).
   */
  itemOf: (rule: PairRule, seed: number, swap: boolean) => (i: number, k: number) => Drawn;
  /** Whether a rule is left to the general matcher (its values are CborValues, not the items put together here), or a member type is. */
  isGeneral: (rule: PairRule) => boolean;
  /** Its CDDL, for messages. */
  written: (rule: PairRule) => string;
  /** How many rules are typed, and which are general: what the test's snapshot records. */
  summary: () => { typed: number; general: string[] };
  /**
   * Checks one array of `rule`: the decoder takes `bytes` exactly when the matcher does, giving back
   * the same bytes; a `value` the guard passes is written as bytes the matcher takes, which read back
   * alike; and with `guardAsMatcher`, the guard passes `value` exactly when the matcher takes `bytes`, or with
   * `'as-read'`, where its items may be put together otherwise than the bytes read (`[2, "b"]` as no repetition of
   * `[* (int, tstr), int, tstr]`): the guard passes it when the decoder reads `bytes` as it, and a value it passes
   * reads back from its encoding as itself.
   * Returns whether the guard passed `value` (false for a general rule).
   */
  check: (rule: PairRule, bytes: string, value: unknown, guardAsMatcher: boolean | 'as-read') => boolean;
}

export const POOL_SIZE = 8;

/** How the pairs are written: `distinct`, no type with itself; `named`, members by the rules `c<i>` of their types, not the types inline. */
export interface PairsOptions {
  distinct?: boolean;
  named?: boolean;
}

/**
 * Rules `<prefix><f>-x<i>-y<j>` of every form over every pair of `types`, each member type also a rule
 * `c<i>` of its own that items are drawn from (`m` a map and `p` a pair beside them), registered with a
 * beforeAll of the calling describe.
 */
export function pairsSchema(name: string, prefix: string, types: readonly string[], forms: readonly ((x: string, y: string) => string)[], options: PairsOptions = {}): Pairs {
  const rules: PairRule[] = [];
  const lines = ['m = { x: int }', 'p = [uint, int]', ...types.map((t, i) => `c${i} = ${t}`)];
  types.forEach((_, i) =>
    types.forEach((__, j) =>
      forms.forEach((form, f) => {
        if (options.distinct === true && i === j) return;
        const rule = { name: `${prefix}${f}-x${i}-y${j}`, form: f, x: i, y: j };
        rules.push(rule);
        lines.push(`${rule.name} = ${options.named === true ? form(`c${i}`, `c${j}`) : form(types[i] as string, types[j] as string)}`);
      }),
    ),
  );
  const schema = lines.join('\n');
  const program = lowerProgram(compileIr([{ path: `${name}.cddl`, text: schema }]), [...types.map((_, i) => `c${i}`), ...rules.map((r) => r.name)]);
  let module: Generated;
  const general = new Set<string>();
  beforeAll(async () => {
    compile([{ path: `${name}.cddl`, text: schema }], { onWarning: (w) => general.add(/^'([^']+)' is typed as CborValue/.exec(w.message)?.[1] ?? '') });
    module = (await load(`language-${name}`, schema)).module;
  }, 120_000);
  const isGeneral = (rule: PairRule) => general.has(rule.name) || general.has(`c${rule.x}`) || general.has(`c${rule.y}`);
  const written = (rule: PairRule) => `${rule.name} = ${forms[rule.form]?.(types[rule.x] as string, types[rule.y] as string)}`;
  const pool = drawnPools(program, () => module, POOL_SIZE);
  return {
    rules,
    pool,
    itemOf: (rule, seed, swap) => (i, k) => pool(swap ? (i === rule.x ? rule.y : rule.x) : i)[(seed + k) % POOL_SIZE] as Drawn,
    isGeneral,
    written,
    summary: () => ({ typed: rules.filter((rule) => !isGeneral(rule)).length, general: [...general].filter((g) => g !== '').sort() }),
    check: (rule, bytes, value, guardAsMatcher) => {
      const fn = pascal(rule.name);
      const decode = module[`decode${fn}`] as (b: Uint8Array) => unknown;
      const is = module[`is${fn}`] as (v: unknown) => boolean;
      const encode = module[`encode${fn}`] as (v: unknown) => Uint8Array;
      const expected = matcherTakes(program, rule.name, bytes);
      const what = `${written(rule)}: ${bytes}`;
      let decoded: unknown;
      let read = true;
      try {
        decoded = decode(hex(bytes));
      } catch {
        read = false;
      }
      expect(read, `decode ${what}`).toBe(expected);
      if (read) {
        expect(is(decoded), `is(decode) ${what}`).toBe(true);
        expect(toHex(encode(decoded)), `encode ${what}`).toBe(bytes);
      }
      if (isGeneral(rule)) return false;
      const passed = is(value);
      if (passed) {
        const bytesOfValue = encode(value);
        expect(matcherTakes(program, rule.name, bytesOfValue), `matcher on encode(value) ${what}`).toBe(true);
        expect(toHex(encode(decode(bytesOfValue))), `encode(decode(encode(value))) ${what}`).toBe(toHex(bytesOfValue));
        // The value itself comes back, not only its bytes: its items may read back put together otherwise.
        if (guardAsMatcher === 'as-read') expect(isDeepStrictEqual(decode(bytesOfValue), value), `decode(encode(value)) ${what}`).toBe(true);
      }
      // As read: `value` may be made of items of other types that are values of the members too (a tag unwrapped
      // is its number), written otherwise than `bytes`; the bytes read as it tell only that the guard passes it.
      if (guardAsMatcher === 'as-read') {
        if (read && isDeepStrictEqual(decoded, value)) expect(passed, `is(value) ${what}`).toBe(true);
      } else if (guardAsMatcher) expect(passed, `is(value) ${what}`).toBe(expected);
      return passed;
    },
  };
}

/** A member of a pair test's form: `x` and `y` the rule's member types, the others fixed items. */
export type PairMember = 'x' | 'y' | 'tstr' | 'int' | 'bool' | '0' | '1';

/** One case of a rule: the items of its array, in order, and the JavaScript value a guard is given for it. */
export interface PairCase {
  items: Drawn[];
  value: unknown;
}

/**
 * Checks `seeds` arrays of each rule of `pairs`, from seed `first`, with `check`'s 'as-read' reading, each made by
 * `build` from the rule, the seed, a random source seeded by both, and `item`, which gives the next item of a
 * member: for `x` and `y` the rule's member types' (their places swapped on every seventh seed, so mostly not valid
 * there), for the others a fixed item (`int` is 5, `bool` either boolean). Returns how many arrays were checked and
 * how many values the guard passed.
 */
export function checkPairCases(pairs: Pairs, first: number, seeds: number, build: (rule: PairRule, seed: number, random: Random, item: (member: PairMember) => Drawn) => PairCase): { checked: number; taken: number } {
  let checked = 0;
  let taken = 0;
  for (const rule of pairs.rules) {
    for (let seed = first; seed < first + seeds; seed++) {
      const random = seededRandom(seed * 7919 + rule.form * 104729 + rule.x * 131 + rule.y);
      const of = pairs.itemOf(rule, seed, seed % 7 === 3);
      let k = 0;
      const item = (member: PairMember): Drawn => {
        k++;
        if (member === 'x') return of(rule.x, k);
        if (member === 'y') return of(rule.y, k);
        if (member === 'tstr') return { hex: '6178', value: 'x' };
        if (member === 'bool') return random(2) === 0 ? { hex: 'f5', value: true } : { hex: 'f4', value: false };
        if (member === '0' || member === '1') return { hex: `0${member}`, value: Number(member) };
        return { hex: '05', value: 5 };
      };
      const { items, value } = build(rule, seed, random, item);
      if (pairs.check(rule, arrayHead(items.length) + items.map((d) => d.hex).join(''), value, 'as-read')) taken++;
      checked++;
    }
  }
  expect(checked).toBe(pairs.rules.length * seeds);
  return { checked, taken };
}

/**
 * The `describe` of a pair differential: the rules of `forms` over every pair of `types` (pairsSchema, `prefix` their
 * names), checked by `check`, which returns how many arrays it checked and how many values the guard passed; enough of
 * them must pass for the guard's and encoder's paths to be exercised, not only its refusals. With the default seeds
 * (`snapshot`), which rules are typed is recorded in the test file's snapshot.
 */
export function describePairDifferential(title: string, name: string, prefix: string, types: readonly string[], forms: readonly ((x: string, y: string) => string)[], options: PairsOptions & { snapshot: boolean }, check: (pairs: Pairs) => { checked: number; taken: number }): void {
  describe(title, () => {
    const pairs = pairsSchema(name, prefix, types, forms, { distinct: options.distinct, named: options.named });
    it('the decoder takes what the matcher takes, round trip to the same bytes, and the guard passes exactly those values read back as themselves', () => {
      const { checked, taken } = check(pairs);
      expect(taken).toBeGreaterThan(checked / 10);
      if (options.snapshot) expect({ ...pairs.summary(), taken }).toMatchSnapshot();
    });
  });
}

