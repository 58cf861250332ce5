/** Shared test fixtures: paths of the repository, the shared folder, and schema texts. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SchemaText } from '../../generator/index.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));

export const STATUS_SCHEMA_PATH = 'schemas/mimi-message-status.cddl';
export const CONTENT_SCHEMA_PATH = 'schemas/mimi-content.cddl';

export function statusSchema(): SchemaText {
  return { path: STATUS_SCHEMA_PATH, text: readFileSync(`${REPO}${STATUS_SCHEMA_PATH}`, 'utf8') };
}

/** A vendor's extension file, as in the README. */
export const VENDOR_EXTENSION: SchemaText = {
  path: 'my-statuses.cddl',
  text: '; Statuses of the ACME client\n$extStatus /= &(\n  ; the user starred the message\n  starred: 8,\n  pinned: 9\n)\n',
};

/** The message and its first line, for asserting on SchemaError texts. */
export function errorOf(fn: () => unknown): { message: string; first: string } {
  try {
    fn();
  } catch (error) {
    const message = (error as Error).message;
    return { message, first: message.split('\n')[0] ?? '' };
  }
  throw new Error('expected an error, none was thrown');
}
