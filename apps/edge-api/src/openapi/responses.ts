// What the routes answer, as valibot schemas: they give the OpenAPI document its response schemas, and the tests parse
// real answers with them, so the document cannot promise a shape the code does not send. Not imported by the Worker.
import { ARCHS, OUTPUT_ACTIVATIONS } from '@lstm-adder/core';
import * as v from 'valibot';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';
import { MODEL_NAMES } from '../models.js';

const decimal = (what: string) => v.pipe(v.string(), v.regex(/^(0|[1-9][0-9]*)$/), v.description(what));
const binary = (what: string) => v.pipe(v.string(), v.regex(/^[01]+$/), v.description(what));
const numbers = (what: string) => v.pipe(v.array(v.number()), v.description(what));
const count = v.pipe(v.number(), v.integer(), v.minValue(1));

export const traceStep = v.strictObject({
  x: numbers("The step's input: bits8(a) then bits8(b) for vector (MSB first); [a_t, b_t] LSB first for serial."),
  i: numbers('Input gate activations (hidden-size long).'),
  f: numbers('Forget gate activations.'),
  g: numbers('Candidate cell values.'),
  o: numbers('Output gate activations.'),
  c: numbers('Cell state after the step.'),
  h: numbers('Hidden state after the step.'),
  y: numbers('The output after the step (8 values for vector, 1 for serial).'),
});

export const addAnswer = v.strictObject({
  a: decimal('a, canonical (leading zeros dropped); a string because the serial model adds numbers far beyond 2^53.'),
  b: decimal('b, canonical.'),
  sum: decimal("The model's answer, decoded from its output bits. It can be wrong: see correct."),
  bits: v.pipe(
    v.strictObject({ a: binary('a in binary'), b: binary('b in binary'), sum: binary("the model's sum bits") }),
    v.description(
      "MSB first, all three as wide as the model's output: 8 bits for vector; for serial " +
        'max(bit length of a, b, 1) + 1.',
    ),
  ),
  margin: v.pipe(
    v.number(),
    v.minValue(0),
    v.maxValue(0.5),
    v.description('min over the sum bits of |y − 0.5|: how sure the model was of its least sure bit.'),
  ),
  correct: v.pipe(v.boolean(), v.description('Whether sum equals the arithmetic a + b.')),
  model: v.pipe(v.picklist(MODEL_NAMES), v.description('The model that answered.')),
  trace: v.optional(v.pipe(v.array(traceStep), v.description('Only with trace=1: one object per step.'))),
});

export const batchAnswer = v.strictObject({
  results: v.pipe(v.array(addAnswer), v.description('One answer per pair, in the order of pairs (no trace).')),
});

const matrix = v.array(v.array(v.number()));
export const gate = v.strictObject({ U: matrix, V: matrix, b: v.array(v.number()) });

const sha256 = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

export const modelProof = v.pipe(
  v.strictObject({
    proven: v.pipe(v.boolean(), v.description('Whether the model adds right for every input.')),
    method: v.pipe(
      v.picklist(['cells', 'enumeration', 'counterexample']),
      v.description(
        'cells: an inductive invariant over grid cells of the serial state, checked for every length; enumeration: ' +
          'all 16,384 vector pairs; counterexample: a sum the model gets wrong was found.',
      ),
    ),
    minLogit: v.pipe(
      v.nullable(v.number()),
      v.description(
        'The smallest certified distance of an output from its reading threshold (0 for a logit, 0.5 for an ' +
          'identity output): how safe the least safe bit is.',
      ),
    ),
    cells: v.optional(v.pipe(count, v.description('Cells in the certified invariant (cells).'))),
    pairs: v.optional(v.pipe(count, v.description('Pairs proven (enumeration).'))),
    certificate: v.optional(
      v.pipe(
        sha256,
        v.description(
          'SHA-256 (hex) of the certificate beside the weights, @lstm-adder/core/models/serial.certificate.json; ' +
            '`lstm-adder-train prove` re-checks the model.',
        ),
      ),
    ),
    counterexample: v.optional(
      v.pipe(
        v.strictObject({ a: decimal('a'), b: decimal('b') }),
        v.description('A sum the model gets wrong (counterexample).'),
      ),
    ),
  }),
  v.description(
    "The proof the weights' meta records (meta.verification.proof), without its timing. Absent when the meta " +
      'records none (weights from before the prover).',
  ),
);

export const modelInfo = v.strictObject({
  name: v.picklist(MODEL_NAMES),
  arch: v.picklist(ARCHS),
  inputSize: count,
  hiddenSize: count,
  outputSize: count,
  outputActivation: v.picklist(OUTPUT_ACTIVATIONS),
  parameters: v.pipe(count, v.description('Number of weights and biases.')),
  fingerprint: v.pipe(
    v.string(),
    v.description("core's weightsFingerprint: changes exactly when the weights do (it keys the ETag)."),
  ),
  proof: v.optional(modelProof),
  meta: v.pipe(
    v.record(v.string(), v.unknown()),
    v.description(
      "The weights file's meta: training config, verification figures, history (the vector model's list of " +
        'held-out pairs is left out of the Worker; it is in @lstm-adder/core/models/vector.json).',
    ),
  ),
  weights: v.optional(
    v.pipe(
      v.strictObject({
        lstm: v.strictObject({ i: gate, f: gate, g: gate, o: gate }),
        dense: v.strictObject({ W: matrix, b: v.array(v.number()) }),
      }),
      v.description('Only with weights=1.'),
    ),
  ),
});

export const modelList = v.strictObject({ models: v.strictObject({ vector: modelInfo, serial: modelInfo }) });

export const health = v.strictObject({
  status: v.literal('ok'),
  models: v.pipe(
    v.strictObject({ vector: v.string(), serial: v.string() }),
    v.description("Each model's fingerprint."),
  ),
});

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export const errorBody = v.strictObject({
  error: v.strictObject({
    code: v.pipe(
      v.picklist(ERROR_CODES),
      v.description('What went wrong: the one field a client needs to branch on (the status follows from it).'),
    ),
    message: v.pipe(
      v.string(),
      v.description(
        'For people: names the parameter, quotes what was received (cut to 40 characters) and says what is accepted.',
      ),
    ),
    param: v.pipe(
      v.nullable(v.string()),
      v.description(
        'The query parameter (a), path parameter (name) or body path (pairs[3].b) at fault, cut to 40 characters; ' +
          'null when no single one is.',
      ),
    ),
  }),
});
