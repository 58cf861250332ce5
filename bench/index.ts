/**
 * The benchmark suite (`npm run bench`): the status report at N = 1, 10 and
 * 1000, the 14 MIMI content examples, and the generator on synthetic schemas.
 * Prints tables as it goes and, last, one `BENCH_JSON {...}` line for
 * machines; `npm run bench:readme -- <file>` turns that line into the
 * README's performance table. Nothing here asserts a speed; the only
 * failures are equivalence failures, raised before timing.
 *
 * Flags:
 *   --only=status,content,generator   run only these parts (default: all)
 *   --huge                            add the 50,000-rule schema (about 2 min more)
 *   --quick                           fewer, shorter batches (for trying things; noisier)
 *   --no-alloc                        skip the allocation figures
 *   --one-isolate                     time every case in this isolate, one after another, not each in a
 *                                     worker of its own (the old way; shows how much the order decides)
 *
 * See bench/README.md for what is measured and how to read it.
 */
import { benchContent, contentJson, printContent } from './content/suite.js';
import { benchGenerator, generatorJson, printGenerator } from './generator/suite.js';
import { gc } from './lib/alloc.js';
import { describeEnvironment, environment } from './lib/env.js';
import { BATCHES, BATCH_MS, sinkValue, type TimingOptions } from './lib/timing.js';
import { SEED } from './status/data.js';
import { STATUS_SIZES, benchStatusSize, printStatusSize, statusJson } from './status/suite.js';

const PARTS = ['status', 'content', 'generator'] as const;
type Part = (typeof PARTS)[number];

interface Flags {
  parts: Set<Part>;
  huge: boolean;
  quick: boolean;
  alloc: boolean;
  oneIsolate: boolean;
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { parts: new Set(PARTS), huge: false, quick: false, alloc: true, oneIsolate: false };
  for (const arg of argv) {
    if (arg === '--huge') flags.huge = true;
    else if (arg === '--quick') flags.quick = true;
    else if (arg === '--no-alloc') flags.alloc = false;
    else if (arg === '--one-isolate') flags.oneIsolate = true;
    else if (arg.startsWith('--only=')) {
      const wanted = arg.slice('--only='.length).split(',');
      const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
      if (unknown.length > 0) throw new Error(`--only: unknown part ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`);
      flags.parts = new Set(wanted as Part[]);
    } else throw new Error(`unknown argument ${arg} (flags: --only=${PARTS.join(',')}, --huge, --quick, --no-alloc, --one-isolate)`);
  }
  return flags;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const started = performance.now();
  const envBefore = environment();
  const timing: TimingOptions = { ...(flags.quick ? { batches: 7, batchMs: 15, warmupMs: 60 } : {}), oneIsolate: flags.oneIsolate };
  console.log('mimi-codegen benchmark suite');
  console.log(describeEnvironment(envBefore));
  console.log(
    `${timing.batches ?? BATCHES} interleaved batches of ~${timing.batchMs ?? BATCH_MS} ms per case; median time per op; ± = half IQR of the batches; ratio = their time ÷ ours (above 1: ours faster)`,
  );
  const json: Record<string, unknown> = { date: new Date().toISOString(), env: envBefore, seed: SEED, quick: flags.quick, oneIsolate: flags.oneIsolate };

  if (flags.parts.has('status')) {
    const sizes = [];
    for (const n of STATUS_SIZES) {
      const r = await benchStatusSize(n, timing, flags.alloc && gc !== null && n === 1000);
      printStatusSize(r);
      sizes.push(statusJson(r));
    }
    json.status = sizes;
  }
  if (flags.parts.has('content')) {
    const r = await benchContent(timing);
    printContent(r);
    json.content = contentJson(r);
  }
  if (flags.parts.has('generator')) {
    const sizes = flags.huge ? [500, 5000, 50000] : [500, 5000];
    console.log(`\n== generator: ${sizes.join(', ')} rules${flags.huge ? '' : ' (50,000 with --huge)'} ==`);
    const r = benchGenerator(sizes, flags.quick ? 3 : 5);
    printGenerator(r);
    json.generator = generatorJson(r);
  }

  const seconds = (performance.now() - started) / 1000;
  const envAfter = environment();
  json.loadavgAfter = envAfter.loadavg;
  json.seconds = Number(seconds.toFixed(1));
  console.log(`\ndone in ${seconds.toFixed(1)} s; load avg now ${envAfter.loadavg.join(' ')} (sink ${sinkValue() % 1000}). Noisy machine? Run it twice and compare.`);
  console.log(`BENCH_JSON ${JSON.stringify(json)}`);
}

await main();
