// Progress output: a bar on a terminal, one plain line per epoch otherwise, one JSON object per epoch with --json.
import cliProgress from 'cli-progress';
import type { TrainConfig } from '../config.js';
import { quote } from '@lstm-adder/core';
import type { EpochRecord, ProofEvent } from '../train-types.js';

export interface Reporter {
  info(message: string, fields?: Record<string, unknown>): void;
  epoch(record: EpochRecord): void;
  /** A proof attempt's outcome (its progress is not printed). */
  proof(event: ProofEvent): void;
  /** Ends the bar; given the last epoch run, the bar ends there (time limit, target reached), full. */
  stop(lastEpoch?: number): void;
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(2)}%`);

export function epochLine(config: TrainConfig, r: EpochRecord): string {
  const parts = [
    `[${config.arch}] epoch ${r.epoch}/${config.epochs}`,
    `loss ${r.loss.toPrecision(4)}`,
    `train ${pct(r.trainAccuracy)}`,
  ];
  if (r.heldOutAccuracy !== null)
    parts.push(`${config.arch === 'serial' ? '64-bit' : 'held-out'} ${pct(r.heldOutAccuracy)}`);
  if (r.allPairsAccuracy !== null) parts.push(`all pairs ${pct(r.allPairsAccuracy)}`);
  parts.push(`lr ${r.lr.toExponential(1)}`, `${r.seconds.toFixed(1)}s`);
  return parts.join('  ');
}

/** A proof attempt's outcome, as a line. */
export function proofLine(config: TrainConfig, e: Extract<ProofEvent, { kind: 'result' }>): string {
  const head = `[${config.arch}] proof (${e.seconds.toFixed(1)}s):`;
  if (e.proven) return `${head} proven right for every length (${e.cells} cells)`;
  if (e.counterexample) return `${head} ${e.counterexample.a} + ${e.counterexample.b} is wrong; training on it`;
  return `${head} not yet (${quote(e.failure ?? 'undecided', 80)}); training on`;
}

export function createReporter(
  config: TrainConfig,
  mode: { json: boolean; tty: boolean; barStream?: NodeJS.WritableStream },
  write = (s: string) => process.stdout.write(s),
): Reporter {
  if (mode.json) {
    return {
      info: (message, fields = {}) => write(`${JSON.stringify({ event: 'info', message, ...fields })}\n`),
      epoch: (r) => write(`${JSON.stringify({ event: 'epoch', arch: config.arch, ...r })}\n`),
      proof: (e) => {
        if (e.kind === 'result') write(`${JSON.stringify({ event: 'proof', arch: config.arch, ...e })}\n`);
      },
      stop: () => {},
    };
  }
  if (!mode.tty) {
    return {
      info: (message) => write(`${message}\n`),
      epoch: (r) => write(`${epochLine(config, r)}\n`),
      proof: (e) => {
        if (e.kind === 'result') write(`${proofLine(config, e)}\n`);
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format:
        `[${config.arch}] {bar} epoch {value}/{total} | loss {loss} | train {train} | ` +
        `${config.arch === 'serial' ? '64-bit' : 'all pairs'} {all} | {secs}s | ETA {remaining}s`,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      ...(mode.barStream ? { stream: mode.barStream } : {}),
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const info = (message: string) => {
    if (started) bar.stop();
    started = false;
    write(`${message}\n`);
  };
  return {
    info,
    // The outcome on a line of its own; the bar starts again at the next epoch.
    proof: (e) => {
      if (e.kind === 'result') info(proofLine(config, e));
    },
    epoch: (r) => {
      // ETA: the sooner of the epoch limit and the time limit.
      const perEpoch = r.seconds / r.epoch;
      const remaining = Math.min(
        (config.epochs - r.epoch) * perEpoch,
        Math.max(0, (config.maxSeconds ?? Infinity) - r.seconds),
      );
      const payload = {
        loss: r.loss.toPrecision(4),
        train: pct(r.trainAccuracy),
        all: pct(r.allPairsAccuracy ?? r.heldOutAccuracy),
        secs: r.seconds.toFixed(1),
        remaining: remaining.toFixed(0),
      };
      if (!started) {
        bar.start(config.epochs, r.epoch, payload);
        started = true;
      } else bar.update(r.epoch, payload);
    },
    stop: (lastEpoch) => {
      if (started && lastEpoch !== undefined) {
        bar.setTotal(lastEpoch);
        bar.update(lastEpoch, { remaining: '0' });
      }
      if (started) bar.stop();
      started = false;
    },
  };
}
