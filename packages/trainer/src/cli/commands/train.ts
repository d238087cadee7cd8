// The default command: `lstm-adder-train [flags]` trains a model, verifies it with core and writes it atomically,
// where its verdict allows (exit statuses: ../exit.ts). Its flags are the program's own (train-flags.ts).
import type { Command } from 'commander';
import { quote } from '@lstm-adder/core';
import { sidePath, writeFileAtomic, writeFilesAtomic } from '../../node/atomic-write.js';
import { modelFiles } from '../../node/model-output.js';
import { checkOutputPaths } from '../../node/output-paths.js';
import { loadReport } from '../../node/report.js';
import { interrupted, statusOf } from '../../node/signals.js';
import { verdictOf } from '../../verdict.js';
import { type Done, reportError } from '../exit.js';
import { placeModel } from '../model-files.js';
import { createReporter } from '../progress.js';
import { addTrainFlags, type TrainOptions, trainOptionsOf } from './train-flags.js';

const EXIT_STATUSES =
  '\nExit status: 0 written (verified, or an experiment that met its own target), 1 unexpected error,\n' +
  '2 bad flag or output path, 3 not verified (--out left unchanged), 130 Ctrl-C or 143 SIGTERM (--out left\n' +
  'unchanged, the weights so far kept aside).\n';

/** Makes training the program's own action, with its flags. */
export function registerTrain(program: Command, done: Done): void {
  addTrainFlags(program)
    .addHelpText('after', EXIT_STATUSES)
    .action(async (_options, command: Command) => {
      const options = trainOptionsOf(command); // a bad value throws: one line, exit 2 (main.ts)
      done(await train(options).catch((error: unknown) => reportError(error, options.verbose)));
    });
}

/** Trains, verifies with core and writes the model where its verdict allows; resolves to the exit status. A signal
 *  (signals.ts) stops the run at its next safe point: --out unchanged, the weights so far kept aside. */
async function train(options: TrainOptions): Promise<number> {
  const { config, json, out, report } = options;
  const unverified = (path: string) => sidePath(path, 'unverified');
  const interruptedOut = sidePath(out, 'interrupted');
  // Before TF.js loads and before any training: a bad path answers in a second.
  await checkOutputPaths([
    ['--out', out],
    ['--out (side file)', unverified(out)],
    ['--out (side file)', interruptedOut],
    ['--out (certificate beside it)', sidePath(out, 'certificate')],
    ...(report
      ? ([
          ['--report', report],
          ['--report (side file)', unverified(report)],
        ] as const)
      : []),
  ]);
  const reporter = createReporter(config, { json, tty: Boolean(process.stdout.isTTY) });
  const stop = () => interrupted() !== null;
  /** Stopped by a signal: says what was kept, returns 128 + the signal's number. */
  const stopped = async (kept: { weights: unknown; what: string } | null) => {
    reporter.stop();
    if (kept) await writeFileAtomic(interruptedOut, `${JSON.stringify(kept.weights)}\n`);
    const where = kept ? `${kept.what} are in ${quote(interruptedOut)}` : 'nothing was trained to keep';
    reporter.info(`interrupted: ${quote(out)} left unchanged; ${where}`, {
      event: 'interrupted',
      out: kept ? interruptedOut : null,
    });
    return statusOf(interrupted()!);
  };
  // Vega (the report) takes longer to load than TF.js, and is optional: only when a report is asked for.
  const [{ setupBackend }, { trainModel, TrainingInterrupted, usesAutodiff }, { createVerifyPool }, renderReport] =
    await Promise.all([
      import('../../node/backend.js'),
      import('../../pipeline.js'),
      import('../../node/verify-pool.js'),
      report ? loadReport() : null,
    ]);
  if (stop()) return stopped(null);
  const verifier = config.arch === 'serial' ? createVerifyPool() : null; // its thread loads while training runs
  const backend = await setupBackend(options.backend, { autodiff: usesAutodiff(config) });
  reporter.info(`backend: ${backend.name} (${backend.reason})`, { backend: backend.name, reason: backend.reason });

  let model: Awaited<ReturnType<typeof trainModel>> | null = null;
  try {
    model = await trainModel(
      config,
      backend,
      { onEpoch: (r) => reporter.epoch(r), onProof: (e) => reporter.proof(e), shouldStop: stop },
      {},
      { runPlan: verifier?.run, runProof: verifier?.prove },
    );
    reporter.stop(model.result.epochsRun);
    const verdict = verdictOf(model);
    const place = placeModel(verdict, out, report, unverified, options.allowUnverified);
    const files = modelFiles(model, place.out);
    const svg = place.report && renderReport ? await renderReport(model.weights) : null;
    // The model, its certificate and its report replace the old files together, unless a signal came first.
    await writeFilesAtomic([...files, ...(svg ? ([[place.report!, svg]] as const) : [])], stop);
    const written = [...files.map(([path]) => path), ...(svg ? [place.report!] : [])];
    const wrote = `wrote ${written.map((path) => quote(path)).join(' and ')}`;
    if (json)
      reporter.info(verdict.line, {
        event: 'summary',
        verdict: verdict.kind,
        out: place.out,
        report: place.report,
        status: place.status,
        verification: model.weights.meta.verification,
      });
    else reporter.info([verdict.line, wrote, place.note].filter(Boolean).join('\n'));
    return place.status;
  } catch (error) {
    if (!stop()) throw error;
    if (error instanceof TrainingInterrupted) {
      const { bestEpoch, epochsRun } = error.result;
      return stopped({
        weights: error.weights,
        what: `the best weights so far (epoch ${bestEpoch} of ${epochsRun}, not verified)`,
      });
    }
    if (model) return stopped({ weights: model.weights, what: 'the trained model and its verification' });
    return stopped(null); // before the first epoch ended
  }
}
