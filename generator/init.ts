/**
 * `mimi-codegen init`: a starter config and an example extension file, so a
 * vendor can run `mimi-codegen generate` right away and add statuses.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE, type CodegenConfig } from './config.js';

export const INIT_EXTENSION_FILE = 'statuses.cddl';

export const INIT_CONFIG: CodegenConfig = {
  $schema: './node_modules/mimi-codegen/docs/config.schema.json',
  schemas: ['mimi-message-status'],
  extensions: [INIT_EXTENSION_FILE],
  out: 'src/generated',
};

/** The example extension: valid as it is (comments only), and valid with the example uncommented. */
export const INIT_EXTENSION = `; Your statuses, added to the MIMI message-status draft's $extStatus socket.
;
; The draft defines 0..6 (unread, delivered, read, expired, deleted, hidden,
; error); pick values from 7 up that no other status of yours uses. Each name
; becomes a member of the generated ExtStatus object (ExtStatus.starred === 8).
; Uncomment and edit, then run \`npx mimi-codegen generate\`:
;
; $extStatus /= &(
;     starred: 8,
;     pinned: 9
; )
`;

/** A file that already exists; nothing was written. */
export class InitExistsError extends Error {
  override readonly name = 'InitExistsError';
}

/** Writes the starter files into `dir`; throws InitExistsError (writing nothing) when one exists and `force` is not set. Returns the names written. */
export function initProject(dir: string, options: { force?: boolean } = {}): string[] {
  const files: [string, string][] = [
    [CONFIG_FILE, `${JSON.stringify(INIT_CONFIG, null, 2)}\n`],
    [INIT_EXTENSION_FILE, INIT_EXTENSION],
  ];
  if (!options.force) {
    const existing = files.map(([name]) => name).filter((name) => existsSync(resolve(dir, name)));
    if (existing.length > 0) {
      throw new InitExistsError(`${existing.join(' and ')} already ${existing.length === 1 ? 'exists' : 'exist'}; nothing written (pass --force to overwrite)`);
    }
  }
  for (const [name, text] of files) writeFileSync(resolve(dir, name), text);
  return files.map(([name]) => name);
}
