// Train → pick the shortest number format core still verifies → verify with core → weights with their meta.
// Pure TF.js + core (no Node built-ins): the CLI and the `train` script wrap it with files and signals.
import { parameterCount, type Weights } from '@lstm-adder/core';
import type { TrainConfig } from './config.js';
import { toWeights } from './export.js';
import { outputActivationOf } from './objective.js';
import type { ParamSnapshot } from './snapshot.js';
import { trainSerial } from './train-serial.js';
import type { EpochRecord, TrainHooks, TrainResult } from './train-types.js';
import { trainVector, vectorSplit } from './train-vector.js';
import { parityCheck, SERIAL_VERIFICATION, verifySerial, verifyVector, type SerialVerification, type VectorVerification } from './verify.js';

/** Significant digits tried for the exported numbers, shortest first (9 always round-trips a float32). */
export const DIGIT_CHOICES = [2, 3, 4, 5, 6, 7, 9];
const MAX_WRONG_LISTED = 100;

export interface TrainedModel {
  config: TrainConfig;
  weights: Weights;
  result: TrainResult;
  verification: { passed: boolean; vector?: VectorVerification; serial?: SerialVerification; parity: ReturnType<typeof parityCheck> };
}

const round5 = (x: number | null): number | null => (x === null ? null : Number(x.toPrecision(5)));
const compactHistory = (h: EpochRecord[]) => h.map((r) => ({
  epoch: r.epoch, loss: round5(r.loss), trainAccuracy: round5(r.trainAccuracy), heldOutAccuracy: round5(r.heldOutAccuracy),
  allPairsAccuracy: round5(r.allPairsAccuracy), lr: round5(r.lr), samples: r.samples, seconds: Number(r.seconds.toFixed(2)),
}));

/** Vector: all pairs (the whole domain). Serial: a sample drawn with another seed than the reported verification's,
 *  so the digits are not tuned to the very sums the meta then reports. */
function correctCount(w: Weights): number {
  return w.arch === 'vector' ? verifyVector(w).allPairs.correct : verifySerial(w, { ...SERIAL_VERIFICATION, seed: SERIAL_VERIFICATION.seed + 1 }).correct;
}

/** The fewest digits whose rounded weights core verifies exactly as well as the float32-exact ones. */
function chooseDigits(s: ParamSnapshot, config: TrainConfig): { digits: number; weights: Weights } {
  const act = outputActivationOf(config.loss);
  const exact = toWeights(s, config.arch, act, {}, 9);
  const target = correctCount(exact);
  for (const digits of DIGIT_CHOICES.slice(0, -1)) {
    const w = toWeights(s, config.arch, act, {}, digits);
    if (correctCount(w) >= target) return { digits, weights: w };
  }
  return { digits: 9, weights: exact };
}

/** Thrown by trainModel when `hooks.shouldStop` stopped training: the best weights so far, not verified. */
export class TrainingInterrupted extends Error {
  override readonly name = 'TrainingInterrupted';
  constructor(readonly weights: Weights, readonly result: TrainResult) {
    super(`training interrupted after ${result.epochsRun} epochs`);
  }
}

export async function trainModel(
  config: TrainConfig, backend: { name: string; reason: string }, hooks: TrainHooks = {}, extraMeta: Record<string, unknown> = {}, init?: ParamSnapshot,
): Promise<TrainedModel> {
  const act = outputActivationOf(config.loss);
  const heldOutPairs = config.arch === 'vector' ? vectorSplit(config).heldOut : new Int32Array(0);
  // Early stop asks core, on the exported (float32-exact) numbers, whether the target is really met.
  const verify = (s: ParamSnapshot): boolean => {
    const w = toWeights(s, config.arch, act, {}, 9);
    if (config.arch === 'serial') return verifySerial(w).passed;
    if (config.holdout > 0) {
      const wrong = verifyVector(w).allPairs.wrong;
      const held = new Set(heldOutPairs);
      return wrong.every(({ a, b }) => held.has(a * 128 + b)); // every training pair right
    }
    return verifyVector(w).passed;
  };
  const result = config.arch === 'vector' ? await trainVector(config, { verify, ...hooks }, init) : await trainSerial(config, { verify, ...hooks });
  if (result.stopReason === 'interrupted') {
    // No digit search or verification (seconds to minutes): the caller keeps these float32-exact best weights aside.
    throw new TrainingInterrupted(toWeights(result.snapshot, config.arch, act, { config, stopReason: 'interrupted', epochsRun: result.epochsRun, bestEpoch: result.bestEpoch, verification: null }), result);
  }

  const { digits, weights } = chooseDigits(result.snapshot, config);
  const parity = parityCheck(weights);
  let verification: TrainedModel['verification'];
  if (config.arch === 'vector') {
    const v = verifyVector(weights, heldOutPairs);
    const trim = <T extends { wrong: unknown[] }>(e: T) => ({ ...e, wrongCount: e.wrong.length, wrong: e.wrong.slice(0, MAX_WRONG_LISTED) });
    verification = { passed: v.passed && parity.passed, vector: { ...v, allPairs: trim(v.allPairs), heldOut: v.heldOut && trim(v.heldOut) }, parity };
  } else {
    const v = verifySerial(weights);
    verification = { passed: v.passed && parity.passed, serial: v, parity };
  }
  weights.meta = {
    trainer: '@lstm-adder/trainer',
    description: config.arch === 'vector'
      ? 'The notebook\'s formulation (8 → H → 8, two steps), trained with TensorFlow.js and verified with @lstm-adder/core.'
      : 'Bit-serial adder (2 → H → 1, LSB first, one carry step), trained with TensorFlow.js and verified with @lstm-adder/core.',
    config: { ...config, maxSeconds: Number.isFinite(config.maxSeconds) ? config.maxSeconds : null, patience: Number.isFinite(config.patience) ? config.patience : null },
    backend,
    seed: config.seed,
    parameters: parameterCount(weights),
    digits,
    epochsRun: result.epochsRun,
    bestEpoch: result.bestEpoch,
    stopReason: result.stopReason,
    trainSeconds: Number(result.seconds.toFixed(2)),
    split: result.split ?? null,
    ...extraMeta,
    verification,
    history: compactHistory(result.history),
  };
  return { config, weights, result, verification };
}
