// Reads the training history and the verification figures out of `GET /model/:arch`.
// The model's `meta` is free-form (the trainer writes it), so this looks in the likely places
// and keeps whatever per-epoch numbers it finds. No DOM here.

type Json = Record<string, unknown>;

export interface Series {
  name: string;
  values: (number | null)[];
}

export interface TrainingHistory {
  epochs: number[];
  loss: Series[];
  accuracy: Series[];
  /**
   * Set when the model was fine-tuned on all pairs from a held-out experiment's weights: the first fine-tune
   * epoch on `epochs` (the experiment's epochs come first, the fine-tune's continue their numbering).
   */
  fineTuneFrom?: number;
  /** The experiment's held-out share of pairs (0.1 = 10 %), when the meta gives it. */
  heldOutShare?: number;
}

/** Two runs on one epoch axis, and where the second begins. */
export interface JoinedRuns {
  rows: Json[];
  fineTuneFrom: number;
}

const isRecord = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Candidate objects that may hold `history`, `verification`, …, outermost first. */
function containers(info: unknown): Json[] {
  const found: Json[] = [];
  const visit = (v: unknown, depth: number) => {
    if (!isRecord(v) || depth > 3) return;
    found.push(v);
    for (const key of ['meta', 'training', 'verification', 'model']) visit(v[key], depth + 1);
  };
  visit(info, 0);
  return found;
}

const epochOf = (r: Json, idx: number) => (typeof r.epoch === 'number' ? r.epoch : idx + 1);

function fromRows(rows: unknown[]): TrainingHistory | null {
  const records = rows.filter(isRecord);
  if (records.length === 0) return null;
  const keys = new Set<string>();
  for (const r of records) for (const [k, v] of Object.entries(r)) if (typeof v === 'number') keys.add(k);
  const epochs = records.map(epochOf);
  const column = (k: string): Series => ({ name: k, values: records.map((r) => (typeof r[k] === 'number' ? (r[k] as number) : null)) });
  return split(epochs, [...keys].filter((k) => k !== 'epoch').map(column));
}

function fromColumns(columns: Json): TrainingHistory | null {
  const series = Object.entries(columns)
    .filter(([k, v]) => k !== 'epoch' && k !== 'epochs' && Array.isArray(v) && v.every((x) => typeof x === 'number' || x === null))
    .map(([k, v]) => ({ name: k, values: v as (number | null)[] }));
  if (series.length === 0) return null;
  const length = Math.max(...series.map((s) => s.values.length));
  const given = columns.epoch ?? columns.epochs;
  const epochs = Array.isArray(given) && given.length === length ? (given as number[]) : Array.from({ length }, (_, k) => k + 1);
  return split(epochs, series);
}

function split(epochs: number[], series: Series[]): TrainingHistory | null {
  const loss = series.filter((s) => /loss/i.test(s.name));
  const accuracy = series.filter((s) => /acc/i.test(s.name));
  if (epochs.length === 0 || loss.length + accuracy.length === 0) return null;
  return { epochs, loss, accuracy };
}

/**
 * The held-out experiment's rows, then the fine-tune's with their epochs shifted past the experiment's last,
 * so both read as one run (as the trainer's report draws them).
 */
export function joinRuns(experiment: unknown[], fineTune: unknown[]): JoinedRuns {
  const before = experiment.filter(isRecord);
  const after = fineTune.filter(isRecord);
  const last = before.reduce((max, r, idx) => Math.max(max, epochOf(r, idx)), 0);
  return {
    rows: [...before.map((r, idx) => ({ ...r, epoch: epochOf(r, idx) })), ...after.map((r, idx) => ({ ...r, epoch: last + epochOf(r, idx) }))],
    fineTuneFrom: last + 1,
  };
}

