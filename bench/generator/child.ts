/**
 * Runs the generator once on a synthetic schema, in its own process so that
 * its peak RSS is its own, and prints one JSON line with the figures.
 * Started by bench/generator/suite.ts: `node --import tsx child.ts <rules>`.
 */
import { syntheticSchema } from './synthetic.js';

const rules = Number(process.argv[2]);
if (!Number.isInteger(rules) || rules <= 0) throw new Error(`usage: child.ts <rules>, got ${process.argv[2]}`);
const text = syntheticSchema(rules);

const t0 = performance.now();
const { compile, compileIr } = await import('../../generator/index.js');
const t1 = performance.now();
const schemas = [{ path: 'synthetic.cddl', text }];
// Parse and IR alone first, then the whole pipeline: emit ≈ total − parse/IR.
compileIr(schemas);
const t2 = performance.now();
const cpu2 = process.cpuUsage();
const files = compile(schemas);
const t3 = performance.now();
const cpu3 = process.cpuUsage(cpu2);
const module = files[0]!;
const ru = process.resourceUsage();
console.log(
  JSON.stringify({
    rules,
    schemaBytes: text.length,
    importMs: t1 - t0,
    parseIrMs: t2 - t1,
    compileMs: t3 - t2,
    /** CPU time (user + system, all threads) of compile: less disturbed than wall time by other processes on the machine. */
    compileCpuMs: (cpu3.user + cpu3.system) / 1000,
    outputBytes: Buffer.byteLength(module.contents),
    outputLines: module.contents.split('\n').length,
    peakRssBytes: ru.maxRSS * 1024,
  }),
);
