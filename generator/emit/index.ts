/** IR → TypeScript files. */
export { emitFiles, moduleFileName, RUNTIME_FILE, type EmitOptions, type EmittedFile } from './module.js';
