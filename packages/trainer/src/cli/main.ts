// lstm-adder-train: parse flags, start a backend, train, verify with core, write the model atomically.
import { ConfigError } from '../config.js';
import { writeFileAtomic } from '../node/atomic-write.js';
import type { TrainedModel } from '../pipeline.js';
import { CommanderError, parseCli } from './options.js';
import { createReporter } from './progress.js';

export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

export function summaryLine(m: TrainedModel): string {
  const v = m.verification;
  const meta = m.weights.meta as { digits: number; trainSeconds: number; epochsRun: number; stopReason: string };
  const head = `${m.weights.arch} H=${m.weights.hiddenSize}: ${meta.epochsRun} epochs (${meta.stopReason}) in ${meta.trainSeconds}s`;
  const parity = `max |TF.js − core| ${v.parity.maxAbsDiff.toExponential(2)}`;
  if (v.vector) {
    const held = v.vector.heldOut ? `, held-out ${v.vector.heldOut.correct}/${v.vector.heldOut.total}` : '';
    return `${head}; core: all pairs ${v.vector.allPairs.correct}/${v.vector.allPairs.total}${held}; ${parity}; ${meta.digits} digits`;
  }
  const widths = v.serial!.byWidth.map((w) => `${w.width}b ${w.correct}/${w.samples}`).join(', ');
  return `${head}; core: ${widths}; ${parity}; ${meta.digits} digits`;
}

export async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseCli(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' || error.code === 'commander.help' ? 0 : EXIT_USAGE;
    if (error instanceof ConfigError) { process.stderr.write(`error: ${error.message}\n`); return EXIT_USAGE; }
    throw error;
  }
  const { config, json } = options;
  const reporter = createReporter(config, { json, tty: Boolean(process.stdout.isTTY) });
  // TF.js and Vega load only once the flags are known to be good: bad input answers at once.
  const [{ BackendError, setupBackend }, { trainModel }, { renderReport }] = await Promise.all([
    import('../node/backend.js'), import('../pipeline.js'), import('../report/svg.js'),
  ]);
  let backend;
  try {
    backend = await setupBackend(options.backend);
  } catch (error) {
    if (error instanceof BackendError) { process.stderr.write(`error: ${error.message}\n`); return EXIT_USAGE; }
    throw error;
  }
  reporter.info(`backend: ${backend.name} (${backend.reason})`, { backend: backend.name, reason: backend.reason });

  let interrupted = false;
  const onSigint = () => {
    if (interrupted) process.exit(EXIT_INTERRUPTED); // second Ctrl-C: leave now; the model file is untouched either way
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    const model = await trainModel(config, backend, { onEpoch: (r) => reporter.epoch(r), shouldStop: () => interrupted });
    reporter.stop();
    if (interrupted) {
      reporter.info(`interrupted: ${options.out} left unchanged`, { interrupted: true });
      return EXIT_INTERRUPTED;
    }
    await writeFileAtomic(options.out, JSON.stringify(model.weights) + '\n');
    if (options.report) await writeFileAtomic(options.report, await renderReport(model.weights));
    const summary = summaryLine(model);
    if (json) reporter.info(summary, { event: 'summary', out: options.out, passed: model.verification.passed, verification: model.weights.meta.verification });
    else reporter.info(`${model.verification.passed ? 'verified' : 'NOT verified'}: ${summary}\nwrote ${options.out}${options.report ? ` and ${options.report}` : ''}`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

