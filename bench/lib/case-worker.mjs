// The entry of a case's worker (timing.ts): Node 20 does not hand a worker the
// loader hooks `tsx` registered in the main thread, so register them here and
// load the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./case-worker.ts');
