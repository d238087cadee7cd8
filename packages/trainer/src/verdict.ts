// What a trained model is, in one line: verified (it met its target), an experiment that is not meant to be
// exact on every pair (held out pairs, or the notebook's baseline recipe), or NOT verified. Callers decide from
// the kind whether the model may replace a file.
import type { TrainConfig } from './config.js';
import type { TrainedModel } from './pipeline.js';

export type VerdictKind = 'verified' | 'experiment' | 'unverified';
export interface Verdict {
  kind: VerdictKind;
  line: string;
}

export function summaryLine(m: TrainedModel): string {
  const v = m.verification;
  const r = m.result;
  const model = `${m.weights.arch} H=${m.weights.hiddenSize}`;
  const head = `${model}: ${r.epochsRun} epochs (${stopWords(r.stopReason, m.config)}) in ${r.seconds.toFixed(1)}s`;
  const parity = `max |TF.js − core| ${v.parity.maxAbsDiff.toExponential(2)}`;
  const digits = `${String(m.weights.meta.digits)} digits`;
  if (v.vector) {
    const held = v.vector.heldOut
      ? `, held-out ${v.vector.heldOut.correct}/${v.vector.heldOut.total} (${percent(v.vector.heldOut.accuracy)})`
      : '';
    const pairs = `${v.vector.allPairs.correct}/${v.vector.allPairs.total}`;
    return `${head}; core: all pairs ${pairs}${held}; ${parity}; ${digits}`;
  }
  const widths = v.serial!.byWidth.map((w) => `${w.width}b ${w.correct}/${w.samples}`).join(', ');
  return `${head}; core: ${widths}${v.proof ? `; ${proofWords(v.proof)}` : ''}; ${parity}; ${digits}`;
}

/** A proof's outcome in words. */
export function proofWords(p: NonNullable<TrainedModel['verification']['proof']>): string {
  if (p.proven) return `proven right for every length (${p.cells} cells, min logit ${p.minLogit})`;
  if (p.counterexample) return `not proven: ${p.counterexample.a} + ${p.counterexample.b} is wrong`;
  return 'not proven';
}

/** Why training stopped, in words (the progress bar's last state says the same). */
export function stopWords(reason: TrainedModel['result']['stopReason'], config: TrainConfig): string {
  return reason === 'target'
    ? 'target reached'
    : reason === 'time'
      ? `time limit of ${config.maxSeconds}s`
      : reason === 'epochs'
        ? `epoch limit of ${config.epochs}`
        : 'interrupted';
}

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

/** Every pair the model gets wrong is a held-out pair: the experiment's target (the training pairs) is met. */
function trainingPairsExact(m: TrainedModel): boolean {
  const v = m.verification.vector;
  if (!v?.heldOut || !m.verification.parity.passed) return false;
  return v.allPairs.total - v.allPairs.correct === v.heldOut.total - v.heldOut.correct;
}

export function verdictOf(m: TrainedModel): Verdict {
  const summary = summaryLine(m);
  if (m.verification.passed) return { kind: 'verified', line: `verified: ${summary}` };
  if (m.config.arch === 'vector' && m.config.holdout > 0 && trainingPairsExact(m)) {
    return {
      kind: 'experiment',
      line:
        `held-out experiment (${m.config.holdout * 100}% of pairs never trained on; every training pair right): ` +
        summary,
    };
  }
  if (m.config.preset === 'seed') {
    return {
      kind: 'experiment',
      line: `notebook baseline (--preset seed runs the notebook's recipe, which is not meant to be exact): ${summary}`,
    };
  }
  return { kind: 'unverified', line: `NOT verified: ${summary}` };
}
