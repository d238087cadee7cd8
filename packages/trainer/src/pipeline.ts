// Train → pick the shortest number format core still verifies → verify with core → weights with their meta.
// Pure TF.js + core (no Node built-ins): the CLI and the `train` script wrap it with files and signals.
import { parameterCount, type ProofMeta, type Weights } from '@lstm-adder/core';
import {
  type ProofProgress,
  type ProveSerialOptions,
  proveSerial,
  proveVector,
  type SerialCertificate,
  type SerialProof,
} from '@lstm-adder/core/proof';
import type { SerialConfig, TrainConfig } from './config.js';
import { toWeights } from './export.js';
import { outputActivationOf } from './objective.js';
import type { ParamSnapshot } from './snapshot.js';
import { pairIndex } from './data/vector-pairs.js';
import { TrainingLoop } from './loop.js';
import { serialTask } from './train-serial.js';
import type { EpochRecord, TrainHooks, TrainResult } from './train-types.js';
import { vectorTask, type VectorTaskOptions } from './train-vector.js';
import {
  parityCheck,
  runPlanHere,
  SERIAL_SCREEN,
  SERIAL_VERIFICATION,
  verifyVector,
  type PlanRunner,
  type SerialVerification,
  type VectorVerification,
} from './verify.js';

/** Significant digits tried for the exported numbers, shortest first (9 always round-trips a float32). */
export const DIGIT_CHOICES = [2, 3, 4, 5, 6, 7, 9];
const MAX_WRONG_LISTED = 100;

/** What a model's meta says of its proof, as core's schema has it (the writer adds the certificate's file and
 *  SHA-256). */
export type ProofRecord = Pick<
  ProofMeta,
  'method' | 'proven' | 'cells' | 'pairs' | 'minLogit' | 'seconds' | 'counterexample'
>;

export interface TrainedModel {
  config: TrainConfig;
  weights: Weights;
  result: TrainResult;
  verification: {
    passed: boolean;
    vector?: VectorVerification;
    serial?: SerialVerification;
    parity: ReturnType<typeof parityCheck>;
    proof?: ProofRecord;
  };
  /** A serial proof's certificate, to write beside the model (its meta names the file and its SHA-256). */
  certificate?: SerialCertificate;
}

/** Runs core's serial prover: on this thread by default; the CLI runs it on a worker thread, so a signal is heard
 *  while it works (`cancelled` is asked as it goes: null when it was). */
export type ProofRunner = (
  weights: Weights,
  options: ProveSerialOptions,
  cancelled: () => boolean,
) => Promise<SerialProof | null>;
export const proveHere: ProofRunner = async (weights, options) => proveSerial(weights, options);

const proofRecord = (p: SerialProof): ProofRecord => ({
  method: p.method,
  proven: p.proven,
  cells: p.cells,
  minLogit: p.minLogit === null ? null : Number(p.minLogit.toPrecision(4)),
  seconds: Number(p.seconds.toFixed(2)),
  ...(p.counterexample ? { counterexample: { a: p.counterexample.a, b: p.counterexample.b } } : {}),
});

/** 4 significant digits: the curves need no more, and the meta ships inside the API Worker (≤ 40 KiB gzipped). */
function round4(x: number): number;
function round4(x: number | null): number | null;
function round4(x: number | null): number | null {
  return x === null ? null : Number(x.toPrecision(4));
}
const compactHistory = (h: EpochRecord[]) =>
  h.map((r) => ({
    epoch: r.epoch,
    loss: round4(r.loss),
    trainAccuracy: round4(r.trainAccuracy),
    heldOutAccuracy: round4(r.heldOutAccuracy),
    allPairsAccuracy: round4(r.allPairsAccuracy),
    lr: round4(r.lr),
    samples: r.samples,
    seconds: Number(r.seconds.toFixed(1)),
  }));

