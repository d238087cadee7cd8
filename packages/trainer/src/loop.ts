// The one training loop both models use: Adam (or AdamW's decoupled weight decay), the learning-rate schedule,
// keep-best, stop reasons and disposal. A model kind brings only its data and its scoring, as a Task.
// One epoch per `step()`, so a caller can pause, step and resume; no Node built-ins: a Web Worker runs this same loop.
import * as tf from '@tensorflow/tfjs-core';
import { Adam } from './adam.js';
import type { Schedule, TrainConfig } from './config.js';
import type { ParamSnapshot } from './snapshot.js';
import type { EpochRecord, StopReason, TrainHooks, TrainResult } from './train-types.js';

export interface Batch {
  /** The batch's loss, built inside the optimizer's scope (tensors made here are freed with it); TF.js autodiff. */
  loss?: () => tf.Scalar;
  /** Or the loss and its gradients computed outside TF.js (lstm-grad.ts), one array per task variable, in order
   *  (one for `params`); the optimizer applies them. */
  gradients?: () => { loss: number; grads: Float32Array[] };
  size: number;
  /** Vector: the pair indices in the batch (for the onBatch hook). */
  ids?: Int32Array;
  /** Serial: the operands' width in bits. */
  width?: number;
}

/** How the model did after an epoch. Only `score`, `candidate` and `trainAccuracy` steer training. */
export interface EpochScore {
  trainAccuracy: number;
  /** Reported, never read by the loop's decisions: held-out pairs must not choose the weights. */
  heldOutAccuracy: number | null;
  allPairsAccuracy: number | null;
  /** Keep-best and the plateau schedule compare this; higher is better. Training signals only. */
  score: number;
  /** The training signals say the target may be met: ask `hooks.verify`. */
  candidate: boolean;
}

/** A model kind: its parameters, its epochs of batches, and its scoring. */
export interface Task {
  /** What the optimizer updates: TF.js variables (the vector model: lstm.ts's five), stepped by TF.js's Adam… */
  readonly variables?: tf.Variable[];
  /** …or one plain float32 vector (the serial model), stepped in place by adam.ts, the same Adam to the last bit
   *  without a kernel launch per operation. */
  readonly params?: Float32Array;
  /** The current weights as plain arrays. */
  snapshot(): ParamSnapshot;
  batches(epoch: number): Iterable<Batch>;
  score(): EpochScore;
  /** Frees every tensor of the task, its variables included. */
  dispose(): void;
  readonly split?: { train: number; heldOut: number };
  readonly heldOutPairs?: Int32Array;
  /** Fresh initial weights in place (config.restartSteps). */
  restart?(): void;
}

/** The learning rate of `epoch` (1-based) after `steps` optimizer steps, for the schedules that do not look back. */
export function scheduledLr(
  config: Pick<TrainConfig, 'lr' | 'epochs'>,
  schedule: Schedule,
  epoch: number,
  steps: number,
): number | null {
  switch (schedule.kind) {
    case 'cosine':
      return (
        schedule.lrMin + (config.lr - schedule.lrMin) * 0.5 * (1 + Math.cos((Math.PI * (epoch - 1)) / config.epochs))
      );
    case 'step':
      return config.lr * schedule.factor ** Math.floor(steps / schedule.everySteps);
    default:
      return null;
  }
}

export class TrainingLoop {
  readonly history: EpochRecord[] = [];
  epoch = 0;
  steps = 0;
  lr: number;
  stopReason: StopReason | null = null;
  private optimizer: tf.AdamOptimizer | Adam;
  private readonly now: () => number;
  private best: { snapshot: ParamSnapshot; epoch: number; score: number } | null = null;
  private chosen: { snapshot: ParamSnapshot; epoch: number } | null = null;
  private sinceBest = 0;
  private startedAt = 0;
  private activeSeconds = 0;
  private epochStarted = 0;
  private epochRunning = false;
  private disposed = false;

  constructor(
    readonly config: TrainConfig,
    readonly task: Task,
    private readonly hooks: TrainHooks = {},
  ) {
    this.lr = config.lr;
    this.optimizer = task.params ? new Adam(config.lr, task.params.length) : tf.train.adam(config.lr);
    this.now = hooks.now ?? (() => performance.now());
  }

  get done(): boolean {
    return this.stopReason !== null;
  }

  /** Training time so far, in seconds (pauses between steps do not count). */
  get seconds(): number {
    return this.activeSeconds + (this.epochRunning ? (this.now() - this.epochStarted) / 1000 : 0);
  }

  /** The current weights (not necessarily the ones training will return). */
  snapshot(): ParamSnapshot {
    return this.task.snapshot();
  }

  private setLr(lr: number): void {
    this.lr = lr;
    (this.optimizer as { learningRate: number }).learningRate = lr; // Adam reads it at every step
  }

  /** Decoupled weight decay (AdamW): shrink every weight by lr·wd after the Adam step, outside the gradient. */
  private decay(): void {
    const keep = 1 - this.lr * this.config.weightDecay;
    const { params, variables = [] } = this.task;
    if (params) {
      const k = Math.fround(keep);
      for (let i = 0; i < params.length; i++) params[i] = Math.fround(params[i]! * k);
    } // as tf.mul in float32
    tf.tidy(() => {
      for (const v of variables) v.assign(tf.mul(v, keep));
    });
  }

