// The weights file's `meta`: what the trainer records about a model (how it was trained, how core verified it).
// Every key is optional and unknown keys are kept, so older files and future trainers both parse; the keys the
// trainer writes today are typed, so readers need no casts.
import * as v from 'valibot';
import { VECTOR_PAIRS } from './bits.js';
import { ARCHS } from './arch.js';
import { got } from './issues.js';
import { checkMetaBounds } from './meta-bounds.js';
import { looseRecordOf } from './object-schema.js';

const number = v.number((issue) => `expected a number, ${got(issue)}`);
const integer = v.pipe(
  number,
  v.integer((issue) => `expected an integer, ${got(issue)}`),
);
const string = v.string((issue) => `expected a string, ${got(issue)}`);
const boolean = v.boolean((issue) => `expected true or false, ${got(issue)}`);
const arrayOf = <T extends v.GenericSchema>(item: T) => v.array(item, (issue) => `expected an array, ${got(issue)}`);
/**
 * A nested record: unknown keys are kept at run time, but its type names only the known ones (no index signature),
 * so values typed by interfaces, which have none, can be assigned to it.
 */
const looseObjectOf = <T extends v.ObjectEntries>(entries: T) =>
  looseRecordOf(entries) as unknown as v.GenericSchema<unknown, v.InferOutput<v.ObjectSchema<T, undefined>>>;

/** One epoch of training, as the trainer reports it. */
export const EpochRecordSchema = looseObjectOf({
  epoch: integer,
  /** Mean training loss over the epoch (sampled batches). */
  loss: number,
  /** Exact-match accuracy on the training data (vector: training pairs; serial: a fresh batch at training widths). */
  trainAccuracy: number,
  /** Vector: the held-out pairs; serial: fresh pairs at 64 bits. null when there are none. */
  heldOutAccuracy: v.nullable(number),
  /** Vector: all 16,384 pairs; serial: null. */
  allPairsAccuracy: v.nullable(number),
  lr: number,
  samples: number,
  /** Wall time since training started. */
  seconds: number,
});
export type EpochRecord = v.InferOutput<typeof EpochRecordSchema>;

const wrongPair = looseObjectOf({ a: integer, b: integer, expected: v.optional(integer), got: integer });
/** An exact-match count over vector pairs (`evaluateAllPairs`), with the wrong pairs (perhaps only the first few). */
const pairsCount = looseObjectOf({
  total: integer,
  correct: integer,
  accuracy: number,
  wrong: arrayOf(wrongPair),
  /** All wrong pairs, when `wrong` lists only the first ones. */
  wrongCount: v.optional(integer),
});

/** A proof that the model adds right for every input (@lstm-adder/core/proof): `cells` for a serial model (an
 *  inductive invariant over grid cells of its states, in a certificate beside the model), `enumeration` for a
 *  vector model (every pair enclosed), or `counterexample` when one was found. */
const ProofMetaSchema = looseObjectOf({
  method: v.picklist(['cells', 'enumeration', 'counterexample'], (issue) => `expected a proof method, ${got(issue)}`),
  proven: boolean,
  /** Cells in the invariant (serial). */
  cells: v.optional(integer),
  /** Pairs proven right (vector). */
  pairs: v.optional(integer),
  /** The smallest certified distance of an output from its reading threshold. */
  minLogit: v.nullable(number),
  seconds: number,
  counterexample: v.optional(looseObjectOf({ a: string, b: string })),
  /** The certificate's file, beside the model, and its SHA-256 (lowercase hex). */
  certificate: v.optional(looseObjectOf({ file: string, sha256: string })),
});

const verification = looseObjectOf({
  /** Whether the model met its target (every pair / every sampled sum exact, and parity with the trainer). */
  passed: boolean,
  vector: v.optional(looseObjectOf({ allPairs: pairsCount, heldOut: v.nullish(pairsCount), passed: boolean })),
  serial: v.optional(
    looseObjectOf({
      total: integer,
      correct: integer,
      accuracy: number,
      byWidth: arrayOf(looseObjectOf({ width: integer, samples: integer, correct: integer, accuracy: number })),
      wrong: arrayOf(looseObjectOf({ a: string, b: string, width: integer })),
      passed: boolean,
      seed: v.optional(number),
    }),
  ),
  /** Largest |trainer output − core output| over the compared outputs. */
  parity: v.optional(looseObjectOf({ maxAbsDiff: number, compared: integer, tolerance: number, passed: boolean })),
  proof: v.optional(ProofMetaSchema),
});

