// The lstm-adder-train program: training is its default command (`lstm-adder-train --arch serial --out m.json`),
// and each subcommand (`lstm-adder-train <name> …`) is a file under commands/ that registers itself here with
// `program.command(name)`, so it inherits the one-line error style and the exit override. The root's own flags are
// positional (read before a subcommand's name only), so a subcommand may reuse a flag name such as --json.
import { Command } from 'commander';
import { registerTrain } from './commands/train.js';

/** Reports a command's exit status (an action's result; main.ts exits with it). */
export type Done = (status: number) => void;

export function createProgram(done: Done): Command {
  const program = new Command('lstm-adder-train')
    .description(
      'Train an LSTM adder with TensorFlow.js, verify it with @lstm-adder/core, and write it as ' +
        'lstm-adder.weights/v1 JSON.',
    )
    // One line per error: commander's message, then where to look.
    .configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (see lstm-adder-train --help)\n`) })
    .exitOverride()
    .enablePositionalOptions()
    .allowExcessArguments(false);
  registerTrain(program, done);
  return program;
}
