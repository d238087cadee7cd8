// A model's `meta` (core's ModelMeta, what the trainer writes) as a reader wants it: a few sentences and labelled
// tables, never key paths. Each figure says what it measured: the verification is core's, on the exported weights
// (the ones the API serves); the curves and held-out figures are the trainer's, on its float weights as it trained.
// No DOM here.
import type { ModelMeta } from '@lstm-adder/core';

export interface MetaTable {
  caption: string;
  head: string[];
  rows: string[][];
}

export interface MetaSection {
  title: string;
  prose: string[];
  tables: MetaTable[];
  /** Shown open (the verification) or folded (the configuration). */
  open: boolean;
}

const en = (n: number) => n.toLocaleString('en-GB');
const count = (right: number, total: number) =>
  right === total ? `all ${en(total)} right` : `${en(right)} of ${en(total)} right`;
const mark = (right: number, total: number) => `${en(right)}${right === total ? ' ✓' : ' ✗'}`;
const short = (x: number) => (Math.abs(x) >= 0.001 || x === 0 ? String(Number(x.toPrecision(3))) : x.toExponential(1));

/** Core's verification of the exported weights: one sentence per check, and the sums by length (serial). */
export function verificationSection(meta: ModelMeta): MetaSection | null {
  const v = meta.verification;
  if (!v) return null;
  const digits = typeof meta.digits === 'number' ? `, written with ${meta.digits} significant digits` : '';
  const prose: string[] = [];
  const tables: MetaTable[] = [];
  if (v.serial) {
    const s = v.serial;
    prose.push(
      `Core added ${en(s.total)} random sums with the exported weights (the ones the API serves${digits}): ` +
        `${count(s.correct, s.total)}.`,
    );
    const extra = s as { minMargin?: unknown; carryChains?: { total?: unknown; correct?: unknown } };
    if (typeof extra.minMargin === 'number')
      prose.push(`Its least sure output was ${short(extra.minMargin)} from the 0.5 threshold.`);
    const chains = extra.carryChains;
    if (typeof chains?.total === 'number' && typeof chains.correct === 'number')
      prose.push(`Long carry chains: ${count(chains.correct, chains.total)}.`);
    tables.push({
      caption: 'Random sums by length',
      head: ['length', 'sums', 'right'],
      rows: s.byWidth.map((w) => [`${en(w.width)} bits`, en(w.samples), mark(w.correct, w.samples)]),
    });
  }
  if (v.vector) {
    const { allPairs, heldOut } = v.vector;
    prose.push(
      `Core added every one of the ${en(allPairs.total)} pairs with the exported weights (the ones the API ` +
        `serves${digits}): ${count(allPairs.correct, allPairs.total)}.`,
    );
    const rows = [['all pairs', en(allPairs.total), mark(allPairs.correct, allPairs.total)]];
    if (heldOut) {
      prose.push(`Of the ${en(heldOut.total)} pairs held out from training: ${count(heldOut.correct, heldOut.total)}.`);
      rows.push(['held out from training', en(heldOut.total), mark(heldOut.correct, heldOut.total)]);
    }
    tables.push({ caption: 'Pairs', head: ['pairs', 'count', 'right'], rows });
  }
  if (v.parity)
    prose.push(
      `The trainer’s outputs and core’s agree within ${short(v.parity.maxAbsDiff)} on ${en(v.parity.compared)} ` +
        `outputs (allowed: ${short(v.parity.tolerance)}), so core runs the model the trainer trained.`,
    );
  prose.push(v.passed ? 'Verdict: verified.' : 'Verdict: not verified.');
  return { title: 'Verification', prose, tables, open: true };
}

const STOPPED: Record<string, string> = {
  target: 'core verified it exact',
  epochs: 'its planned epochs were done',
  time: 'its time budget ran out',
  interrupted: 'it was interrupted',
};

