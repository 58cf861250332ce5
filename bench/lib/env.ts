/** What machine and load a figure was measured on: printed with every run and kept in BENCH_JSON. */
import os from 'node:os';

export interface Environment {
  node: string;
  cpu: string;
  cpus: number;
  platform: string;
  /** 1, 5 and 15 minute load averages, as `uptime` shows them. */
  loadavg: number[];
}

export function environment(): Environment {
  return {
    node: process.version,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: os.cpus().length,
    platform: `${process.platform} ${process.arch}`,
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

export function describeEnvironment(env: Environment): string {
  return `node ${env.node} · ${env.cpu} · ${env.cpus} CPUs · ${env.platform} · load avg ${env.loadavg.join(' ')}`;
}
