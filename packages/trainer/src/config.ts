// @lstm-adder/trainer/config: the recipe schema (a valibot variant by arch), the recipes, fields read from text, and
// the backends. Pure data and validation, no I/O and no TF.js, so the CLI, the `train` script, the bench and a page
// (before it loads TF.js) share it.
export * from './backends.js';
export * from './config/file.js';
export * from './config/recipes.js';
export * from './config/schema.js';
export * from './config/text.js';
