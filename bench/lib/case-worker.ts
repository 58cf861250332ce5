/**
 * One benchmark case in a worker of its own (see timeGroup in timing.ts):
 * builds its group's cases as the main thread did, keeps the one it times,
 * and answers the main thread's requests in turn: `{ warmupMs, batchMs }`
 * (warm up and calibrate; replies `{ iterations }`) and `{ iterations }`
 * (one batch; replies `{ wall, cpu, sink }`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { calibrate, runBatch, sinkValue, type Case, type CaseSource } from './timing.js';

const { source, id } = workerData as { source: CaseSource; id: string };
const module = (await import(source.module)) as Record<string, (...args: CaseSource['args']) => Case[][] | Promise<Case[][]>>;
const build = module[source.build];
if (build === undefined) throw new Error(`${source.module} exports no ${source.build}`);
const c = (await build(...source.args))[source.group]?.find((x) => x.id === id);
if (c === undefined) throw new Error(`${source.build}(${source.args.join(', ')}) has no case ${id} in group ${source.group}`);
const port = parentPort!;
let reported = 0;
port.on('message', (m: { warmupMs: number; batchMs: number } | { iterations: number }) => {
  if ('warmupMs' in m) {
    port.postMessage({ iterations: calibrate(c.fn, m.warmupMs, m.batchMs) });
    return;
  }
  const [wall, cpu] = runBatch(c.fn, m.iterations);
  const sink = sinkValue();
  port.postMessage({ wall, cpu, sink: sink - reported });
  reported = sink;
});
port.postMessage({ ready: true });
