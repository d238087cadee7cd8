// The request schemas. Handlers receive what these output: checked digit strings, a model name, a trace flag.
import * as v from 'valibot';
import { defaultModel, MODEL_NAMES } from '../models.js';
import { fitsVector, operand, TRACE_MAX_DIGITS } from './operand.js';

export const MAX_PAIRS = 1000;

const modelName = v.picklist(MODEL_NAMES);
const traceFlag = v.picklist(['1', '0', 'true', 'false']);

const fitsModel = (digits: string, model: string | undefined) => model !== 'vector' || fitsVector(digits);

/** GET /add?a=…&b=…[&model=vector|serial][&trace=1] */
export const addQuery = v.pipe(
  v.strictObject({
    a: operand,
    b: operand,
    model: v.optional(modelName),
    trace: v.optional(traceFlag),
  }),
  v.forward(v.partialCheck([['a'], ['model']], (q) => fitsModel(q.a, q.model)), ['a']),
  v.forward(v.partialCheck([['b'], ['model']], (q) => fitsModel(q.b, q.model)), ['b']),
  v.forward(
    v.partialCheck(
      [['a'], ['b'], ['trace']],
      (q) => !(q.trace === '1' || q.trace === 'true') || Math.max(q.a.length, q.b.length) <= TRACE_MAX_DIGITS,
    ),
    ['trace'],
  ),
  v.transform((q) => ({
    a: q.a,
    b: q.b,
    model: q.model ?? defaultModel(q.a, q.b),
    trace: q.trace === '1' || q.trace === 'true',
  })),
);

/** POST /add?model=… (the model may also be given in the body). */
export const batchQuery = v.strictObject({ model: v.optional(modelName) });

/** POST /add body: { "pairs": [{ "a": "1", "b": "2" }, …], "model"?: … } */
export const batchBody = v.strictObject({
  pairs: v.pipe(v.array(v.strictObject({ a: operand, b: operand })), v.minLength(1), v.maxLength(MAX_PAIRS)),
  model: v.optional(modelName),
});
