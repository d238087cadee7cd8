// The default command: `lstm-adder-train [flags]` trains a model, verifies it with core and writes it atomically,
// where its verdict allows (exit statuses: ../exit.ts). Its flags are the program's own (train-flags.ts).
import type { Command } from 'commander';
import { sidePath, writeFileAtomic } from '../../node/atomic-write.js';
import { checkOutputPaths } from '../../node/output-paths.js';
import { loadReport } from '../../node/report.js';
import { verdictOf } from '../../verdict.js';
import { EXIT, reportError } from '../exit.js';
import { placeModel } from '../model-files.js';
import type { Done } from '../program.js';
import { createReporter } from '../progress.js';
import { addTrainFlags, type TrainOptions, trainOptionsOf } from './train-flags.js';

const EXIT_STATUSES =
  '\nExit status: 0 written (verified, or an experiment that met its own target), 1 unexpected error,\n' +
  '2 bad flag or output path, 3 not verified (--out left unchanged), 130 interrupted (best weights kept aside).\n';

/** Makes training the program's own action, with its flags. */
export function registerTrain(program: Command, done: Done): void {
  addTrainFlags(program)
    .addHelpText('after', EXIT_STATUSES)
    .action(async (_options, command: Command) => {
      const options = trainOptionsOf(command); // a bad value throws: one line, exit 2 (main.ts)
      done(await train(options).catch((error: unknown) => reportError(error, options.verbose)));
    });
}

/** Trains, verifies with core and writes the model where its verdict allows; resolves to the exit status. */
async function train(options: TrainOptions): Promise<number> {
  const { config, json, out, report } = options;
  const unverified = (path: string) => sidePath(path, 'unverified');
  const interruptedOut = sidePath(out, 'interrupted');
  // Before TF.js loads and before any training: a bad path answers in a second.
  await checkOutputPaths([
    ['--out', out],
    ['--out (side file)', unverified(out)],
    ['--out (side file)', interruptedOut],
    ...(report
      ? ([
          ['--report', report],
          ['--report (side file)', unverified(report)],
        ] as const)
      : []),
  ]);
  const reporter = createReporter(config, { json, tty: Boolean(process.stdout.isTTY) });
  // Vega (the report) takes longer to load than TF.js, and is optional: only when a report is asked for.
  const [{ setupBackend }, { trainModel, TrainingInterrupted, usesAutodiff }, { createVerifyPool }, renderReport] =
    await Promise.all([
      import('../../node/backend.js'),
      import('../../pipeline.js'),
      import('../../node/verify-pool.js'),
      report ? loadReport() : null,
    ]);
  const verifier = config.arch === 'serial' ? createVerifyPool() : null; // its thread loads while training runs
  const backend = await setupBackend(options.backend, { autodiff: usesAutodiff(config) });
  reporter.info(`backend: ${backend.name} (${backend.reason})`, { backend: backend.name, reason: backend.reason });

  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT.interrupted); // second Ctrl-C: leave now; the model file is untouched either way
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    const model = await trainModel(
      config,
      backend,
      { onEpoch: (r) => reporter.epoch(r), shouldStop: () => interrupted },
      {},
      { runPlan: verifier?.run },
    );
    reporter.stop(model.result.epochsRun);
    const verdict = verdictOf(model);
    const place = placeModel(verdict, out, report, unverified, options.allowUnverified);
    await writeFileAtomic(place.out, `${JSON.stringify(model.weights)}\n`);
    if (place.report && renderReport) await writeFileAtomic(place.report, await renderReport(model.weights));
    const wrote = `wrote ${place.out}${place.report ? ` and ${place.report}` : ''}`;
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
    if (!interrupted) throw error;
    reporter.stop();
    if (!(error instanceof TrainingInterrupted)) {
      reporter.info(`interrupted before the first epoch ended: nothing to keep; ${out} left unchanged`, {
        event: 'interrupted',
        out: null,
      });
      return EXIT.interrupted;
    }
    await writeFileAtomic(interruptedOut, `${JSON.stringify(error.weights)}\n`);
    reporter.info(
      `interrupted: ${out} left unchanged; the best weights so far (epoch ${error.result.bestEpoch} of ${error.result.epochsRun}, not verified) are in ${interruptedOut}`,
      { event: 'interrupted', out: interruptedOut },
    );
    return EXIT.interrupted;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