/** How it was trained, in two or three sentences. */
export function trainingSection(meta: ModelMeta): MetaSection | null {
  const prose: string[] = [];
  if (meta.description) prose.push(meta.description);
  const epochs = typeof meta.epochsRun === 'number' ? `${en(meta.epochsRun)} epochs` : null;
  const seconds = typeof meta.trainSeconds === 'number' ? `${meta.trainSeconds.toFixed(1)} s` : null;
  const backend = meta.backend ? ` on TF.js’s ${meta.backend.name} backend` : '';
  const seed = typeof meta.seed === 'number' ? ` from seed ${meta.seed}` : '';
  if (epochs || seconds) {
    const why =
      typeof meta.stopReason === 'string' ? `, and stopped because ${STOPPED[meta.stopReason] ?? meta.stopReason}` : '';
    prose.push(`It trained${backend}${seed} for ${[epochs, seconds].filter(Boolean).join(' in ')}${why}.`);
  }
  const split = meta.split as { train?: unknown; heldOut?: unknown } | null | undefined;
  if (typeof split?.train === 'number' && typeof split.heldOut === 'number')
    prose.push(`It trained on ${en(split.train)} pairs and never saw the other ${en(split.heldOut)}.`);
  if (Array.isArray(meta.history) && meta.history.length)
    prose.push(
      'The curves are the trainer’s figures, epoch by epoch, for its float weights as they trained; the ' +
        'verification above is core’s, for the exported weights.',
    );
  return prose.length ? { title: 'Training', prose, tables: [], open: true } : null;
}

const LABELS: Record<string, string> = {
  arch: 'model',
  hidden: 'hidden units',
  epochs: 'epochs (at most)',
  batch: 'batch size',
  lr: 'learning rate',
  lrMin: 'lowest learning rate',
  schedule: 'learning-rate schedule',
  init: 'initial weights',
  initScale: 'initial scale',
  loss: 'loss',
  seed: 'seed',
  holdout: 'pairs held out',
  trainWidths: 'training lengths',
  batchesPerEpoch: 'batches per epoch',
  maxSeconds: 'time budget',
  keep: 'weights kept',
  stopMargin: 'stops at a margin of',
  restartSteps: 'restarts after steps without progress',
  weightDecay: 'weight decay',
  longBatches: 'long batches (bits)',
  chainRows: 'share of carry-chain rows',
  patience: 'patience (epochs)',
  preset: 'preset',
};

/** `heldOutAccuracy` → `held out accuracy`. */
export function humanise(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

function formatSetting(key: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (key === 'holdout' && typeof value === 'number') return `${Math.round(value * 100)} %`;
  if (key === 'maxSeconds' && typeof value === 'number') return `${en(value)} s`;
  if (key === 'trainWidths' && Array.isArray(value) && value.length === 2) return `${value[0]} to ${value[1]} bits`;
  if (key === 'loss' && value === 'bce') return 'binary cross-entropy';
  if (key === 'schedule' && typeof value === 'object') {
    const s = value as { kind?: unknown; everySteps?: unknown; factor?: unknown; lrMin?: unknown };
    if (s.kind === 'step') return `× ${s.factor} every ${s.everySteps} steps`;
    if (s.kind === 'cosine') return `cosine, down to ${s.lrMin ?? 0}`;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? en(value) : String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => formatSetting('', item) ?? '').join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${humanise(k)} ${formatSetting(k, v) ?? '–'}`)
      .join(', ');
  return null;
}

/** The training configuration as a two-column table: setting, value. */
export function configSection(meta: ModelMeta): MetaSection | null {
  const config = meta.config as Record<string, unknown> | undefined;
  if (!config) return null;
  const rows = Object.entries(config).flatMap(([key, value]) => {
    const text = formatSetting(key, value);
    return text === null ? [] : [[LABELS[key] ?? humanise(key), text]];
  });
  if (!rows.length) return null;
  return {
    title: 'Training configuration',
    prose: [],
    tables: [{ caption: 'What the trainer was told', head: ['setting', 'value'], rows }],
    open: false,
  };
}

/** A held-out experiment run before the shipped weights (vector), when the meta records one. */
export function holdoutSection(meta: ModelMeta): MetaSection | null {
  const x = meta.holdoutExperiment;
  if (!x) return null;
  const prose: string[] = [];
  const share = typeof x.holdout === 'number' ? `${Math.round(x.holdout * 100)} % of the pairs` : 'some pairs';
  prose.push(`A run with ${share} held out measured how well the model does on pairs it never saw.`);
  if (typeof x.heldOutAccuracy === 'number')
    prose.push(
      `With its float weights it got ${(x.heldOutAccuracy * 100).toFixed(2)} % of the held-out pairs right` +
        `${typeof x.epochsRun === 'number' ? ` after ${en(x.epochsRun)} epochs` : ''}.`,
    );
  if (x.shipped === false) prose.push('The shipped weights were then trained further on all pairs.');
  if (x.note) prose.push(x.note);
  return { title: 'Held-out experiment', prose, tables: [], open: false };
}

/** Every section the meta has, in reading order. */
export function metaSections(meta: ModelMeta): MetaSection[] {
  return [verificationSection(meta), trainingSection(meta), holdoutSection(meta), configSection(meta)].filter(
    (s): s is MetaSection => s !== null,
  );
}
