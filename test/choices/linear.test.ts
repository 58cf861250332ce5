/**
 * Decoding is linear in the input (issue 10 §3), counted in reader steps rather than time: every
 * data item head the reader looks at (CborReader's `initial`, patched here to count) is one step.
 * Nested alternatives that used to be re-read by every alternative tried (webdriver-bidi's
 * `script.LocalValue`: 16 levels took 34 s) must cost the same number of steps per level at any
 * depth.
 */
import { readFileSync } from 'node:fs';
import { encode } from 'cbor-x';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED } from '../support/schemas.js';
import { cddl, fileNamed, folderNamed, generateModule, type GeneratedModule } from './generate.js';

interface Counted {
  decode: (bytes: Uint8Array) => unknown;
  steps: () => number;
}

/** The module's decoder of `rule`, and a count of the reader steps of its last call. */
async function counted(name: string, mod: GeneratedModule, rule: string): Promise<Counted> {
  const runtime = (await import(/* @vite-ignore */ new URL('runtime.ts', folderNamed(name)).href)) as { CborReader: { prototype: object } };
  const proto = runtime.CborReader.prototype as { initial: (this: unknown, path: string) => number };
  const initial = proto.initial;
  let steps = 0;
  proto.initial = function (path: string) {
    steps++;
    return initial.call(this, path);
  };
  const decode = mod[`decode${rule}`] as (bytes: Uint8Array) => unknown;
  return {
    decode: (bytes) => {
      steps = 0;
      return decode(bytes);
    },
    steps: () => steps,
  };
}

/** Steps per depth 1..max; each level must add about as many steps as the first one did (a quadratic decoder adds more and more). */
function expectLinear(counts: number[]): void {
  const increments = counts.slice(1).map((c, i) => c - (counts[i] as number));
  const first = increments[0] as number;
  expect(first).toBeGreaterThan(0);
  for (const [i, inc] of increments.entries()) expect(inc, `steps added by level ${i + 2}: ${inc}, first level added ${first}`).toBeLessThanOrEqual(first * 1.5);
}

describe('webdriver-bidi script.LocalValue nested 1..100 deep', () => {
  let localValue: Counted;
  beforeAll(async () => {
    const mod = await generateModule('linear-webdriver', [{ path: 'webdriver-bidi-all.cddl', text: readFileSync(`${SHARED}corpus/webdriver-bidi-all.cddl`, 'utf8') }]);
    localValue = await counted('linear-webdriver', mod, 'ScriptLocalValue');
  }, 300_000);

  /** A value of `kind` holding the one `depth - 1` levels down; `valueFirst` puts the member that holds it before the `type` that names it. */
  function nest(depth: number, kind: string, valueFirst: boolean): unknown {
    if (depth === 0) return { type: 'null' };
    const inner = nest(depth - 1, kind, valueFirst);
    const value = kind === 'array' || kind === 'set' ? [inner] : [['k', inner]];
    return valueFirst ? { value, type: kind } : { type: kind, value };
  }

  // Maps and objects take three levels of nesting each: 80 of them stay within the reader's limit of 256.
  it.each([
    ['array', 100],
    ['set', 100],
    ['object', 80],
    ['map', 80],
  ] as const)('%s: every level costs the same number of steps, whichever member comes first', (kind, max) => {
    for (const valueFirst of [false, true]) {
      const counts: number[] = [];
      for (let depth = 1; depth <= max; depth++) {
        localValue.decode(encode(nest(depth, kind, valueFirst)) as Uint8Array);
        counts.push(localValue.steps());
      }
      expectLinear(counts);
    }
  });
});

it('alternatives that both read the same nested rule before failing read it once', async () => {
  // Each alternative reads `x` (the whole nested value) before `y` tells it is the wrong one.
  const mod = await generateModule('linear-shared-prefix', cddl('a = b / c\nb = { x: [* a], y: 1 }\nc = { x: [* a], y: 2 }\n'));
  const a = await counted('linear-shared-prefix', mod, 'A');
  const nest = (depth: number): unknown => ({ x: depth === 0 ? [] : [nest(depth - 1)], y: 2 });
  const counts: number[] = [];
  for (let depth = 1; depth <= 100; depth++) {
    a.decode(encode(nest(depth)) as Uint8Array);
    counts.push(a.steps());
  }
  expectLinear(counts);
});

it('a rule that reads no other rule is read again rather than remembered, and stays linear', async () => {
  // `b` and `c` are tried on one map and remembered; `leaf` (a list of texts) is read once by each, a fixed number of
  // times per level, so remembering it would only cost a table (memo.ts `readsOnlyItself`).
  const mod = await generateModule('linear-leaf', cddl('a = b / c\nb = { x: [* a], l: leaf, y: 1 }\nc = { x: [* a], l: leaf, y: 2 }\nleaf = [* tstr]\n'));
  const source = readFileSync(fileNamed('linear-leaf', 'x.ts'), 'utf8');
  expect(source).toContain('function firstReadB(');
  expect(source).not.toContain('firstReadLeaf');
  const a = await counted('linear-leaf', mod, 'A');
  const nest = (depth: number): unknown => ({ x: depth === 0 ? [] : [nest(depth - 1)], l: ['s', 't', 'u'], y: 2 });
  const counts: number[] = [];
  for (let depth = 1; depth <= 100; depth++) {
    a.decode(encode(nest(depth)) as Uint8Array);
    counts.push(a.steps());
  }
  expectLinear(counts);
});

it('a rule whose check reads another rule inside embedded CBOR, however deep in its checks, is remembered: each level decodes its content once', async () => {
  // `leaf` reads no rule directly, but its text holds (base64url) the encoding of `[* a]`, read by a reader of its own.
  // `b` reads it, then fails on `y: 9`, and `c` reads it again: without being remembered, each level would decode the
  // one inside it twice, 2^depth.
  const mod = await generateModule('linear-embedded-leaf', cddl('a = b / c\nb = { l: leaf, y: 0..5 }\nc = { l: leaf, y: int }\nleaf = tstr .b64u (bstr .cbor [* a])\n'));
  expect(readFileSync(fileNamed('linear-embedded-leaf', 'x.ts'), 'utf8')).toContain('function firstReadLeaf(');
  const a = await counted('linear-embedded-leaf', mod, 'A');
  const nest = (depth: number): unknown => ({ l: Buffer.from(encode(depth === 0 ? [] : [nest(depth - 1)]) as Uint8Array).toString('base64url'), y: 9 });
  const counts: number[] = [];
  for (let depth = 1; depth <= 14; depth++) {
    a.decode(encode(nest(depth)) as Uint8Array);
    counts.push(a.steps());
  }
  expectLinear(counts);
});
