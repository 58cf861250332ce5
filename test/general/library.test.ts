/**
 * Published schemas whose rules the general matcher checks: RFC 9171's extension and payload blocks
 * (both `.within canonical-block-structure`), which its bundle (`[primary-block, *extension-block,
 * payload-block]`, typed, its repetition greedy: test/language/greedy-arrays.test.ts) holds, and RFC
 * 8990's GRASP messages (`message .within message-structure`; the structure itself is typed:
 * test/language/optional-before-rest.test.ts).
 * test/corpus/library-all.test.ts type-checks every library file; here they decode, reject and
 * round-trip real messages.
 */
import { readFileSync } from 'node:fs';
import { parseEDN } from 'cbor-edn';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { importScratch } from '../support/scratch.js';

const LIBRARY = new URL('../../../shared/cddl-library/', import.meta.url);
const TMP = new URL('./__tmp__/library/', import.meta.url);

type Module = Record<string, (...args: unknown[]) => unknown>;

async function load(name: string): Promise<Module> {
  const files = compile([{ path: name, text: readFileSync(new URL(name, LIBRARY), 'utf8'), file: `/nonexistent-folder/${name}` }]);
  return (await importScratch<Module>(TMP, name.replace(/\.cddl$/, ''), files)).module;
}

const bytes = (edn: string) => parseEDN(edn, {});
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('RFC 9171 (Bundle Protocol 7): bundle', () => {
  let bp: Module;
  beforeAll(async () => {
    bp = await load('rfc9171.cddl');
  });
  const primary = '[7, 0, 0, [2, [1, 2]], [2, [3, 4]], [1, "dtn://r"], [0, 1], 3600000]';
  const age = "[7, 2, 0, 0, h'1864']";
  const payload = "[1, 1, 0, 0, h'68656c6c6f']";

  it('decodes a bundle with an extension block and re-encodes the same bytes', () => {
    const input = bytes(`[${primary}, ${age}, ${payload}]`);
    const value = bp.decodeBundle?.(input);
    expect(hex(bp.encodeBundle?.(value) as Uint8Array)).toBe(hex(input));
    expect(bp.isBundle?.(value)).toBe(true);
  });

  it('a payload block right after the primary block: the extension blocks stop at block type code 1', () => {
    expect(() => bp.decodeBundle?.(bytes(`[${primary}, ${payload}]`))).not.toThrow();
  });

  it('rejects what the schema rules out, with the path', () => {
    expect(() => bp.decodeBundle?.(bytes(`[${primary}, ${age}]`))).toThrow(/DecodeError|expected|array/);
    // An extension block must have a block number above 1 (`uint .gt 1`).
    expect(() => bp.decodeBundle?.(bytes(`[${primary}, [7, 1, 0, 0, h'1864'], ${payload}]`))).toThrow(/\[1\]/);
    expect(() => bp.decodeBundle?.(bytes(`[${primary}, ${payload}, ${payload}]`))).toThrow(/\[2\].*expected the end of the array/);
  });
});

describe('RFC 8990 (GRASP): grasp-message', () => {
  let grasp: Module;
  beforeAll(async () => {
    grasp = await load('rfc8990-cleaned.cddl');
  });

  it('decodes a discovery message (message .within message-structure) and a no-op, and re-encodes them', () => {
    for (const edn of ["[1, 7, h'20010db8000000000000000000000001', [\"EX1\", 1, 3]]", '[0]']) {
      const input = bytes(edn);
      expect(hex(grasp.encodeGraspMessage?.(grasp.decodeGraspMessage?.(input)) as Uint8Array)).toBe(hex(input));
    }
  });

  it('message-structure is typed: the initiator is taken where an item is one (RFC 8610 Appendix A), the options are CborAny', () => {
    const discovery = bytes("[1, 7, h'20010db8000000000000000000000001', [\"EX1\", 1, 3]]");
    const value = grasp.decodeMessageStructure?.(discovery) as unknown[];
    expect(value.slice(0, 3)).toEqual([1, 7, new Uint8Array(Buffer.from('20010db8000000000000000000000001', 'hex'))]);
    expect((value[3] as { constructor: { name: string } }).constructor.name).toBe('CborAny');
    expect(hex(grasp.encodeMessageStructure?.(value) as Uint8Array)).toBe(hex(discovery));
    // No initiator: the 3-byte string is an option.
    const short = bytes("[3, 7, h'010203']");
    expect(hex(grasp.encodeMessageStructure?.(grasp.decodeMessageStructure?.(short)) as Uint8Array)).toBe(hex(short));
    expect((grasp.decodeMessageStructure?.(short) as unknown[]).length).toBe(3);
  });

  it('rejects a message outside the structure or of no known type', () => {
    // session-id is 0..4294967295 in both the message and the structure.
    expect(() => grasp.decodeGraspMessage?.(bytes("[1, -7, h'20010db8000000000000000000000001', [\"EX1\", 1, 3]]"))).toThrow();
    expect(() => grasp.decodeGraspMessage?.(bytes('[200, 1]'))).toThrow();
  });
});
