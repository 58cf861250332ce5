/** docs/mimi-content.md: its example is the fixture, which type-checks and runs with the results the text states. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { example } from './fixtures/status-report-example.js';
import { hex, idEntries, toHex, vectorBytes } from './helpers.js';
import { encodeMessageStatusReport } from '../../generated/mimi-message-status.js';
import { typecheckStrict } from './typecheck.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/status-report-example.ts', import.meta.url));
const DOC = fileURLToPath(new URL('../../docs/mimi-content.md', import.meta.url));

/** The import paths of the doc, as the fixture (three folders down) spells them. */
const IMPORTS: [string, string][] = [
  ["'./generated/mimi-content.js'", "'../../../generated/mimi-content.js'"],
  ["'./generated/mimi-message-status.js'", "'../../../generated/mimi-message-status.js'"],
  ["'./generated/mimi-message-id.js'", "'../../../generated/mimi-message-id.js'"],
];

describe('docs/mimi-content.md', () => {
  const doc = readFileSync(DOC, 'utf8');
  const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('its full example is the fixture, up to the import paths', () => {
    const full = blocks.find((b) => b.includes('export async function example'));
    expect(full).toBeDefined();
    let mapped = full!;
    for (const [from, to] of IMPORTS) mapped = mapped.replace(from, to);
    expect(mapped).toBe(readFileSync(FIXTURE, 'utf8'));
  });

  it('the fixture type-checks under strict settings', () => {
    // A user's file, which may leave return types to inference (isolatedDeclarations is for the generated code).
    expect(typecheckStrict([FIXTURE], { dom: true, noUnusedLocals: false, isolatedDeclarations: false })).toEqual([]);
  });

  it('runs: Bob’s report names Alice’s message, read; his reply answers it', async () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
    const result = await example(salt, new Uint8Array(16).fill(9));
    expect(result.statusOfMine).toBe('read');
    expect(result.replyAnswersMine).toBe(true);
    expect(result.messageId).toMatch(/^01[0-9a-f]{62}$/);
    expect(result.replyId).not.toBe(result.messageId);
    expect(result.report).toBe(toHex(encodeMessageStatusReport([{ messageId: hex(result.messageId), status: 2 }])));
  });

  it('with the Original example’s salt it builds the Original example and gets the ID the text states', async () => {
    const original = idEntries().original!;
    const stated = /`([0-9a-f]{64})`/.exec(doc.slice(doc.indexOf('With the Original example')))?.[1];
    expect(stated).toBe(original.messageId_v08_lengthPrefixed);
    expect(doc).toContain(original.salt);
    const result = await example(hex(original.salt), new Uint8Array(16));
    expect(result.messageId).toBe(original.messageId_v08_lengthPrefixed);
    expect(toHex(vectorBytes('content-original'))).toBe(original.cborHex);
  });
});
