/**
 * One status-report case run in a loop, for counting instructions with
 * callgrind (run.sh): warmed up first, then `iterations` calls between two
 * calls of os.hostname(), where run.sh has callgrind dump its counts, so the
 * middle dump holds the loop alone. Instruction counts do not depend on the
 * load of the machine, unlike times: use them to compare two versions of the
 * generated code, or ours against the hand-written ceiling.
 *
 * Arguments: case (encode, encode.hand, decode, decode.hand, is, is.hand,
 * validate), entries, iterations.
 */
import { hostname } from 'node:os';
import { decodeMessageStatusReport, encodeMessageStatusReport, isMessageStatusReport, validateMessageStatusReport, type MessageStatusReport } from '../../generated/mimi-message-status.js';
import { makeReport, SEED } from '../status/data.js';
import { handDecodeReport, handEncodeReport, handIsReport } from '../status/hand.js';

const [which = '', entriesArg = '1', iterationsArg = '10000'] = process.argv.slice(2);
const entries = Number(entriesArg);
const iterations = Number(iterationsArg);
const report: MessageStatusReport = makeReport(entries, SEED + entries);
const bytes = encodeMessageStatusReport(report);
const cases: Record<string, () => { length: number } | boolean> = {
  encode: () => encodeMessageStatusReport(report),
  'encode.hand': () => handEncodeReport(report),
  decode: () => decodeMessageStatusReport(bytes),
  'decode.hand': () => handDecodeReport(bytes),
  is: () => isMessageStatusReport(report),
  'is.hand': () => handIsReport(report),
  validate: () => validateMessageStatusReport(report),
};
const run = cases[which];
if (run === undefined) throw new Error(`unknown case ${which}; one of ${Object.keys(cases).join(', ')}`);
let sink = 0;
const consume = (r: { length: number } | boolean) => (sink += typeof r === 'boolean' ? Number(r) : r.length);
// Enough calls for the optimising compiler to have finished before the counted loop (fewer for long reports).
const warmUp = Math.ceil(30000 / Math.sqrt(entries));
for (let i = 0; i < warmUp; i++) consume(run());
hostname();
for (let i = 0; i < iterations; i++) consume(run());
hostname();
if (sink < 0) console.log(sink);