  /** One optimizer step on a batch: TF.js autodiff of its loss, or its own gradients. */
  private applyBatch(batch: Batch): tf.Scalar | number {
    const { optimizer, task } = this;
    if (optimizer instanceof Adam) {
      const { loss, grads } = batch.gradients!();
      optimizer.step(task.params!, grads[0]!);
      return loss;
    }
    const vars = task.variables!;
    if (batch.loss) return optimizer.minimize(batch.loss, true, vars)!;
    const { loss, grads } = batch.gradients!();
    tf.tidy(() =>
      optimizer.applyGradients(vars.map((v, k) => ({ name: v.name, tensor: tf.tensor(grads[k]!, v.shape) }))),
    );
    return loss;
  }

  /** Runs one epoch and scores it. Returns null when training had already stopped or was interrupted mid-epoch. */
  async step(): Promise<EpochRecord | null> {
    if (this.done) return null;
    this.epochStarted = this.now();
    this.epochRunning = true;
    try {
      return await this.runEpoch();
    } finally {
      this.activeSeconds += (this.now() - this.epochStarted) / 1000;
      this.epochRunning = false;
    }
  }

  private async runEpoch(): Promise<EpochRecord | null> {
    const { config, task, hooks } = this;
    const epoch = this.epoch + 1;
    const atEpoch = scheduledLr(config, config.schedule, epoch, this.steps);
    if (atEpoch !== null) this.setLr(atEpoch);
    const lrOfEpoch = this.lr;
    let lossSum = 0,
      lossCount = 0,
      samples = 0,
      batches = 0;
    for (const batch of task.batches(epoch)) {
      if (hooks.shouldStop?.()) {
        this.stopReason = 'interrupted';
        return null;
      }
      if (batch.ids) hooks.onBatch?.(batch.ids);
      const loss = this.applyBatch(batch);
      this.steps++;
      if (config.weightDecay > 0) this.decay();
      if (config.schedule.kind === 'step') this.setLr(scheduledLr(config, config.schedule, epoch, this.steps)!);
      // Reading every loss would stall a GPU pipeline; every 4th batch is enough for the curve.
      if (batches % 4 === 0) {
        lossSum += typeof loss === 'number' ? loss : loss.dataSync()[0]!;
        lossCount++;
      }
      if (typeof loss !== 'number') loss.dispose();
      samples += batch.size;
      batches++;
    }
    this.epoch = epoch;

    const s = task.score();
    const record: EpochRecord = {
      epoch,
      loss: lossSum / Math.max(1, lossCount),
      trainAccuracy: s.trainAccuracy,
      heldOutAccuracy: s.heldOutAccuracy,
      allPairsAccuracy: s.allPairsAccuracy,
      lr: lrOfEpoch,
      samples,
      seconds: this.seconds,
    };
    this.history.push(record);
    hooks.onEpoch?.(record);

    const improved = !this.best || s.score > this.best.score;
    if (improved || (this.best && s.score === this.best.score))
      this.best = { snapshot: this.snapshot(), epoch, score: s.score };
    if (improved) this.sinceBest = 0;
    else if (
      config.schedule.kind === 'plateau' &&
      ++this.sinceBest >= config.schedule.patience &&
      this.lr > config.schedule.lrMin
    ) {
      this.setLr(Math.max(config.schedule.lrMin, this.lr / 2));
      this.sinceBest = 0;
    }
    // With keep 'best', the first weights that pass verification are the answer (exactness can come and go).
    if (config.keep === 'best' && s.candidate) {
      const snapshot = this.best?.epoch === epoch ? this.best.snapshot : this.snapshot();
      if (await (hooks.verify?.(snapshot) ?? true)) {
        this.chosen = { snapshot, epoch };
        this.stopReason = 'target';
      }
    }
    // Not verified within restartSteps of the last start: fresh weights and fresh Adam moments (the schedule goes on).
    const restartSteps = config.arch === 'serial' ? config.restartSteps : 0;
    if (!this.done && restartSteps > 0 && this.steps - this.startedAt >= restartSteps && task.restart && task.params) {
      task.restart();
      this.optimizer = new Adam(this.lr, task.params.length);
      this.startedAt = this.steps;
    }
    if (!this.done && epoch >= config.epochs) this.stopReason = 'epochs';
    if (!this.done && config.maxSeconds !== null && this.seconds >= config.maxSeconds) this.stopReason = 'time';
    if (!this.done && hooks.shouldStop?.()) this.stopReason = 'interrupted';
    return record;
  }

  /** Steps until done, yielding to the event loop between epochs (signals, progress, a page's messages). */
  async run(): Promise<TrainResult> {
    try {
      while (!this.done) {
        await this.step();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      return this.result();
    } finally {
      this.dispose();
    }
  }

  /** The weights training chose: the first verified ones, else the last epoch (keep 'last') or the best one. */
  result(): TrainResult {
    const last = this.history.at(-1);
    if (!last) throw new Error('training stopped before the first epoch finished; nothing to export');
    const pick =
      this.chosen ?? (this.config.keep === 'last' ? { snapshot: this.snapshot(), epoch: this.epoch } : this.best!);
    return {
      snapshot: pick.snapshot,
      bestEpoch: pick.epoch,
      history: this.history,
      epochsRun: this.history.length,
      stopReason: this.stopReason ?? 'interrupted',
      seconds: this.activeSeconds,
      split: this.task.split,
      heldOutPairs: this.task.heldOutPairs,
    };
  }

  /** Frees every tensor the run made: parameters, Adam's moments, the task's data. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    if (this.config.keep === 'last' && !this.chosen && this.history.length)
      this.chosen = { snapshot: this.snapshot(), epoch: this.epoch }; // result() after dispose
    this.disposed = true;
    if (!(this.optimizer instanceof Adam)) this.optimizer.dispose();
    this.task.dispose();
  }
}
