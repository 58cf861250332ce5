/** IR → TypeScript files. */
export { emitFiles, isMimiContentModule, MESSAGE_ID_FILE, moduleFileName, RUNTIME_FILE, RUNTIME_FILES, type EmitOptions, type EmittedFile } from './module.js';
