// Where the instructions of one callgrind dump go, function by function (self cost), JIT code included:
//   node bench/instructions/attribute.mjs FILE PERF_MAP ITERATIONS [ROWS]
// FILE is a dump made with --dump-instr=yes (attribute.sh), so that each cost line carries its address;
// callgrind names V8's JIT code `???`, and PERF_MAP (node --perf-basic-prof's /tmp/perf-PID.map) names it
// instead: `JS:*readText` is optimised code (`^` baseline, `~` interpreted), with whatever V8 inlined into it.
// Builtins and C++ keep callgrind's names. Prints instructions per op, most first.
import { readFileSync } from 'node:fs';

const [file, mapFile, iterationsArg, rowsArg = '40'] = process.argv.slice(2);
const iterations = Number(iterationsArg);
/** [start, size, name] of each code object the map lists, by start. */
const code = [];
for (const line of readFileSync(mapFile, 'utf8').split('\n')) {
  const m = /^([0-9a-f]+) ([0-9a-f]+) (.*)$/.exec(line);
  if (m !== null) code.push([parseInt(m[1], 16), parseInt(m[2], 16), m[3].replace(/ file:\/\/\S*\//, ' ')]);
}
code.sort((a, b) => a[0] - b[0]);
/** The code object holding `address`: the last one starting at or before it that still covers it. */
function codeAt(address) {
  let lo = 0;
  let hi = code.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (code[mid][0] <= address) (last = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  for (let k = last; k >= 0 && k > last - 50; k--) if (address < code[k][0] + code[k][1]) return code[k][2];
  return 'JIT code the map does not name';
}
const names = new Map();
// Functions are named once as `fn=(id) name`, then `fn=(id)`; a cost line after `calls=` is a callee's (inclusive), not self cost.
const nameOf = (ref) => {
  const m = /^\((\d+)\)(?: (.*))?$/.exec(ref);
  if (m === null) return ref;
  if (m[2] !== undefined) names.set(m[1], m[2]);
  return names.get(m[1]) ?? ref;
};
const self = new Map();
let fn = '';
let callLine = false;
let address = 0;
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line.startsWith('fn=')) fn = nameOf(line.slice(3));
  else if (line.startsWith('cfn=')) nameOf(line.slice(4));
  else if (line.startsWith('calls=')) callLine = true;
  else if (/^(0x[0-9a-f]+|[+-]\d+|\*)/.test(line)) {
    // Addresses are absolute (0x…) or relative to the previous line's (+n, -n, * for the same).
    const fields = line.split(' ');
    const at = fields[0];
    if (at.startsWith('0x')) address = parseInt(at, 16);
    else if (at[0] === '+') address += Number(at.slice(1));
    else if (at[0] === '-') address -= Number(at.slice(1));
    if (callLine) {
      callLine = false;
      continue;
    }
    const name = fn === '???' || fn.startsWith('0x') ? codeAt(address) : fn;
    self.set(name, (self.get(name) ?? 0) + Number(fields[fields.length - 1]));
  }
}
const rows = [...self].sort((a, b) => b[1] - a[1]);
const total = rows.reduce((sum, [, cost]) => sum + cost, 0);
console.log(`${Math.round(total / iterations)} instructions per op`);
for (const [name, cost] of rows.slice(0, Number(rowsArg))) console.log(`${String(Math.round(cost / iterations)).padStart(9)}  ${name}`);
