/**
 * Generated code needs nothing at run time (issue 12 §1): no generated file
 * imports a package, a decode-only bundle of the content module stays small,
 * and the code compiles without Node's typings.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { typecheck } from '../support/typecheck.js';

const GENERATED = fileURLToPath(new URL('../../generated/', import.meta.url));
const generatedFiles = readdirSync(GENERATED).filter((f) => f.endsWith('.ts'));

/** The module specifiers a source imports or re-exports from. */
function specifiers(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((m) => m[1]!);
}

/** The minified, tree-shaken esbuild bundle of `entry` (module source, resolved in generated/). */
async function bundle(entry: string): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents: entry, resolveDir: GENERATED, loader: 'ts' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.contents;
}

describe('generated code stands alone', () => {
  it('imports only files beside it', () => {
    expect(generatedFiles).toContain('cbor-any.ts');
    for (const file of generatedFiles) {
      const imports = specifiers(readFileSync(GENERATED + file, 'utf8'));
      for (const spec of imports) expect(spec, file).toMatch(/^\.\/[\w-]+\.js$/);
    }
    expect(specifiers(readFileSync(GENERATED + 'mimi-content.ts', 'utf8'))).toContain('./cbor-any.js');
  });

  it('a decode-only bundle of the content module is at most 12 KB gzipped, and holds no cbor-x', async () => {
    const code = await bundle(`export { decodeMimiContent } from './mimi-content.js';`);
    const gzipped = gzipSync(code).length;
    // 12.25 KB while the writer's lone-surrogate refusal had it at 12,454 B; back to 12 KB (11,361 B) once what only
    // some decoders call became functions a bundle drops when unused. 12,287 B with remembered checks; 11,996 B once
    // the writer's endSortedMap became a function (the writer's class is whole in this bundle: cbor-any.ts uses it).
    expect(gzipped).toBeLessThanOrEqual(12 * 1024);
    const text = new TextDecoder().decode(code);
    expect(text).not.toMatch(/cbor-x|cbor-extract/);
    // Tree-shaken: the encoders and guards are not in it, the decoder is.
    expect(text).not.toMatch(/encodeMimiContent|validateMimiContent/);
    expect(text).toMatch(/deterministically encoded/);
    // And a bundle with the encoder is larger: the measure sees what it bundles.
    const both = await bundle(`export { decodeMimiContent, encodeMimiContent } from './mimi-content.js';`);
    expect(gzipSync(both).length).toBeGreaterThan(gzipped);
  });

  it.each([
    ['the language and DOM', true],
    ['the language alone', false],
  ])('compiles with lib %s, types: [] and every typing checked', (_what, dom) => {
    const files = ['mimi-content.ts', 'mimi-message-status.ts'].map((f) => GENERATED + f);
    expect(typecheck(files, { moduleResolution: 'bundler', dom, skipLibCheck: false })).toEqual([]);
  });
});
