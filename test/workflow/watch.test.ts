/**
 * `generate --watch`, driven through watchGenerate with an AbortSignal: every
 * step waits for the event it expects (with a generous timeout), never for a
 * fixed time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../generator/cli.js';
import { watchGenerate, type WatchEvent } from '../../generator/watch.js';
import { STATUSES, tempProject } from './helpers.js';
import { RUNTIME_FILES } from '../../generator/emit/index.js';

/** What generating the status schema into gen/ writes, in order. */
const GENERATED = ['mimi-message-status.ts', ...RUNTIME_FILES].map((f) => `gen/${f}`);

const TIMEOUT_MS = 8_000;

/** Records events; `next` waits for the first one after the last awaited that matches. */
class EventLog {
  readonly events: WatchEvent[] = [];
  private seen = 0;
  private waiters: (() => void)[] = [];

  readonly push = (event: WatchEvent): void => {
    this.events.push(event);
    for (const wake of this.waiters.splice(0)) wake();
  };

  async next<T extends WatchEvent['type']>(type: T, matches: (event: Extract<WatchEvent, { type: T }>) => boolean = () => true): Promise<Extract<WatchEvent, { type: T }>> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      for (; this.seen < this.events.length; this.seen++) {
        const event = this.events[this.seen] as WatchEvent;
        if (event.type === type && matches(event as Extract<WatchEvent, { type: T }>)) {
          this.seen++;
          return event as Extract<WatchEvent, { type: T }>;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no '${type}' event within ${TIMEOUT_MS} ms; events so far: ${JSON.stringify(this.events, null, 1)}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }
}

let dir: string;
let cleanup: () => void;
let controller: AbortController;
beforeEach(() => {
  ({ dir, cleanup } = tempProject('watch'));
  controller = new AbortController();
  writeFileSync(join(dir, 'statuses.cddl'), STATUSES);
  writeConfig({ schemas: ['mimi-message-status'], extensions: ['statuses.cddl'], out: 'gen' });
});
afterEach(() => {
  controller.abort();
  cleanup();
});

function writeConfig(config: object): void {
  writeFileSync(join(dir, 'mimi-codegen.config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

const moduleText = () => readFileSync(join(dir, 'gen/mimi-message-status.ts'), 'utf8');

describe('watchGenerate', () => {
  it('regenerates on schema edits, survives a broken edit keeping the last good output, and stops on abort', async () => {
    const log = new EventLog();
    const done = watchGenerate({ cwd: dir, config: 'mimi-codegen.config.json' }, { onEvent: log.push, signal: controller.signal });

    expect(await log.next('watching')).toEqual({ type: 'watching', files: ['mimi-codegen.config.json', 'statuses.cddl'] });
    expect(await log.next('generated')).toEqual({
      type: 'generated',
      changed: [],
      written: GENERATED,
      files: GENERATED,
      removed: [],
    });
    expect(moduleText()).toContain('pinned: 9,');

    // An edit: only the module is rewritten, the runtime is unchanged and left alone.
    writeFileSync(join(dir, 'statuses.cddl'), STATUSES.replace('pinned: 9', 'pinned: 9, archived: 10'));
    const edited = await log.next('generated', (e) => e.written.length > 0);
    expect(edited.changed).toEqual(['statuses.cddl']);
    expect(edited.written).toEqual(['gen/mimi-message-status.ts']);
    expect(moduleText()).toContain('archived: 10,');
    const good = moduleText();

    // A broken intermediate edit: the error with its caret excerpt, and the output untouched.
    writeFileSync(join(dir, 'statuses.cddl'), '$extStatus /= &( starred: 8,\n  pinned 9 )\n');
    const broken = await log.next('error');
    expect(broken.changed).toEqual(['statuses.cddl']);
    expect(broken.message).toBe("statuses.cddl:2:3: undefined name 'pinned' (RFC 8610 Appendix C)\n  2 |   pinned 9 )\n    |   ^");
    expect(moduleText()).toBe(good);

    // Fixed: regenerated.
    writeFileSync(join(dir, 'statuses.cddl'), STATUSES.replace('pinned: 9', 'pinned: 9, hidden-by-admin: 11'));
    const fixed = await log.next('generated', (e) => e.written.length > 0);
    expect(fixed.written).toEqual(['gen/mimi-message-status.ts']);
    expect(moduleText()).toContain('11');
    expect(moduleText()).not.toContain('archived');

    controller.abort();
    await done;
    expect(log.events.at(-1)).toEqual({ type: 'stopped' });
  });

  it('re-reads the config: a new extension file is watched, a broken config is reported and fixed', async () => {
    const log = new EventLog();
    const done = watchGenerate({ cwd: dir, config: 'mimi-codegen.config.json' }, { onEvent: log.push, signal: controller.signal });
    await log.next('generated');

    writeFileSync(join(dir, 'more.cddl'), '$extStatus /= &( archived: 10 )\n');
    writeConfig({ schemas: ['mimi-message-status'], extensions: ['statuses.cddl', 'more.cddl'], out: 'gen' });
    expect(await log.next('watching')).toEqual({ type: 'watching', files: ['mimi-codegen.config.json', 'statuses.cddl', 'more.cddl'] });
    const withMore = await log.next('generated', (e) => e.written.length > 0);
    expect(withMore.changed).toEqual(['mimi-codegen.config.json']);
    expect(moduleText()).toContain('archived: 10,');

    // The new file is watched.
    writeFileSync(join(dir, 'more.cddl'), '$extStatus /= &( archived: 10, muted: 12 )\n');
    const more = await log.next('generated', (e) => e.written.length > 0);
    expect(more.changed).toEqual(['more.cddl']);
    expect(moduleText()).toContain('muted: 12,');

    // A broken config: reported, output kept.
    const good = moduleText();
    writeConfig({ schemas: ['mimi-message-status'], extensions: ['statuses.cddl', 'more.cddl'], outt: 'gen' });
    const broken = await log.next('error');
    expect(broken.message).toBe("mimi-codegen.config.json:9:3: unknown key 'outt' (did you mean 'out'?) (allowed: $schema, schemas, extensions, modules, out, integers, importExtension, arbitrary, arrayMatching, includePath)");
    expect(moduleText()).toBe(good);

    // Dropping the file from the config stops watching it.
    writeConfig({ schemas: ['mimi-message-status'], extensions: ['statuses.cddl'], out: 'gen' });
    expect(await log.next('watching')).toEqual({ type: 'watching', files: ['mimi-codegen.config.json', 'statuses.cddl'] });
    await log.next('generated', (e) => e.written.length > 0);
    expect(moduleText()).not.toContain('muted');

    controller.abort();
    await done;
  });

  it('starts even when the first run fails, and recovers on the fix', async () => {
    writeFileSync(join(dir, 'statuses.cddl'), '$extStatus /= &( starred: \n');
    const log = new EventLog();
    const done = watchGenerate({ cwd: dir, config: 'mimi-codegen.config.json' }, { onEvent: log.push, signal: controller.signal });
    const first = await log.next('error');
    expect(first.changed).toEqual([]);
    expect(first.message).toMatch(/^statuses\.cddl:\d+:\d+: /);
    writeFileSync(join(dir, 'statuses.cddl'), STATUSES);
    expect((await log.next('generated')).written).toEqual(GENERATED);
    controller.abort();
    await done;
  });

  it('waits for a file the config names that does not exist yet, also in a folder not there yet', async () => {
    writeConfig({ schemas: ['mimi-message-status'], extensions: ['statuses.cddl', 'later.cddl', 'cddl/last.cddl'], out: 'gen' });
    const log = new EventLog();
    const done = watchGenerate({ cwd: dir, config: 'mimi-codegen.config.json' }, { onEvent: log.push, signal: controller.signal });
    expect(await log.next('watching')).toEqual({ type: 'watching', files: ['mimi-codegen.config.json', 'statuses.cddl', 'later.cddl', 'cddl/last.cddl'] });
    expect((await log.next('error')).message).toBe("mimi-codegen.config.json:7:5: 'extensions[1]': later.cddl does not exist (paths are relative to the config file)");
    writeFileSync(join(dir, 'later.cddl'), '$extStatus /= &( archived: 10 )\n');
    expect((await log.next('error')).message).toContain("'extensions[2]': cddl/last.cddl does not exist");
    mkdirSync(join(dir, 'cddl'));
    writeFileSync(join(dir, 'cddl/last.cddl'), '$extStatus /= &( muted: 12 )\n');
    const generated = await log.next('generated');
    expect(generated.written).toEqual(GENERATED);
    expect(moduleText()).toContain('archived: 10,');
    expect(moduleText()).toContain('muted: 12,');
    controller.abort();
    await done;
  });

  it('resolves at once for an aborted signal', async () => {
    const log = new EventLog();
    controller.abort();
    await watchGenerate({ cwd: dir, config: 'mimi-codegen.config.json' }, { onEvent: log.push, signal: controller.signal });
    expect(log.events).toEqual([{ type: 'stopped' }]);
  });
});

describe('generate --watch', () => {
  it('prints what changed and what was written, and exits 0 when stopped', async () => {
    let stdout = '';
    let stderr = '';
    let wake: () => void = () => {};
    const grew = () => new Promise<void>((resolve) => (wake = resolve));
    const until = async (condition: () => boolean) => {
      const deadline = Date.now() + TIMEOUT_MS;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out; stdout:\n${stdout}\nstderr:\n${stderr}`);
        await Promise.race([grew(), new Promise((resolve) => setTimeout(resolve, 200))]);
      }
    };
    const exit = runCli(['generate', '--watch'], {
      cwd: dir,
      signal: controller.signal,
      stdout: (t) => {
        stdout += t;
        wake();
      },
      stderr: (t) => {
        stderr += t;
        wake();
      },
    });
    await until(() => stdout.includes(`wrote gen/${RUNTIME_FILES.at(-1)}`));
    expect(stdout).toBe(`watching mimi-codegen.config.json, statuses.cddl (Ctrl-C to stop)\n${GENERATED.map((f) => `wrote ${f}\n`).join('')}`);
    writeFileSync(join(dir, 'statuses.cddl'), '$extStatus /= &( starred: 8,, )\n');
    await until(() => stderr.includes('kept the last good output'));
    expect(stdout).toContain('changed: statuses.cddl\n');
    expect(stderr).toMatch(/^statuses\.cddl:1:\d+: .*\n {2}1 \| .*\n {4}\| +\^\nkept the last good output; waiting for the next change\n$/);
    controller.abort();
    expect(await exit).toBe(0);
    expect(stdout.endsWith('stopped watching\n')).toBe(true);
  });
});