/** Shortest digits first; the last (9) always round-trips a float32. */
const exportsOf = (s: ParamSnapshot, config: TrainConfig) =>
  DIGIT_CHOICES.map((digits) => ({
    digits,
    weights: toWeights(s, config.arch, outputActivationOf(config.loss), {}, digits),
  }));

/** Vector: the fewest digits whose rounded weights core finds right on as many of the 16,384 pairs as the
 *  float32-exact ones (`check` is called before each verification). */
function chooseVectorDigits(
  s: ParamSnapshot,
  config: TrainConfig,
  check: () => void,
): { digits: number; weights: Weights } {
  const correct = (weights: Weights) => {
    check();
    return verifyVector(weights).allPairs.correct;
  };
  const choices = exportsOf(s, config);
  const target = correct(choices.at(-1)!.weights);
  return choices.find((c) => correct(c.weights) >= target)!;
}

/** Serial: the fewest digits whose rounded weights pass core's verification, with that verification. The
 *  float32-exact weights go through a cheap screen first (most candidates fail it within a few long sums); past it,
 *  the shortest rounding, then the float32-exact weights (if they fail, nothing else is tried), then the others,
 *  each stopping at its first wrong sum, so a model that passes is verified in full once or twice. If none passes:
 *  the float32-exact weights with a failed verification (cut short when `failFast`, else in full). */
export async function chooseSerialDigits(
  s: ParamSnapshot,
  config: TrainConfig,
  failFast: boolean,
  plans = { screen: SERIAL_SCREEN, full: SERIAL_VERIFICATION },
  verify: PlanRunner = runPlanHere,
): Promise<{ digits: number; weights: Weights; serial: SerialVerification }> {
  const choices = exportsOf(s, config);
  const exact = choices.at(-1)!;
  let failed = await verify(exact.weights, plans.screen, true);
  if (failed.passed) {
    // Shortest first, but the float32-exact weights second: when they fail too, no other rounding is worth a try.
    const order = [choices[0]!, exact, ...choices.slice(1, -1)];
    for (const c of order) {
      const serial = await verify(c.weights, plans.full, true);
      if (serial.passed) return { ...c, serial };
      if (c === exact) {
        failed = serial;
        break;
      }
    }
  }
  return { ...exact, serial: failFast ? failed : await verify(exact.weights, plans.full, false) };
}

export interface Training {
  readonly loop: TrainingLoop;
  /** The weights as they are now (float32-exact), for core's forward and adders while training runs. */
  currentWeights(): Weights;
  /** Once the loop has stopped: frees its tensors, exports the chosen weights with the fewest digits core still
   *  verifies, checks TF.js against core, and writes the meta. */
  finish(backend: { name: string; reason: string }, extraMeta?: Record<string, unknown>): Promise<TrainedModel>;
}

/** Serial training stops at weights core verifies with at least the recipe's margin (min |y − 0.5|). */
export const stopsAt = (serial: SerialVerification, config: Pick<SerialConfig, 'stopMargin'>): boolean =>
  serial.passed && serial.minMargin >= config.stopMargin;

/** Whether training `config` needs TF.js's gradients: the vector recipe uses autodiff, the serial one computes its
 *  own (lstm-grad.ts). */
export const usesAutodiff = (config: TrainConfig): boolean => config.arch === 'vector';

export interface TrainingOptions extends VectorTaskOptions {
  /** Runs core's serial verification plans (default: on this thread; the CLI splits them over two,
   *  node/verify-pool.ts). */
  runPlan?: PlanRunner;
  /** Runs core's serial prover (default: on this thread). */
  runProof?: ProofRunner;
}

