/**
 * Regenerates the README's performance table from a `BENCH_JSON` line:
 *
 *   npm run bench | tee bench.out && npm run bench:readme -- bench.out
 *
 * Reads the last `BENCH_JSON` line of the file (or of stdin with `-`),
 * builds the table of figures and goals, and replaces what README.md has
 * between `<!-- bench-table:start -->` and `<!-- bench-table:end -->`.
 * `--print` prints the table instead of writing README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONTENT_RATIOS } from './content/suite.js';
import { STATUS_RATIOS } from './status/suite.js';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
/** A ratio is marked unreliable (`?`) when either side's batches spread more than this (half IQR, % of the median). */
export const NOISY_SPREAD_PCT = 20;
const START = '<!-- bench-table:start -->';
const END = '<!-- bench-table:end -->';

interface SizeJson {
  entries: number;
  ratios: Record<string, number>;
  cpuRatios?: Record<string, number>;
  nsPerOp: Record<string, number>;
  spreadPct?: Record<string, number>;
}
interface BenchJson {
  date?: string;
  env: { node: string; cpu: string; cpus: number; loadavg: number[] };
  loadavgAfter?: number[];
  quick?: boolean;
  status?: SizeJson[];
  content?: { examples: number; ratios: Record<string, number>; cpuRatios?: Record<string, number>; nsPerOp: Record<string, number>; spreadPct?: Record<string, number> };
  generator?: {
    runs: ({ rules: number; compileMs: number; compileCpuMs?: number; peakRssMiB: number; outputBytesPerRule: number } | { rules: number; error: string })[];
    exponents: { from: number; to: number; time: number; cpu?: number }[];
    cold: { generateMs: number; nodeMs: number; tsMorphImportMs: number } | null;
  };
}

type Row = [what: string, figure: string, goal: string, holds: boolean | null, noisy?: boolean];

const r2 = (x: number): string => x.toFixed(2);

/** Whether a ratio's two sides spread more than NOISY_SPREAD_PCT across batches. */
function isNoisy(part: { spreadPct?: Record<string, number> }, definitions: Record<string, [string, string]>, key: string): boolean {
  const ids = definitions[key];
  if (ids === undefined || part.spreadPct === undefined) return false;
  return ids.some((id) => (part.spreadPct![id] ?? 0) > NOISY_SPREAD_PCT);
}

