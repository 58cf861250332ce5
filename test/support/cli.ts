/** Runs the command line in-process, in a folder, and collects what it prints. */
import { runCli } from '../../generator/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  // A stopped clock: no test depends on how fast this machine generates ("generated … in 1.3 s" is tested with its own clock).
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, now: () => 0 });
  return { code, stdout, stderr };
}
