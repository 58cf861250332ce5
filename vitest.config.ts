import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
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
    // One module registry per worker, not per test file: collection fell from about 125 s to 12 s
    // and the suite from about 700 s to 450 s on 2 CPUs. Test files of a worker then share modules
    // and globals, which the suite was checked for:
    // - generated modules are imported only from folders of test/support/scratch.ts (the plugin
    //   above enforces it), named after their test file and text, so no file imports another's
    //   module or a stale text at a reused path;
    // - no test file changes process.env, the working folder, timers, fast-check's global
    //   settings or a prototype without restoring it (emit/writer.test.ts undoes its vi.doMock and
    //   resets modules; choice-dispatch.test.ts restores Error.stackTraceLimit); vitest itself
    //   restores vi.spyOn after each file;
    // - expect.addEqualityTesters cannot be undone: support/any-equality.ts's tester answers only
    //   in the file that added it;
    // - module-level state in test helpers is kept per test file (choices/generate.ts,
    //   content/helpers.ts) and in generator/ and templates/ it is caches keyed by their input or
    //   state set and reset within one call.
    // A new test must do the same: import what it writes through scratch.ts, undo what it changes
    // outside itself (afterEach/afterAll/finally), key helper state by test file, and not expect a
    // module's top-level code to run again for it.
    isolate: false,
    // Two test files at a time even on 2 CPUs, where vitest's default (CPUs - 1) runs them one by
    // one: much of a file's time is spent waiting (tsc, npm, child processes, the main process's
    // transforms), and the suite took 457 s with two workers against 627-711 s with one on this
    // 2-CPU machine (December 7, 2026), well under CI's 15 minutes again. Files running side by
    // side is what the isolation rules above already allow: each writes only its own folders.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    minWorkers: 1,
    // Some tests run tsc or npm on generated code; those take seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
