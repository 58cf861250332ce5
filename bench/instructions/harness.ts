/**
 * One status-report or MIMI content case run in a loop, for counting instructions with
 * callgrind (run.sh): warmed up first, then `iterations` calls between two
 * calls of os.hostname(), where run.sh has callgrind dump its counts, so the
 * middle dump holds the loop alone. Instruction counts do not depend on the
 * load of the machine, unlike times: use them to compare two versions of the
 * generated code, or ours against the hand-written ceiling.
 *
 * Arguments: case (encode, encode.hand, decode, decode.hand, decode.cborx, is, is.hand,
 * validate; content.decode, content.decode.cborx, content.encode,
 * content.encode.cborx, content.is, content.validate), entries (status cases; ignored by content cases,
 * whose op is all 14 examples of bench/content/suite.ts), iterations.
 */
import { hostname } from 'node:os';
import { Decoder, Encoder, isNativeAccelerationEnabled } from 'cbor-x';
import { decodeMimiContent, encodeMimiContent, isMimiContent, validateMimiContent, type MimiContent } from '../../generated/mimi-content.js';
import { contentExamples } from '../content/suite.js';
import { decodeMessageStatusReport, encodeMessageStatusReport, isMessageStatusReport, validateMessageStatusReport, type MessageStatusReport } from '../../generated/mimi-message-status.js';
import { makeReport, SEED } from '../status/data.js';
import { handDecodeReport, handEncodeReport, handIsReport } from '../status/hand.js';

const [which = '', entriesArg = '1', iterationsArg = '10000'] = process.argv.slice(2);
// cbor-x as `npm run bench` runs it: with its native string extraction (run.sh gives the bundle a `require` for it).
if (!isNativeAccelerationEnabled) throw new Error('cbor-x runs without cbor-extract here, unlike in npm run bench: bundle with run.sh');
if (which === 'check-native') process.exit(0);
const entries = Number(entriesArg);
const iterations = Number(iterationsArg);
const report: MessageStatusReport = makeReport(entries, SEED + entries);
const bytes = encodeMessageStatusReport(report);
// The 14 MIMI content examples, and cbor-x with the options of bench/content/suite.ts (plain CBOR, maps as Maps);
// set up only for content cases, so that the status cases' code sees exactly the calls it saw before (type feedback).
// The examples are found from the working directory (run.sh runs in the repository), not from the bundle's location.
const content = which.startsWith('content.');
const examples = content ? contentExamples(`${process.cwd()}/../shared/vectors/mimi-content`).map((e) => e.bytes) : [];
if (content && examples.length !== 14) throw new Error(`expected the 14 MIMI content examples, found ${examples.length}`);
const contents: MimiContent[] = examples.map((b) => decodeMimiContent(b));
const cborxDecoder = new Decoder({ useRecords: false, mapsAsObjects: false });
const statusCborxDecoder = new Decoder({ useRecords: false });
const cborxEncoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false });
const viaCborx: unknown[] = examples.map((b) => cborxDecoder.decode(b) as unknown);
/** One op over all 14 examples, as in bench/content/suite.ts: the count of results. */
const each = <T>(items: readonly T[], f: (x: T) => unknown) => (): { length: number } => {
  let n = 0;
  for (let i = 0; i < items.length; i++) if (f(items[i]!) !== undefined) n++;
  return { length: n };
};
const cases: Record<string, () => { length: number } | boolean> = {
  encode: () => encodeMessageStatusReport(report),
  'encode.hand': () => handEncodeReport(report),
  decode: () => decodeMessageStatusReport(bytes),
  'decode.hand': () => handDecodeReport(bytes),
  // cbor-x alone, without checks, as bench/status/suite.ts's decode.cborxRaw (arrays out; plain CBOR).
  'decode.cborx': () => statusCborxDecoder.decode(bytes) as { length: number },
  is: () => isMessageStatusReport(report),
  'is.hand': () => handIsReport(report),
  validate: () => validateMessageStatusReport(report),
  'content.decode': each(examples, decodeMimiContent),
  'content.decode.cborx': each(examples, (b) => cborxDecoder.decode(b) as unknown),
  'content.encode': each(contents, encodeMimiContent),
  'content.encode.cborx': each(viaCborx, (v) => cborxEncoder.encode(v)),
  // The guards on the decoded examples (all valid): what encode checks before it writes, alone.
  'content.is': each(contents, (v) => (isMimiContent(v) ? v : undefined)),
  'content.validate': each(contents, validateMimiContent),
};
const run = cases[which];
if (run === undefined) throw new Error(`unknown case ${which}; one of ${Object.keys(cases).join(', ')}`);
let sink = 0;
const consume = (r: { length: number } | boolean) => (sink += typeof r === 'boolean' ? Number(r) : r.length);
// Enough calls for the optimising compiler to have finished before the counted loop (fewer for long reports).
const warmUp = content ? 3000 : Math.ceil(30000 / Math.sqrt(entries));
for (let i = 0; i < warmUp; i++) consume(run());
hostname();
for (let i = 0; i < iterations; i++) consume(run());
hostname();
if (sink < 0) console.log(sink);
