/**
 * Issue 10's one depth limit at its edge, over every schema of `../shared/corpus/` and `../shared/cddl-library/`:
 * for a sample of each schema's rules X, a probe rule `mimi-depth-probe-N = #6.1234567(mimi-depth-probe-N) / X`
 * puts a drawn item of X under as many tags as the decoder takes (256 less the item's levels, the data items it
 * embeds counted) and under one tag more. The guard and the encoder must take the first (the encoder writing back
 * its bytes) and refuse the second, as the decoder does.
 *
 * Inside the probe's tags X is checked at every level but the top, so this reaches what drawn items alone never
 * do: each construct's count of its levels where the limit falls inside it (arrays, maps, tags, bignums, embedded
 * CBOR, the data items of `.json` and of base encodings, `any`, general rules).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type EmittedFile, type SchemaText } from '../../generator/index.js';
import { MAX_DEPTH } from '../../templates/runtime.js';
import { concat, toHex } from '../support/hex.js';
import { scratchFolder } from '../support/scratch.js';
import { sample } from './check-module.js';
import { addModuleFiles, propertySchemas } from './schemas.js';

const TMP = new URL('./__tmp__/depth-boundary/', import.meta.url);
/** Rules probed per schema, and items drawn per rule. */
const RULES = 10;
const SEEDS = 4;
/** The probe's tag: a number no schema here uses, written in a head of five bytes. */
const PROBE_TAG = 1234567;
const PROBE_HEAD = Uint8Array.of(0xda, 0x00, 0x12, 0xd6, 0x87);

/** Schemas that do not generate (the property test lists why). */
const NOT_GENERATED = new Set(['corpus/zcbor-everything.cddl', 'corpus/cddlc-tests/11-badrange.cddl']);

type Fn = (...args: unknown[]) => unknown;
interface Probe {
  /** The probe rule's TypeScript name, and the rule it holds (CDDL name). */
  tsName: string;
  target: string;
}

const schemas = propertySchemas().filter((s) => !NOT_GENERATED.has(s.name));
const built = new Map<string, { main: string; probes: Probe[] }>();
let modules: URL;

/** The probe rules' text for `targets`, named so that no schema's rule has the name. */
function probeSchema(targets: readonly string[]): SchemaText {
  const text = targets.map((t, i) => `mimi-depth-probe-${i} = #6.${PROBE_TAG}(mimi-depth-probe-${i}) / ${t}`).join('\n');
  return { path: 'mimi-depth-probes.cddl', text: `${text}\n` };
}

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const written = new Map<string, string>();
  for (const schema of schemas) {
    // Rules a probe can name: the schema's own type rules (not a generic's instance, not another module's name).
    const rules = compileIr(schema.schemas).rules.filter((r) => r.kind === 'type' && /^[$A-Za-z@_][\w@$-]*$/.test(r.name) && !r.name.startsWith('mimi-depth-probe-'));
    const targets = sample(rules.map((r) => r.name), RULES);
    const texts = [...schema.schemas, probeSchema(targets)];
    const files: EmittedFile[] = compile(texts, { arbitrary: true });
    const ir = compileIr(texts);
    const probes = targets.map((target, i): Probe => ({ target, tsName: ir.rules.find((r) => r.name === `mimi-depth-probe-${i}`)!.tsName }));
    built.set(schema.name, { main: files[0]!.path, probes });
    addModuleFiles(written, schema.name, files);
  }
  modules = scratchFolder(TMP, 'modules', [...written].map(([path, contents]) => ({ path, contents })));
}, 300_000);

/** The largest n in 0..most with `holds(n)`, which holds for 0 and, once false, stays false. */
function boundary(holds: (n: number) => boolean, most: number): number {
  let low = 0;
  let high = most;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (holds(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}

function outcome(f: () => unknown): 'ok' | string {
  try {
    f();
    return 'ok';
  } catch (error) {
    return (error as Error).name;
  }
}

describe.each(schemas.map((s) => s.name))('%s', (name) => {
  it('an item at the limit inside the probe is taken by the decoder, the guard and the encoder; one level more by none', async () => {
    const { main, probes } = built.get(name)!;
    const mod = (await import(/* @vite-ignore */ new URL(main, modules).href)) as Record<string, Fn>;
    const arbitrary = (await import(/* @vite-ignore */ new URL(main.replace(/\.ts$/, '.arbitrary.ts'), modules).href)) as Record<string, unknown>;
    const drawEncoded = arbitrary['drawEncoded'] as Fn;
    const program = arbitrary['program'];
    const problems: string[] = [];
    let checked = 0;
    for (const probe of probes) {
      const [decode, is, encode] = ['decode', 'is', 'encode'].map((f) => mod[`${f}${probe.tsName}`] as Fn) as [Fn, Fn, Fn];
      for (let seed = 0; seed < SEEDS; seed++) {
        let item: Uint8Array;
        try {
          item = drawEncoded(program, probe.target, seed) as Uint8Array;
        } catch {
          break; // no item can be drawn for the rule (the property test says why)
        }
        const under = (tags: number): Uint8Array => concat(...Array.from({ length: tags }, () => PROBE_HEAD), item);
        const say = (what: string) => problems.push(`${probe.target} seed ${seed}: ${what}`);
        if (outcome(() => decode(under(0))) !== 'ok') {
          say('the item alone does not decode through the probe');
          continue;
        }
        // The most tags the decoder takes around the item: where it puts the limit (256 less the item's levels, the
        // data items it embeds with `.cbor` or `.json` counted where they stand), which the guard and the encoder must
        // put there too.
        const most = boundary((tags) => outcome(() => decode(under(tags))) === 'ok', MAX_DEPTH);
        if (most < MAX_DEPTH / 2) say(`the decoder takes only ${most} tags around the item`);
        if (outcome(() => decode(under(most + 1))) !== 'DecodeError') say('one tag beyond the limit, the decoder does not refuse');
        const atLimit = under(most);
        const value = decode(atLimit);
        checked++;
        if (is(value) !== true) say('at the limit, the guard refuses the decoded value');
        else if (toHex(encode(value) as Uint8Array) !== toHex(atLimit)) say('at the limit, the encoder writes other bytes');
        // The value one tag deeper, as the decoder would give it, when the probe keeps its tags as { tag, value }.
        const tagged = value as { tag?: unknown };
        if (typeof tagged === 'object' && tagged !== null && tagged.tag === PROBE_TAG) {
          const deeper = { tag: PROBE_TAG, value };
          if (is(deeper) !== false) say('one level beyond, the guard passes the value');
          if (outcome(() => encode(deeper)) !== 'EncodeError') say('one level beyond, the encoder does not refuse');
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  }, 120_000);
});
