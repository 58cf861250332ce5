import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path/posix';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * Refuses to transform a module under a `__tmp__/` folder unless test/support/scratch.ts made its
 * folder (a `.scratch.json` in it or above it, below `__tmp__/`) and, for a folder named after its
 * contents, the module's text is the one recorded there. vitest keeps a module's transform by path
 * for the whole run, so a path written twice with different text is imported as the first text;
 * the helpers make every path new to its text, and this keeps new tests on them.
 */
function scratchFolders(): Plugin {
  return {
    name: 'scratch-folders',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0]!;
      const at = file.lastIndexOf('/__tmp__/');
      if (at < 0) return null;
      const top = file.slice(0, at + '/__tmp__'.length);
      for (let dir = dirname(file); dir.length > top.length; dir = dirname(dir)) {
        const manifest = join(dir, '.scratch.json');
        if (!existsSync(manifest)) continue;
        const record = JSON.parse(readFileSync(manifest, 'utf8')) as { fresh?: true; files?: Record<string, string> };
        if (record.fresh) return null;
        const path = relative(dir, file);
        const hash = createHash('sha256').update(code).digest('hex');
        if (record.files?.[path] === hash) return null;
        this.error(`${file}: not the text test/support/scratch.ts wrote in ${dir} (${record.files?.[path] === undefined ? 'no such file there' : 'changed since'}); write another folder instead`);
      }
      this.error(`${file} is under __tmp__/ but not in a folder made by test/support/scratch.ts (scratchFolder, importScratch or freshFolder): a fixed path may be imported as what another test wrote there`);
    },
  };
}

export default defineConfig({
  plugins: [scratchFolders()],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/__tmp__/**'],
    globalSetup: ['test/support/clean-scratch.ts'],
    // Some tests run tsc or npm on generated code; those take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
