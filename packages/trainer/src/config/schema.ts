// The schema of a training recipe (a TrainConfig): a valibot variant by `arch`, each arch with only its own fields.
// The types are inferred from it. Flags, train.config.json and the page's settings all parse through these fields,
// so each accepts the same values. Pure data and validation, no I/O.
import { ARCHS, type Arch, formatIssuePath, quote } from '@lstm-adder/core';
import * as v from 'valibot';
import { expect, objectOf, oneOf, words } from './messages.js';

export { ARCHS, type Arch };
export const LOSSES = ['mse', 'bce'] as const;
export type Loss = (typeof LOSSES)[number];
export const PRESETS = ['seed', 'default'] as const;
export type Preset = (typeof PRESETS)[number];
export const INITS = ['glorot', 'uniform'] as const;
export type Init = (typeof INITS)[number];

// Every number is finite (JSON's 1e400 parses to Infinity: refused), one message per field for every check.
const integer = (low: number, high = Number.MAX_SAFE_INTEGER) => {
  const m = expect(high === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${low}` : `an integer from ${low} to ${high}`);
  return v.pipe(v.number(m), v.finite(m), v.integer(m), v.minValue(low, m), v.maxValue(high, m));
};
const nonNegative = (() => {
  const m = expect('a number ≥ 0');
  return v.pipe(v.number(m), v.finite(m), v.minValue(0, m));
})();
const positive = (() => {
  const m = expect('a positive number');
  return v.pipe(v.number(m), v.finite(m), v.gtValue(0, m));
})();
const fraction = (high: number) => {
  const m = expect(`a number from 0 to ${high}`);
  return v.pipe(v.number(m), v.finite(m), v.minValue(0, m), v.maxValue(high, m));
};
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
  expect('{ "kind": "random" | "mined", … }'),
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
  expect('{ "kind": "constant" | "plateau" | "cosine" | "step", … }'),
);
export type Schedule = v.InferOutput<typeof ScheduleSchema>;

/** The ranges of the integer fields people set most: the schema checks them, a page's inputs show them. */
export const RANGES = { hidden: [1, 512], batch: [1, 65_536], seed: [0, 2 ** 32 - 1], width: [1, 4096] } as const;

const width = integer(...RANGES.width);

/** The fields both archs have. */
const COMMON_FIELDS = {
  hidden: integer(...RANGES.hidden),
  /** A maximum: a keep "best" recipe stops early once core verifies the target. At most 10,000: core reads at most
   *  that many history rows in a model's meta. */
  epochs: integer(1, 10_000),
  batch: integer(...RANGES.batch),
  lr: positive,
  schedule: ScheduleSchema,
  /** How the weights start (init.ts): Keras's `glorot` (forget bias 1) or PyTorch's `uniform` (±1/√H everywhere).
   *  Optional: configs written before the field existed were all `glorot`. */
  init: v.optional(oneOf(INITS), 'glorot'),
  /** `uniform` only: the limit is initScale/√H (PyTorch's is 1). Larger weights start the gates nearer saturation,
   *  where a carry can be held; at H = 3, 2 finds the carry in a few hundred steps on most seeds. */
  initScale: v.optional(positive, 1),
  /** AdamW's decoupled weight decay: after each Adam step, w −= lr · weightDecay · w (0: plain Adam). */
  weightDecay: nonNegative,
  /** Which weights training returns: the best training score (and stop at the first verified epoch), or the
   *  last epoch of a fixed schedule (no early stop: nothing but the schedule decides). */
  keep: oneOf(['best', 'last'] as const),
  loss: oneOf(LOSSES),
  seed: integer(...RANGES.seed),
  /** Wall-clock limit in seconds; null: none (the notebook's recipe). */
  maxSeconds: v.nullable(positive),
};

/** Each arch's fields. */
export const CONFIG_FIELDS = {
  vector: {
    arch: v.literal('vector'),
    ...COMMON_FIELDS,
    /** Fraction of the 16,384 pairs held out (never trained on). */
    holdout: fraction(0.9),
    vectorData: VectorDataSchema,
    preset: v.nullable(oneOf(PRESETS)),
  },
  serial: {
    arch: v.literal('serial'),
    ...COMMON_FIELDS,
    /** Inclusive range of operand widths drawn per batch. */
    trainWidths: v.pipe(
      v.tuple([width, width], expect('[lowest, highest] operand widths in bits')),
      v.check(([low, high]) => low <= high, 'the lowest width is above the highest'),
    ),
    batchesPerEpoch: integer(0),
    /** Fraction of training rows drawn as carry chains (b = ¬a except where a 1-in-16 bit makes a = b, so long runs
     *  of propagate steps follow each generate); random operands almost never carry across a whole width. */
    chainRows: v.optional(fraction(1), 0),
    /** Every `every`-th batch has operands of `width` bits, beyond the training widths, so a carry that leaks over
     *  long runs is trained on (null: none). */
    longBatches: v.optional(v.nullable(v.tuple([integer(1), width], expect('[every, width]'))), null),
    /** Start again from fresh weights (the same seed's stream, Adam reset) after this many steps without a verified
     *  model (0: never); a run that has not found the carry by then rarely does soon. */
    restartSteps: v.optional(integer(0), 0),
    /** Training stops at the first weights core verifies whose min |y − 0.5| over the verification's bits is at
     *  least this (0: the first verified weights); the first exact weights can sit within 0.002 of a flip. */
    stopMargin: v.optional(fraction(0.5), 0),
    /** λ of a penalty λ × mean |c|² over rows and steps: the carry is held by the gates, not by a cell that adds up
     *  its inputs and drifts (the model shipped before proofs drifted so, and was wrong on 16321 + 8223). */
    cellPenalty: v.optional(nonNegative, 0),
    /** σ of Gaussian noise added to c and h after every step while training (0: none): each step learns to be right
     *  near the states it reaches, which a proof over cells of states needs. */
    stateNoise: v.optional(fraction(1), 0),
    /** Every n-th batch trains on the sums the prover found wrong (0: never). */
    regressionEvery: v.optional(integer(0), 0),
    /** The stop: weights core proves right for every length (@lstm-adder/core/proof, within these bounds, once the
     *  sampled verification passes); null: the sampled verification alone. */
    proof: v.optional(
      v.nullable(
        objectOf({ maxCells: integer(100, 1_000_000), seconds: positive }, undefined, '{ maxCells, seconds }'),
      ),
      null,
    ),
    preset: v.nullable(
      v.literal('default', (issue) =>
        issue.input === 'seed'
          ? "the seed preset is the notebook's vector recipe; it cannot train arch serial"
          : expect('"default"')(issue),
      ),
    ),
  },
} as const;
export type ConfigKey = keyof typeof CONFIG_FIELDS.vector | keyof typeof CONFIG_FIELDS.serial;

/** An unknown field's message: the arch it belongs to, if another has it, else the fields `accepted`. */
const elsewhere = (arch: Arch, accepted: readonly string[]) => (key: string) => {
  const owners = ARCHS.filter((other) => key in CONFIG_FIELDS[other] && !(key in CONFIG_FIELDS[arch]));
  return owners.length
    ? `applies to arch ${owners.join(' and ')} only`
    : `unknown field (accepted: ${accepted.join(', ')})`;
};

const configOf = <A extends Arch>(arch: A) =>
  objectOf(CONFIG_FIELDS[arch], elsewhere(arch, Object.keys(CONFIG_FIELDS[arch])));
export const VectorConfigSchema = configOf('vector');
export const SerialConfigSchema = configOf('serial');
/** A whole TrainConfig: the arch picks the fields. */
export const TrainConfigSchema = v.variant('arch', [VectorConfigSchema, SerialConfigSchema], expect(words(ARCHS)));
export type VectorConfig = v.InferOutput<typeof VectorConfigSchema>;
export type SerialConfig = v.InferOutput<typeof SerialConfigSchema>;
export type TrainConfig = VectorConfig | SerialConfig;

/** What train.config.json may override for an arch: any of its fields but arch and preset, each optional. */
const overridesOf = (arch: Arch, fields: v.ObjectEntries) =>
  v.optional(objectOf(v.partial(v.object(fields)).entries, elsewhere(arch, Object.keys(fields))), {});
const { arch: _va, preset: _vp, ...vectorOverrides } = CONFIG_FIELDS.vector;
const { arch: _sa, preset: _sp, ...serialOverrides } = CONFIG_FIELDS.serial;
export const OVERRIDES = {
  vector: overridesOf('vector', vectorOverrides),
  serial: overridesOf('serial', serialOverrides),
};

export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ConfigError';
  }
}

/** A field path as a message names it, a key that is not a plain name quoted (a file's keys are the client's). */
const pathOf = (path: readonly { key: unknown }[] | undefined) =>
  formatIssuePath(
    path?.map(({ key }) => ({ key: typeof key === 'string' && !/^[\w$]{1,40}$/.test(key) ? quote(key) : key })),
  );

/** The first problem of `input` as a ConfigError whose path is `name(field path)`, or the parsed value. */
export function parseWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  name: (path: string) => string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  throw new ConfigError(name(pathOf(issue.path)), issue.message);
}

/** A whole TrainConfig, checked field by field. */
export function validateConfig(c: unknown, name: (path: string) => string = (path) => path): TrainConfig {
  return parseWith(TrainConfigSchema, c, name);
}
