// @lstm-adder/trainer/config: the recipe schema (a valibot variant by arch), the recipes, and fields read from text.
// Pure data and validation, no I/O, so the CLI, the `train` script, the bench and a page share it.
export * from './config/file.js';
export * from './config/recipes.js';
export * from './config/schema.js';
export * from './config/text.js';
