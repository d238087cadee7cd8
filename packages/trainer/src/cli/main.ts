// Runs the lstm-adder-train program on argv and resolves to its exit status: a command's own, 0 for --help, 2 for a
// usage error (one line: commander's, or a refused flag value), else an unexpected error's (exit.ts).
import { CommanderError } from 'commander';
import { EXIT, reportError } from './exit.js';
import { createProgram } from './program.js';

const SHOWN = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

export async function main(argv: string[]): Promise<number> {
  let status: number = EXIT.ok;
  const program = createProgram((s) => {
    status = s;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) return SHOWN.has(error.code) ? EXIT.ok : EXIT.usage;
    return reportError(error, argv.includes('--verbose'));
  }
}
