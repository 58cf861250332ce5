/**
 * Micro-benchmark (not a test): a 1,000-entry array of [bstr(32), uint],
 * hand-driven CborReader/CborWriter (as generated code does) against cbor-x.
 *
 *   npx tsx test/runtime/bench.ts
 */
import { Decoder, Encoder } from 'cbor-x';
import { CborReader, CborWriter } from '../../templates/runtime.js';

interface Entry {
  id: Uint8Array;
  n: number;
}

const entries: Entry[] = [];
for (let i = 0; i < 1000; i++) {
  const id = new Uint8Array(32);
  for (let j = 0; j < 32; j++) id[j] = (i * 31 + j * 7) & 0xff;
  entries.push({ id, n: i * 977 });
}
const tuples = entries.map((e) => [e.id, e.n]);

const cborX = new Encoder({ tagUint8Array: false, useRecords: false, mapsAsObjects: false });
const cborXDecoder = new Decoder({ useRecords: false, mapsAsObjects: false });

function encodeOurs(list: Entry[]): Uint8Array {
  const w = new CborWriter(64 * 1024);
  w.arrayHeader(list.length);
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    w.arrayHeader(2);
    w.bytes(e.id);
    w.uint(e.n);
  }
  return w.finish();
}

function decodeOurs(bytes: Uint8Array): Entry[] {
  // Explicit type: TS only narrows on a `never`-returning method call (r.fail) through an annotated reference.
  const r: CborReader = new CborReader(bytes);
  const n = r.readArrayHeader('');
  const out: Entry[] = n >= 0 ? new Array<Entry>(n) : [];
  for (let i = 0; r.hasMoreItems(n, i); i++) {
    const m = r.readArrayHeader('[i]');
    const id = r.readBytes('[i][0]');
    const v = r.readUint('[i][1]');
    if (typeof v !== 'number') r.fail('out of range', '[i][1]');
    r.endContainer(m, '[i]');
    out[i] = { id, n: v };
  }
  r.endContainer(n, '');
  r.finish('');
  return out;
}

function decodeCborX(bytes: Uint8Array): Entry[] {
  const raw = cborXDecoder.decode(bytes) as [Uint8Array, number][];
  return raw.map(([id, n]) => ({ id, n }));
}

/** Best of several timed batches (after warm-up), in µs per call. */
function bench(name: string, f: () => unknown): number {
  for (let i = 0; i < 500; i++) f(); // warm up / let the JIT settle
  let best = Infinity;
  for (let trial = 0; trial < 7; trial++) {
    const rounds = 300;
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) f();
    best = Math.min(best, ((performance.now() - t0) / rounds) * 1000);
  }
  console.log(`${name.padEnd(28)} ${best.toFixed(1).padStart(8)} µs/op`);
  return best;
}

const ours = encodeOurs(entries);
const theirs = cborX.encode(tuples);
if (Buffer.compare(Buffer.from(ours), Buffer.from(theirs)) !== 0) throw new Error('encodings differ');

const encO = bench('encode  CborWriter', () => encodeOurs(entries));
const encX = bench('encode  cbor-x (tuples)', () => cborX.encode(tuples));
const encX2 = bench('encode  cbor-x (map+encode)', () => cborX.encode(entries.map((e) => [e.id, e.n])));
const decO = bench('decode  CborReader', () => decodeOurs(ours));
const decX = bench('decode  cbor-x (+map)', () => decodeCborX(ours));
console.log(`encode speed-up ×${(encX / encO).toFixed(1)} (×${(encX2 / encO).toFixed(1)} incl. mapping); decode speed-up ×${(decX / decO).toFixed(1)}`);
