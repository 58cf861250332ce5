/**
 * The generator's scaling: `compile` on synthetic schemas (synthetic.ts) of
 * 500, 5,000 and (with --huge) 50,000 rules, each in a child process at
 * Node's default heap: time, peak RSS, output bytes per rule, and the growth
 * exponent of time between sizes (1.0 is linear). Then the cold start: the
 * built CLI generating the status schema, as a user runs it. Both run the
 * generator as `npm run build` makes it, built first into bench/.build/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmtBytes, fmtTime, round } from '../lib/format.js';
import { median } from '../lib/timing.js';
import { syntheticSchema } from './synthetic.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.mjs', import.meta.url));
/** The built generator for the cold-start runs (gitignored; rebuilt every run so it is never stale). */
const BUILD_DIR = join(ROOT, 'bench', '.build');

export interface ScaleRun {
  rules: number;
  schemaBytes: number;
  importMs: number;
  parseIrMs: number;
  compileMs: number;
  compileCpuMs: number;
  outputBytes: number;
  outputLines: number;
  peakRssBytes: number;
}

export interface GeneratorResult {
  runs: (ScaleRun | { rules: number; error: string })[];
  /** log(t2/t1) / log(n2/n1) between consecutive sizes that both finished. */
  exponents: { from: number; to: number; time: number; cpu: number; rss: number }[];
  cold: { generateMs: number; nodeMs: number; tsMorphImportMs: number; runs: number } | null;
}

