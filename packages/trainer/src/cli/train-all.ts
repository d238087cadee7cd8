// `npm run train`: trains the models listed in train.config.json, verifies them with core and writes
// packages/core/models/<arch>.json and reports/<arch>.svg. The vector recipe holds 10% of the pairs out, and the
// shipped model is that model: its meta lists the pairs it never saw. A model core does not verify (for a
// held-out run: a training pair wrong) never replaces a file: it goes to scratch/ and the run exits 3; Ctrl-C or
// SIGTERM leaves every model file as it was, the weights so far in scratch/ (exit statuses: ./exit.ts).
import { readFile } from 'node:fs/promises';
import { quote, type Weights } from '@lstm-adder/core';
import { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';
import { BACKENDS, parseChoice, type TrainConfig } from '../config.js';
import { sidePath, writeFileAtomic, writeFilesAtomic } from '../node/atomic-write.js';
import { modelFiles } from '../node/model-output.js';
import { checkOutputPaths } from '../node/output-paths.js';
import { loadReport } from '../node/report.js';
import { interrupted, statusOf, trapSignals } from '../node/signals.js';
import type { TrainedModel } from '../pipeline.js';
import { verdictOf } from '../verdict.js';
import { EXIT, reportError } from './exit.js';
import { placeModel } from './model-files.js';
import { createReporter } from './progress.js';
import { readTrainFile } from './train-file.js';

/** The package's folder: this script runs built, from dist/. */
const root = fileURLToPath(new URL('..', import.meta.url));
trapSignals(); // first: Ctrl-C and SIGTERM at any point after this end in 130 and 143, no model file replaced
const program = new Command('npm run train')
  .option('--config <file>', 'what to train and where to write it', join(root, 'train.config.json'))
  .option('--allow-unverified', 'write a model core does not verify over the file anyway', false)
  .option('--verbose', 'print the stack of an unexpected error', false)
  .exitOverride()
  .allowExcessArguments(false);
const verbose = process.argv.includes('--verbose');
process.on('uncaughtException', (error) => process.exit(reportError(error, verbose)));
process.on('unhandledRejection', (error) => process.exit(reportError(error, verbose)));
/** A path as messages show it: relative to here, quoted (a config file's paths are the client's). */
const shown = (path: string) => quote(relative(process.cwd(), path) || path);
/** Where models that must not replace a committed file go (gitignored). */
const scratch = (path: string, tag: string) => join(root, 'scratch', sidePath(relative(dirname(path), path), tag));
const stop = () => interrupted() !== null;

let options: { config: string; allowUnverified: boolean; verbose: boolean };
try {
  options = program.parse(process.argv).opts();
} catch {
  process.exit(EXIT.usage);
}
const status = await trainAll().catch((error: unknown) => reportError(error, options.verbose));
process.exit(status);

/** Stopped by a signal: the model files as they were, the weights so far (if any) in scratch/. */
async function stopped(kept: { weights: unknown; side: string; what: string } | null): Promise<number> {
  if (kept) await writeFileAtomic(kept.side, `${JSON.stringify(kept.weights)}\n`);
  const where = kept ? `; ${kept.what} are in ${shown(kept.side)}` : '';
  console.log(`interrupted: the model files were left unchanged${where}`);
  return statusOf(interrupted()!);
}

async function trainAll(): Promise<number> {
  const jobs = await readTrainFile(options.config);
  const backendChoice = parseChoice(BACKENDS, process.env.TRAIN_BACKEND ?? 'auto', 'TRAIN_BACKEND');
  await checkOutputPaths(
    jobs.flatMap(
      (job) =>
        [
          ['out', job.out],
          ['report', job.report],
          ['side file', scratch(job.out, 'unverified')],
          ['certificate beside it', sidePath(job.out, 'certificate')],
          ['side file', scratch(job.report, 'unverified')],
          ['side file', scratch(job.out, 'interrupted')],
        ] as const,
    ),
  );
  const [{ setupBackend }, { trainModel, TrainingInterrupted }, renderReport, { createVerifyPool }] = await Promise.all(
    [import('../node/backend.js'), import('../pipeline.js'), loadReport(), import('../node/verify-pool.js')],
  );
  if (stop()) return stopped(null);
  const verifier = jobs.some((job) => job.config.arch === 'serial') ? createVerifyPool() : null;
  const backend = await setupBackend(backendChoice);
  console.log(`backend: ${backend.name} (${backend.reason})`);
  const started = performance.now();

  async function train(config: TrainConfig, label: string): Promise<TrainedModel> {
    const reporter = createReporter(config, { json: false, tty: Boolean(process.stdout.isTTY) });
    reporter.info(label);
    try {
      const model = await trainModel(
        config,
        backend,
        { onEpoch: (r) => reporter.epoch(r), onProof: (e) => reporter.proof(e), shouldStop: stop },
        {},
        { runPlan: verifier?.run, runProof: verifier?.prove },
      );
      reporter.stop(model.result.epochsRun);
      console.log(verdictOf(model).line);
      return model;
    } finally {
      reporter.stop();
    }
  }

  let status: number = EXIT.ok;
  for (const { entry, config, out, report } of jobs) {
    const side = scratch(out, 'interrupted');
    let model: TrainedModel;
    try {
      model = await train(config, `${entry.arch}: training`);
    } catch (error) {
      if (!stop()) throw error;
      if (!(error instanceof TrainingInterrupted)) return stopped(null); // before the first epoch ended
      const what = `the best weights so far (epoch ${error.result.bestEpoch}, not verified)`;
      return stopped({ weights: error.weights, side, what });
    }
    model.weights.meta.totalTrainSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
    const place = placeModel(
      verdictOf(model),
      out,
      report,
      (path) => scratch(path, 'unverified'),
      options.allowUnverified,
      (path) => relative(process.cwd(), path) || path,
    );
    status = Math.max(status, place.status);
    const previous = await readFile(out, 'utf8')
      .then((text) => JSON.parse(text) as Weights)
      .catch(() => null); // none, or not a model
    const written = modelFiles(model, place.out); // the model and its proof's certificate, if any
    // Same weights and verdict (same seed, recipe and backend): keep the files, whose only differences would be
    // wall times, so the committed model does not churn and turbo's next run is a cache hit.
    const unchanged = place.out === out && previous !== null && sameModel(previous, model.weights);
    const files: [string, string][] = unchanged
      ? [[report, await renderReport(previous)]]
      : [...written, [place.report!, await renderReport(model.weights)]];
    try {
      await writeFilesAtomic(files, stop); // the model and its report together, unless a signal came first
    } catch (error) {
      if (!stop()) throw error;
      return stopped({ weights: model.weights, side, what: 'the trained model and its verification' });
    }
    if (unchanged) console.log(`${shown(out)}: unchanged (identical weights and verification); wrote ${shown(report)}`);
    else console.log(`wrote ${files.map(([path]) => shown(path)).join(' and ')}`);
    if (place.note) console.log(place.note);
  }
  const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const failed =
    status === EXIT.unverified ? ` — a model did NOT meet its verification target (exit ${EXIT.unverified})` : '';
  console.log(`npm run train: ${((performance.now() - started) / 1000).toFixed(1)}s, finished ${at}${failed}`);
  // turbo prints this log again, word for word, when it restores the outputs from its cache.
  console.log(
    '(turbo replays this log on a cache hit: then the time above is when these models were trained, and nothing was ' +
      'trained now)',
  );
  return status;
}

/** Equal up to wall-clock figures: weights, recipe, backend and every verification number (a proof's time aside). */
function sameModel(a: Weights, b: Weights): boolean {
  const key = (w: Weights) =>
    JSON.stringify([
      w.lstm,
      w.dense,
      w.outputActivation,
      w.meta.config,
      w.meta.backend,
      { ...w.meta.verification, proof: { ...w.meta.verification?.proof, seconds: null } },
      w.meta.digits,
    ]);
  return key(a) === key(b);
}
