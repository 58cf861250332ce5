/**
 * The message-ID helper as a package export (`mimi-codegen/mimi-message-id`),
 * kept for projects that import it from there. New code should import the
 * copy `generate` writes beside the content module (`./mimi-message-id.js`):
 * mimi-codegen is a dev dependency, and this export is gone after
 * `npm ci --omit=dev`.
 */
export * from '../templates/mimi-message-id.js';