/** A run that held pairs out to measure generalisation (figures about pairs the training never saw). */
const holdoutExperiment = looseObjectOf({
  holdout: v.optional(number),
  seed: v.optional(number),
  /** How many pairs were held out. */
  heldOutPairs: v.optional(integer),
  heldOutAccuracy: v.optional(v.nullable(number)),
  heldOutCorrect: v.optional(v.nullable(integer)),
  trainAccuracy: v.optional(v.nullable(number)),
  allPairsAccuracy: v.optional(v.nullable(number)),
  epochsRun: v.optional(integer),
  trainSeconds: v.optional(number),
  stopReason: v.optional(string),
  heldOutWrong: v.optional(arrayOf(looseObjectOf({ a: integer, b: integer, got: integer }))),
  history: v.optional(arrayOf(EpochRecordSchema)),
  /** true when the shipped weights are this run's; false when they were trained further on all pairs. */
  shipped: v.optional(boolean),
  note: v.optional(string),
});

const config = looseObjectOf({
  arch: v.optional(v.picklist(ARCHS, (issue) => `expected "vector" or "serial", ${got(issue)}`)),
  hidden: v.optional(integer),
  epochs: v.optional(integer),
  batch: v.optional(integer),
  lr: v.optional(number),
  lrMin: v.optional(number),
  patience: v.optional(v.nullable(number)),
  loss: v.optional(string),
  seed: v.optional(number),
  holdout: v.optional(number),
  trainWidths: v.optional(arrayOf(integer)),
  batchesPerEpoch: v.optional(integer),
  maxSeconds: v.optional(v.nullable(number)),
  preset: v.optional(v.nullable(string)),
});

/** Pair indices a·128 + b, each in 0..16,383, strictly ascending (so each pair once, in one canonical order). */
const pairIndices = v.pipe(
  arrayOf(integer),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const ids = dataset.value;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      const problem =
        id < 0 || id >= VECTOR_PAIRS
          ? `expected a pair index from 0 to ${VECTOR_PAIRS - 1} (a·128 + b), got ${id}`
          : k > 0 && id <= (ids[k - 1] as number)
            ? `expected pair indices in ascending order without repeats, got ${id} after ${ids[k - 1]}`
            : '';
      if (problem) {
        addIssue({ message: problem, path: [{ type: 'array', origin: 'value', input: ids, key: k, value: id }] });
        return;
      }
    }
  }),
);

/** How the vector pairs were split for training; null when the model trained on no split (serial). */
const split = v.nullable(
  looseObjectOf({
    train: v.optional(integer),
    heldOut: v.optional(integer),
    /** The pairs the training never saw, as indices a·128 + b, ascending. */
    heldOutPairs: v.optional(pairIndices),
  }),
);

/**
 * Bounds first (META_LIMITS: history entries, values, text, depth), so nothing walks a huge meta; then the keys.
 * A history, an array, is checked on its length alone.
 */
const bounded = v.rawCheck<unknown>(({ dataset, addIssue }) => {
  const issue = checkMetaBounds(dataset.value);
  if (!issue) return;
  // Only the keys of a path item are read (formatIssuePath): the rest is filled in to satisfy valibot's type.
  const path = issue.path.map(
    (key): v.IssuePathItem =>
      typeof key === 'number'
        ? { type: 'array', origin: 'value', input: [], key, value: undefined }
        : { type: 'object', origin: 'value', input: {}, key, value: undefined },
  );
  addIssue({ message: issue.message, path: path as [v.IssuePathItem] });
});

/** The top level keeps and types unknown keys too (`unknown`), so a trainer can add a field before core names it. */
const metaRecord = looseRecordOf({
  trainer: v.optional(string),
  description: v.optional(string),
  config: v.optional(config),
  /** The TF.js backend the trainer ran on, and why it was chosen. */
  backend: v.optional(looseObjectOf({ name: string, reason: v.optional(string) })),
  seed: v.optional(number),
  parameters: v.optional(integer),
  /** Significant digits the exported numbers were rounded to. */
  digits: v.optional(integer),
  epochsRun: v.optional(integer),
  bestEpoch: v.optional(integer),
  stopReason: v.optional(string),
  trainSeconds: v.optional(number),
  totalTrainSeconds: v.optional(number),
  split: v.optional(split),
  holdoutExperiment: v.optional(holdoutExperiment),
  verification: v.optional(verification),
  history: v.optional(arrayOf(EpochRecordSchema)),
});

export const ModelMetaSchema = v.pipe(v.unknown(), bounded, metaRecord);
export type ModelMeta = v.InferOutput<typeof ModelMetaSchema>;
/** `meta.verification.proof`: what a proof found, as the trainer records it. */
export type ProofMeta = v.InferOutput<typeof ProofMetaSchema>;
