// The lstm-adder-train program: training is its default command (`lstm-adder-train --arch serial --out m.json`),
// and each subcommand (`lstm-adder-train <name> …`) is a file under commands/ that registers itself here with
// `program.command(name)`, so it inherits the one-line error style and the exit override. The root's own flags are
// positional (read before a subcommand's name only), so a subcommand may reuse a flag name such as --json.
import { Command } from 'commander';
import { quote } from '@lstm-adder/core';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerProve } from './commands/prove.js';
import { registerTrain } from './commands/train.js';
import { type Done, printable } from './exit.js';

/** Commander's error as one line, the option or command it echoes quoted by core's quote (argv is the client's). */
const oneLine = (text: string) => {
  const quoted = text.trimEnd().replace(/(unknown (?:option|command)) '(.*)'/s, (_, what: string, name: string) => {
    return `${what} ${quote(name)}`;
  });
  return printable(quoted.replace(/\n+/g, ' '));
};

export function createProgram(done: Done): Command {
  const program = new Command('lstm-adder-train')
    .description(
      'Train an LSTM adder with TensorFlow.js, verify it with @lstm-adder/core, and write it as ' +
        'lstm-adder.weights/v1 JSON.',
    )
    // One line per error: commander's message (what it echoes of argv quoted), then where to look.
    .configureOutput({ outputError: (text, write) => write(`${oneLine(text)} (see lstm-adder-train --help)\n`) })
    .exitOverride()
    .enablePositionalOptions()
    .allowExcessArguments(false);
  registerTrain(program, done);
  registerProve(program, done);
  registerImport(program, done);
  registerExport(program, done);
  return program;
}
