// Splits one callgrind dump (run.sh's middle one: the counted loop) by self cost:
//   node bench/instructions/split.mjs FILE ITERATIONS
// prints the instructions per op outside the allocator and the garbage collector ("own"), and theirs.
// Whether a collection, or the malloc and free of an ArrayBuffer's store (a Uint8Array over 64 bytes
// lives outside the heap), falls inside the counted loop changes between runs and between two versions
// of the code by over a thousand instructions per op at 10 entries; the "own" count does not.
import { readFileSync } from 'node:fs';

const [file, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg);
const names = new Map();
const self = new Map();
let fn = '';
let callLine = false;
// Functions are named once as `fn=(id) name`, then `fn=(id)`; a cost line after `calls=` is a callee's (inclusive), not self cost.
const nameOf = (ref) => {
  const m = /^\((\d+)\)(?: (.*))?$/.exec(ref);
  if (m === null) return ref;
  if (m[2] !== undefined) names.set(m[1], m[2]);
  return names.get(m[1]) ?? ref;
};
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line.startsWith('fn=')) fn = nameOf(line.slice(3));
  else if (line.startsWith('cfn=')) nameOf(line.slice(4));
  else if (line.startsWith('calls=')) callLine = true;
  else if (/^[0-9+\-*]/.test(line)) {
    if (callLine) callLine = false;
    else self.set(fn, (self.get(fn) ?? 0) + Number(line.split(' ')[1] ?? 0));
  }
}
// The allocator (glibc) and V8's heap: collections, sweeping of ArrayBuffer stores, evacuation.
const runtime = /malloc|calloc|free|realloc|Sweep|Scaveng|IterateObjectCache|RootVisitor|GC|Heap|Evacuat|BackingStore|mprotect|madvise|mmap|munmap/;
let own = 0;
let other = 0;
for (const [name, cost] of self) {
  if (runtime.test(name)) other += cost;
  else own += cost;
}
console.log(`own ${Math.round(own / iterations)}, allocator and GC ${Math.round(other / iterations)}`);
