/** The registries of a schema: the model the emitter and `mimi-codegen registry` share, and the command's output formats. */
export { byValue, choiceRegistries, enumRegistries, type ChoiceRegistry, type EnumRegistry, type RegistryEntry, type RegistryValue } from './model.js';
export { formatRegistryJson, formatRegistryTable, registryJson, type RegistryJson } from './format.js';