function runChild(rules: number): ScaleRun | { rules: number; error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mimi-bench-schema-'));
  try {
    const schema = join(dir, 'synthetic.cddl');
    writeFileSync(schema, syntheticSchema(rules));
    const generator = pathToFileURL(join(BUILD_DIR, 'generator', 'index.js')).href;
    const r = spawnSync(process.execPath, [CHILD, String(rules), schema, generator], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('{')) {
      const why = /heap out of memory/i.test(r.stderr) ? 'out of memory at the default heap' : (r.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${r.status} ${r.signal ?? ''}`);
      return { rules, error: why };
    }
    return JSON.parse(line) as ScaleRun;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the generator as `npm run build` does (tsc, then the CLI joined into one file) into bench/.build/; the error text if it fails. */
function buildGenerator(): string | null {
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR], { cwd: ROOT, encoding: 'utf8' });
  const build = tsc.status === 0 ? spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle-cli.mjs'), BUILD_DIR], { cwd: ROOT, encoding: 'utf8' }) : tsc;
  return build.status === 0 ? null : `${build.stdout}${build.stderr}`;
}

/** Wall time of a command, in ms. */
function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}

/** Times `generate` of the status schema with the built CLI from a cold process, median of `runs`. */
function coldStart(runs: number): GeneratorResult['cold'] {
  const out = mkdtempSync(join(tmpdir(), 'mimi-bench-'));
  try {
    const cli = join(BUILD_DIR, 'generator', 'cli.js');
    const gen: number[] = [];
    const node: number[] = [];
    const tsMorph: number[] = [];
    for (let i = 0; i < runs; i++) {
      gen.push(wall([cli, 'generate', 'schemas/mimi-message-status.cddl', '--out', out]));
      node.push(wall(['-e', '0']));
      tsMorph.push(wall(['--input-type=module', '-e', "await import('ts-morph')"]));
    }
    const nodeMs = median(node);
    return { generateMs: median(gen), nodeMs, tsMorphImportMs: median(tsMorph) - nodeMs, runs };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function benchGenerator(sizes: readonly number[], coldRuns: number): GeneratorResult {
  const runs: GeneratorResult['runs'] = [];
  const failed = buildGenerator();
  if (failed !== null) {
    console.log(`  not measured, the build failed: ${failed}`);
    return { runs: sizes.map((rules) => ({ rules, error: 'the build failed' })), exponents: [], cold: null };
  }
  for (const n of sizes) {
    const r = runChild(n);
    runs.push(r);
    if ('error' in r) console.log(`  ${n} rules: ${r.error}`);
    else console.log(`  ${n} rules: ${fmtTime(r.compileMs * 1e6)} (CPU ${fmtTime(r.compileCpuMs * 1e6)}), peak RSS ${fmtBytes(r.peakRssBytes)}, ${fmtInt0(r.outputBytes / r.rules)} output bytes per rule`);
  }
  const exponents: GeneratorResult['exponents'] = [];
  for (let i = 1; i < runs.length; i++) {
    const a = runs[i - 1]!;
    const b = runs[i]!;
    if ('error' in a || 'error' in b) continue;
    const k = Math.log(b.rules / a.rules);
    exponents.push({ from: a.rules, to: b.rules, time: Math.log(b.compileMs / a.compileMs) / k, cpu: Math.log(b.compileCpuMs / a.compileCpuMs) / k, rss: Math.log(b.peakRssBytes / a.peakRssBytes) / k });
  }
  const cold = coldRuns > 0 ? coldStart(coldRuns) : null;
  return { runs, exponents, cold };
}

function fmtInt0(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function printGenerator(r: GeneratorResult): void {
  console.log('\n== generator: synthetic schemas (bench/generator/synthetic.ts), one child process each, default heap ==');
  console.log(`    ${'rules'.padStart(7)}${'compile'.padStart(11)}${'CPU'.padStart(11)}${'parse+IR'.padStart(11)}${'import'.padStart(10)}${'peak RSS'.padStart(11)}${'out/rule'.padStart(10)}${'output'.padStart(11)}`);
  for (const run of r.runs) {
    if ('error' in run) {
      console.log(`    ${String(run.rules).padStart(7)}  ${run.error}`);
      continue;
    }
    console.log(
      `    ${String(run.rules).padStart(7)}${fmtTime(run.compileMs * 1e6).padStart(11)}${fmtTime(run.compileCpuMs * 1e6).padStart(11)}${fmtTime(run.parseIrMs * 1e6).padStart(11)}${fmtTime(run.importMs * 1e6).padStart(10)}${fmtBytes(run.peakRssBytes).padStart(11)}${`${fmtInt0(run.outputBytes / run.rules)} B`.padStart(10)}${fmtBytes(run.outputBytes).padStart(11)}`,
    );
  }
  for (const e of r.exponents) console.log(`    growth ${e.from} → ${e.to} rules: time exponent ${e.time.toFixed(2)} (CPU ${e.cpu.toFixed(2)}), RSS exponent ${e.rss.toFixed(2)} (1.00 is linear)`);
  if (r.cold !== null) {
    console.log(
      `  cold \`generate\` of the status schema (built CLI, new process, median of ${r.cold.runs}): ${fmtTime(r.cold.generateMs * 1e6)}; an empty node process takes ${fmtTime(r.cold.nodeMs * 1e6)}, importing ts-morph ${fmtTime(r.cold.tsMorphImportMs * 1e6)} more`,
    );
  }
}

export function generatorJson(r: GeneratorResult): unknown {
  return {
    runs: r.runs.map((run) =>
      'error' in run
        ? run
        : {
            rules: run.rules,
            compileMs: round(run.compileMs, 0),
            compileCpuMs: round(run.compileCpuMs, 0),
            parseIrMs: round(run.parseIrMs, 0),
            importMs: round(run.importMs, 0),
            peakRssMiB: round(run.peakRssBytes / 2 ** 20, 0),
            outputBytesPerRule: round(run.outputBytes / run.rules, 0),
          },
    ),
    exponents: r.exponents.map((e) => ({ ...e, time: round(e.time, 3), cpu: round(e.cpu, 3), rss: round(e.rss, 3) })),
    cold: r.cold === null ? null : { generateMs: round(r.cold.generateMs, 0), nodeMs: round(r.cold.nodeMs, 0), tsMorphImportMs: round(r.cold.tsMorphImportMs, 0) },
  };
}
