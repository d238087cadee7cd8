// Object schemas for JSON records. valibot's object schemas take an array for an object (and return {"0": …});
// nothing in a weights file is a record written as a list, so these refuse arrays first.
import * as v from 'valibot';
import { got } from './issues.js';

const notArray = v.custom<unknown>((input) => !Array.isArray(input), 'expected an object, got Array');

/** Known keys only: unknown keys are dropped. */
export const objectOf = <T extends v.ObjectEntries>(entries: T) =>
  v.pipe(
    notArray,
    v.object(entries, (issue) => `expected an object, ${got(issue)}`),
  );

/** Known keys typed, unknown keys kept (typed `unknown`). */
export const looseRecordOf = <T extends v.ObjectEntries>(entries: T) =>
  v.pipe(
    notArray,
    v.looseObject(entries, (issue) => `expected an object, ${got(issue)}`),
  );
