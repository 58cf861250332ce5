/**
 * Runs the generator once on a schema file, in its own process so that its
 * peak RSS is its own, and prints one JSON line with the figures. Started by
 * bench/generator/suite.ts: `node child.mjs <rules> <schema file> <generator
 * module URL>`, where the module is the library as `npm run build` makes it
 * (bench/.build/generator/index.js): the generator as its users run it, not
 * its TypeScript run through tsx, whose transform keeps every function's
 * name (an Object.defineProperty for each closure made).
 */
import { readFileSync } from 'node:fs';

const [rulesArg, schemaPath, generatorUrl] = process.argv.slice(2);
const rules = Number(rulesArg);
if (!Number.isInteger(rules) || rules <= 0 || schemaPath === undefined || generatorUrl === undefined) {
  throw new Error(`usage: child.mjs <rules> <schema file> <generator module URL>, got ${process.argv.slice(2).join(' ')}`);
}
const text = readFileSync(schemaPath, 'utf8');

const t0 = performance.now();
const { compile, compileIr } = await import(generatorUrl);
const t1 = performance.now();
const schemas = [{ path: 'synthetic.cddl', text }];
// Parse and IR alone first, then the whole pipeline: emit ≈ total − parse/IR.
compileIr(schemas);
const t2 = performance.now();
const cpu2 = process.cpuUsage();
const files = compile(schemas);
const t3 = performance.now();
const cpu3 = process.cpuUsage(cpu2);
const module = files[0];
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