export function table(measured: BenchJson): string {
  // On an overloaded machine (load average above the CPU count) wall time mostly measures waiting for a core: use CPU time.
  const overloaded = (measured.env.loadavg[0] ?? 0) > measured.env.cpus;
  const pick = <T extends { ratios: Record<string, number>; cpuRatios?: Record<string, number> }>(x: T): T =>
    overloaded && x.cpuRatios !== undefined ? { ...x, ratios: x.cpuRatios } : x;
  const b: BenchJson = { ...measured, status: measured.status?.map(pick), content: measured.content === undefined ? undefined : pick(measured.content) };
  const rows: Row[] = [];
  const bySize = (n: number): SizeJson | undefined => b.status?.find((s) => s.entries === n);
  const sizes = (b.status ?? []).map((s) => s.entries);
  const perN = (key: string): number[] => sizes.map((n) => bySize(n)!.ratios[key]!);
  const noisyAt = (n: number, key: string): boolean => isNoisy(bySize(n)!, STATUS_RATIOS, key);
  const perNText = (key: string): string => sizes.map((n) => `${r2(bySize(n)!.ratios[key]!)}${noisyAt(n, key) ? '?' : ''}`).join(' / ');
  const anyNoisy = (key: string): boolean => sizes.some((n) => noisyAt(n, key));
  if (b.status !== undefined && sizes.length > 0) {
    const ns = `N = ${sizes.join(' / ')}`;
    rows.push([`status encode vs hand-written, ${ns}`, perNText('encode_vs_hand'), '≥ 0.95 at every N', perN('encode_vs_hand').every((r) => r >= 0.95), anyNoisy('encode_vs_hand')]);
    rows.push([`status decode vs hand-written, ${ns}`, perNText('decode_vs_hand'), '≥ 0.8 at every N', perN('decode_vs_hand').every((r) => r >= 0.8), anyNoisy('decode_vs_hand')]);
    const one = bySize(1);
    const thousand = bySize(1000);
    if (one !== undefined && thousand !== undefined) {
      const a = one.ratios.decode_vs_cborxRaw!;
      const z = thousand.ratios.decode_vs_cborxRaw!;
      const na = noisyAt(1, 'decode_vs_cborxRaw');
      const nz = noisyAt(1000, 'decode_vs_cborxRaw');
      rows.push(['status decode vs cbor-x decode *without* validation, N = 1 / 1000', `${r2(a)}${na ? '?' : ''} / ${r2(z)}${nz ? '?' : ''}`, '≥ 1.0 / ≥ 2.0', a >= 1 && z >= 2, na || nz]);
      const e = thousand.ratios.encode_vs_cborx!;
      const ne = noisyAt(1000, 'encode_vs_cborx');
      rows.push(['status encode vs cbor-x, N = 1000', `${r2(e)}${ne ? '?' : ''}`, '≥ 5', e >= 5, ne]);
    }
    rows.push([`status decode vs cbor-x decode + validation, ${ns}`, perNText('decode_vs_cborxValidated'), '', null]);
    rows.push([`status decode vs cborg decode + validation, ${ns}`, perNText('decode_vs_cborgValidated'), '', null]);
    rows.push([`status encode vs cborg, ${ns}`, perNText('encode_vs_cborg'), '', null]);
    rows.push([`\`isX\` vs a hand-written guard, ${ns}`, perNText('is_vs_hand'), '≥ 1.0', perN('is_vs_hand').every((r) => r >= 1), anyNoisy('is_vs_hand')]);
    const v = perN('validate_over_is');
    rows.push([`\`validateX\` time on valid input ÷ \`isX\` time, ${ns}`, perNText('validate_over_is'), '≤ 1.2', v.every((r) => r <= 1.2), anyNoisy('validate_over_is')]);
  }
  if (b.content !== undefined) {
    const d = b.content.ratios.decode_vs_cborxRaw!;
    const e = b.content.ratios.encode_vs_cborx!;
    const nd = isNoisy(b.content, CONTENT_RATIOS, 'decode_vs_cborxRaw');
    const ne = isNoisy(b.content, CONTENT_RATIOS, 'encode_vs_cborx');
    rows.push([`MIMI content, ${b.content.examples} examples: decode + validate vs cbor-x decode without validation`, `${r2(d)}${nd ? '?' : ''}`, '≥ 1.5', d >= 1.5, nd]);
    rows.push(['MIMI content: encode vs cbor-x', `${r2(e)}${ne ? '?' : ''}`, '≥ 2', e >= 2, ne]);
    // Pooled results (EncodeOptions.pooled) live as cbor-x's do, in a shared buffer: the like-for-like comparison. Runs
    // from before the case was added have no figure.
    const p = b.content.ratios.encodePooled_vs_cborx;
    if (p !== undefined) {
      const np = isNoisy(b.content, CONTENT_RATIOS, 'encodePooled_vs_cborx');
      rows.push(['MIMI content: encode with pooled results (as cbor-x\'s) vs cbor-x', `${r2(p)}${np ? '?' : ''}`, '≥ 2', p >= 2, np]);
    }
  }
  if (b.generator !== undefined) {
    for (const run of b.generator.runs) {
      const what = `generator, ${run.rules.toLocaleString('en-US')}-rule synthetic schema`;
      if ('error' in run) {
        rows.push([what, run.error, run.rules === 5000 ? '≤ 3 s, ≤ 400 MiB' : run.rules === 50000 ? 'default heap' : '', false]);
        continue;
      }
      const cpu = run.compileCpuMs === undefined ? '' : ` (CPU ${(run.compileCpuMs / 1000).toFixed(2)} s)`;
      const figure = `${(run.compileMs / 1000).toFixed(2)} s${cpu}, ${run.peakRssMiB} MiB`;
      // Overloaded: judge by CPU time, which also counts the GC's helper threads, so it errs on the safe side.
      const ms = overloaded && run.compileCpuMs !== undefined ? run.compileCpuMs : run.compileMs;
      if (run.rules === 5000) rows.push([what, figure, '≤ 3 s, ≤ 400 MiB', ms <= 3000 && run.peakRssMiB <= 400]);
      else if (run.rules === 50000) rows.push([what, figure, 'default heap', true]);
      else rows.push([what, figure, '', null]);
    }
    for (const e of b.generator.exponents) {
      const last = e.to === 50000;
      rows.push([`generator time exponent, ${e.from.toLocaleString('en-US')} → ${e.to.toLocaleString('en-US')} rules`, `${r2(e.time)}${e.cpu === undefined ? '' : ` (CPU ${r2(e.cpu)})`}`, last ? '≤ 1.05' : '', last ? (overloaded && e.cpu !== undefined ? e.cpu : e.time) <= 1.05 : null]);
    }
    const biggest = [...b.generator.runs].reverse().find((r) => !('error' in r)) as { rules: number; outputBytesPerRule: number } | undefined;
    if (biggest !== undefined) {
      const kb = biggest.outputBytesPerRule / 1000;
      rows.push([`generated code per rule (${biggest.rules.toLocaleString('en-US')}-rule schema)`, `${kb.toFixed(1)} KB`, '≤ 2 KB', kb <= 2]);
    }
    const cold = b.generator.cold;
    if (cold !== null) {
      rows.push([
        'cold `generate` of the status schema (new process)',
        `${(cold.generateMs / 1000).toFixed(2)} s (node itself ${(cold.nodeMs / 1000).toFixed(2)} s, loading ts-morph ${(cold.tsMorphImportMs / 1000).toFixed(2)} s)`,
        '≤ 0.5 s',
        cold.generateMs <= 500,
        // Wall time of new processes: on an overloaded machine even an empty node process is slow, so the verdict is unsure.
        overloaded,
      ]);
    }
  }
  const mark = (h: boolean | null, noisy = false): string => (h === null ? '' : `${h ? 'yes' : 'no'}${noisy ? '?' : ''}`);
  const lines = ['| measure | figure | goal | holds |', '|---|---|---|---|', ...rows.map(([w, f, g, h, noisy]) => `| ${w} | ${f} | ${g} | ${mark(h, noisy)} |`)];
  const load = `load average ${b.env.loadavg.join(' ')} before, ${(b.loadavgAfter ?? []).join(' ')} after`;
  lines.push(
    '',
    `Ratios are their time ÷ ours (above 1: ours faster), medians of interleaved batches${
      overloaded ? ` of CPU time per op (the load average was above the ${b.env.cpus} CPUs, so wall time would mostly measure waiting for a core)` : ''
    }; \`?\` marks a figure whose batches spread more than ${NOISY_SPREAD_PCT}% (half IQR) on either side, which only a quieter machine can settle. Measured ${b.date?.slice(0, 10) ?? ''} with Node ${b.env.node} on ${b.env.cpu} (${b.env.cpus} CPUs), ${load}${b.quick ? ', --quick' : ''}.`,
  );
  return lines.join('\n');
}

function lastBenchJson(text: string): BenchJson {
  const line = text.split('\n').reverse().find((l) => l.startsWith('BENCH_JSON '));
  if (line === undefined) throw new Error('no BENCH_JSON line in the input');
  return JSON.parse(line.slice('BENCH_JSON '.length)) as BenchJson;
}

function main(): void {
  const args = process.argv.slice(2);
  const print = args.includes('--print');
  const file = args.find((a) => a !== '--print');
  if (file === undefined) throw new Error('usage: readme-table.ts <file with a BENCH_JSON line | -> [--print]');
  const md = table(lastBenchJson(readFileSync(file === '-' ? 0 : file, 'utf8')));
  if (print) {
    console.log(md);
    return;
  }
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} section`);
  writeFileSync(README, `${readme.slice(0, start + START.length)}\n${md}\n${readme.slice(end)}`);
  console.log('README.md: performance table updated');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
