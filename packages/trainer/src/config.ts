// Training configuration: the valibot schema of a TrainConfig and of train.config.json (the types are inferred
// from it), the defaults and the presets. Pure data and validation, no I/O, so the CLI, the `train` script,
// the bench and a browser can share it.
import { ARCHS, formatIssuePath, type Arch } from '@lstm-adder/core';
import * as v from 'valibot';

export { ARCHS, type Arch };
export const LOSSES = ['mse', 'bce'] as const;
export type Loss = (typeof LOSSES)[number];
export const PRESETS = ['seed', 'default'] as const;
export type Preset = (typeof PRESETS)[number];
export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export const INITS = ['glorot', 'uniform'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

const got = (issue: { received: string }) => `got ${issue.received}`;
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => {
  const expected =
    max === Number.MAX_SAFE_INTEGER ? `expected an integer ≥ ${min}` : `expected an integer from ${min} to ${max}`;
  const message = (issue: { received: string }) => `${expected}, ${got(issue)}`;
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
};
const nonNegative = v.pipe(
  v.number((issue) => `expected a number ≥ 0, ${got(issue)}`),
  v.minValue(0, (issue) => `expected a number ≥ 0, ${got(issue)}`),
);
/** Positive, Infinity included (the seed preset has no time limit). */
const positive = v.pipe(
  v.number((issue) => `expected a positive number, ${got(issue)}`),
  v.gtValue(0, (issue) => `expected a positive number, ${got(issue)}`),
);
const fraction = (max: number) =>
  v.pipe(
    v.number((issue) => `expected a number from 0 to ${max}, ${got(issue)}`),
    v.minValue(0, (issue) => `expected a number from 0 to ${max}, ${got(issue)}`),
    v.maxValue(max, (issue) => `expected a number from 0 to ${max}, ${got(issue)}`),
  );
const oneOf = <T extends readonly string[]>(options: T) =>
  v.picklist(options, (issue) => `expected ${options.map((o) => `"${o}"`).join(' or ')}, ${got(issue)}`);
/** An object's own issues: a missing field (valibot reports it at the field, expected `"name"`), an unknown one, a non-object. */
const objectIssue = (accepted: string, expected: string) => (issue: { expected: string | null; received: string }) =>
  issue.expected?.startsWith('"')
    ? 'missing'
    : issue.expected === 'never'
      ? `unknown field (accepted: ${accepted})`
      : `expected ${expected}, ${got(issue)}`;
const objectOf = <T extends v.ObjectEntries>(entries: T) =>
  v.strictObject(entries, objectIssue(Object.keys(entries).join(', '), 'an object'));

/** How a vector epoch is assembled. */
const VectorDataSchema = v.variant(
  'kind',
  [
    /** The notebook's: `samples` random pairs (with replacement), split train/test by `testFraction`. */
    objectOf({ kind: v.literal('random'), samples: integer(1), testFraction: fraction(0.9) }),
    /** Every training pair each epoch (confident ones with probability `easyFraction`), plus hard-example mining:
     *  `hardRepeat` extra copies of pairs whose worst-bit margin is under `hardMargin`, and `wrongRepeat` more of
     *  pairs still wrong. */
    objectOf({
      kind: v.literal('mined'),
      hardMargin: nonNegative,
      hardRepeat: integer(0, 100),
      wrongRepeat: integer(0, 100),
      easyFraction: fraction(1),
    }),
  ],
  (issue) => `expected { "kind": "random" | "mined", … }, ${got(issue)}`,
);
export type VectorData = v.InferOutput<typeof VectorDataSchema>;

/** How the learning rate moves (the loop applies it; see loop.ts). */
const ScheduleSchema = v.variant(
  'kind',
  [
    /** The notebook's: a fixed learning rate. */
    objectOf({ kind: v.literal('constant') }),
    /** Halve after `patience` epochs without a new best training score, down to `lrMin`. */
    objectOf({ kind: v.literal('plateau'), patience: integer(1), lrMin: nonNegative }),
    /** Cosine from `lr` to `lrMin` over the configured epochs, set at the start of each epoch. */
    objectOf({ kind: v.literal('cosine'), lrMin: nonNegative }),
    /** Multiply by `factor` every `everySteps` optimizer steps. */
    objectOf({ kind: v.literal('step'), everySteps: integer(1), factor: positive }),
  ],
  (issue) => `expected { "kind": "constant" | "plateau" | "cosine" | "step", … }, ${got(issue)}`,
);
export type Schedule = v.InferOutput<typeof ScheduleSchema>;

const width = integer(1, 4096);
/** Each field's schema: the flags parse through these too, so a flag and a file field accept the same values. */
export const TRAIN_CONFIG_FIELDS = {
  arch: oneOf(ARCHS),
  hidden: integer(1, 512),
  /** A maximum: training stops early once core verifies the target. */
  epochs: integer(1),
  batch: integer(1, 65_536),
  lr: positive,
  schedule: ScheduleSchema,
  /** How the weights start (lstm.ts): Keras's `glorot` (forget bias 1) or PyTorch's `uniform` (±1/√H everywhere).
   *  Optional: configs written before the field existed were all `glorot`. */
  init: v.optional(oneOf(INITS), 'glorot'),
  /** `uniform` only: the limit is initScale/√H (PyTorch's is 1). Larger weights start the gates nearer saturation,
   *  where a carry can be held; at H = 3, 2 finds the carry in a few hundred steps on most seeds. */
  initScale: v.optional(positive, 1),
  /** Serial: fraction of training rows drawn as carry chains (b = ¬a except where a 1-in-16 bit makes a = b, so long
   *  runs of propagate steps follow each generate); random operands almost never carry across a whole width. */
  chainRows: v.optional(fraction(1), 0),
  /** Serial: every `every`-th batch has operands of `width` bits, beyond the training widths, so a carry that
   *  leaks over long runs is trained on (null: none). */
  longBatches: v.optional(
    v.nullable(v.tuple([integer(1), width], (issue) => `expected [every, width], ${got(issue)}`)),
    null,
  ),
  /** Serial: start again from fresh weights (the same seed's stream, Adam reset) after this many steps without a
   *  verified model (0: never); a run that has not found the carry by then rarely does soon. */
  restartSteps: v.optional(integer(0), 0),
  /** Serial: training stops at the first weights core verifies whose min |y − 0.5| over the verification's bits is
   *  at least this (0: the first verified weights); the first exact weights can sit within 0.002 of a flip. */
  stopMargin: v.optional(fraction(0.5), 0),
  /** AdamW's decoupled weight decay: after each Adam step, w −= lr · weightDecay · w (0: plain Adam). */
  weightDecay: nonNegative,
  /** Which weights training returns: the best training score (and stop at the first verified epoch), or the
   *  last epoch of a fixed schedule (no early stop: nothing but the schedule decides). */
  keep: oneOf(['best', 'last'] as const),
  loss: oneOf(LOSSES),
  seed: integer(0, 2 ** 32 - 1),
  /** Fraction of the 16,384 vector pairs held out (never trained on). */
  holdout: fraction(0.9),
  /** Serial: inclusive range of operand widths drawn per batch. */
  trainWidths: v.tuple([width, width], (issue) => `expected [lowest, highest] operand widths in bits, ${got(issue)}`),
  /** Serial: batches per epoch. */
  batchesPerEpoch: integer(0),
  maxSeconds: positive,
  vectorData: VectorDataSchema,
  preset: v.nullable(oneOf(PRESETS)),
};

type ConfigFields = v.InferOutput<ReturnType<typeof objectOf<typeof TRAIN_CONFIG_FIELDS>>>;
/** A serial-only field set (`unset` says it is off) with arch vector: reported at the field. */
const serialOnly = <K extends 'chainRows' | 'longBatches' | 'restartSteps' | 'stopMargin'>(
  key: K,
  unset: (c: ConfigFields) => boolean,
) =>
  v.forward(
    v.check((c: ConfigFields) => c.arch === 'serial' || unset(c), 'applies to arch serial only'),
    [key] as [K],
  );

/** A whole TrainConfig: each field, then the rules between fields, each reported at the field to change. */
export const TrainConfigSchema = v.pipe(
  objectOf(TRAIN_CONFIG_FIELDS),
  v.forward(
    v.partialCheck(
      [['preset'], ['arch']],
      (c) => c.preset !== 'seed' || c.arch === 'vector',
      "the seed preset is the notebook's vector recipe; it cannot train arch serial",
    ),
    ['preset'],
  ),
  v.forward(
    v.partialCheck(
      [['arch'], ['holdout']],
      (c) => c.arch === 'vector' || c.holdout === 0,
      'applies to arch vector only (serial trains on random pairs of any width)',
    ),
    ['holdout'],
  ),
  serialOnly('chainRows', (c) => !c.chainRows),
  serialOnly('longBatches', (c) => !c.longBatches),
  serialOnly('restartSteps', (c) => !c.restartSteps),
  serialOnly('stopMargin', (c) => !c.stopMargin),
  v.forward(
    v.partialCheck(
      [['trainWidths']],
      (c) => c.trainWidths[0] <= c.trainWidths[1],
      'the lowest width is above the highest',
    ),
    ['trainWidths'],
  ),
);
export type TrainConfig = v.InferOutput<typeof TrainConfigSchema>;

/** train.config.json: what `npm run train` trains and where it writes. `overrides` change the recipe's fields. */
export const TrainFileSchema = v.object(
  {
    $comment: v.optional(v.string()),
    models: v.pipe(
      v.array(
        objectOf({
          arch: oneOf(ARCHS),
          out: v.pipe(
            v.string((issue) => `expected a file path, ${got(issue)}`),
            v.nonEmpty('expected a file path, got ""'),
          ),
          report: v.pipe(
            v.string((issue) => `expected a file path, ${got(issue)}`),
            v.nonEmpty('expected a file path, got ""'),
          ),
          overrides: v.optional(
            v.strictObject(
              v.partial(v.omit(v.object(TRAIN_CONFIG_FIELDS), ['arch', 'preset'])).entries,
              objectIssue('any TrainConfig field but arch and preset', 'an object'),
            ),
            {},
          ),
        }),
        (issue) => `expected an array of models ({ "arch", "out", "report" }), ${got(issue)}`,
      ),
      v.minLength(1, 'expected at least one model'),
    ),
  },
  objectIssue('$comment, models', 'an object with "models"'),
);
export type TrainFile = v.InferOutput<typeof TrainFileSchema>;
export type TrainFileEntry = TrainFile['models'][number];

export const DEFAULTS: Record<Arch, TrainConfig> = {
  // 10% of the pairs held out, AdamW with a cosine schedule over a fixed 60 epochs, the last epoch shipped.
  vector: {
    arch: 'vector',
    hidden: 32,
    epochs: 60,
    batch: 256,
    lr: 8e-2,
    schedule: { kind: 'cosine', lrMin: 0 },
    init: 'glorot',
    weightDecay: 0.01,
    initScale: 1,
    chainRows: 0,
    longBatches: null,
    restartSteps: 0,
    stopMargin: 0,
    keep: 'last',
    loss: 'bce',
    seed: 1,
    holdout: 0.1,
    trainWidths: [1, 1],
    batchesPerEpoch: 0,
    maxSeconds: 3600,
    vectorData: { kind: 'mined', hardMargin: 2, hardRepeat: 2, wrongRepeat: 0, easyFraction: 1 },
    preset: 'default',
  },
  // The smallest reliably exact serial model found here: H = 3, PyTorch's uniform initialisation at twice its scale,
  // widths 1–16 with every 20th batch at 32 bits and 10% carry-chain rows, Adam 0.03 × 0.98 every 250 steps,
  // batch 64, a fresh start after 1,500 steps without a verified model (exact on seeds 1–10). Checked every 50
  // steps (an epoch); the first weights core verifies (random sums and whole-width carry chains) are kept.
  serial: {
    arch: 'serial',
    hidden: 3,
    epochs: 150,
    batch: 64,
    lr: 3e-2,
    schedule: { kind: 'step', everySteps: 250, factor: 0.98 },
    init: 'uniform',
    weightDecay: 0,
    initScale: 2,
    chainRows: 0.1,
    longBatches: [20, 32],
    restartSteps: 1500,
    stopMargin: 0.02,
    keep: 'best',
    loss: 'bce',
    seed: 1,
    holdout: 0,
    trainWidths: [1, 16],
    batchesPerEpoch: 50,
    maxSeconds: 300,
    vectorData: { kind: 'mined', hardMargin: 0, hardRepeat: 0, wrongRepeat: 0, easyFraction: 1 },
    preset: 'default',
  },
};

/** The notebook's recipe, exactly: vector, 32 hidden, MSE, Adam 1e-3, batch 64, 50 epochs, 100,000 random pairs split 80k/20k. */
export const SEED_PRESET: TrainConfig = {
  arch: 'vector',
  hidden: 32,
  epochs: 50,
  batch: 64,
  lr: 1e-3,
  schedule: { kind: 'constant' },
  init: 'glorot',
  weightDecay: 0,
  initScale: 1,
  chainRows: 0,
  longBatches: null,
  restartSteps: 0,
  stopMargin: 0,
  keep: 'last',
  loss: 'mse',
  seed: 1,
  holdout: 0,
  trainWidths: [1, 1],
  batchesPerEpoch: 0,
  maxSeconds: Infinity,
  vectorData: { kind: 'random', samples: 100_000, testFraction: 0.2 },
  preset: 'seed',
};

/** The recipe a preset names: the notebook's, or the default of the arch. A copy. */
export function presetConfig(preset: Preset, arch: Arch): TrainConfig {
  return structuredClone(preset === 'seed' ? SEED_PRESET : DEFAULTS[arch]);
}

export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/** The first problem of `input` as a ConfigError whose path is `prefix` + the field's path, or the parsed value. */
export function parseWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  name: (path: string) => string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new ConfigError(name(formatIssuePath(issue.path)), issue.message);
}

/** A whole TrainConfig, checked field by field and across fields. */
export function validateConfig(c: unknown, name: (path: string) => string = (path) => path): TrainConfig {
  return parseWith(TrainConfigSchema, c, name);
}