/** The experiment whose weights this model continued from: present, not itself shipped, and with its own rows. */
function priorExperiment(c: Json): { rows: unknown[]; share?: number } | null {
  const x = c.holdoutExperiment;
  if (!isRecord(x) || x.shipped === true || !Array.isArray(x.history) || !x.history.some(isRecord)) return null;
  return { rows: x.history, share: typeof x.holdout === 'number' ? x.holdout : undefined };
}

/**
 * The per-epoch history (loss and accuracy curves), or null when the model's meta has none. When the model was
 * fine-tuned on all pairs after a held-out experiment (`meta.holdoutExperiment`, `shipped: false`), the
 * experiment's epochs come first, so the held-out accuracy is plotted while it was measured.
 */
export function extractHistory(info: unknown): TrainingHistory | null {
  for (const c of containers(info)) {
    const h = c.history;
    const prior = priorExperiment(c);
    if (Array.isArray(h) && prior && h.some(isRecord)) {
      const { rows, fineTuneFrom } = joinRuns(prior.rows, h);
      const parsed = fromRows(rows);
      if (parsed) return { ...parsed, fineTuneFrom, ...(prior.share === undefined ? {} : { heldOutShare: prior.share }) };
    }
    if (Array.isArray(h)) {
      const parsed = fromRows(h);
      if (parsed) return parsed;
    } else if (isRecord(h)) {
      const parsed = fromColumns(h);
      if (parsed) return parsed;
    }
  }
  return null;
}

/** One sentence naming the two phases on the epoch axis, or null for a single run. Shown as text beside the charts. */
export function phaseNote(history: TrainingHistory): string | null {
  const from = history.fineTuneFrom;
  if (from === undefined) return null;
  const share = history.heldOutShare === undefined ? 'some' : `${Math.round(history.heldOutShare * 100)} %`;
  const experiment = from > 2 ? `Epochs 1–${from - 1}` : 'Epoch 1';
  return `${experiment}: trained with ${share} of the pairs held out (the held-out accuracy is measured on them). ` +
    `From epoch ${from}: fine-tune on all pairs, continuing from those weights; this is the shipped model.`;
}

export interface Figure {
  label: string;
  value: string;
}

/** `heldOutAccuracy` → `held out accuracy`. */
export function humanise(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
}

function formatValue(key: string, v: unknown): string | null {
  if (typeof v === 'number') {
    if (/acc/i.test(key) && v >= 0 && v <= 1) return `${(v * 100).toFixed(v === 1 ? 0 : 2)} %`;
    return Number.isInteger(v) ? v.toLocaleString('en-GB') : v.toPrecision(4);
  }
  if (typeof v === 'string') return v.length > 240 ? `${v.slice(0, 239)}…` : v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return null;
}

/** Scalar figures from the model description (architecture, parameters, verification), flattened with readable labels. */
export function extractFigures(info: unknown, limit = 24): Figure[] {
  const figures: Figure[] = [];
  const seen = new Set<string>();
  const visit = (v: unknown, prefix: string, depth: number) => {
    if (!isRecord(v) || depth > 3) return;
    for (const [key, value] of Object.entries(v)) {
      if (key === 'history' || key === 'weights' || key === 'lstm' || key === 'dense' || key === 'wrong' || key === 'wrongPairs') continue;
      const label = prefix ? `${prefix} › ${humanise(key)}` : humanise(key);
      const formatted = formatValue(key, value);
      if (formatted !== null) {
        if (!seen.has(label)) figures.push({ label, value: formatted });
        seen.add(label);
      } else if (isRecord(value)) visit(value, key === 'meta' ? prefix : label, depth + 1);
      else if (Array.isArray(value) && value.length <= 12 && value.every((item) => isRecord(item) && typeof item.width === 'number')) {
        // Serial verification by width: one group per width. Other lists (wrong pairs, …) are too long to read here.
        value.forEach((item) => {
          const { width, ...rest } = item as Json;
          visit(rest, `${label} › ${width} bits`, depth + 1);
        });
      }
    }
  };
  visit(info, '', 0);
  return figures.slice(0, limit);
}