/** A training run that can be stepped one epoch at a time (the page) or run to its end (`trainModel`). */
export function createTraining(config: TrainConfig, hooks: TrainHooks = {}, options: TrainingOptions = {}): Training {
  const act = outputActivationOf(config.loss);
  const serial = config.arch === 'serial' ? serialTask(config) : null;
  const task = config.arch === 'vector' ? vectorTask(config, options) : serial!;
  const heldOutPairs = task.heldOutPairs ?? new Int32Array(0);
  let serialPick: {
    snapshot: ParamSnapshot;
    pick: Awaited<ReturnType<typeof chooseSerialDigits>>;
    proof: SerialProof | null;
  } | null = null;
  // A stop asked for (a signal) is honoured before each verification, however long the run has gone on.
  const stopIfAsked = () => {
    if (hooks.shouldStop?.()) throw new Stopped();
  };
  const runPlan: PlanRunner = (weights, plan, failFast) => {
    stopIfAsked();
    return (options.runPlan ?? runPlanHere)(weights, plan, failFast);
  };
  /** core's prover within the recipe's bounds; a sum it finds wrong joins the regression batches. */
  const prove = async (weights: Weights, bounds: NonNullable<SerialConfig['proof']>): Promise<SerialProof> => {
    stopIfAsked();
    const bounded = {
      maxCells: bounds.maxCells,
      seconds: bounds.seconds,
      onProgress: (p: ProofProgress) => hooks.onProof?.({ kind: 'progress', cells: p.cells, seconds: p.seconds }),
    };
    const proof = await (options.runProof ?? proveHere)(weights, bounded, () => hooks.shouldStop?.() ?? false);
    if (!proof) throw new Stopped();
    if (proof.counterexample) serial?.addRegression(BigInt(proof.counterexample.a), BigInt(proof.counterexample.b));
    hooks.onProof?.({
      kind: 'result',
      proven: proof.proven,
      cells: proof.cells,
      seconds: proof.seconds,
      ...(proof.counterexample ? { counterexample: proof.counterexample } : {}),
      ...(proof.failure ? { failure: proof.failure } : {}),
    });
    return proof;
  };
  // Asked when the training signals look exact: core's verdict on the exported numbers decides the early stop, and
  // with a proof in the recipe, core's proof that they add right for every length.
  const verify = async (s: ParamSnapshot): Promise<boolean> => {
    if (config.arch === 'serial') {
      const pick = await chooseSerialDigits(s, config, true, undefined, runPlan);
      if (!stopsAt(pick.serial, config)) return false; // train on for a wider margin
      const proof = config.proof ? await prove(pick.weights, config.proof) : null;
      if (proof && !proof.proven) return false; // train on (on the counterexample, if one was found)
      serialPick = { snapshot: s, pick, proof };
      return true;
    }
    stopIfAsked();
    const { wrong } = verifyVector(toWeights(s, config.arch, act, {}, 9)).allPairs;
    const held = new Set(heldOutPairs);
    // every training pair right; held-out ones are not asked
    return wrong.every(({ a, b }) => held.has(pairIndex(a, b)));
  };
  const loop = new TrainingLoop(config, task, { verify, ...hooks });

  return {
    loop,
    currentWeights: () => toWeights(loop.snapshot(), config.arch, act, {}, 9),
    async finish(backend, extraMeta = {}) {
      loop.dispose();
      const result = loop.result();
      let digits: number, weights: Weights, verification: TrainedModel['verification'];
      let certificate: SerialCertificate | undefined;
      if (config.arch === 'vector') {
        ({ digits, weights } = chooseVectorDigits(result.snapshot, config, stopIfAsked));
        const v = verifyVector(weights, heldOutPairs);
        stopIfAsked();
        const parity = parityCheck(weights);
        const trim = <T extends { wrong: unknown[] }>(e: T) => ({
          ...e,
          wrongCount: e.wrong.length,
          wrong: e.wrong.slice(0, MAX_WRONG_LISTED),
        });
        stopIfAsked();
        const proof = proveVector(weights);
        verification = {
          passed: v.passed && parity.passed,
          vector: { ...v, allPairs: trim(v.allPairs), heldOut: v.heldOut && trim(v.heldOut) },
          parity,
          proof: {
            method: proof.method,
            proven: proof.proven,
            pairs: proof.right,
            minLogit: proof.minMargin === null ? null : Number(proof.minMargin.toPrecision(4)),
            seconds: Number(proof.seconds.toFixed(2)),
          },
        };
      } else {
        const chosen = serialPick?.snapshot === result.snapshot ? serialPick : null;
        const pick = chosen?.pick ?? (await chooseSerialDigits(result.snapshot, config, false, undefined, runPlan));
        ({ digits, weights } = pick);
        // Stopped without a proof (the epoch or time limit): the weights it returns are asked once more.
        const proof = chosen ? chosen.proof : config.proof ? await prove(weights, config.proof) : null;
        stopIfAsked();
        const parity = parityCheck(weights);
        const proven = proof === null || proof.proven;
        verification = {
          passed: pick.serial.passed && parity.passed && proven,
          serial: pick.serial,
          parity,
          ...(proof ? { proof: proofRecord(proof) } : {}),
        };
        certificate = proof?.certificate;
      }
      weights.meta = {
        trainer: '@lstm-adder/trainer',
        description:
          config.arch === 'vector'
            ? "The notebook's formulation (8 → H → 8, two steps), trained with TensorFlow.js and verified with " +
              '@lstm-adder/core.'
            : 'Bit-serial adder (2 → H → 1, LSB first, one carry step), trained with hand-derived gradients and ' +
              "TensorFlow.js's Adam in plain TypeScript (both checked against TensorFlow.js) and verified with " +
              '@lstm-adder/core.',
        config: { ...config, maxSeconds: Number.isFinite(config.maxSeconds) ? config.maxSeconds : null },
        backend,
        seed: config.seed,
        parameters: parameterCount(weights),
        digits,
        epochsRun: result.epochsRun,
        bestEpoch: result.bestEpoch,
        stopReason: result.stopReason,
        trainSeconds: Number(result.seconds.toFixed(2)),
        // The held-out pairs' indices a·128 + b, ascending, so anyone can re-check the model on pairs it never saw.
        split: result.split
          ? {
              ...result.split,
              ...(config.arch === 'vector' && config.holdout > 0 ? { heldOutPairs: Array.from(heldOutPairs) } : {}),
            }
          : null,
        ...extraMeta,
        verification,
        history: compactHistory(result.history),
      };
      return { config, weights, result, verification, ...(certificate ? { certificate } : {}) };
    },
  };
}

