// A recipe field from text (a flag's value, a URL parameter): numbers are decimal only (no hex, binary, octal,
// Infinity or overflow), widths read `A-B`, long batches `every:width` or `none`. The field's own schema then
// checks the value, so text, train.config.json and the recipes meet the same limits.
import * as v from 'valibot';
import { oneOf } from './messages.js';
import { DEFAULTS } from './recipes.js';
import { type Arch, CONFIG_FIELDS, ConfigError } from './schema.js';

/** Decimal notation only: no hex, binary or octal prefix, no leading zero (017 is not 15 here, nor 17), no words. */
const DECIMAL = /^[+-]?(?:(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const COUNT = '(0|[1-9]\\d*)';
const RANGE = new RegExp(`^${COUNT}(?:(?:-|\\.\\.)${COUNT})?$`);
const EVERY = new RegExp(`^${COUNT}:${COUNT}$`);
/** Fields whose text is a word, not a number. */
const WORDS = new Set(['arch', 'preset', 'loss', 'init', 'keep']);

/** A finite decimal number, or the text as it is (for the schema to refuse, quoting it). */
export function decimal(text: string): number | string {
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(n) ? n : text;
}

/** Text → the value a field's schema reads. */
function fieldValue(key: string, text: string): unknown {
  if (key === 'trainWidths') {
    const m = RANGE.exec(text);
    return m ? [Number(m[1]), Number(m[2] ?? m[1])] : text;
  }
  if (key === 'longBatches') {
    const m = EVERY.exec(text);
    return text === 'none' ? null : m ? [Number(m[1]), Number(m[2])] : text;
  }
  if (key === 'proof') {
    // The cells an attempt may use, or none; the time limit stays the recipe's.
    return text === 'none' ? null : { maxCells: decimal(text), seconds: DEFAULTS.serial.proof?.seconds ?? 60 };
  }
  return WORDS.has(key) ? text : decimal(text);
}

type Fields<A extends Arch> = (typeof CONFIG_FIELDS)[A];
type Output<S> = S extends v.GenericSchema<unknown, infer O> ? O : never;

/** A field of an arch's recipe from text, checked by its schema; refused with a ConfigError named `name`. */
export function parseFieldText<A extends Arch, K extends keyof Fields<A> & string>(
  arch: A,
  key: K,
  text: string,
  name: string = key,
): Output<Fields<A>[K]> {
  const result = v.safeParse(CONFIG_FIELDS[arch][key] as v.GenericSchema, fieldValue(key, text));
  if (!result.success) throw new ConfigError(name, result.issues[0].message);
  return result.output as Output<Fields<A>[K]>;
}

/** One of `options` from text (an arch, a preset, a backend); refused with a ConfigError named `name`. */
export function parseChoice<T extends readonly string[]>(options: T, text: string, name: string): T[number] {
  const result = v.safeParse(oneOf(options), text);
  if (!result.success) throw new ConfigError(name, result.issues[0].message);
  return result.output;
}