/** A stop asked for inside a run (hooks.shouldStop): trainModel turns it into TrainingInterrupted. */
class Stopped extends Error {}

/** Thrown by trainModel when `hooks.shouldStop` stopped the run, in training or in its verification: the weights so
 *  far, not verified. */
export class TrainingInterrupted extends Error {
  override readonly name = 'TrainingInterrupted';
  constructor(
    readonly weights: Weights,
    readonly result: TrainResult,
  ) {
    super(`training interrupted after ${result.epochsRun} epochs`);
  }
}

export async function trainModel(
  config: TrainConfig,
  backend: { name: string; reason: string },
  hooks: TrainHooks = {},
  extraMeta: Record<string, unknown> = {},
  options: TrainingOptions = {},
): Promise<TrainedModel> {
  const training = createTraining(config, hooks, options);
  try {
    const result = await training.loop.run();
    if (result.stopReason === 'interrupted') throw new Stopped();
    return await training.finish(backend, extraMeta);
  } catch (error) {
    if (!(error instanceof Stopped)) throw error;
    // No digit search or verification (seconds to minutes): the caller keeps these float32-exact weights aside.
    const result = training.loop.result();
    const { epochsRun, bestEpoch } = result;
    const meta = { config, stopReason: 'interrupted', epochsRun, bestEpoch }; // no verification: not run
    throw new TrainingInterrupted(
      toWeights(result.snapshot, config.arch, outputActivationOf(config.loss), meta),
      result,
    );
  }
}
